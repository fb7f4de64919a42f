// What a progress note addressed (issue 20): the client's diagnoses ticked for the session and its
// marks on the goals and objectives of the client's signed treatment plan. The editor offers them
// (notes.linkOptions), the draft keeps them, and signing stores a copy of each as it stood then.
import { z } from 'zod';
import { Id, optionalText, type FieldIssue } from './common.ts';
import { DIAGNOSIS_STATUS_LABELS, DiagnosisStatus, MAX_RANKED_DIAGNOSES } from './diagnoses.ts';
import { GoalProgress } from './plans.ts';

/** More than any chart holds; a longer list is not something the editor sends. */
export const MAX_ADDRESSED_DIAGNOSES = 50;
export const MAX_GOAL_MARKS = 100;
export const GOAL_COMMENT_MAX = 500;

/**
 * A diagnosis a note addressed, copied as it stood (its code, words and rank then): a note of
 * March shows March's diagnoses. A draft holds the copy of its last save; signing takes it again.
 */
export const AddressedDiagnosis = z.strictObject({
  diagnosisId: Id,
  code: z.string(),
  description: z.string(),
  rank: z.number().int().min(1).max(MAX_RANKED_DIAGNOSES).nullable(),
  /** Recorded in a 42 CFR Part 2 record: a release carries it only as Part 2 records go. */
  part2: z.boolean(),
});
export type AddressedDiagnosis = z.infer<typeof AddressedDiagnosis>;

/**
 * A note's mark on a goal (objectiveId null) or on one of its objectives, of the plan version it
 * was marked against, with the goal's and objective's words of that version.
 */
export const GoalMarkRecord = z.strictObject({
  planId: Id,
  planVersion: z.number().int().positive(),
  goalId: Id,
  goalText: z.string(),
  objectiveId: Id.nullable(),
  objectiveText: z.string().nullable(),
  progress: GoalProgress,
  comment: z.string().nullable(),
  /** Marked on a plan drawn up in a 42 CFR Part 2 record: a release names it only with that plan. */
  part2: z.boolean(),
});
export type GoalMarkRecord = z.infer<typeof GoalMarkRecord>;

/** A signed progress note's mark, as the plan view lists it per goal and objective (progressOnPlan). */
export const NoteGoalMark = z.strictObject({
  noteId: Id,
  serviceDate: z.string(),
  authorName: z.string(),
  goalId: Id,
  objectiveId: Id.nullable(),
  progress: GoalProgress,
  comment: z.string().nullable(),
});
export type NoteGoalMark = z.infer<typeof NoteGoalMark>;

/** A mark as the editor sends it: the goal (objectiveId null) or objective, its progress, a comment. */
export const GoalMarkInput = z.strictObject({
  goalId: Id,
  objectiveId: Id.nullable(),
  progress: GoalProgress,
  comment: optionalText('A progress comment', GOAL_COMMENT_MAX),
});
export type GoalMarkInput = z.input<typeof GoalMarkInput>;

const markKey = (m: { goalId: string; objectiveId: string | null }) => `${m.goalId}/${m.objectiveId ?? ''}`;

/** The draft's fields for what it addressed: each diagnosis and each goal or objective at most once. */
export const addressedDiagnosisIds = z
  .array(Id)
  .max(MAX_ADDRESSED_DIAGNOSES, 'Too many diagnoses.')
  .refine((ids) => new Set(ids).size === ids.length, 'A diagnosis is ticked twice.');
export const goalMarks = z
  .array(GoalMarkInput)
  .max(MAX_GOAL_MARKS, 'Too many goal marks.')
  .refine((ms) => new Set(ms.map(markKey)).size === ms.length, 'A goal or objective is marked twice.');

/** A diagnosis the editor offers: the client's current ones (active, in remission), ranked first. */
export const LinkDiagnosis = z.strictObject({
  diagnosisId: Id,
  code: z.string(),
  description: z.string(),
  rank: z.number().int().min(1).max(MAX_RANKED_DIAGNOSES).nullable(),
  status: DiagnosisStatus,
  /** Recorded in a 42 CFR Part 2 record: only a note marked Part 2 may address it (linkIssues). */
  part2: z.boolean(),
});
export type LinkDiagnosis = z.infer<typeof LinkDiagnosis>;

