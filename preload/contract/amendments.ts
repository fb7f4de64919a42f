// A client's requests to amend their record (45 CFR 164.526, issue 19): recording the written
// request with its clock, the one extension, the decision (accept and append, or deny with one of
// the four bases), the client's statement of disagreement and the practice's rebuttal, whom to tell
// of an accepted amendment, and the letters. Main decides who may do each; the renderer mirrors it.
import { z } from 'zod';
import { CalendarDate, PastOrToday } from './clients.ts';
import { channel, Id, optionalText, requiredLongText, requiredText } from './common.ts';

/** The kinds of record a request may name: the release's item kinds (release_approval_items). */
export const AmendedItemKind = z.enum([
  'demographics',
  'intake',
  'substance_use',
  'consent',
  'screening',
  'note',
  'addendum',
]);
export type AmendedItemKind = z.infer<typeof AmendedItemKind>;

export const AmendedRecordRef = z.strictObject({ itemKind: AmendedItemKind, recordId: Id });

/** 164.526(a)(2): the only grounds on which a request may be denied. */
export const DenialBasis = z.enum(
  ['not_created_here', 'not_in_record_set', 'not_open_to_access', 'accurate_complete'],
  {
    error: 'Choose the basis of the denial.',
  },
);
export type DenialBasis = z.infer<typeof DenialBasis>;

export const DENIAL_BASIS_LABELS: Record<DenialBasis, string> = {
  not_created_here: 'Not created by this practice',
  not_in_record_set: 'Not part of the designated record set',
  not_open_to_access: 'Not available for inspection by the client',
  accurate_complete: 'Accurate and complete',
};

/** Limits on what is typed; the statement's limit is shown to the client (164.526(d)(3) allows one). */
export const REQUEST_TEXT_MAX = 4000;
export const AMENDMENT_TEXT_MAX = 8000;
export const EXPLANATION_MAX = 2000;
export const STATEMENT_MAX = 2000;
export const REBUTTAL_MAX = 2000;
export const RECORDS_MAX = 50;
export const NOTIFY_MAX = 30;

export const NotifyPerson = z.strictObject({
  name: requiredText('Name', 200),
  address: optionalText('Address', 500),
});

export const CreateAmendmentInput = z.strictObject({
  clientId: Id,
  receivedOn: PastOrToday('The date received'),
  requestText: requiredLongText('The client’s request', REQUEST_TEXT_MAX),
  records: z
    .array(AmendedRecordRef)
    .min(1, 'Choose at least one record the client asks to amend.')
    .max(RECORDS_MAX, `Choose at most ${String(RECORDS_MAX)} records.`),
  /** 164.526(d)(1)(iii): if denied and no statement is filed, send the request and denial with later disclosures. */
  includeIfDenied: z.boolean(),
  /** People the client names to be told if the amendment is accepted (164.526(c)(3)(i)). */
  notify: z
    .array(NotifyPerson)
    .max(NOTIFY_MAX, `Name at most ${String(NOTIFY_MAX)} people.`)
    .default([]),
});
export type CreateAmendmentInput = z.input<typeof CreateAmendmentInput>;

export const AmendmentRef = z.strictObject({ requestId: Id });

export const ExtendAmendmentInput = z.strictObject({
  requestId: Id,
  reason: requiredLongText('The reason for the delay', 1000),
  notifiedOn: PastOrToday('The date the client was told'),
});
export const AcceptAmendmentInput = z.strictObject({
  requestId: Id,
  amendmentText: requiredLongText('The amendment', AMENDMENT_TEXT_MAX),
});
export const DenyAmendmentInput = z.strictObject({
  requestId: Id,
  basis: DenialBasis,
  explanation: requiredLongText('The explanation', EXPLANATION_MAX),
});
export const StatementInput = z.strictObject({
  requestId: Id,
  text: requiredLongText('The statement of disagreement', STATEMENT_MAX),
  filedOn: PastOrToday('The date filed'),
});
export const RebuttalInput = z.strictObject({
  requestId: Id,
  text: requiredLongText('The rebuttal', REBUTTAL_MAX),
  writtenOn: PastOrToday('The date written'),
});
export const IncludeInput = z.strictObject({
  requestId: Id,
  include: z.boolean(),
  askedOn: PastOrToday('The date the client asked'),
});

export const NoticeSource = z.enum(['client', 'disclosure_log']);
export const ProposedNotice = z.strictObject({
  name: z.string(),
  address: z.string().nullable(),
  source: NoticeSource,
  /** The disclosure it comes from (source 'disclosure_log'). */
  disclosureId: Id.nullable(),
  /** When they received the affected records. */
  disclosedOn: CalendarDate.nullable(),
});
export type ProposedNotice = z.infer<typeof ProposedNotice>;

export const AgreeNoticesInput = z.strictObject({
  requestId: Id,
  agreedOn: PastOrToday('The date the client agreed'),
  recipients: z
    .array(
      z.strictObject({
        name: requiredText('Name', 200),
        address: optionalText('Address', 500),
        source: NoticeSource,
        disclosureId: Id.nullable(),
      }),
    )
    .max(NOTIFY_MAX + 100, 'Too many people to notify.'),
});

export const LetterKind = z.enum(['acceptance', 'denial', 'rebuttal', 'notice', 'extension']);
export type LetterKind = z.infer<typeof LetterKind>;
export const WriteLetterInput = z.strictObject({
  requestId: Id,
  kind: LetterKind,
  /** For a notice: which agreed recipient. */
  noticeId: Id.optional(),
});

