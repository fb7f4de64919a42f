// Form drafts: whatever a user has typed, saved as they type (encrypted, per user), so a crash
// or a lock loses nothing. Only the user who typed a draft can read it back.
import { z } from 'zod';
import { channel, Nothing } from './common.ts';

/**
 * Every form kept as a draft. A form about one record adds that record's id (`intake:<client id>`,
 * `addendum:<note id>`), so each record's form has a draft of its own.
 */
export const DRAFT_NAMES = [
  'client-new',
  'client-edit',
  'intake',
  'addendum',
  'consent',
  'phq9',
  'gad7',
  'client-status',
  'authorization',
  'revocation',
  'denial',
  'extension',
  'restriction',
  'restriction-decision',
  'restriction-end',
  'release-new',
  'disclosure',
  'confidential-communications',
  'denial-review',
  'review-determination',
  'suspension',
  'amendment-new',
  'amendment-decision',
  'amendment-reply',
  'deletion-request',
  'diagnosis-new',
  'diagnosis-change',
  'note-template',
] as const;
export type DraftName = (typeof DRAFT_NAMES)[number];

const DRAFT_KEY = /^([a-z][a-z0-9-]*)(:[0-9a-f-]{36})?$/;

export const DraftKey = z
  .string()
  .max(80)
  .refine((key) => (DRAFT_NAMES as readonly string[]).includes(DRAFT_KEY.exec(key)?.[1] ?? ''), {
    error: 'Not a valid draft name.',
  });

/** The key of a form's draft: its name, and the record it is about. */
export const draftKey = (name: DraftName, recordId?: string): string =>
  recordId === undefined ? name : `${name}:${recordId}`;

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
