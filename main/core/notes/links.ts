// What a progress note addressed (issue 20): the client's diagnoses and its marks on the goals and
// objectives of the client's signed treatment plan. The editor's options, the draft's copy (ids
// checked against the client's own records) and the copy taken in the signing transaction, read
// from the diagnoses and plans rooms then, never from what the renderer sent.
import type { Kysely } from 'kysely';
import type { DB, NoteRow } from '../../../db/schema.ts';
import type { Diagnosis } from '../../../preload/contract/diagnoses.ts';
import {
  isCurrentDiagnosis,
  linkIssues,
  type AddressedDiagnosis,
  type GoalMarkInput,
  type GoalMarkRecord,
  type LinkPlan,
  type NoteLinkOptions,
} from '../../../preload/contract/note-links.ts';
import type { TreatmentPlan } from '../../../preload/contract/plans.ts';
import type { FieldIssue } from '../../../preload/contract/common.ts';
import { diagnosesAsOf } from '../diagnoses/index.ts';
import { AppError } from '../errors.ts';
import { currentPlan, plansOf } from '../plans/index.ts';
import { parseNoteLinks } from './codecs.ts';

/** The note columns that hold what it addressed (JSON, or null: nothing). */
export interface LinkColumns {
  addressed_diagnoses: string | null;
  goal_progress: string | null;
}

type Mark = Omit<GoalMarkInput, 'comment'> & { comment?: string | null | undefined };

/**
 * What the reader may see of the client's diagnoses and plans: a Part 2 program's diagnosis or
 * plan only with the chart's Part 2 right (42 CFR 2.12(c)(3), as for Part 2 notes).
 */
const visible = <T extends { part2: boolean }>(items: T[], part2: boolean): T[] =>
  items.filter((i) => part2 || !i.part2);

const copyOf = (d: Diagnosis): AddressedDiagnosis => ({
  diagnosisId: d.id,
  code: d.code,
  description: d.description,
  rank: d.current.rank,
  part2: d.part2,
});

export function toLinkPlan(plan: TreatmentPlan): LinkPlan {
  return {
    planId: plan.id,
    version: plan.version,
    part2: plan.part2,
    problems: plan.content.problems.map((p) => ({
      id: p.id,
      text: p.text,
      goals: p.goals.map((g) => ({
        id: g.id,
        text: g.text,
        objectives: g.objectives.map((o) => ({ id: o.id, text: o.text })),
      })),
    })),
  };
}

/** The mark as stored, with the words of the plan version it was found in; null: not in that plan. */
function markIn(plan: TreatmentPlan, m: Mark): GoalMarkRecord | null {
  for (const p of plan.content.problems) {
    const goal = p.goals.find((g) => g.id === m.goalId);
    if (!goal) continue;
    const objective = m.objectiveId === null ? null : goal.objectives.find((o) => o.id === m.objectiveId);
    if (objective === undefined) return null;
    return {
      planId: plan.id,
      planVersion: plan.version,
      goalId: goal.id,
      goalText: goal.text,
      objectiveId: objective?.id ?? null,
      objectiveText: objective?.text ?? null,
      progress: m.progress,
      comment: m.comment ?? null,
      part2: plan.part2,
    };
  }
  return null;
}

/** The editor's choices for a progress note of this client: current diagnoses and the signed plan. */
export async function linkOptions(
  db: Kysely<DB>,
  clientId: string,
  part2: boolean,
): Promise<NoteLinkOptions> {
  const diagnoses = visible(await diagnosesAsOf(db, clientId), part2).filter((d) =>
    isCurrentDiagnosis(d.current.status),
  );
  const plans = visible(await plansOf(db, clientId), part2);
  const plan =
    visible(
      [await currentPlan(db, clientId)].flatMap((x) => (x ? [x] : [])),
      part2,
    )[0] ?? null;
  return {
    diagnoses: diagnoses.map((d) => ({
      diagnosisId: d.id,
      code: d.code,
      description: d.description,
      rank: d.current.rank,
      status: d.current.status,
      part2: d.part2,
    })),
    plan: plan ? toLinkPlan(plan) : null,
    planPending: plans.some(
      (p) => (p.status === 'draft' || p.status === 'awaiting_client') && p.version > (plan?.version ?? 0),
    ),
  };
}

