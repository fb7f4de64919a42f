// The treatment-plan channels (issue 20): a chart's plans, one plan opened with the notes that
// addressed its objectives and the screening trends, the drafting and signing steps, reviews, and
// the review interval setting. Kept apart from plans.ts, whose shapes the notes contract imports.
import { z } from 'zod';
import { CalendarDate, PastOrToday, StaffRef } from './clients.ts';
import { channel, Empty, Id, optionalLongText, optionalText, requiredText } from './common.ts';
import { DiagnosisStatus } from './diagnoses.ts';
import { NoteGoalMark } from './note-links.ts';
import { ClientSigner, PlanContent, TreatmentPlan } from './plans.ts';

const CLINICAL = ['owner', 'clinician'] as const;

/** The review interval (days from signing to the first review), a practice setting. */
export const DEFAULT_PLAN_REVIEW_DAYS = 90;
export const PlanSettings = z.strictObject({
  reviewDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(14, 'Reviews are at least 14 days apart.')
    .max(365, 'Review a plan at least once a year (365 days at most).'),
});
export type PlanSettings = z.infer<typeof PlanSettings>;

/** A diagnosis as a plan names it: code and words, and its status now (null: no longer on the chart). */
export const PlanDiagnosis = z.strictObject({
  id: Id,
  code: z.string(),
  description: z.string(),
  status: DiagnosisStatus.nullable(),
});
export type PlanDiagnosis = z.infer<typeof PlanDiagnosis>;

export const PlanReviewOutcome = z.enum(['continue', 'revise'], {
  error: 'Choose the outcome of the review.',
});
export type PlanReviewOutcome = z.infer<typeof PlanReviewOutcome>;
export const PLAN_REVIEW_OUTCOME_LABELS: Record<PlanReviewOutcome, string> = {
  continue: 'Continue the plan',
  revise: 'Revise the plan',
};

export const PlanReview = z.strictObject({
  id: Id,
  planId: Id,
  planVersion: z.number().int().positive(),
  reviewedOn: CalendarDate,
  outcome: PlanReviewOutcome,
  nextReviewOn: CalendarDate.nullable(),
  comment: z.string().nullable(),
  reviewedBy: StaffRef,
  recordedAt: z.string(),
});
export type PlanReview = z.infer<typeof PlanReview>;

/** One screening total on the chart, for a PHQ-9 or GAD-7 objective's trend. */
export const ScorePoint = z.strictObject({ on: CalendarDate, score: z.number() });
export type ScorePoint = z.infer<typeof ScorePoint>;
export const ScoreTrends = z.strictObject({ phq9: z.array(ScorePoint), gad7: z.array(ScorePoint) });
export type ScoreTrends = z.infer<typeof ScoreTrends>;

/** What the reader may do with a plan version, decided in main. */
export const PlanRights = z.strictObject({
  edit: z.boolean(),
  signAsClinician: z.boolean(),
  recordClientSignature: z.boolean(),
  review: z.boolean(),
  revise: z.boolean(),
});
export type PlanRights = z.infer<typeof PlanRights>;

/** The Treatment plan tab: every version the reader may open, the reviews, what drafting offers. */
export const ClientPlans = z.strictObject({
  plans: z.array(TreatmentPlan),
  reviews: z.array(PlanReview),
  /** The client's current diagnoses, for the problems to address. */
  diagnoses: z.array(PlanDiagnosis),
  /** The latest screening totals, offered as baselines. */
  latestScores: z.strictObject({ phq9: ScorePoint.nullable(), gad7: ScorePoint.nullable() }),
  /** A new plan may be drafted (no draft or unsigned version is open). */
  canStart: z.boolean(),
});
export type ClientPlans = z.infer<typeof ClientPlans>;

