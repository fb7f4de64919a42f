// Records release (DESIGN.md section 5, LEGAL.md): requests of four kinds, the authorizations
// and consents that make them lawful, approval with the minimum necessary selection, export of
// the package, revocation and expiry, denials, and the disclosure log behind the accounting.
import { z } from 'zod';
import { channel, Id, optionalText, plainText, requiredLongText, requiredText } from './common.ts';
import { CalendarDate, PastOrToday, StaffRef } from './clients.ts';

export const ReleaseKind = z.enum(['access', 'third_party', 'legal_order', 'emergency'], {
  error: 'Choose what kind of request this is.',
});
export type ReleaseKind = z.infer<typeof ReleaseKind>;
export const RELEASE_KIND_LABELS: Record<ReleaseKind, string> = {
  access: 'Client’s own request for a copy',
  third_party: 'Third party, with written authorization',
  legal_order: 'Court order or subpoena',
  emergency: 'Disclosure without authorization (duty to warn, mandated report, medical emergency)',
};

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

/** 45 CFR 164.514(h): how the identity and authority of whoever asks was checked. */
export const Verification = z.strictObject({
  method: z.enum(['photo_id', 'known_to_staff', 'court_document', 'signed_request_on_file', 'other'], {
    error: 'Record how identity and authority were checked.',
  }),
  note: optionalText('Verification note', 500),
});

const Party = z.strictObject({
  name: requiredText('Name', 200),
  address: requiredText('Address', 500),
});

export const AccessDetails = z.strictObject({
  kind: z.literal('access'),
  receivedOn: PastOrToday('The date received'),
  requesterName: requiredText('Who asked', 200),
  /** A personal representative (parent, guardian) asking for the client. */
  requesterIsRepresentative: z.boolean(),
  representativeAuthority: optionalText('Representative’s authority', 300),
  /** 164.524(c)(3)(ii): the client directs the copy to a person they name. */
  directedTo: Party.optional(),
  signedDirectionOnFile: z.boolean(),
  format: z.enum(['pdf', 'fhir', 'both']),
  verification: Verification,
});

export const ThirdPartyDetails = z.strictObject({
  kind: z.literal('third_party'),
  receivedOn: PastOrToday('The date received'),
  requesterName: requiredText('Who asked', 200),
  recipient: Party,
  purpose: requiredText('Purpose', 500),
  verification: Verification,
});

export const LegalOrderDetails = z.strictObject({
  kind: z.literal('legal_order'),
  receivedOn: PastOrToday('The date received'),
  orderType: z.enum(['court_order', 'subpoena'], { error: 'Is it a court order or a subpoena?' }),
  court: requiredText('Court or issuing body', 200),
  caseNumber: requiredText('Case number', 100),
  issuedOn: PastOrToday('The date issued'),
  issuedBy: requiredText('Judge or issuer', 200),
  /** Exactly what the order names: only that may be released (164.512(e)). */
  recordsNamed: requiredLongText('What the order names', 1000),
  recipient: Party,
  /** Subpoena without an order: the client was notified, or a qualified protective order exists. */
  assurance: z.enum(['none', 'client_notified', 'qualified_protective_order']),
  /** A court order meeting 42 CFR 2.61–2.64 (only such an order reaches Part 2 records). */
  meetsPart2Order: z.boolean(),
  verification: Verification,
});

/**
 * A disclosure without authorization (45 CFR 164.512, 42 CFR 2.51): to avert a serious and
 * imminent threat (duty to warn), a report the law requires (child or elder abuse), or a bona fide
 * medical emergency to the medical personnel treating it — the only one that may carry Part 2
 * records, and only with what 2.51(c) says to record at once.
 */
