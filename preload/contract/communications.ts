// Confidential communications on the chart (45 CFR 164.522(b)): where and how a client asked to be
// reached instead of the home address and phone. The practice may not ask why, so there is no
// field for a reason; the note says how to reach them, nothing more.
import { z } from 'zod';
import { Id, optionalLongText, optionalText, requiredText, UsPhone, UsPostalCode } from './common.ts';

export const CONTACT_NOTE_MAX = 500;

export const AlternativeAddress = z.strictObject({
  line1: requiredText('Street address'),
  line2: optionalText('Address line 2'),
  city: requiredText('City', 100),
  region: requiredText('State', 100),
  postalCode: UsPostalCode,
});

export const ConfidentialCommunicationsInput = z
  .strictObject({
    address: AlternativeAddress.optional(),
    phone: UsPhone.optional().transform((v) => (v ? v : undefined)),
    noVoicemail: z.boolean({ error: 'Say whether voicemail may be left.' }),
    note: optionalLongText('How to reach them', CONTACT_NOTE_MAX),
  })
  .refine((c) => c.address !== undefined || c.phone !== undefined || c.noVoicemail || c.note !== undefined, {
    error: 'Give an alternative address or phone, check "No voicemail", or say how to reach them.',
  });

export const SetConfidentialCommunicationsInput = z.strictObject({
  clientId: Id,
  /** null ends them: the client no longer asks (the home address and phone apply again). */
  communications: ConfidentialCommunicationsInput.nullable(),
});
export type SetConfidentialCommunicationsInput = z.input<typeof SetConfidentialCommunicationsInput>;

/** A postal address as main answers it (the chart's home address and the alternative one). */
export const PostalAddress = z.strictObject({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
});

export const ConfidentialCommunications = z.strictObject({
  address: PostalAddress.nullable(),
  phone: z.string().nullable(),
  noVoicemail: z.boolean(),
  note: z.string().nullable(),
  /** When the request was recorded. */
  since: z.string(),
});
export type ConfidentialCommunications = z.infer<typeof ConfidentialCommunications>;

/** The words the front desk sees wherever it reaches the client: "use the alternative address; no voicemail". */
export function confidentialContactSummary(
  c: Pick<ConfidentialCommunications, 'address' | 'phone' | 'noVoicemail'>,
): string {
  const parts = [
    c.address ? 'use the alternative address' : null,
    c.phone ? 'call the alternative phone' : null,
    c.noVoicemail ? 'no voicemail' : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join('; ') : 'see how to reach them';
}
