// Treatment plans (issue 20): problems, each with goals; each goal with measurable objectives (a
// measure, a baseline, a target and a target date); interventions with modality and frequency;
// the diagnoses the plan addresses. Drafted, signed by the clinician and by the client or their
// representative, then locked: a revision is a new version and the old one is kept.
import { z } from 'zod';
import { CalendarDate, StaffRef } from './clients.ts';
import { Id } from './common.ts';

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

export const PlanObjective = z.strictObject({
  /** Stable across revisions, so a note's progress mark follows the objective into the next version. */
  id: Id,
  text: z.string(),
  measure: Measure,
  /** The measure's name when it is "other" ("Nights a week sleeping 6 hours or more"). */
  measureLabel: z.string().nullable(),
  baseline: z.number().nullable(),
  target: z.strictObject({ direction: TargetDirection, value: z.number() }).nullable(),
  targetDate: CalendarDate.nullable(),
});
export type PlanObjective = z.infer<typeof PlanObjective>;

export const PlanGoal = z.strictObject({ id: Id, text: z.string(), objectives: z.array(PlanObjective) });
export type PlanGoal = z.infer<typeof PlanGoal>;

export const PlanProblem = z.strictObject({
  id: Id,
  text: z.string(),
  /** The client's diagnoses (Diagnosis.id) this problem addresses. */
  diagnosisIds: z.array(Id),
  goals: z.array(PlanGoal),
});
export type PlanProblem = z.infer<typeof PlanProblem>;

export const PlanIntervention = z.strictObject({
  id: Id,
  text: z.string(),
  /** "Individual CBT", "Family therapy" … */
  modality: z.string(),
  /** "Weekly, 50 minutes" … */
  frequency: z.string(),
  problemIds: z.array(Id),
});
export type PlanIntervention = z.infer<typeof PlanIntervention>;

export const PlanContent = z.strictObject({
  problems: z.array(PlanProblem),
  interventions: z.array(PlanIntervention),
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
