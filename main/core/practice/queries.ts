// SQL for the practice profile (one row).
import type { Kysely } from 'kysely';
import type { SqliteHandle } from '../../../db/connection.ts';
import type { DB, PracticeRow, PracticeTable } from '../../../db/schema.ts';

export async function getPractice(db: Kysely<DB>): Promise<PracticeRow | undefined> {
  return db.selectFrom('practice').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function insertPractice(db: Kysely<DB>, row: PracticeTable): Promise<void> {
  await db.insertInto('practice').values(row).execute();
}

export async function updatePractice(
  db: Kysely<DB>,
  patch: Partial<Omit<PracticeTable, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('practice').set(patch).where('id', '=', 1).execute();
}

/** The practice's name in a database opened on its own (a restored copy), or null before setup. */
export function practiceNameIn(sqlite: SqliteHandle): string | null {
  const row = sqlite.prepare('SELECT name FROM practice WHERE id = 1').get() as { name: string } | undefined;
  return row?.name ?? null;
}
