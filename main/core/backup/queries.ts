// SQL for backups: the backup settings row, whether anything but sign-ins changed since a backup,
// and the owner and practice name read from a restored copy before it has a keyring.
import type { Kysely } from 'kysely';
import type { SqliteHandle } from '../../../db/connection.ts';
import type { DB } from '../../../db/schema.ts';

export const SETTINGS_KEY = 'backup';

export async function readSettingsRow(db: Kysely<DB>): Promise<string | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SETTINGS_KEY)
    .executeTakeFirst();
  return row?.value;
}

export async function writeSettingsRow(db: Kysely<DB>, value: string, now: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/**
 * Whether the log holds an entry after `seq` other than signing in and out, locks and backups:
 * a sign-out backup is skipped when nothing else happened. Synchronous (raw SQL on the handle)
 * because it runs inside the session-end listener, before the vault closes.
 */
export function changedSince(sqlite: SqliteHandle, seq: number): boolean {
  return (
    sqlite
      .prepare(
        `SELECT 1 FROM audit_log WHERE seq > ? AND action NOT IN
          ('auth.signIn', 'auth.signOut', 'auth.locked', 'backup.create', 'backup.failed', 'backup.pruned') LIMIT 1`,
      )
      .get(seq) !== undefined
  );
}

/**
 * Whether the log already holds the backup journal's entry `action` whose detail names `id` under
 * `key` (detail is canonical JSON, so the pair is written exactly as `"key":"id"`). A pending entry
 * copied into the log just before a crash is not copied twice.
 */
export async function journalRecorded(
  db: Kysely<DB>,
  action: string,
  key: 'backupId' | 'pruneId',
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', action)
    .where('detail', 'like', `%${JSON.stringify(key)}:${JSON.stringify(id)}%`)
    .executeTakeFirst();
  return row !== undefined;
}

export function restoredOwner(
  sqlite: SqliteHandle,
  username: string,
): { id: string; displayName: string; practiceName: string } | null {
  const row = sqlite
    .prepare(
      "SELECT id, display_name AS displayName FROM users WHERE username = ? COLLATE NOCASE AND role = 'owner' AND active = 1",
    )
    .get(username) as { id: string; displayName: string } | undefined;
  const practice = sqlite.prepare('SELECT name FROM practice WHERE id = 1').get() as
    { name: string } | undefined;
  return row ? { ...row, practiceName: practice?.name ?? '' } : null;
}
