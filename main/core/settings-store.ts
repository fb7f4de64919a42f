// The settings table (key → JSON text), shared by the rooms that keep a setting: each reads and
// writes only its own key (backup: 'backup', sessions: 'session') and parses the value itself.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function readSetting(db: Kysely<DB>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Kysely<DB>, key: string, value: string, now: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}