export const PlanView = z.strictObject({
  plan: TreatmentPlan,
  reviews: z.array(PlanReview),
  /** The diagnoses the plan names, by code and words. */
  diagnoses: z.array(PlanDiagnosis),
  /** The marks of signed progress notes on this plan's goals and objectives (any version). */
  marks: z.array(NoteGoalMark),
  trends: ScoreTrends,
  rights: PlanRights,
});
export type PlanView = z.infer<typeof PlanView>;

export const SavePlanDraftInput = z.strictObject({
  planId: Id,
  content: PlanContent,
  reviewDueOn: CalendarDate,
  /** This plan is a record of the practice's 42 CFR Part 2 program. */
  part2: z.boolean(),
});
export type SavePlanDraftInput = z.input<typeof SavePlanDraftInput>;

export const RecordClientSignatureInput = z
  .strictObject({
    planId: Id,
    signer: ClientSigner,
    signerName: requiredText('The signer’s name', 200),
    /** A representative's authority ("Parent of a minor", "Health care power of attorney"). */
    authority: optionalText('Authority', 300),
    signedOn: PastOrToday('The date signed'),
  })
  .refine((s) => s.signer === 'client' || Boolean(s.authority), {
    path: ['authority'],
    error: 'Record the representative’s authority to sign for the client.',
  });
export type RecordClientSignatureInput = z.input<typeof RecordClientSignatureInput>;

export const RecordPlanReviewInput = z
  .strictObject({
    planId: Id,
    reviewedOn: PastOrToday('The review date'),
    outcome: PlanReviewOutcome,
    nextReviewOn: CalendarDate.optional(),
    comment: optionalLongText('Comment', 2000),
  })
  .refine((r) => r.outcome === 'revise' || Boolean(r.nextReviewOn), {
    path: ['nextReviewOn'],
    error: 'Give the date of the next review.',
  })
  .refine((r) => !r.nextReviewOn || r.nextReviewOn > r.reviewedOn, {
    path: ['nextReviewOn'],
    error: 'The next review is after this one.',
  });
export type RecordPlanReviewInput = z.input<typeof RecordPlanReviewInput>;

/** A plan whose review is due soon or overdue, for the clinician's home screen. */
export const PlanReviewDue = z.strictObject({
  planId: Id,
  clientId: Id,
  clientName: z.string(),
  version: z.number().int().positive(),
  reviewDueOn: CalendarDate,
  urgency: z.enum(['overdue', 'due-soon']),
  href: z.string(),
});
export type PlanReviewDue = z.infer<typeof PlanReviewDue>;

const PlanRef = z.strictObject({ planId: Id });

export const planChannels = {
  'plans.ofClient': channel({
    input: z.strictObject({ clientId: Id }),
    output: ClientPlans,
    access: CLINICAL,
  }),
  'plans.get': channel({ input: PlanRef, output: PlanView, access: CLINICAL }),
  /** The first plan, or a revision of the current signed one (content copied, ids kept). */
  'plans.createDraft': channel({
    input: z.strictObject({ clientId: Id }),
    output: PlanView,
    access: CLINICAL,
  }),
  'plans.saveDraft': channel({
    input: SavePlanDraftInput,
    output: z.strictObject({ savedAt: z.string() }),
    access: CLINICAL,
    duringLock: true,
  }),
  'plans.discardDraft': channel({ input: PlanRef, output: z.null(), access: CLINICAL }),
  'plans.signAsClinician': channel({ input: PlanRef, output: PlanView, access: CLINICAL }),
  'plans.recordClientSignature': channel({
    input: RecordClientSignatureInput,
    output: PlanView,
    access: CLINICAL,
  }),
  'plans.recordReview': channel({ input: RecordPlanReviewInput, output: PlanView, access: CLINICAL }),
  /** Plans of the reader's clients whose review is due soon or overdue. */
  'plans.reviewsDue': channel({ input: Empty, output: z.array(PlanReviewDue), access: CLINICAL }),
  'plans.settings': channel({ input: Empty, output: PlanSettings, access: CLINICAL }),
  'plans.updateSettings': channel({ input: PlanSettings, output: PlanSettings, access: ['owner'] }),
} as const;
