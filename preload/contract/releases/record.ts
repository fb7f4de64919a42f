// A release request as main returns it: its status, the authorizations on file, the selection and
// approval, a denial, its exports and what may happen next; and the shared pieces its channels use.
import { z } from 'zod';
import { Id } from '../common.ts';
import { CalendarDate, StaffRef } from '../clients.ts';
import { ReleaseDetails, ReleaseKind } from './details.ts';

export const ReleaseStatus = z.enum([
  'draft',
  'authorized',
  'approved',
  'exported',
  'denied',
  'revoked',
  'expired',
]);
export type ReleaseStatus = z.infer<typeof ReleaseStatus>;

export const RecordType = z.enum([
  'demographics',
  'intake',
  'consents',
  'screenings',
  'diagnoses',
  'treatment_plans',
  'progress_notes',
  'addenda',
  'psychotherapy_notes',
]);
export type RecordType = z.infer<typeof RecordType>;
export const RECORD_TYPE_LABELS: Record<RecordType, string> = {
  demographics: 'Identification and contact',
  intake: 'Intake assessment',
  consents: 'Consents on file',
  screenings: 'Assessments (PHQ-9, GAD-7)',
  diagnoses: 'Diagnoses',
  treatment_plans: 'Treatment plans',
  progress_notes: 'Progress notes',
  addenda: 'Addenda to those notes',
  psychotherapy_notes: 'Psychotherapy notes',
};

const NOTE_TYPES: readonly RecordType[] = ['progress_notes', 'psychotherapy_notes'];

/**
 * Addenda travel with their notes: chosen exactly when a kind of note is. Main releases a note with
 * every signed addendum to it whatever was ticked (records.ts, addendaWith); this keeps the
 * selection saying so.
 */
export function withAddenda(types: readonly RecordType[]): RecordType[] {
  const notes = types.some((t) => NOTE_TYPES.includes(t));
  const chosen = new Set<RecordType>(types.filter((t) => t !== 'addenda'));
  if (notes) chosen.add('addenda');
  return RecordType.options.filter((t) => chosen.has(t));
}

export const AuthorizationType = z.enum(['hipaa', 'psychotherapy_notes', 'part2'], {
  error: 'Choose the kind of authorization.',
});
export type AuthorizationType = z.infer<typeof AuthorizationType>;

export const Selection = z
  .strictObject({
    recordTypes: z
      .array(RecordType)
      .min(1, 'Choose at least one kind of record.')
      .max(RecordType.options.length),
    from: CalendarDate,
    to: CalendarDate,
    /** Include records of the practice's 42 CFR Part 2 program (needs a Part 2 consent or order). */
    includePart2: z.boolean(),
  })
  .refine((s) => s.from <= s.to, { path: ['to'], error: 'The end date is before the start date.' });
export type Selection = z.infer<typeof Selection>;

/**
 * Where the review starts: what the request's authority covers, decided in main (defaults.ts).
 * Kinds of record may be empty (an order or an emergency: the reviewer chooses); `source` says in
 * words where the choice came from.
 */
export const ReviewDefaults = z.strictObject({
  recordTypes: z.array(RecordType),
  from: z.string(),
  to: z.string(),
  includePart2: z.boolean(),
  source: z.string(),
});
export type ReviewDefaults = z.infer<typeof ReviewDefaults>;

export const DenialGround = z.enum([
  'psychotherapy_notes',
  'legal_proceedings',
  'other_unreviewable',
  'endanger_life_safety',
  'references_other_person',
  'representative_harm',
]);
export type DenialGround = z.infer<typeof DenialGround>;
/** 164.524(a)(2) unreviewable and (a)(3) reviewable grounds. */
export const DENIAL_GROUNDS: Record<DenialGround, { label: string; reviewable: boolean }> = {
  psychotherapy_notes: { label: 'The records are psychotherapy notes', reviewable: false },
  legal_proceedings: { label: 'Compiled in anticipation of a legal proceeding', reviewable: false },
  other_unreviewable: { label: 'Another ground in 45 CFR 164.524(a)(2)', reviewable: false },
  endanger_life_safety: {
    label:
      'Access is reasonably likely to endanger the life or physical safety of the client or another person',
    reviewable: true,
  },
  references_other_person: {
    label: 'The records reference another person and access is likely to cause that person substantial harm',
    reviewable: true,
  },
  representative_harm: {
    label: 'Access by this personal representative is likely to cause substantial harm',
    reviewable: true,
  },
};

