// Treatment plans (issue 20): problems, each with goals; each goal with measurable objectives (a
// measure, a baseline, a target and a target date); interventions with modality and frequency;
// the diagnoses the plan addresses. Drafted, signed by the clinician and by the client or their
// representative, then locked: a revision is a new version and the old one is kept.
import { z } from 'zod';
import { CalendarDate, StaffRef } from './clients.ts';
import { Id, multiLineText, singleLineText, type FieldIssue } from './common.ts';

/** What an objective is measured by. PHQ-9 and GAD-7 totals come from the chart's screenings. */
export const Measure = z.enum(['phq9', 'gad7', 'other'], { error: 'Choose how the objective is measured.' });
export type Measure = z.infer<typeof Measure>;
export const MEASURE_LABELS: Record<Measure, string> = {
  phq9: 'PHQ-9 total score',
  gad7: 'GAD-7 total score',
  other: 'Other measure',
};
/** LOINC codes of the measures that have one (PHQ-9 total 44261-6, GAD-7 total 70274-6). */
export const MEASURE_LOINC: Partial<Record<Measure, { code: string; display: string }>> = {
  phq9: { code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]' },
  gad7: {
    code: '70274-6',
    display: 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]',
  },
};

export const TargetDirection = z.enum(['below', 'at_most', 'at_least', 'above']);
export type TargetDirection = z.infer<typeof TargetDirection>;
export const TARGET_DIRECTION_LABELS: Record<TargetDirection, string> = {
  below: 'below',
  at_most: 'at most',
  at_least: 'at least',
  above: 'above',
};

/** Longest text of one problem, goal, objective or intervention. */
export const PLAN_TEXT_MAX = 2000;
/** More than any plan holds: 20 problems, 10 goals each, 10 objectives each, 50 interventions. */
export const PLAN_LIMITS = { problems: 20, goals: 10, objectives: 10, interventions: 50 } as const;
/** The highest total of each screening (PHQ-9: 9 items of 0–3; GAD-7: 7 items). */
export const MEASURE_MAX: Partial<Record<Measure, number>> = { phq9: 27, gad7: 21 };

const Score = z
  .number({ error: 'Enter a number.' })
  .refine(Number.isFinite, 'Enter a number.')
  .min(-1_000_000, 'Enter a smaller number.')
  .max(1_000_000, 'Enter a smaller number.');

export const PlanObjective = z.strictObject({
  /** Stable across revisions, so a note's progress mark follows the objective into the next version. */
  id: Id,
  text: multiLineText('An objective', PLAN_TEXT_MAX, { trim: false }),
  measure: Measure,
  /** The measure's name when it is "other" ("Nights a week sleeping 6 hours or more"). */
  measureLabel: singleLineText('The measure’s name', 200).nullable(),
  baseline: Score.nullable(),
  target: z.strictObject({ direction: TargetDirection, value: Score }).nullable(),
  targetDate: CalendarDate.nullable(),
});
export type PlanObjective = z.infer<typeof PlanObjective>;

export const PlanGoal = z.strictObject({
  id: Id,
  text: multiLineText('A goal', PLAN_TEXT_MAX, { trim: false }),
  objectives: z.array(PlanObjective).max(PLAN_LIMITS.objectives, 'A goal holds at most 10 objectives.'),
});
export type PlanGoal = z.infer<typeof PlanGoal>;

export const PlanProblem = z.strictObject({
  id: Id,
  text: multiLineText('A problem', PLAN_TEXT_MAX, { trim: false }),
  /** The client's diagnoses (Diagnosis.id) this problem addresses. */
  diagnosisIds: z.array(Id).max(50),
  goals: z.array(PlanGoal).max(PLAN_LIMITS.goals, 'A problem holds at most 10 goals.'),
});
export type PlanProblem = z.infer<typeof PlanProblem>;

