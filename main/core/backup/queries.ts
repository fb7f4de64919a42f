// What backups read and write in the database, each through the room that owns the table: the
// backup settings row, whether anything but sign-ins changed since a backup, whether a journal
// entry is already in the log, and the owner and practice name read from a restored copy before it
// has a keyring.
import type { Kysely } from 'kysely';
import type { SqliteHandle } from '../../../db/connection.ts';
import type { DB } from '../../../db/schema.ts';
import { hasEntryAfter, hasEntryNaming } from '../audit/index.ts';
import { practiceNameIn } from '../practice/index.ts';
import { readSetting, writeSetting } from '../settings-store.ts';
import { activeOwnerIn } from '../staff/index.ts';

export const SETTINGS_KEY = 'backup';

export async function readSettingsRow(db: Kysely<DB>): Promise<string | undefined> {
  return readSetting(db, SETTINGS_KEY);
}

export async function writeSettingsRow(db: Kysely<DB>, value: string, now: string): Promise<void> {
  await writeSetting(db, SETTINGS_KEY, value, now);
}

/** What happens without changing a record: a sign-out backup is skipped when nothing else happened. */
const QUIET_ACTIONS = [
  'auth.signIn',
  'auth.signOut',
  'auth.locked',
  'backup.create',
  'backup.failed',
  'backup.pruned',
] as const;

/**
 * Whether the log holds an entry after `seq` other than signing in and out, locks and backups.
 * Synchronous (raw SQL on the handle) because it runs inside the session-end listener, before the
 * vault closes.
 */
export function changedSince(sqlite: SqliteHandle, seq: number): boolean {
  return hasEntryAfter(sqlite, seq, QUIET_ACTIONS);
}

/**
 * Whether the log already holds the backup journal's entry `action` whose detail names `id` under
 * `key`. A pending entry copied into the log just before a crash is not copied twice.
 */
export async function journalRecorded(
  db: Kysely<DB>,
  action: string,
  key: 'backupId' | 'pruneId',
  id: string,
): Promise<boolean> {
  return hasEntryNaming(db, action, key, id);
}

export function restoredOwner(
  sqlite: SqliteHandle,
  username: string,
): { id: string; displayName: string; practiceName: string } | null {
  const owner = activeOwnerIn(sqlite, username);
  return owner ? { ...owner, practiceName: practiceNameIn(sqlite) ?? '' } : null;
}
