// The practice's state-law settings (issue 19): shorter deadlines for client-rights requests than
// the federal ones, and a state notice printed on letters and denials. State law may be stricter
// than HIPAA, never looser (45 CFR 160.203(b)): a deadline may be shorter, never longer.
import { z } from 'zod';
import { channel, Empty, optionalLongText } from './common.ts';

/** The federal deadlines, in days: 164.524(b)(2) access, 164.526(b)(2) amendment, 164.528(c)(1) accounting. */
export const FEDERAL_DEADLINES = {
  accessDays: 30,
  accessExtensionDays: 30,
  amendmentDays: 60,
  amendmentExtensionDays: 30,
  accountingDays: 60,
  accountingExtensionDays: 30,
} as const;
export type DeadlineName = keyof typeof FEDERAL_DEADLINES;

export const DEADLINE_LABELS: Record<DeadlineName, string> = {
  accessDays: 'Access to records',
  accessExtensionDays: 'Access extension',
  amendmentDays: 'Amendment',
  amendmentExtensionDays: 'Amendment extension',
  accountingDays: 'Accounting of disclosures',
  accountingExtensionDays: 'Accounting extension',
};

export const STATE_NOTICE_MAX = 2000;

/** A deadline in whole days, from 1 to the federal maximum; the messages name the field and the limit. */
const deadline = (name: DeadlineName) => {
  const label = DEADLINE_LABELS[name];
  const max = FEDERAL_DEADLINES[name];
  return z
    .number({ error: `${label}: enter a number of days.` })
    .int(`${label}: enter whole days.`)
    .min(1, `${label}: at least 1 day.`)
    .max(max, `${label}: state law may shorten the federal ${max} days, never lengthen them.`);
};

export const LegalDeadlines = z.strictObject({
  accessDays: deadline('accessDays'),
  accessExtensionDays: deadline('accessExtensionDays'),
  amendmentDays: deadline('amendmentDays'),
  amendmentExtensionDays: deadline('amendmentExtensionDays'),
  accountingDays: deadline('accountingDays'),
  accountingExtensionDays: deadline('accountingExtensionDays'),
});
export type LegalDeadlines = z.infer<typeof LegalDeadlines>;

/** What the owner saves; also the stored form (settings table, key 'state-law'). */
export const StateLawInput = z.strictObject({
  deadlines: LegalDeadlines,
  stateNotice: optionalLongText('State notice', STATE_NOTICE_MAX),
});
export type StateLawInput = z.input<typeof StateLawInput>;

export const StateLaw = z.strictObject({
  deadlines: LegalDeadlines,
  stateNotice: z.string().nullable(),
  /** True while the practice has set nothing: the federal deadlines apply. */
  federal: z.boolean(),
});
export type StateLaw = z.infer<typeof StateLaw>;

export const stateLawChannels = {
  'practice.stateLaw': channel({ input: Empty, output: StateLaw, access: 'session' }),
  'practice.updateStateLaw': channel({ input: StateLawInput, output: StateLaw, access: ['owner'] }),
} as const;
