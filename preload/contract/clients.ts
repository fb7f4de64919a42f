// Clients: registration and demographics (front desk and clinicians), the client list and
// type-ahead search, status changes and the care team.
import { z } from 'zod';
import {
  channel,
  Id,
  optionalLongText,
  optionalText,
  plainText,
  requiredText,
  phoneNumber,
  UsPostalCode,
} from './common.ts';
import {
  ConfidentialCommunications,
  PostalAddress,
  SetConfidentialCommunicationsInput,
} from './communications.ts';

export { formatPhone } from './phone.ts';

/** Today's date (YYYY-MM-DD) in the computer's time zone. */
export function todayIso(now = new Date()): string {
  const y = String(now.getFullYear());
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whole years between a date of birth and a day. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const isMinor = (dateOfBirth: string, on: string = todayIso()): boolean => ageOn(dateOfBirth, on) < 18;

export const CalendarDate = z.iso.date({ error: 'Enter a date as YYYY-MM-DD.' });

export const DateOfBirth = CalendarDate.refine(
  (v) => v <= todayIso(),
  'Date of birth cannot be in the future.',
).refine((v) => ageOn(v, todayIso()) <= 120, 'Date of birth is more than 120 years ago; check the year.');

export const PastOrToday = (label: string) =>
  CalendarDate.refine((v) => v <= todayIso(), `${label} cannot be in the future.`);

export const Phone = z
  .string({ error: 'Phone number is required.' })
  .trim()
  .max(30, 'Phone number is too long.')
  .superRefine(phoneNumber)
  // \s takes tabs, line and paragraph separators and BOM too: the text rule keeps them out.
  .superRefine(plainText('Phone number'));

export const Email = z.email({ error: 'Enter an email address like name@example.com.' }).max(254);

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const Address = z.strictObject({
  line1: requiredText('Street address'),
  line2: optionalText('Address line 2'),
  city: requiredText('City', 100),
  region: requiredText('State', 100),
  postalCode: UsPostalCode,
});

export const CommunicationPreferences = z
  .strictObject({
    voicemailOk: z.boolean(),
    voicemailNumber: optional(Phone),
    textOk: z.boolean(),
    textNumber: optional(Phone),
    emailOk: z.boolean(),
    emailAddress: optional(Email),
  })
  .superRefine((c, ctx) => {
    if (c.voicemailOk && !c.voicemailNumber)
      ctx.addIssue({
        code: 'custom',
        path: ['voicemailNumber'],
        message: 'Which number may we leave voicemail on?',
      });
    if (c.textOk && !c.textNumber)
      ctx.addIssue({ code: 'custom', path: ['textNumber'], message: 'Which number may we text?' });
    if (c.emailOk && !c.emailAddress)
      ctx.addIssue({ code: 'custom', path: ['emailAddress'], message: 'Which email address may we use?' });
  });

export const SubscriberRelation = z.enum(['self', 'spouse', 'parent', 'other'], {
  error: 'Choose how the subscriber is related.',
});

export const Insurance = z.strictObject({
  carrier: requiredText('Insurance carrier', 120),
  memberId: requiredText('Member ID', 60),
  groupNumber: optionalText('Group number', 60),
  subscriberName: requiredText('Subscriber name', 120),
  subscriberRelation: SubscriberRelation,
});

export const EmergencyContact = z.strictObject({
  name: requiredText('Emergency contact name', 120),
  relation: requiredText('Relationship', 60),
  phone: Phone,
});

export const LegalAuthority = z.enum(['parent', 'legal_guardian', 'conservator', 'other'], {
  error: 'Choose the legal authority.',
});
export const LEGAL_AUTHORITY_LABELS: Record<z.infer<typeof LegalAuthority>, string> = {
  parent: 'Parent with legal custody',
  legal_guardian: 'Court-appointed guardian',
  conservator: 'Conservator',
  other: 'Other (describe)',
};

export const Guardian = z
  .strictObject({
    name: requiredText('Guardian name', 120),
    relation: requiredText('Relationship', 60),
    phone: Phone,
    email: optional(Email),
    legalAuthority: LegalAuthority,
    authorityNote: optionalText('Authority details', 300),
  })
  .refine((g) => g.legalAuthority !== 'other' || !!g.authorityNote, {
    path: ['authorityNote'],
    error: 'Describe the legal authority.',
  });

export const ClientStatus = z.enum(['active', 'inactive', 'discharged']);
export type ClientStatus = z.infer<typeof ClientStatus>;

const ClientFields = {
  legalFirstName: requiredText('Legal first name', 100),
  legalLastName: requiredText('Legal last name', 100),
  preferredName: optionalText('Preferred name', 100),
  pronouns: optionalText('Pronouns', 40),
  dateOfBirth: DateOfBirth,
  genderIdentity: optionalText('Gender identity', 60),
  phone: optional(Phone),
  email: optional(Email),
  address: Address.optional(),
  communication: CommunicationPreferences,
  insurance: Insurance.optional(),
  emergencyContact: EmergencyContact.optional(),
  referralSource: optionalText('Referral source', 200),
  primaryClinicianId: z.uuid({ error: 'Choose a primary clinician.' }),
  guardians: z.array(Guardian).max(4, 'At most four guardians.'),
  /** A minor who lawfully consents to their own care (state law): the clinician records the basis. */
  minorSelfConsentBasis: optionalLongText('Legal basis', 500),
};

const guardianRule = (
  c: { dateOfBirth: string; guardians: unknown[]; minorSelfConsentBasis?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (isMinor(c.dateOfBirth) && c.guardians.length === 0 && !c.minorSelfConsentBasis) {
    ctx.addIssue({
      code: 'custom',
      path: ['guardians'],
      message:
        'A client under 18 needs a guardian, unless a clinician records the legal basis for the minor consenting alone.',
    });
  }
};

export const ClientInput = z.strictObject(ClientFields).superRefine(guardianRule);
export type ClientInput = z.input<typeof ClientInput>;

export const UpdateClientInput = z.strictObject({ clientId: Id, ...ClientFields }).superRefine(guardianRule);

export const StaffRef = z.strictObject({ id: Id, displayName: z.string() });

export const ClientSummary = z.strictObject({
  id: Id,
  chartNumber: z.string(),
  legalFirstName: z.string(),
  legalLastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  phone: z.string().nullable(),
  status: ClientStatus,
  primaryClinician: StaffRef,
  minor: z.boolean(),
  /** 164.522(b): how the client asked to be reached ("use the alternative address; no voicemail"), or null. */
  confidentialContact: z.string().nullable(),
});
export type ClientSummary = z.infer<typeof ClientSummary>;

const GuardianOut = z.strictObject({
  name: z.string(),
  relation: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  legalAuthority: LegalAuthority,
  authorityNote: z.string().nullable(),
});

export const ClientRecord = z.strictObject({
  id: Id,
  chartNumber: z.string(),
  legalFirstName: z.string(),
  legalLastName: z.string(),
  preferredName: z.string().nullable(),
  pronouns: z.string().nullable(),
  dateOfBirth: z.string(),
  age: z.number().int(),
  genderIdentity: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: PostalAddress.nullable(),
  communication: z.strictObject({
    voicemailOk: z.boolean(),
    voicemailNumber: z.string().nullable(),
    textOk: z.boolean(),
    textNumber: z.string().nullable(),
    emailOk: z.boolean(),
    emailAddress: z.string().nullable(),
  }),
  /** 164.522(b): the client's request to be reached elsewhere; overrides the address and phone above. */
  confidentialCommunications: ConfidentialCommunications.nullable(),
  insurance: z
    .strictObject({
      carrier: z.string(),
      memberId: z.string(),
      groupNumber: z.string().nullable(),
      subscriberName: z.string(),
      subscriberRelation: SubscriberRelation,
    })
    .nullable(),
  emergencyContact: z.strictObject({ name: z.string(), relation: z.string(), phone: z.string() }).nullable(),
  referralSource: z.string().nullable(),
  primaryClinician: StaffRef,
  careTeam: z.array(StaffRef.extend({ addedAt: z.string(), addedBy: z.string() })),
  guardians: z.array(GuardianOut),
  minorSelfConsentBasis: z.string().nullable(),
  status: ClientStatus,
  statusDate: z.string(),
  statusReason: z.string().nullable(),
  statusHistory: z.array(
    z.strictObject({
      status: ClientStatus,
      effectiveDate: z.string(),
      reason: z.string().nullable(),
      changedBy: z.string(),
      changedAt: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with this chart (main decides; the UI mirrors). */
  access: z.strictObject({
    clinical: z.boolean(),
    manageCareTeam: z.boolean(),
    editDemographics: z.boolean(),
    /** Opened under emergency access: read-only, until main's clock ends the grant. */
    readOnly: z.boolean(),
  }),
});
export type ClientRecord = z.infer<typeof ClientRecord>;

/** The orders of the client list and its search results; main sorts, so paging stays in order. */
export const ClientSort = z.enum(['last_name', 'newest', 'chart_number'], {
  error: 'Choose how to sort the list.',
});
export type ClientSort = z.infer<typeof ClientSort>;
export const CLIENT_SORT_LABELS: Record<ClientSort, string> = {
  last_name: 'Last name',
  newest: 'Newest clients first',
  chart_number: 'Chart number',
};

export const ClientSearchInput = z.strictObject({
  query: z.string().max(100, 'Search text is too long.').superRefine(plainText('Search text')).default(''),
  status: ClientStatus.optional(),
  clinicianId: Id.optional(),
  sort: ClientSort.default('last_name'),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ClientSearchInput = z.input<typeof ClientSearchInput>;

export const SetStatusInput = z
  .strictObject({
    clientId: Id,
    status: ClientStatus,
    effectiveDate: PastOrToday('The date'),
    reason: optionalLongText('Reason', 500),
  })
  .refine((s) => s.status === 'active' || !!s.reason, { path: ['reason'], error: 'Give a reason.' });

export const clientChannels = {
  'clients.search': channel({
    input: ClientSearchInput,
    output: z.strictObject({ clients: z.array(ClientSummary), total: z.number().int() }),
    access: 'session',
  }),
  'clients.create': channel({ input: ClientInput, output: ClientRecord, access: 'session' }),
  'clients.get': channel({
    input: z.strictObject({ clientId: Id }),
    output: ClientRecord,
    access: 'session',
  }),
  'clients.update': channel({ input: UpdateClientInput, output: ClientRecord, access: 'session' }),
  'clients.setStatus': channel({ input: SetStatusInput, output: ClientRecord, access: 'session' }),
  /** Whoever may edit the demographics (main checks, as for clients.update). */
  'clients.setConfidentialCommunications': channel({
    input: SetConfidentialCommunicationsInput,
    output: ClientRecord,
    access: 'session',
  }),
  'clients.addCareTeamMember': channel({
    input: z.strictObject({ clientId: Id, userId: Id }),
    output: ClientRecord,
    access: ['owner', 'clinician'],
  }),
  'clients.removeCareTeamMember': channel({
    input: z.strictObject({ clientId: Id, userId: Id }),
    output: ClientRecord,
    access: ['owner', 'clinician'],
  }),
} as const;
