// The registration form's values (what a person types: '' for empty, a checkbox per choice) and
// how they become the contract's ClientInput / UpdateClientInput. The contract's own schemas
// validate the result, so the form shows exactly main's messages; the paths line up because the
// values mirror the input's shape.
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldError, FieldErrors, Resolver } from 'react-hook-form';
import { z } from 'zod';
import {
  ClientInput,
  UpdateClientInput,
  type ClientRecord,
  type LegalAuthority,
  type SubscriberRelation,
} from '../../../../preload/contract.ts';

export interface GuardianValues {
  name: string;
  relation: string;
  phone: string;
  email: string;
  legalAuthority: z.infer<typeof LegalAuthority> | '';
  authorityNote: string;
}

export interface ClientFormValues {
  legalFirstName: string;
  legalLastName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  genderIdentity: string;
  phone: string;
  email: string;
  address: { line1: string; line2: string; city: string; region: string; postalCode: string };
  communication: {
    voicemailOk: boolean;
    voicemailNumber: string;
    textOk: boolean;
    textNumber: string;
    emailOk: boolean;
    emailAddress: string;
  };
  insurance: {
    carrier: string;
    memberId: string;
    groupNumber: string;
    subscriberName: string;
    subscriberRelation: z.infer<typeof SubscriberRelation> | '';
  };
  emergencyContact: { name: string; relation: string; phone: string };
  referralSource: string;
  primaryClinicianId: string;
  guardians: GuardianValues[];
  /** Only a clinician may tick this (main refuses front desk); the basis is then required. */
  minorConsentsAlone: boolean;
  minorSelfConsentBasis: string;
}

export const EMPTY_GUARDIAN: GuardianValues = {
  name: '',
  relation: '',
  phone: '',
  email: '',
  legalAuthority: '',
  authorityNote: '',
};

export const emptyClient = (primaryClinicianId = ''): ClientFormValues => ({
  legalFirstName: '',
  legalLastName: '',
  preferredName: '',
  pronouns: '',
  dateOfBirth: '',
  genderIdentity: '',
  phone: '',
  email: '',
  address: { line1: '', line2: '', city: '', region: '', postalCode: '' },
  communication: {
    voicemailOk: false,
    voicemailNumber: '',
    textOk: false,
    textNumber: '',
    emailOk: false,
    emailAddress: '',
  },
  insurance: { carrier: '', memberId: '', groupNumber: '', subscriberName: '', subscriberRelation: '' },
  emergencyContact: { name: '', relation: '', phone: '' },
  referralSource: '',
  primaryClinicianId,
  guardians: [],
  minorConsentsAlone: false,
  minorSelfConsentBasis: '',
});

export function valuesFromRecord(c: ClientRecord): ClientFormValues {
  const empty = emptyClient(c.primaryClinician.id);
  return {
    ...empty,
    legalFirstName: c.legalFirstName,
    legalLastName: c.legalLastName,
    preferredName: c.preferredName ?? '',
    pronouns: c.pronouns ?? '',
    dateOfBirth: c.dateOfBirth,
    genderIdentity: c.genderIdentity ?? '',
    phone: c.phone ?? '',
    email: c.email ?? '',
    address: c.address ? { ...c.address, line2: c.address.line2 ?? '' } : empty.address,
    communication: {
      voicemailOk: c.communication.voicemailOk,
      voicemailNumber: c.communication.voicemailNumber ?? '',
      textOk: c.communication.textOk,
      textNumber: c.communication.textNumber ?? '',
      emailOk: c.communication.emailOk,
      emailAddress: c.communication.emailAddress ?? '',
    },
    insurance: c.insurance ? { ...c.insurance, groupNumber: c.insurance.groupNumber ?? '' } : empty.insurance,
    emergencyContact: c.emergencyContact ?? empty.emergencyContact,
    referralSource: c.referralSource ?? '',
    guardians: c.guardians.map((g) => ({ ...g, email: g.email ?? '', authorityNote: g.authorityNote ?? '' })),
    minorConsentsAlone: c.minorSelfConsentBasis !== null,
    minorSelfConsentBasis: c.minorSelfConsentBasis ?? '',
  };
}

const blank = (values: Record<string, string>): boolean =>
  Object.values(values).every((v) => v.trim() === '');

/**
 * What main receives. Optional groups (address, insurance, emergency contact) that are left
 * wholly blank are left out; a partly filled one is sent, so main says what is missing. A number
 * or address for a channel the client has not allowed is not kept.
 */
export function toClientInput(v: ClientFormValues): unknown {
  const { subscriberRelation, ...insuranceText } = v.insurance;
  const c = v.communication;
  return {
    legalFirstName: v.legalFirstName,
    legalLastName: v.legalLastName,
    preferredName: v.preferredName,
    pronouns: v.pronouns,
    dateOfBirth: v.dateOfBirth,
    genderIdentity: v.genderIdentity,
    phone: v.phone,
    email: v.email,
    address: blank(v.address) ? undefined : v.address,
    communication: {
      voicemailOk: c.voicemailOk,
      voicemailNumber: c.voicemailOk ? c.voicemailNumber : undefined,
      textOk: c.textOk,
      textNumber: c.textOk ? c.textNumber : undefined,
      emailOk: c.emailOk,
      emailAddress: c.emailOk ? c.emailAddress : undefined,
    },
    insurance: blank(insuranceText)
      ? undefined
      : { ...insuranceText, subscriberRelation: subscriberRelation === '' ? undefined : subscriberRelation },
    emergencyContact: blank(v.emergencyContact) ? undefined : v.emergencyContact,
    referralSource: v.referralSource,
    primaryClinicianId: v.primaryClinicianId,
    guardians: v.guardians.map((g) => ({
      ...g,
      legalAuthority: g.legalAuthority === '' ? undefined : g.legalAuthority,
    })),
    minorSelfConsentBasis: v.minorConsentsAlone ? v.minorSelfConsentBasis : undefined,
  };
}

export type NewClient = z.output<typeof ClientInput>;
export type ClientUpdate = z.output<typeof UpdateClientInput>;

const newClientSchema = z.custom<ClientFormValues>().transform(toClientInput).pipe(ClientInput);
const updateSchema = (clientId: string) =>
  z
    .custom<ClientFormValues>()
    .transform((v) => ({ clientId, ...(toClientInput(v) as object) }))
    .pipe(UpdateClientInput);

/** Messages for what the contract cannot phrase for this form (an empty picker or date). */
function withFormMessages<Parsed extends object>(
  base: Resolver<ClientFormValues, unknown, Parsed>,
): Resolver<ClientFormValues, unknown, Parsed> {
  return async (values, context, options) => {
    const result = await base(values, context, options);
    const errors: FieldErrors<ClientFormValues> = { ...result.errors };
    const required = (message: string): FieldError => ({ type: 'required', message });
    if (!values.primaryClinicianId && errors.primaryClinicianId)
      errors.primaryClinicianId = required('Choose the primary clinician.');
    if (!values.dateOfBirth && errors.dateOfBirth)
      errors.dateOfBirth = required('Date of birth is required.');
    if (values.minorConsentsAlone && !values.minorSelfConsentBasis.trim())
      errors.minorSelfConsentBasis = required('Record the legal basis for the minor consenting alone.');
    return Object.keys(errors).length > 0 ? { values: {}, errors } : result;
  };
}

export const newClientResolver = withFormMessages<NewClient>(zodResolver(newClientSchema));
export const updateClientResolver = (clientId: string) =>
  withFormMessages<ClientUpdate>(zodResolver(updateSchema(clientId)));