export const EmergencySituation = z.enum(['duty_to_warn', 'mandated_report', 'medical_emergency'], {
  error: 'Choose what kind of disclosure this is.',
});
export type EmergencySituation = z.infer<typeof EmergencySituation>;
export const EMERGENCY_SITUATION_LABELS: Record<EmergencySituation, string> = {
  duty_to_warn: 'Duty to warn: a serious and imminent threat (45 CFR 164.512(j))',
  mandated_report: 'Report required by law: child or elder abuse, neglect (45 CFR 164.512(b), (c))',
  medical_emergency: 'Medical emergency, to medical personnel treating it (42 CFR 2.51)',
};
export const RecipientRole = z.enum(
  ['medical_personnel', 'law_enforcement', 'protective_services', 'person_at_risk', 'other'],
  { error: 'Who is the recipient?' },
);
export const RECIPIENT_ROLE_LABELS: Record<z.infer<typeof RecipientRole>, string> = {
  medical_personnel: 'Medical personnel treating the client',
  law_enforcement: 'Law enforcement',
  protective_services: 'Protective services agency',
  person_at_risk: 'The person at risk',
  other: 'Someone else able to prevent or lessen the threat',
};

export const EmergencyDetails = z.strictObject({
  kind: z.literal('emergency'),
  receivedOn: PastOrToday('The date'),
  situation: EmergencySituation,
  /** The threat, what is reported, or the nature of the medical emergency. */
  reason: requiredLongText('The reason', 2000),
  /** The clinician who decided on the disclosure and makes it. */
  clinicianId: z.uuid({ error: 'Name the clinician who decided.' }),
  recipient: Party,
  recipientRole: RecipientRole,
  /** 42 CFR 2.51(c)(1): the medical personnel's facility. */
  recipientFacility: optionalText('Facility', 200),
  /** 42 CFR 2.51(c)(3): when the disclosure is made (local date and time). */
  disclosedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter the date and time of the disclosure.')
    .optional(),
  /** A mandated report: the state law that requires it. */
  statute: optionalText('The law that requires the report', 300),
});

export const ReleaseDetails = z.discriminatedUnion('kind', [
  AccessDetails,
  ThirdPartyDetails,
  LegalOrderDetails,
  EmergencyDetails,
]);
export type ReleaseDetails = z.infer<typeof ReleaseDetails>;

const LAW_ENFORCEMENT_NAME =
  /\b(police|sheriff|law enforcement|district attorney|prosecutor|state patrol|marshal)\b/i;

/** What a request must say when it is taken (stored requests are read without these checks). */
export const CreateReleaseInput = z
  .strictObject({ clientId: Id, details: ReleaseDetails })
  .superRefine(({ details: d }, ctx) => {
    const need = (path: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: ['details', path], message });
    };
    if (d.kind !== 'emergency' && d.verification.method === 'other' && !d.verification.note) {
      ctx.addIssue({
        code: 'custom',
        path: ['details', 'verification', 'note'],
        message: 'Describe how identity and authority were checked.',
      });
    }
    if (d.kind === 'access' && d.requesterIsRepresentative && !d.representativeAuthority) {
      // 45 CFR 164.502(g), 164.514(h): a representative's authority is recorded on every request they make.
      need('representativeAuthority', 'Record the representative’s authority (the document that gives it).');
    }
    if (d.kind !== 'emergency') return;
    if (d.situation === 'medical_emergency') {
      // 42 CFR 2.51(a), (c): only medical personnel treating the emergency; record facility, date and time.
      if (d.recipientRole !== 'medical_personnel' || LAW_ENFORCEMENT_NAME.test(d.recipient.name)) {
        need(
          'recipientRole',
          'A medical-emergency disclosure goes only to the medical personnel treating the emergency (42 CFR 2.51).',
        );
      }
      if (!d.recipientFacility) need('recipientFacility', 'Record the facility of the medical personnel.');
      if (!d.disclosedAt) need('disclosedAt', 'Record the date and time of the disclosure.');
    }
    if (d.situation === 'mandated_report' && !d.statute) {
      need('statute', 'Name the law that requires the report.');
    }
  });
export type CreateReleaseInput = z.input<typeof CreateReleaseInput>;

