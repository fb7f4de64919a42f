// The cover room's SQL. A grant's window is compared with main's clock inside SQLite through the
// connection's stillwater_now_ms() (registered at unlock from ctx.clock, see clock.ts): the same
// moment for chartAccess and for the list and search queries, so they always agree.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { CoverEndsTable, CoverGrantsTable, DB } from '../../../db/schema.ts';

export type CoverGrantRow = CoverGrantsTable & { ended_ms: number | null; ended_by: string | null };

const NOW = sql<number>`stillwater_now_ms()`;

/** A grant in force now: started, not past its end, not ended early. `g` is cover_grants' alias. */
const inForce = (g: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(`${g}.starts_ms`)} <= ${NOW} AND ${sql.ref(`${g}.ends_ms`)} > ${NOW}
    AND NOT EXISTS (SELECT 1 FROM cover_ends e WHERE e.grant_id = ${sql.ref(`${g}.id`)})`;

/** A cover grant in force: its id (named in the audit entries of reads under it) and its end. */
export interface CoverGrant {
  grantId: string;
  endsAt: string;
}

/**
 * The grant under which `covererId` reads a client whose primary clinician is `absentId`, if one
 * is in force now (the latest-ending, when two overlap).
 */
export async function coverInForce(
  db: Kysely<DB>,
  covererId: string,
  absentId: string,
): Promise<CoverGrant | null> {
  const row = await db
    .selectFrom('cover_grants as g')
    .select(['g.id', 'g.ends_ms'])
    .where('g.coverer_id', '=', covererId)
    .where('g.absent_id', '=', absentId)
    .where(inForce('g'))
    .orderBy('g.ends_ms', 'desc')
    .executeTakeFirst();
  return row ? { grantId: row.id, endsAt: new Date(row.ends_ms).toISOString() } : null;
}

/**
 * For another room's query: the clinicians whose caseload `userId` covers now (a grant in force).
 * A client is covered when its primary clinician is one of them; the clients room joins that
 * (clientsOfClinicians), so this room names only its own table.
 */
export function coveredClinicians(userId: string): RawBuilder<unknown> {
  return sql`SELECT g.absent_id FROM cover_grants g WHERE g.coverer_id = ${userId} AND ${inForce('g')}`;
}

export async function insertGrant(db: Kysely<DB>, row: CoverGrantsTable): Promise<void> {
  await db.insertInto('cover_grants').values(row).execute();
}

export async function insertEnd(db: Kysely<DB>, row: CoverEndsTable): Promise<void> {
  await db.insertInto('cover_ends').values(row).execute();
}

const withEnd = (db: Kysely<DB>) =>
  db
    .selectFrom('cover_grants as g')
    .leftJoin('cover_ends as e', 'e.grant_id', 'g.id')
    .selectAll('g')
    .select(['e.ended_ms', 'e.ended_by']);

export async function getGrant(db: Kysely<DB>, id: string): Promise<CoverGrantRow | undefined> {
  return withEnd(db).where('g.id', '=', id).executeTakeFirst();
}

/**
 * Grants not yet over (in force or still to come), and those that ended in the last `recentMs`;
 * `userId`: only those where they are the absent clinician, the coverer or the grantor.
 */
export async function listGrants(
  db: Kysely<DB>,
  filter: { userId: string | undefined; sinceMs: number },
): Promise<CoverGrantRow[]> {
  let q = withEnd(db).where((eb) =>
    eb.and([
      eb('g.ends_ms', '>', filter.sinceMs),
      eb.or([eb('e.ended_ms', 'is', null), eb('e.ended_ms', '>', filter.sinceMs)]),
    ]),
  );
  const me = filter.userId;
  if (me !== undefined)
    q = q.where((eb) =>
      eb.or([eb('g.absent_id', '=', me), eb('g.coverer_id', '=', me), eb('g.granted_by', '=', me)]),
    );
  return q.orderBy('g.starts_ms').orderBy('g.id').execute();
}