export const AmendmentStatus = z.enum(['open', 'accepted', 'denied']);
/** The clock as the list shows it: received (running), extended, overdue, or answered. */
export const ClockState = z.enum(['received', 'extended', 'overdue', 'decided']);
export type ClockState = z.infer<typeof ClockState>;

export const AmendmentRecordView = z.strictObject({
  itemKind: AmendedItemKind,
  recordId: Id,
  label: z.string(),
});

export const AmendmentView = z.strictObject({
  id: Id,
  clientId: Id,
  receivedOn: CalendarDate,
  requestText: z.string(),
  records: z.array(AmendmentRecordView),
  includeIfDenied: z.boolean(),
  includeAskedOn: CalendarDate.nullable(),
  /** The due date in force (the extended one once extended). */
  dueOn: CalendarDate,
  extension: z
    .strictObject({ reason: z.string(), notifiedOn: CalendarDate, newDueOn: CalendarDate })
    .nullable(),
  status: AmendmentStatus,
  clock: ClockState,
  decision: z
    .strictObject({
      outcome: z.enum(['accepted', 'denied']),
      decidedOn: CalendarDate,
      decidedBy: z.string(),
      decidedAs: z.enum(['author', 'primary', 'custodian']),
      /** Clinical content: null for front desk. */
      amendmentText: z.string().nullable(),
      basis: DenialBasis.nullable(),
      explanation: z.string().nullable(),
    })
    .nullable(),
  statement: z.strictObject({ text: z.string(), filedOn: CalendarDate }).nullable(),
  /** The rebuttal's text is clinical content: null for front desk. */
  rebuttal: z
    .strictObject({ text: z.string().nullable(), writtenOn: CalendarDate, by: z.string() })
    .nullable(),
  notifyAgreedOn: CalendarDate.nullable(),
  notices: z.array(
    z.strictObject({
      id: Id,
      name: z.string(),
      address: z.string().nullable(),
      source: NoticeSource,
      letterWritten: z.boolean(),
    }),
  ),
  /** Named by the client at the request, to be proposed when the list is made. */
  namedByClient: z.array(z.strictObject({ name: z.string(), address: z.string().nullable() })),
  letters: z.array(
    z.strictObject({
      kind: z.enum(['denial', 'acceptance', 'notice', 'rebuttal', 'extension']),
      noticeId: Id.nullable(),
      folder: z.string(),
      writtenAt: z.string(),
      writtenBy: z.string(),
    }),
  ),
  recordedBy: z.string(),
  /** Whether the signed-in person may decide, write the rebuttal and the letters (main enforces it). */
  mayDecide: z.boolean(),
});
export type AmendmentView = z.infer<typeof AmendmentView>;

export const AmendableRecord = z.strictObject({
  itemKind: AmendedItemKind,
  recordId: Id,
  label: z.string(),
  date: CalendarDate.nullable(),
});
export type AmendableRecord = z.infer<typeof AmendableRecord>;

export const RecordAmendment = z.strictObject({
  requestId: Id,
  decidedOn: CalendarDate,
  decidedBy: z.string(),
  amendmentText: z.string(),
});

const everyone = ['owner', 'clinician', 'front_desk'] as const;
const deciders = ['owner', 'clinician'] as const;

export const amendmentChannels = {
  /** A chart's amendment requests, newest first, as the person may see them. */
  'amendments.list': channel({
    input: z.strictObject({ clientId: Id }),
    output: z.array(AmendmentView),
    access: everyone,
  }),
  /** The chart's records a request may name, as the person may see them (designated record set only). */
  'amendments.records': channel({
    input: z.strictObject({ clientId: Id }),
    output: z.array(AmendableRecord),
    access: everyone,
  }),
  'amendments.create': channel({ input: CreateAmendmentInput, output: AmendmentView, access: everyone }),
  'amendments.extend': channel({ input: ExtendAmendmentInput, output: AmendmentView, access: everyone }),
  'amendments.accept': channel({ input: AcceptAmendmentInput, output: AmendmentView, access: deciders }),
  'amendments.deny': channel({ input: DenyAmendmentInput, output: AmendmentView, access: deciders }),
  'amendments.recordStatement': channel({ input: StatementInput, output: AmendmentView, access: everyone }),
  'amendments.recordRebuttal': channel({ input: RebuttalInput, output: AmendmentView, access: deciders }),
  'amendments.setInclude': channel({ input: IncludeInput, output: AmendmentView, access: everyone }),
  /** Whom to tell of an accepted amendment: the people the client named and the disclosure log's recipients. */
  'amendments.proposeNotices': channel({
    input: AmendmentRef,
    output: z.array(ProposedNotice),
    access: deciders,
  }),
  'amendments.agreeNotices': channel({ input: AgreeNoticesInput, output: AmendmentView, access: deciders }),
  /**
   * Writes one letter to a folder the person picks; null when they cancel the picker. Front desk
   * writes only the extension letter (no clinical content); main checks who writes the others.
   */
  'amendments.writeLetter': channel({
    input: WriteLetterInput,
    output: z.strictObject({ folder: z.string() }).nullable(),
    access: everyone,
  }),
  /** Which records of a chart carry an accepted amendment, for the timeline (no content). */
  'amendments.amended': channel({
    input: z.strictObject({ clientId: Id }),
    output: z.array(z.strictObject({ itemKind: AmendedItemKind, recordId: Id, decidedOn: CalendarDate })),
    access: deciders,
  }),
  /** The accepted amendments linked to one record, for the note view (clinical content). */
  'amendments.ofRecord': channel({
    input: z.strictObject({ clientId: Id, itemKind: AmendedItemKind, recordId: Id }),
    output: z.array(RecordAmendment),
    access: deciders,
  }),
} as const;
