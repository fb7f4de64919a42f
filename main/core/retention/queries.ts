// SQL of the retention room: legal holds, tombstones, deletion requests and the destruction permit.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../../db/schema.ts';

export type HoldRow = Selectable<DB['retention_holds']>;
export type TombstoneRow = Selectable<DB['chart_tombstones']>;
export type DeletionRow = Selectable<DB['deletion_requests']>;

export async function activeHolds(db: Kysely<DB>): Promise<HoldRow[]> {
  return db.selectFrom('retention_holds').selectAll().where('lifted_at', 'is', null).execute();
}

export async function activeHoldOf(db: Kysely<DB>, clientId: string): Promise<HoldRow | undefined> {
  return db
    .selectFrom('retention_holds')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
}

export async function getHold(db: Kysely<DB>, id: string): Promise<HoldRow | undefined> {
  return db.selectFrom('retention_holds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertHold(db: Kysely<DB>, row: Insertable<DB['retention_holds']>): Promise<void> {
  await db.insertInto('retention_holds').values(row).execute();
}

export async function liftHold(
  db: Kysely<DB>,
  id: string,
  by: string,
  at: string,
  reason: string,
): Promise<number> {
  const r = await db
    .updateTable('retention_holds')
    .set({ lifted_by: by, lifted_at: at, lift_reason: reason })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listTombstones(db: Kysely<DB>): Promise<TombstoneRow[]> {
  return db.selectFrom('chart_tombstones').selectAll().orderBy('destroyed_at', 'desc').execute();
}

export async function getTombstone(db: Kysely<DB>, clientId: string): Promise<TombstoneRow | undefined> {
  return db.selectFrom('chart_tombstones').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export async function insertTombstone(db: Kysely<DB>, row: TombstoneRow): Promise<void> {
  await db.insertInto('chart_tombstones').values(row).execute();
}

export async function grantPermit(db: Kysely<DB>, clientId: string, at: string): Promise<void> {
  await db.insertInto('chart_purge_permits').values({ client_id: clientId, granted_at: at }).execute();
}

export async function endPermits(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('chart_purge_permits').execute();
}

/** The retention room's own rows of a chart (holds, deletion requests), removed with it. */
export async function purgeOwnRows(db: Kysely<DB>, clientId: string): Promise<void> {
  await db.deleteFrom('retention_holds').where('client_id', '=', clientId).execute();
  await db.deleteFrom('deletion_requests').where('client_id', '=', clientId).execute();
}

export async function insertDeletionRequest(db: Kysely<DB>, row: DeletionRow): Promise<void> {
  await db.insertInto('deletion_requests').values(row).execute();
}

export async function getDeletionRequest(db: Kysely<DB>, id: string): Promise<DeletionRow | undefined> {
  return db.selectFrom('deletion_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deletionRequestsOf(db: Kysely<DB>, clientId: string): Promise<DeletionRow[]> {
  return db
    .selectFrom('deletion_requests')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('received_on', 'desc')
    .execute();
}

export async function openDeletionRequests(db: Kysely<DB>): Promise<DeletionRow[]> {
  return db.selectFrom('deletion_requests').selectAll().where('answered_at', 'is', null).execute();
}

export async function markAnswered(
  db: Kysely<DB>,
  id: string,
  v: { at: string; by: string; folder: string; sha256: string },
): Promise<number> {
  const r = await db
    .updateTable('deletion_requests')
    .set({ answered_at: v.at, answered_by: v.by, letter_folder: v.folder, letter_sha256: v.sha256 })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