export const PlanIntervention = z.strictObject({
  id: Id,
  text: multiLineText('An intervention', PLAN_TEXT_MAX, { trim: false }),
  /** "Individual CBT", "Family therapy" … */
  modality: singleLineText('The modality', 200),
  /** "Weekly, 50 minutes" … */
  frequency: singleLineText('The frequency', 200),
  problemIds: z.array(Id).max(PLAN_LIMITS.problems),
});
export type PlanIntervention = z.infer<typeof PlanIntervention>;

/** A plan's content as saved (a draft may be incomplete); planIssues says what signing still needs. */
export const PlanContent = z.strictObject({
  problems: z.array(PlanProblem).max(PLAN_LIMITS.problems, 'A plan holds at most 20 problems.'),
  interventions: z
    .array(PlanIntervention)
    .max(PLAN_LIMITS.interventions, 'A plan holds at most 50 interventions.'),
});
export type PlanContent = z.infer<typeof PlanContent>;

export const PlanStatus = z.enum(['draft', 'awaiting_client', 'signed', 'superseded']);
export type PlanStatus = z.infer<typeof PlanStatus>;
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draft',
  awaiting_client: 'Awaiting client signature',
  signed: 'Signed',
  superseded: 'Superseded',
};

export const ClientSigner = z.enum(['client', 'representative']);
export type ClientSigner = z.infer<typeof ClientSigner>;

/** One version of a client's treatment plan. */
export const TreatmentPlan = z.strictObject({
  id: Id,
  clientId: Id,
  version: z.number().int().positive(),
  /** The version this one revises (null for the first). */
  previousId: Id.nullable(),
  status: PlanStatus,
  content: PlanContent,
  reviewDueOn: CalendarDate,
  /** Drawn up by a Part 2 program: released only as Part 2 records are. */
  part2: z.boolean(),
  createdBy: StaffRef,
  createdAt: z.string(),
  clinicianSignature: z.strictObject({ by: StaffRef, at: z.string() }).nullable(),
  clientSignature: z
    .strictObject({
      signerName: z.string(),
      signer: ClientSigner,
      /** A representative's authority, as recorded ("Parent of a minor", "Health care power of attorney"). */
      authority: z.string().nullable(),
      signedOn: CalendarDate,
      recordedBy: StaffRef,
      recordedAt: z.string(),
    })
    .nullable(),
  supersededAt: z.string().nullable(),
  /** SHA-256 of the signed content and the clinician's signature (null while a draft). */
  contentHash: z.string().nullable(),
  /**
   * 'unsigned' for a draft; 'ok' when the stored hashes match what is stored; 'altered' when a
   * signed plan's content or a signature changed after signing (shown as such, never silently).
   */
  integrity: z.enum(['unsigned', 'ok', 'altered']),
});
export type TreatmentPlan = z.infer<typeof TreatmentPlan>;

/** A progress note's mark on a goal (or one of its objectives) of a signed plan. */
export const GoalProgress = z.enum(['progressing', 'no_change', 'regressed', 'met'], {
  error: 'Choose the progress toward the goal.',
});
export type GoalProgress = z.infer<typeof GoalProgress>;
export const GOAL_PROGRESS_LABELS: Record<GoalProgress, string> = {
  progressing: 'Progressing',
  no_change: 'No change',
  regressed: 'Regressed',
  met: 'Met',
};

/**
 * What a plan needs before the clinician signs it. Shared: main refuses to sign without it, and the
 * editor shows the same list. Every objective is measurable: a measure, a target and a target date.
 */
