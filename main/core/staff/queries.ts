// SQL for staff accounts.
import type { Kysely } from 'kysely';
import type { SqliteHandle } from '../../../db/connection.ts';
import type { DB, NewUserRow, UserRow, UsersTable } from '../../../db/schema.ts';

export async function getUser(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  // users.username is COLLATE NOCASE
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function listUsers(db: Kysely<DB>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('active', 'desc').orderBy('display_name').execute();
}

export async function insertUser(db: Kysely<DB>, row: NewUserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(
  db: Kysely<DB>,
  id: string,
  patch: Partial<Omit<UsersTable, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function countActiveOwners(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'owner')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** What another room shows of a person next to a record: the name, and whether the account is active. */
export interface StaffLabel {
  display_name: string;
  active: number;
}

/**
 * Names (and active flags) of these people by id, one query per 500 ids; unknown ids are absent.
 * A person a record names is always found (a foreign key to users; accounts are deactivated,
 * never deleted), so a list attaches names here instead of joining users.
 */
export async function staffLabels(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, StaffLabel>> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, StaffLabel>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'display_name', 'active'])
      .where('id', 'in', wanted.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, { display_name: r.display_name, active: r.active });
  }
  return out;
}

/** Display names of these people by id (as staffLabels); unknown ids are absent. */
export async function staffNames(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, string>> {
  const labels = await staffLabels(db, ids);
  return new Map([...labels].map(([id, l]) => [id, l.display_name]));
}

/**
 * Names in the order `ORDER BY display_name` gave them: SQLite's default BINARY comparison (UTF-8
 * bytes, not the locale's order), which plain `<` on strings matches except where a character past
 * U+FFFF meets one between U+E000 and U+FFFF. A list sorted after its names are attached keeps the
 * order it had when the query joined users.
 */
export const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The active owner with this username in a database opened on its own (a restored copy), or null. */
export function activeOwnerIn(
  sqlite: SqliteHandle,
  username: string,
): { id: string; displayName: string } | null {
  const row = sqlite
    .prepare(
      "SELECT id, display_name AS displayName FROM users WHERE username = ? COLLATE NOCASE AND role = 'owner' AND active = 1",
    )
    .get(username) as { id: string; displayName: string } | undefined;
  return row ?? null;
}