/** The goals and objectives of the client's current signed plan, as the editor lists them. */
export const LinkPlan = z.strictObject({
  planId: Id,
  version: z.number().int().positive(),
  /** Drawn up in a Part 2 record: only a note marked Part 2 may mark its goals (linkIssues). */
  part2: z.boolean(),
  problems: z.array(
    z.strictObject({
      id: Id,
      text: z.string(),
      goals: z.array(
        z.strictObject({
          id: Id,
          text: z.string(),
          objectives: z.array(z.strictObject({ id: Id, text: z.string() })),
        }),
      ),
    }),
  ),
});
export type LinkPlan = z.infer<typeof LinkPlan>;

export const NoteLinkOptions = z.strictObject({
  diagnoses: z.array(LinkDiagnosis),
  plan: LinkPlan.nullable(),
  /** A newer plan is drafted or waits for a signature: its goals can be marked once it is signed. */
  planPending: z.boolean(),
});
export type NoteLinkOptions = z.infer<typeof NoteLinkOptions>;

/** Diagnoses a session can address: not resolved, not entered in error. */
export const isCurrentDiagnosis = (status: DiagnosisStatus): boolean =>
  status === 'active' || status === 'in_remission';

/**
 * What a progress note's links need before it can be signed. One rule, shared: main checks it in
 * the signing transaction against the diagnoses and plan as they are then (any status: `diagnoses`
 * may hold resolved ones, named in the reason), and the editor's checklist shows the same list.
 * A psychotherapy note carries neither (main stores nothing for it).
 */
export function linkIssues(
  note: {
    kind: 'progress' | 'psychotherapy';
    /** The note is marked as substance-use information of the practice's Part 2 program. */
    part2: boolean;
    addressedDiagnosisIds: readonly string[];
    goalMarks: readonly { goalId: string; objectiveId: string | null }[];
  },
  facts: {
    diagnoses: readonly Pick<LinkDiagnosis, 'diagnosisId' | 'code' | 'status' | 'part2'>[];
    plan: LinkPlan | null;
  },
): FieldIssue[] {
  if (note.kind !== 'progress') return [];
  const issues: FieldIssue[] = [];
  const byId = new Map(facts.diagnoses.map((d) => [d.diagnosisId, d]));
  for (const id of note.addressedDiagnosisIds) {
    const d = byId.get(id);
    if (!d) {
      issues.push({
        path: 'addressedDiagnosisIds',
        message: 'A ticked diagnosis is no longer on the client’s list. Untick it to sign.',
      });
    } else if (!isCurrentDiagnosis(d.status)) {
      issues.push({
        path: 'addressedDiagnosisIds',
        message: `${d.code} is ${DIAGNOSIS_STATUS_LABELS[d.status].toLowerCase()}. Untick it to sign.`,
      });
    } else if (d.part2 && !note.part2) {
      // 42 CFR 2.12: a note that names a Part 2 diagnosis is itself Part 2 information, so it is
      // kept and released as a Part 2 record; unmarked, every reader of the note would see it.
      issues.push({
        path: 'addressedDiagnosisIds',
        message: `${d.code} was recorded in the Part 2 program: mark this note as Part 2, or untick ${d.code}.`,
      });
    }
  }
  // Only what this note may carry counts: a Part 2 diagnosis is not asked of an unmarked note.
  const hasActive = facts.diagnoses.some((d) => d.status === 'active' && (note.part2 || !d.part2));
  const addressesCurrent = note.addressedDiagnosisIds.some((id) => {
    const d = byId.get(id);
    return d !== undefined && isCurrentDiagnosis(d.status);
  });
  if (hasActive && !addressesCurrent) {
    issues.push({
      path: 'addressedDiagnosisIds',
      message: 'Tick at least one diagnosis this session addressed.',
    });
  }
  if (note.goalMarks.length > 0) {
    if (!facts.plan) {
      issues.push({
        path: 'goalMarks',
        message:
          'The client has no signed treatment plan, so goals cannot be marked. Remove the marks to sign.',
      });
    } else if (facts.plan.part2 && !note.part2) {
      issues.push({
        path: 'goalMarks',
        message:
          'The treatment plan was drawn up in the Part 2 program: mark this note as Part 2, or remove the goal marks.',
      });
    } else {
      const goals = new Map(
        facts.plan.problems
          .flatMap((p) => p.goals)
          .map((g) => [g.id, new Set(g.objectives.map((o) => o.id))]),
      );
      for (const m of note.goalMarks) {
        const objectives = goals.get(m.goalId);
        if (!objectives || (m.objectiveId !== null && !objectives.has(m.objectiveId))) {
          issues.push({
            path: 'goalMarks',
            message: 'A marked goal is not in the client’s current treatment plan. Remove its mark to sign.',
          });
        }
      }
    }
  }
  return issues;
}
