// A client's requests to restrict what the practice discloses (45 CFR 164.522(a), issue 19): which
// records, to whom and for what; the practice's agreement or refusal (a self-pay restriction cannot
// be refused); and its termination. An agreed restriction is enforced by the release code in main.
import { z } from 'zod';
import { CalendarDate, PastOrToday } from './clients.ts';
import { channel, Id, optionalLongText, optionalText, requiredLongText, requiredText } from './common.ts';
import { RecordType } from './releases/record.ts';

/** The purposes a restriction may name (164.522(a)(1)(i)(A): treatment, payment, operations). */
export const RestrictedPurpose = z.enum(['treatment', 'payment', 'operations'], {
  error: 'Choose a purpose.',
});
export type RestrictedPurpose = z.infer<typeof RestrictedPurpose>;
export const RESTRICTED_PURPOSE_LABELS: Record<RestrictedPurpose, string> = {
  treatment: 'treatment',
  payment: 'payment',
  operations: 'health care operations',
};

/** To whom the records are not to go: anyone, health plans (or one plan), or one named recipient. */
export const RestrictionRecipient = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('anyone') }),
    z.strictObject({ kind: z.literal('health_plan'), name: optionalText('Health plan', 200) }),
    z.strictObject({ kind: z.literal('named'), name: requiredText('Recipient', 200) }),
  ],
  { error: 'Choose to whom the restriction applies.' },
);
export type RestrictionRecipient = z.infer<typeof RestrictionRecipient>;

/** Which records: kinds (none: every kind), dates of service, specific notes (none: any note). */
export const RestrictionScope = z
  .strictObject({
    recordTypes: z.array(RecordType).max(RecordType.options.length),
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    noteIds: z.array(Id).max(200, 'Name at most 200 notes.'),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, {
    path: ['to'],
    error: 'The end date is before the start date.',
  });
export type RestrictionScope = z.infer<typeof RestrictionScope>;

export const RecordRestrictionInput = z
  .strictObject({
    clientId: Id,
    receivedOn: PastOrToday('The date received'),
    /** The request in the client's words (written, or oral and noted). */
    request: requiredLongText('The client’s request', 2000),
    /** 164.522(a)(1)(vi): care the client (or someone other than the plan) paid for in full. */
    selfPay: z.boolean(),
    scope: RestrictionScope,
    recipient: RestrictionRecipient,
    /** Empty: every purpose. */
    purposes: z.array(RestrictedPurpose).max(3),
  })
  .superRefine((r, ctx) => {
    if (!r.selfPay) return;
    // 164.522(a)(1)(vi): the restriction the practice must agree to is to a health plan, for
    // payment or operations, of the items or services paid for out of pocket (their dates).
    if (!r.scope.from || !r.scope.to)
      ctx.addIssue({
        code: 'custom',
        path: ['scope', 'from'],
        message: 'Give the dates of the care paid in full out of pocket.',
      });
    if (r.recipient.kind !== 'health_plan')
      ctx.addIssue({
        code: 'custom',
        path: ['recipient'],
        message: 'A self-pay restriction is a restriction on disclosure to a health plan.',
      });
    if (!r.purposes.includes('payment') || !r.purposes.includes('operations'))
      ctx.addIssue({
        code: 'custom',
        path: ['purposes'],
        message: 'A self-pay restriction covers payment and health care operations.',
      });
  });
export type RecordRestrictionInput = z.input<typeof RecordRestrictionInput>;

export const DecideRestrictionInput = z
  .strictObject({
    restrictionId: Id,
    decision: z.enum(['agree', 'decline'], { error: 'Agree or decline.' }),
    decidedOn: PastOrToday('The date of the decision'),
    reason: optionalLongText('Reason', 1000),
  })
  .refine((d) => d.decision === 'agree' || Boolean(d.reason), {
    path: ['reason'],
    error: 'Say why the practice declines.',
  });
export type DecideRestrictionInput = z.input<typeof DecideRestrictionInput>;

/** 164.522(a)(2): who ended the restriction and how. */
export const TerminationHow = z.enum(['client_written', 'client_oral', 'practice_notice'], {
  error: 'Choose how the restriction ends.',
});
export type TerminationHow = z.infer<typeof TerminationHow>;
export const TERMINATION_LABELS: Record<TerminationHow, string> = {
  client_written: 'The client asked in writing',
  client_oral: 'The client agreed orally (documented here)',
  practice_notice: 'The practice ends it and informs the client',
};

export const TerminateRestrictionInput = z.strictObject({
  restrictionId: Id,
  how: TerminationHow,
  on: PastOrToday('The date it ends'),
  /** The written request, the oral agreement as documented, or how the client was informed. */
  note: requiredLongText('Documentation', 1000),
});
export type TerminateRestrictionInput = z.input<typeof TerminateRestrictionInput>;

export const RestrictionStatus = z.enum(['requested', 'agreed', 'declined', 'terminated']);
export type RestrictionStatus = z.infer<typeof RestrictionStatus>;

export const Restriction = z.strictObject({
  id: Id,
  clientId: Id,
  receivedOn: CalendarDate,
  request: z.string(),
  selfPay: z.boolean(),
  scope: RestrictionScope,
  recipient: RestrictionRecipient,
  purposes: z.array(RestrictedPurpose),
  /** In words: what, to whom, for what ("Progress notes from Jan 5, 2026 …, not to health plans …"). */
  summary: z.string(),
  /** The notes it names, by date and kind (no content). */
  notes: z.array(z.strictObject({ id: Id, label: z.string() })),
  status: RestrictionStatus,
  decision: z.strictObject({ on: CalendarDate, by: z.string(), reason: z.string().nullable() }).nullable(),
  termination: z
    .strictObject({ how: TerminationHow, on: CalendarDate, by: z.string(), note: z.string() })
    .nullable(),
  /** What the restriction does today, in words. */
  effect: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Restriction = z.infer<typeof Restriction>;

export const RestrictionList = z.strictObject({
  restrictions: z.array(Restriction),
  /** The signed-in person may agree, decline and terminate (the primary clinician or the owner). */
  mayDecide: z.boolean(),
  /** The signed-in person may name specific notes (clinical access). */
  mayNameNotes: z.boolean(),
});
export type RestrictionList = z.infer<typeof RestrictionList>;

const restrictionRoles = ['owner', 'clinician', 'front_desk'] as const;

export const restrictionChannels = {
  /** A chart's register of restriction requests, newest first (kept six years: never deleted). */
  'restrictions.list': channel({
    input: z.strictObject({ clientId: Id }),
    output: RestrictionList,
    access: restrictionRoles,
  }),
  'restrictions.record': channel({
    input: RecordRestrictionInput,
    output: Restriction,
    access: restrictionRoles,
  }),
  /** Main decides per client: the primary clinician or the owner. */
  'restrictions.decide': channel({
    input: DecideRestrictionInput,
    output: Restriction,
    access: ['owner', 'clinician'],
  }),
  'restrictions.terminate': channel({
    input: TerminateRestrictionInput,
    output: Restriction,
    access: ['owner', 'clinician'],
  }),
} as const;
