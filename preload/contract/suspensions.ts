// The suspension of a client's accounting of disclosures (45 CFR 164.528(a)(2), issue 19): a health
// oversight agency's or law enforcement official's statement that an accounting would impede its
// activities, written (for the period it states) or oral (documented, 30 days at most unless a
// written statement follows). Only disclosures to that recipient are left out, and only meanwhile.
import { z } from 'zod';
import { channel, Id, optionalText, requiredText } from './common.ts';
import { CalendarDate, PastOrToday } from './clients.ts';

export const SuspensionKind = z.enum(['written', 'oral']);
export type SuspensionKind = z.infer<typeof SuspensionKind>;

export const SuspensionInput = z.strictObject({
  clientId: Id,
  /** Exactly as the disclosure log names it (chosen from the client's log). */
  recipientName: requiredText('Recipient', 200),
  kind: SuspensionKind,
  agency: requiredText('Agency', 200),
  official: requiredText('Official (name and title)', 200),
  statedOn: PastOrToday('The date of the statement'),
  /** Written statements: the last day of the period the statement specifies. */
  until: CalendarDate.optional(),
  /** A written statement that follows an oral one names it. */
  followsId: Id.optional(),
  note: optionalText('Note', 500),
});

export const SuspensionRecord = z.strictObject({
  id: Id,
  recipientName: z.string(),
  kind: SuspensionKind,
  agency: z.string(),
  official: z.string(),
  statedOn: z.string(),
  /** The last day it is suspended, as stated (oral: 30 days at most). */
  endsOn: z.string(),
  /** Oral statements: the written one that followed it, whose period applies instead. */
  followedBy: Id.nullable(),
  followsId: Id.nullable(),
  note: z.string().nullable(),
  /** In force today: the accounting leaves out the recipient's disclosures. */
  inForce: z.boolean(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type SuspensionRecord = z.infer<typeof SuspensionRecord>;

export const suspensionChannels = {
  /** The client's suspensions and the recipients in their disclosure log (the names a suspension may match). */
  'suspensions.list': channel({
    input: z.strictObject({ clientId: Id }),
    output: z.strictObject({ suspensions: z.array(SuspensionRecord), recipients: z.array(z.string()) }),
    access: ['owner', 'clinician', 'front_desk'],
  }),
  'suspensions.record': channel({
    input: SuspensionInput,
    output: SuspensionRecord,
    access: ['owner', 'clinician'],
  }),
} as const;