export function planIssues(content: PlanContent, reviewDueOn: string, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const need = (path: string, message: string) => issues.push({ path, message });
  if (content.problems.length === 0) need('problems', 'Add at least one problem.');
  content.problems.forEach((p, i) => {
    const at = `problems.${String(i)}`;
    if (!p.text.trim()) need(`${at}.text`, `Describe problem ${String(i + 1)}.`);
    if (p.goals.length === 0) need(`${at}.goals`, `Give problem ${String(i + 1)} at least one goal.`);
    p.goals.forEach((g, j) => {
      const gat = `${at}.goals.${String(j)}`;
      const name = `goal ${String(i + 1)}.${String(j + 1)}`;
      if (!g.text.trim()) need(`${gat}.text`, `Describe ${name}.`);
      if (g.objectives.length === 0) need(`${gat}.objectives`, `Give ${name} at least one objective.`);
      g.objectives.forEach((o, k) => {
        const oat = `${gat}.objectives.${String(k)}`;
        const oname = `objective ${String(i + 1)}.${String(j + 1)}.${String(k + 1)}`;
        if (!o.text.trim()) need(`${oat}.text`, `Describe ${oname}.`);
        if (o.measure === 'other' && !o.measureLabel?.trim())
          need(`${oat}.measureLabel`, `Name what ${oname} is measured by.`);
        if (!o.target) need(`${oat}.target`, `Give ${oname} a target.`);
        if (!o.targetDate) need(`${oat}.targetDate`, `Give ${oname} a target date.`);
        else if (o.targetDate <= today) need(`${oat}.targetDate`, `The target date of ${oname} has passed.`);
        const max = MEASURE_MAX[o.measure];
        if (max !== undefined) {
          const label = MEASURE_LABELS[o.measure];
          const outside = (v: number) => !Number.isInteger(v) || v < 0 || v > max;
          if (o.target && outside(o.target.value))
            need(`${oat}.target.value`, `A ${label} is a whole number from 0 to ${String(max)}.`);
          if (o.baseline !== null && outside(o.baseline))
            need(`${oat}.baseline`, `A ${label} is a whole number from 0 to ${String(max)}.`);
        }
      });
    });
  });
  if (content.interventions.length === 0) need('interventions', 'Add at least one intervention.');
  const problemIds = new Set(content.problems.map((p) => p.id));
  content.interventions.forEach((v, i) => {
    const at = `interventions.${String(i)}`;
    if (!v.text.trim()) need(`${at}.text`, `Describe intervention ${String(i + 1)}.`);
    if (!v.modality.trim()) need(`${at}.modality`, `Give the modality of intervention ${String(i + 1)}.`);
    if (!v.frequency.trim()) need(`${at}.frequency`, `Give the frequency of intervention ${String(i + 1)}.`);
    if (v.problemIds.some((id) => !problemIds.has(id)))
      need(
        `${at}.problemIds`,
        `Intervention ${String(i + 1)} names a problem that is no longer in the plan.`,
      );
  });
  if (reviewDueOn <= today) need('reviewDueOn', 'The review date must be after today.');
  return issues;
}

/** Every id in a plan is used once (problems, goals, objectives and interventions together). */
export function duplicateIds(content: PlanContent): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  const see = (id: string) => {
    if (seen.has(id)) twice.add(id);
    seen.add(id);
  };
  for (const p of content.problems) {
    see(p.id);
    for (const g of p.goals) {
      see(g.id);
      for (const o of g.objectives) see(o.id);
    }
  }
  for (const v of content.interventions) see(v.id);
  return [...twice];
}

/** "PHQ-9 total score below 10 by 03/01/2027": an objective's target in words. */
export function targetWords(o: PlanObjective, usDate: (d: string) => string): string {
  const measure = o.measure === 'other' ? (o.measureLabel ?? 'Measure') : MEASURE_LABELS[o.measure];
  const target = o.target ? ` ${TARGET_DIRECTION_LABELS[o.target.direction]} ${String(o.target.value)}` : '';
  const by = o.targetDate ? ` by ${usDate(o.targetDate)}` : '';
  return `${measure}${target}${by}`;
}

/** Whether a score meets an objective's target. */
export function meetsTarget(value: number, target: { direction: TargetDirection; value: number }): boolean {
  switch (target.direction) {
    case 'below':
      return value < target.value;
    case 'at_most':
      return value <= target.value;
    case 'at_least':
      return value >= target.value;
    case 'above':
      return value > target.value;
  }
}
