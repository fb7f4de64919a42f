// The disclosure log behind the accounting of disclosures (45 CFR 164.528, 42 CFR 2.25): every
// release that left, and disclosures made outside the app and recorded by hand.
import { z } from 'zod';
import { channel, Id, optionalText, requiredText } from './common.ts';
import { PastOrToday } from './clients.ts';
import { releaseRoles } from './releases/record.ts';

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

export const disclosureChannels = {
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
} as const;
