// Form drafts: whatever a user has typed, saved as they type (encrypted, per user), so a crash
// or a lock loses nothing. Only the user who typed a draft can read it back.
import { z } from 'zod';
import { channel, Nothing } from './common.ts';

export const DraftKey = z
  .string()
  .max(80)
  .regex(/^[a-z][a-z-]*(:[0-9a-f-]{36})?$/, 'Not a valid draft name.');

export const DRAFT_MAX_CHARS = 200_000;

export const DraftData = z
  .json()
  .refine((v) => JSON.stringify(v).length <= DRAFT_MAX_CHARS, 'This draft is too large to save.');

export const draftChannels = {
  'drafts.save': channel({
    input: z.strictObject({ key: DraftKey, data: DraftData }),
    output: z.strictObject({ savedAt: z.string() }),
    access: 'session',
    duringLock: true,
  }),
  'drafts.get': channel({
    input: z.strictObject({ key: DraftKey }),
    output: z.strictObject({ data: z.json(), savedAt: z.string() }).nullable(),
    access: 'session',
  }),
  'drafts.discard': channel({ input: z.strictObject({ key: DraftKey }), output: Nothing, access: 'session' }),
} as const;
