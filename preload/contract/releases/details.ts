// What a release request says, by kind: a client's own access request, a third party's with an
// authorization, a court order or subpoena, or a disclosure without authorization (an emergency).
import { z } from 'zod';
import { optionalText, requiredLongText, requiredText } from '../common.ts';
import { PastOrToday } from '../clients.ts';

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

/**
 * 45 CFR 164.506, 164.522(a): the purpose in the categories a client's restriction names. Optional:
 * requests taken before restrictions (issue 19) have none, and a restriction reads that as "any".
 */
export const PurposeCategory = z.enum(['treatment', 'payment', 'operations', 'other'], {
  error: 'Choose what the records are for.',
});
export type PurposeCategory = z.infer<typeof PurposeCategory>;
export const PURPOSE_CATEGORY_LABELS: Record<PurposeCategory, string> = {
  treatment: 'Treatment',
  payment: 'Payment',
  operations: 'Health care operations',
  other: 'Something else',
};

export const ThirdPartyDetails = z.strictObject({
  kind: z.literal('third_party'),
  receivedOn: PastOrToday('The date received'),
  requesterName: requiredText('Who asked', 200),
  recipient: Party,
  /** 164.522(a)(1)(vi): whether the recipient is a health plan; absent on requests taken before issue 19. */
  recipientIsHealthPlan: z.boolean().optional(),
  purpose: requiredText('Purpose', 500),
  purposeCategory: PurposeCategory.optional(),
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
