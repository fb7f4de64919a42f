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

/**
 * Names of these people by id as a record shows them (as staffLabels): a deactivated person's
 * reads "Name (deactivated)" (issue 21), wherever it appears. Unknown ids are absent.
 */
export async function staffNames(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, string>> {
  const labels = await staffLabels(db, ids);
  return new Map([...labels].map(([id, l]) => [id, staffLabel(l.display_name, l.active)]));
}

/** How a person's name reads next to a record once their account is deactivated. */
export function staffLabel(name: string, active: boolean | number): string {
  return active === true || active === 1 ? name : `${name} (deactivated)`;
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

// Issue 21: invitations (the expiry of an outstanding one-time code, never the code) and the
// professional will (who receives a clinician's caseload).

export async function getInvitation(db: Kysely<DB>, userId: string) {
  return db.selectFrom('staff_invitations').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function listInvitations(db: Kysely<DB>) {
  return db.selectFrom('staff_invitations').selectAll().execute();
}

export async function putInvitation(
  db: Kysely<DB>,
  row: { user_id: string; issued_at: string; issued_by: string; expires_at: string },
): Promise<void> {
  await db
    .insertInto('staff_invitations')
    .values(row)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        issued_at: row.issued_at,
        issued_by: row.issued_by,
        expires_at: row.expires_at,
      }),
    )
    .execute();
}

/** The invitation is over (redeemed, withdrawn or the person deactivated). */
export async function deleteInvitation(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('staff_invitations').where('user_id', '=', userId).execute();
}

export async function listCustodians(db: Kysely<DB>) {
  return db.selectFrom('records_custodians').selectAll().execute();
}

export async function getCustodianId(db: Kysely<DB>, clinicianId: string): Promise<string | null> {
  const row = await db
    .selectFrom('records_custodians')
    .select('custodian_id')
    .where('clinician_id', '=', clinicianId)
    .executeTakeFirst();
  return row?.custodian_id ?? null;
}

export async function putCustodian(
  db: Kysely<DB>,
  row: { clinician_id: string; custodian_id: string; named_at: string; named_by: string },
): Promise<void> {
  await db
    .insertInto('records_custodians')
    .values(row)
    .onConflict((oc) =>
      oc.column('clinician_id').doUpdateSet({
        custodian_id: row.custodian_id,
        named_at: row.named_at,
        named_by: row.named_by,
      }),
    )
    .execute();
}

/** Removes the will naming a custodian for this clinician and every will naming them custodian. */
export async function deleteCustodiansOf(db: Kysely<DB>, userId: string): Promise<number> {
  const r = await db
    .deleteFrom('records_custodians')
    .where((eb) => eb.or([eb('clinician_id', '=', userId), eb('custodian_id', '=', userId)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function clearCustodian(db: Kysely<DB>, clinicianId: string): Promise<void> {
  await db.deleteFrom('records_custodians').where('clinician_id', '=', clinicianId).execute();
}
