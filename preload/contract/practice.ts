// The practice profile: name, address and privacy contact, printed on releases and denials.
import { z } from 'zod';
import { channel, Empty, optionalText, requiredText, UsPhone, UsPostalCode } from './common.ts';
import { stateLawChannels } from './state-law.ts';

export const PracticeProfileInput = z.strictObject({
  name: requiredText('Practice name'),
  addressLine1: requiredText('Street address'),
  addressLine2: optionalText('Address line 2'),
  city: requiredText('City', 100),
  region: requiredText('State', 100),
  postalCode: UsPostalCode,
  phone: UsPhone.optional(),
  privacyContact: optionalText('Privacy contact'),
});
export type PracticeProfileInput = z.input<typeof PracticeProfileInput>;

export const PracticeProfile = z.strictObject({
  name: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  phone: z.string().nullable(),
  privacyContact: z.string().nullable(),
  updatedAt: z.string(),
});
export type PracticeProfile = z.infer<typeof PracticeProfile>;

export const practiceChannels = {
  'practice.get': channel({ input: Empty, output: PracticeProfile, access: 'session' }),
  'practice.update': channel({ input: PracticeProfileInput, output: PracticeProfile, access: ['owner'] }),
  ...stateLawChannels,
} as const;
