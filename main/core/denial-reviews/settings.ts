// The designated reviewing official and the practice's target for a determination (45 CFR
// 164.524(a)(4): designated in advance; the rule sets no day count, so the target is a setting),
// kept in the settings table under its own key and read through a zod codec (STYLE.md rule 17).
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import {
  DenialReviewSettingsInput,
  type DenialReviewSettings,
} from '../../../preload/contract/denial-reviews.ts';
import { readSetting } from '../settings-store.ts';
import { getUser } from '../staff/index.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

export const SETTINGS_KEY = 'denial-review';
export const DEFAULT_TARGET_DAYS = 30;

const Stored = DenialReviewSettingsInput.extend({
  official: DenialReviewSettingsInput.shape.official.nullable(),
});
export type StoredSettings = z.infer<typeof Stored>;

export async function storedSettings(db: Kysely<DB>): Promise<StoredSettings> {
  const text = await readSetting(db, SETTINGS_KEY);
  if (text === undefined) return { official: null, targetDays: DEFAULT_TARGET_DAYS };
  return parseStored(
    Stored,
    text,
    () =>
      new UnreadableRecord(
        { type: 'settings', id: SETTINGS_KEY },
        unreadableMessage('setting', 'Designate the reviewing official again in Settings.'),
      ),
  );
}

/** A staff official who may review: active, and a licensed role (owner or clinician). */
export function staffOfficialProblem(user: { active: number; role: string } | undefined): string | null {
  if (!user) return 'The designated reviewing official is no longer on staff. Designate another in Settings.';
  if (user.active !== 1)
    return 'The designated reviewing official’s account is deactivated. Designate another in Settings.';
  if (user.role !== 'owner' && user.role !== 'clinician')
    return 'The designated reviewing official must be a licensed professional (a clinician or the owner). Designate another in Settings.';
  return null;
}

/** The settings as the app shows them: the official's name and credentials looked up, with any problem. */
export async function resolvedSettings(db: Kysely<DB>): Promise<DenialReviewSettings> {
  const s = await storedSettings(db);
  if (!s.official) return { official: null, targetDays: s.targetDays };
  if (s.official.kind === 'outside') {
    const { name, credentials, contact } = s.official;
    return {
      official: { kind: 'outside', userId: null, name, credentials, contact, problem: null },
      targetDays: s.targetDays,
    };
  }
  const user = await getUser(db, s.official.userId);
  return {
    official: {
      kind: 'staff',
      userId: s.official.userId,
      name: user?.display_name ?? 'A former staff member',
      credentials: user?.credentials ?? null,
      contact: null,
      problem: staffOfficialProblem(user),
    },
    targetDays: s.targetDays,
  };
}