export const RecordType = z.enum([
  'demographics',
  'intake',
  'consents',
  'screenings',
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
  progress_notes: 'Progress notes',
  addenda: 'Addenda to those notes',
  psychotherapy_notes: 'Psychotherapy notes',
};

/** Must be checked true: the form carries the statement (45 CFR 164.508(c)(2)). */
const statement = (message: string) => z.literal(true, { error: message });

export const AuthorizationType = z.enum(['hipaa', 'psychotherapy_notes', 'part2'], {
  error: 'Choose the kind of authorization.',
});
export type AuthorizationType = z.infer<typeof AuthorizationType>;

/** The form's fields as stored with the authorization (main reads them back through this schema). */
export const AuthorizationFields = z.strictObject({
  // (c)(1)(i) a specific and meaningful description of the information: the kinds of record it
  // covers (checked against every selection) and, optionally, the period, plus the form's words.
  recordTypes: z.array(RecordType).min(1, 'Choose the kinds of record the authorization covers.').max(7),
  recordsFrom: z.preprocess((v) => (v === '' ? undefined : v), CalendarDate.optional()),
  recordsTo: z.preprocess((v) => (v === '' ? undefined : v), CalendarDate.optional()),
  description: requiredLongText('Description of the information', 1000),
  // (c)(1)(ii) who may disclose
  disclosingParty: requiredText('Who may disclose', 300),
  // (c)(1)(iii) who may receive
  recipientName: requiredText('Who may receive it', 200),
  recipientAddress: optionalText('Recipient address', 500),
  // (c)(1)(iv) each purpose
  purpose: requiredText('Purpose', 500),
  // (c)(1)(v) an expiry date or event
  expiresOn: z.preprocess((v) => (v === '' ? undefined : v), CalendarDate.optional()),
  expiryEvent: optionalText('Expiry event', 300),
  // (c)(1)(vi) signature and date; a representative's authority
  signedBy: requiredText('Signed by', 200),
  signedOn: PastOrToday('The signature date'),
  signerIsRepresentative: z.boolean(),
  representativeAuthority: optionalText('Representative’s authority', 300),
  // (c)(2) required statements
  rightToRevokeStatement: statement('The form must state the right to revoke in writing.'),
  conditioningStatement: statement('The form must state whether treatment can be conditioned on signing.'),
  redisclosureStatement: statement('The form must state that the information may be redisclosed.'),
  // 42 CFR 2.31 (Part 2 consents): the description says it is substance-use information, and how to revoke.
  substanceUseDescribed: z.boolean().optional(),
  howToRevoke: optionalText('How to revoke', 500),
  patientName: optionalText('Patient name', 200),
});
export type AuthorizationFields = z.output<typeof AuthorizationFields>;

/**
 * An authorization under 45 CFR 164.508(c), or a consent under 42 CFR 2.31. Every core element
 * and required statement is required; a missing one refuses the whole form.
 */
export const AuthorizationInput = z
  .strictObject({
    requestId: Id,
    type: AuthorizationType,
    ...AuthorizationFields.shape,
    attachment: z
      .strictObject({
        name: requiredText('File name', 200),
        type: z.enum(['application/pdf', 'image/png', 'image/jpeg'], {
          error: 'Attach a PDF, PNG or JPEG scan.',
        }),
        base64: z
          .base64({ error: 'The attached file could not be read.' })
          .max(14_000_000, 'The scan must be 10 MB or smaller.'),
      })
      .optional(),
  })
  .superRefine((a, ctx) => {
    const need = (path: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (!a.expiresOn && !a.expiryEvent) need('expiresOn', 'Give an expiry date or an expiry event.');
    if (a.expiresOn && a.expiresOn < a.signedOn)
      need('expiresOn', 'The expiry date is before the signature.');
    if (a.signerIsRepresentative && !a.representativeAuthority) {
      need('representativeAuthority', 'Describe the representative’s authority to act for the client.');
    }
    if (a.recordsFrom && a.recordsTo && a.recordsTo < a.recordsFrom)
      need('recordsTo', 'The end of the period is before its start.');
    // 164.508(b)(3)(ii): a psychotherapy-notes authorization covers psychotherapy notes and nothing else;
    // LEGAL.md: other wording never covers them.
    const pn = a.recordTypes.includes('psychotherapy_notes');
    if (a.type === 'psychotherapy_notes' && (!pn || a.recordTypes.length > 1)) {
      need(
        'recordTypes',
        'A psychotherapy-notes authorization covers psychotherapy notes only; record other records on another authorization.',
      );
    }
    if (a.type !== 'psychotherapy_notes' && pn) {
      need('recordTypes', 'Psychotherapy notes need an authorization of their own.');
    }
    if (a.type === 'part2') {
      if (!a.substanceUseDescribed)
        need('substanceUseDescribed', 'A Part 2 consent must say it covers substance-use information.');
      if (!a.howToRevoke) need('howToRevoke', 'A Part 2 consent must say how to revoke it.');
      if (!a.patientName) need('patientName', 'A Part 2 consent names the patient.');
    }
  });
export type AuthorizationInput = z.input<typeof AuthorizationInput>;

export const Selection = z
  .strictObject({
    recordTypes: z.array(RecordType).min(1, 'Choose at least one kind of record.').max(7),
    from: CalendarDate,
    to: CalendarDate,
    /** Include records of the practice's 42 CFR Part 2 program (needs a Part 2 consent or order). */
    includePart2: z.boolean(),
  })
  .refine((s) => s.from <= s.to, { path: ['to'], error: 'The end date is before the start date.' });
export type Selection = z.infer<typeof Selection>;

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

export const DenyInput = z.strictObject({
  requestId: Id,
  ground: DenialGround.optional(),
  explanation: requiredLongText('Explanation', 2000),
});

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

export const ReleaseRecord = z.strictObject({
  summary: ReleaseSummary,
  details: ReleaseDetails,
  extension: z.strictObject({ reason: z.string(), notifiedOn: z.string(), newDueOn: z.string() }).nullable(),
  authorizations: z.array(AuthorizationRecord),
  selection: Selection.nullable(),
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

/** The document that will leave the practice: the preview shows it, the PDF prints it. */
export const DocumentSection = z.strictObject({
  heading: z.string(),
  subheading: z.string().nullable(),
  part2: z.boolean(),
  blocks: z.array(z.strictObject({ label: z.string().nullable(), text: z.string() })),
});
export const PackageDocument = z.strictObject({
  title: z.string(),
  clientIdentifier: z.string(),
  cover: z.array(z.strictObject({ label: z.string(), value: z.string() })),
  sections: z.array(DocumentSection),
  notices: z.array(z.strictObject({ heading: z.string(), text: z.string() })),
});
export type PackageDocument = z.infer<typeof PackageDocument>;

/** What the reviewer sees: the document that will leave, and what will not, with the reason. */
export const ReleasePreview = z.strictObject({
  document: PackageDocument,
  /** Records in the chosen kinds and dates that will not leave, grouped, each with the reason. */
  withheld: z.array(z.strictObject({ what: z.string(), reason: z.string() })),
  /** Rules the reviewer should know (who may see psychotherapy notes, the approval freeze). */
  notes: z.array(z.string()),
});
export type ReleasePreview = z.infer<typeof ReleasePreview>;

export const VerifyResult = z.strictObject({
  ok: z.boolean(),
  manifestSha256: z.string().nullable(),
  files: z.array(z.strictObject({ name: z.string(), ok: z.boolean() })),
  /** Whether the disclosure log records exactly this manifest leaving the practice. */
  inDisclosureLog: z.boolean(),
  problems: z.array(z.string()),
  /** Files the operating system adds to folders (.DS_Store, Thumbs.db, desktop.ini), not checked. */
  ignored: z.array(z.string()),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const DisclosureBasis = z.enum([
  'access',
  'authorization',
  'legal_order',
  'emergency',
  'mandated_report',
  'required_by_law',
  'other',
]);
export const DisclosureEntry = z.strictObject({
  id: Id,
  disclosedOn: z.string(),
  recipientName: z.string(),
  recipientAddress: z.string().nullable(),
  description: z.string(),
  purpose: z.string(),
  basis: DisclosureBasis,
  manual: z.boolean(),
  manifestSha256: z.string().nullable(),
  recordedBy: z.string(),
});
export type DisclosureEntry = z.infer<typeof DisclosureEntry>;

export const ManualDisclosureInput = z.strictObject({
  clientId: Id,
  disclosedOn: PastOrToday('The date of the disclosure'),
  recipientName: requiredText('Recipient', 200),
  recipientAddress: optionalText('Recipient address', 500),
  description: requiredText('What was disclosed', 1000),
  purpose: requiredText('Purpose or basis', 1000),
  basis: z.enum(['emergency', 'mandated_report', 'required_by_law', 'legal_order', 'other'], {
    error: 'Choose the basis of the disclosure.',
  }),
});

const RequestRef = z.strictObject({ requestId: Id });
const releaseRoles = ['owner', 'clinician', 'front_desk'] as const;

export const releaseChannels = {
  'releases.list': channel({
    input: z.strictObject({ clientId: Id.optional(), status: ReleaseStatus.optional() }),
    output: z.array(ReleaseSummary),
    access: releaseRoles,
  }),
  'releases.create': channel({ input: CreateReleaseInput, output: ReleaseRecord, access: releaseRoles }),
  'releases.get': channel({ input: RequestRef, output: ReleaseRecord, access: releaseRoles }),
  'releases.addAuthorization': channel({
    input: AuthorizationInput,
    output: ReleaseRecord,
    access: releaseRoles,
  }),
  'releases.authorize': channel({ input: RequestRef, output: ReleaseRecord, access: releaseRoles }),
  /** Before approval: the selection as it would leave. Once approved: exactly what was approved (selection ignored). */
  'releases.preview': channel({
    input: z.strictObject({ requestId: Id, selection: Selection.optional() }),
    output: ReleasePreview,
    access: ['owner', 'clinician'],
  }),
  'releases.approve': channel({
    input: z.strictObject({ requestId: Id, selection: Selection }),
    output: ReleaseRecord,
    access: ['owner', 'clinician'],
  }),
  'releases.deny': channel({ input: DenyInput, output: ReleaseRecord, access: ['owner', 'clinician'] }),
  'releases.extend': channel({
    input: z.strictObject({
      requestId: Id,
      reason: requiredLongText('Reason for the delay', 1000),
      notifiedOn: PastOrToday('The date the client was told'),
    }),
    output: ReleaseRecord,
    access: releaseRoles,
  }),
  'releases.revokeAuthorization': channel({
    input: z.strictObject({
      authorizationId: Id,
      revokedOn: PastOrToday('The revocation date'),
      note: optionalText('Note', 500),
    }),
    output: ReleaseRecord,
    access: releaseRoles,
  }),
  /** Main asks where to write (a folder picker the person answers), then writes the package. */
  'releases.export': channel({
    input: z.strictObject({
      requestId: Id,
      password: z
        .string()
        .min(12, 'Use a password of at least 12 characters.')
        .max(128)
        .superRefine(plainText('The package password', 'secret'))
        .optional(),
    }),
    output: z
      .strictObject({ packageName: z.string(), manifestSha256: z.string(), files: z.array(z.string()) })
      .nullable(),
    access: releaseRoles,
  }),
  /** The written denial as it will print, to show on screen (and print) before saving it. */
  'releases.denialLetter': channel({ input: RequestRef, output: PackageDocument, access: releaseRoles }),
  'releases.exportDenialLetter': channel({
    input: RequestRef,
    output: z
      .strictObject({ packageName: z.string(), manifestSha256: z.string(), files: z.array(z.string()) })
      .nullable(),
    access: releaseRoles,
  }),
  /** Main asks which package folder to check, then verifies it. */
  'releases.verifyPackage': channel({
    input: z.strictObject({}),
    output: VerifyResult.nullable(),
    access: releaseRoles,
  }),
  'disclosures.accounting': channel({
    input: z.strictObject({ clientId: Id, includeAll: z.boolean() }),
    output: z.strictObject({
      clientName: z.string(),
      chartNumber: z.string(),
      from: z.string(),
      to: z.string(),
      entries: z.array(DisclosureEntry),
      excludedCount: z.number().int(),
    }),
    access: releaseRoles,
  }),
  'disclosures.record': channel({
    input: ManualDisclosureInput,
    output: DisclosureEntry,
    access: ['owner', 'clinician'],
  }),
  'releases.pendingProblems': channel({
    input: z.strictObject({}),
    output: z.array(z.strictObject({ requestId: Id, message: z.string() })),
    access: ['owner'],
  }),
} as const;
