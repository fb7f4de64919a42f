// Records release (DESIGN.md section 5, LEGAL.md): requests of four kinds, the authorizations
// and consents that make them lawful, approval with the minimum necessary selection, export of
// the package, revocation and expiry, denials, and the disclosure log behind the accounting.
import { z } from 'zod';
import { channel, Id, optionalText, requiredText } from './common.ts';
import { CalendarDate, PastOrToday, StaffRef } from './clients.ts';

export const ReleaseKind = z.enum(['access', 'third_party', 'legal_order', 'emergency'], {
  error: 'Choose what kind of request this is.',
});
export type ReleaseKind = z.infer<typeof ReleaseKind>;
export const RELEASE_KIND_LABELS: Record<ReleaseKind, string> = {
  access: 'Client’s own request for a copy',
  third_party: 'Third party, with written authorization',
  legal_order: 'Court order or subpoena',
  emergency: 'Emergency disclosure to prevent serious harm',
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
  recordsNamed: requiredText('What the order names', 1000),
  recipient: Party,
  /** Subpoena without an order: the client was notified, or a qualified protective order exists. */
  assurance: z.enum(['none', 'client_notified', 'qualified_protective_order']),
  /** A court order meeting 42 CFR 2.61–2.64 (only such an order reaches Part 2 records). */
  meetsPart2Order: z.boolean(),
  verification: Verification,
});

export const EmergencyDetails = z.strictObject({
  kind: z.literal('emergency'),
  receivedOn: PastOrToday('The date'),
  reason: requiredText('The reason (the serious and imminent threat)', 2000),
  clinicianId: z.uuid({ error: 'Name the clinician who decided.' }),
  recipient: Party,
  /**
   * A bona fide medical emergency and the recipient is medical personnel treating it (42 CFR 2.51):
   * the only emergency that may carry Part 2 records. A duty-to-warn disclosure may not.
   */
  medicalEmergency: z.boolean().optional(),
});

export const ReleaseDetails = z.discriminatedUnion('kind', [
  AccessDetails,
  ThirdPartyDetails,
  LegalOrderDetails,
  EmergencyDetails,
]);
export type ReleaseDetails = z.infer<typeof ReleaseDetails>;

export const CreateReleaseInput = z.strictObject({ clientId: Id, details: ReleaseDetails });
export type CreateReleaseInput = z.input<typeof CreateReleaseInput>;

/** Must be checked true: the form carries the statement (45 CFR 164.508(c)(2)). */
const statement = (message: string) => z.literal(true, { error: message });

/**
 * An authorization under 45 CFR 164.508(c), or a consent under 42 CFR 2.31. Every core element
 * and required statement is required; a missing one refuses the whole form.
 */
export const AuthorizationInput = z
  .strictObject({
    requestId: Id,
    type: z.enum(['hipaa', 'psychotherapy_notes', 'part2'], { error: 'Choose the kind of authorization.' }),
    // (c)(1)(i) a specific and meaningful description of the information
    description: requiredText('Description of the information', 1000),
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
    if (a.type === 'part2') {
      if (!a.substanceUseDescribed)
        need('substanceUseDescribed', 'A Part 2 consent must say it covers substance-use information.');
      if (!a.howToRevoke) need('howToRevoke', 'A Part 2 consent must say how to revoke it.');
      if (!a.patientName) need('patientName', 'A Part 2 consent names the patient.');
    }
  });
export type AuthorizationInput = z.input<typeof AuthorizationInput>;

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
  explanation: requiredText('Explanation', 2000),
});

export const AuthorizationRecord = z.strictObject({
  id: Id,
  type: z.enum(['hipaa', 'psychotherapy_notes', 'part2']),
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
  denial: z
    .strictObject({
      ground: DenialGround.nullable(),
      reviewable: z.boolean(),
      explanation: z.string(),
      deniedBy: z.string(),
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

export const VerifyResult = z.strictObject({
  ok: z.boolean(),
  manifestSha256: z.string().nullable(),
  files: z.array(z.strictObject({ name: z.string(), ok: z.boolean() })),
  /** Whether the disclosure log records exactly this manifest leaving the practice. */
  inDisclosureLog: z.boolean(),
  problems: z.array(z.string()),
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
  'releases.preview': channel({
    input: z.strictObject({ requestId: Id, selection: Selection }),
    output: PackageDocument,
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
      reason: requiredText('Reason for the delay', 1000),
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
      password: z.string().min(12, 'Use a password of at least 12 characters.').max(128).optional(),
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
