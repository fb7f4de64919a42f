// SQL for staff accounts.
import type { Kysely } from 'kysely';
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