export const AuthorizationRecord = z.strictObject({
  id: Id,
  type: AuthorizationType,
  recordTypes: z.array(RecordType),
  recordsFrom: z.string().nullable(),
  recordsTo: z.string().nullable(),
  description: z.string(),
  disclosingParty: z.string(),
  recipientName: z.string(),
  purpose: z.string(),
  expiresOn: z.string().nullable(),
  expiryEvent: z.string().nullable(),
  signedBy: z.string(),
  signedOn: z.string(),
  signerIsRepresentative: z.boolean(),
  representativeAuthority: z.string().nullable(),
  revokedOn: z.string().nullable(),
  /** When the revocation was entered (it takes effect from then). */
  revokedAt: z.string().nullable(),
  attachmentName: z.string().nullable(),
  state: z.enum(['valid', 'expired', 'revoked']),
});
export type AuthorizationRecord = z.infer<typeof AuthorizationRecord>;

export const ReleaseSummary = z.strictObject({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  chartNumber: z.string(),
  kind: ReleaseKind,
  status: ReleaseStatus,
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  /** For access requests: 'overdue', 'due-soon' (7 days or less), or null. */
  urgency: z.enum(['overdue', 'due-soon']).nullable(),
  recipientName: z.string(),
  assignedClinician: StaffRef,
  updatedAt: z.string(),
});
export type ReleaseSummary = z.infer<typeof ReleaseSummary>;

/** A request that waits for the signed-in person's decision (the review queue). */
export const ReviewQueueItem = z.strictObject({
  ...ReleaseSummary.shape,
  /** Sent back to review after an approval (a record changed, an authorization lapsed). */
  sentBack: z.boolean(),
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>;

export const ReleaseRecord = z.strictObject({
  summary: ReleaseSummary,
  details: ReleaseDetails,
  extension: z.strictObject({ reason: z.string(), notifiedOn: z.string(), newDueOn: z.string() }).nullable(),
  authorizations: z.array(AuthorizationRecord),
  selection: Selection.nullable(),
  /** While the request awaits review: the kinds of record and dates its authority covers. */
  reviewDefaults: ReviewDefaults.nullable(),
  approvedBy: StaffRef.nullable(),
  approvedAt: z.string().nullable(),
  /** The approval in force: who, in which role, and what it froze (counts by kind of record). */
  approval: z
    .strictObject({
      approvedBy: StaffRef,
      role: z.enum(['owner', 'clinician']),
      approvedAt: z.string(),
      records: z.array(z.strictObject({ label: z.string(), count: z.number().int() })),
    })
    .nullable(),
  /** Why the request went back to review (a record changed after approval, an authorization lapsed). */
  reviewNote: z.string().nullable(),
  /** Who may approve or deny: the client's assigned clinician or the owner. */
  reviewers: z.string(),
  denial: z
    .strictObject({
      ground: DenialGround.nullable(),
      reviewable: z.boolean(),
      explanation: z.string(),
      deniedBy: z.string(),
      deniedRole: z.enum(['owner', 'clinician']).nullable(),
      deniedAt: z.string(),
    })
    .nullable(),
  exports: z.array(
    z.strictObject({
      disclosedOn: z.string(),
      packageName: z.string().nullable(),
      manifestSha256: z.string().nullable(),
    }),
  ),
  /** What may happen next, decided in main (the UI mirrors it as a checklist). */
  next: z.strictObject({
    canAuthorize: z.boolean(),
    canApprove: z.boolean(),
    canDeny: z.boolean(),
    canExport: z.boolean(),
    blockers: z.array(z.string()),
  }),
});
export type ReleaseRecord = z.infer<typeof ReleaseRecord>;

/** Most release channels name the request they act on, and nothing else. */
export const RequestRef = z.strictObject({ requestId: Id });
/** Everyone who works a request; approving, denying and previewing are narrower (owner, clinician). */
export const releaseRoles = ['owner', 'clinician', 'front_desk'] as const;