const refused = (path: string, message: string): AppError =>
  new AppError('INVALID_INPUT', message, { fields: [{ path, message }] });

/**
 * A draft's links as saved: each id must be one of this client's diagnoses, goals or objectives
 * (of any plan version the author may read); whether they are current is checked at signing, so
 * an autosave never fails because a diagnosis was resolved meanwhile. Psychotherapy notes: none.
 */
export async function draftLinks(
  db: Kysely<DB>,
  clientId: string,
  part2: boolean,
  input: {
    kind: 'progress' | 'psychotherapy';
    addressedDiagnosisIds?: string[] | undefined;
    goalMarks?: Mark[] | undefined;
  },
): Promise<LinkColumns> {
  if (input.kind !== 'progress') return { addressed_diagnoses: null, goal_progress: null };
  let addressed: AddressedDiagnosis[] | null = null;
  if (input.addressedDiagnosisIds) {
    const ids = new Set(input.addressedDiagnosisIds);
    addressed = visible(await diagnosesAsOf(db, clientId), part2)
      .filter((d) => ids.has(d.id))
      .map(copyOf);
    if (addressed.length !== ids.size) {
      throw refused('addressedDiagnosisIds', 'A ticked diagnosis is not one of this client’s.');
    }
  }
  const marks = input.goalMarks ?? [];
  const stored: GoalMarkRecord[] = [];
  if (marks.length > 0) {
    // Newest version first: a goal is shown in the words of the latest plan that has it.
    const plans = visible(await plansOf(db, clientId), part2);
    for (const m of marks) {
      const found = plans.map((p) => markIn(p, m)).find((r) => r !== null);
      if (!found) throw refused('goalMarks', 'A marked goal is not in any of this client’s treatment plans.');
      stored.push(found);
    }
  }
  return {
    addressed_diagnoses: addressed === null ? null : JSON.stringify(addressed),
    goal_progress: stored.length === 0 ? null : JSON.stringify(stored),
  };
}

/**
 * The links a note is signed with, read in the signing transaction (`trx`) at the moment of
 * signing: the diagnoses ticked, copied as they stand now, and the goal marks, placed in the
 * current signed plan. `issues` says why not when linkIssues refuses (the editor's checklist shows
 * the same); a psychotherapy note carries neither.
 */
export async function signingLinks(
  trx: Kysely<DB>,
  note: NoteRow,
  part2: boolean,
  signedAt: string,
): Promise<{ columns: LinkColumns; issues: FieldIssue[] }> {
  const none = { addressed_diagnoses: null, goal_progress: null };
  if (note.kind !== 'progress') return { columns: none, issues: [] };
  const draft = parseNoteLinks(note);
  const ids = (draft.addressedDiagnoses ?? []).map((d) => d.diagnosisId);
  const marks = draft.goalProgress ?? [];
  const diagnoses = visible(await diagnosesAsOf(trx, note.client_id, signedAt), part2);
  const current = await currentPlan(trx, note.client_id);
  const plan = current && (part2 || !current.part2) ? current : null;
  const issues = linkIssues(
    { kind: note.kind, part2: note.part2 === 1, addressedDiagnosisIds: ids, goalMarks: marks },
    {
      diagnoses: diagnoses.map((d) => ({
        diagnosisId: d.id,
        code: d.code,
        status: d.current.status,
        part2: d.part2,
      })),
      plan: plan ? toLinkPlan(plan) : null,
    },
  );
  if (issues.length > 0) return { columns: none, issues };
  const chosen = new Set(ids);
  const addressed = diagnoses.filter((d) => chosen.has(d.id)).map(copyOf);
  const stored = plan ? marks.flatMap((m) => markIn(plan, m) ?? []) : [];
  return {
    columns: {
      addressed_diagnoses: addressed.length === 0 ? null : JSON.stringify(addressed),
      goal_progress: stored.length === 0 ? null : JSON.stringify(stored),
    },
    issues: [],
  };
}
