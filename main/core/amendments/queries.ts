// SQL for amendment requests (45 CFR 164.526): the requests, the records each names, the people to
// notify of an accepted amendment and the letters written. Only this room names these tables.
import {
  sql,
  type Insertable,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type {
  AmendmentLettersTable,
  AmendmentNoticesTable,
  AmendmentRecordsTable,
  AmendmentRequestsTable,
  DB,
} from '../../../db/schema.ts';

export type AmendmentRow = Selectable<AmendmentRequestsTable>;
export type AmendmentRecordRow = Selectable<AmendmentRecordsTable>;
export type NoticeRow = Selectable<AmendmentNoticesTable>;
export type LetterRow = Selectable<AmendmentLettersTable>;

/** Decided or open requests of this client naming any of these record ids, one row per record named. */
export async function concernedRequests(db: Kysely<DB>, clientId: string, recordIds: readonly string[]) {
  const out: (AmendmentRow & { item_kind: AmendmentRecordRow['item_kind']; record_id: string })[] = [];
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await db
      .selectFrom('amendment_requests as a')
      .innerJoin('amendment_records as r', 'r.request_id', 'a.id')
      .selectAll('a')
      .select(['r.item_kind', 'r.record_id'])
      .where('a.client_id', '=', clientId)
      .where('r.record_id', 'in', recordIds.slice(i, i + 500))
      .orderBy('a.received_on')
      .orderBy('a.created_at')
      .orderBy('a.id')
      .orderBy('r.position')
      .execute();
    out.push(...rows);
  }
  // Chunks each come sorted; across chunks, sort again by the same order.
  const order = (r: AmendmentRow) => `${r.received_on}\u0000${r.created_at}\u0000${r.id}`;
  if (recordIds.length > 500) out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return out;
}

export async function insertRequest(
  db: Kysely<DB>,
  row: Insertable<AmendmentRequestsTable>,
  records: readonly Omit<Insertable<AmendmentRecordsTable>, 'request_id' | 'position'>[],
): Promise<void> {
  await db.insertInto('amendment_requests').values(row).execute();
  await db
    .insertInto('amendment_records')
    .values(records.map((r, position) => ({ ...r, request_id: row.id, position })))
    .execute();
}

export async function updateRequest(
  db: Kysely<DB>,
  id: string,
  patch: Updateable<AmendmentRequestsTable>,
): Promise<void> {
  await db.updateTable('amendment_requests').set(patch).where('id', '=', id).execute();
}

export async function getRequest(db: Kysely<DB>, id: string): Promise<AmendmentRow | undefined> {
  return db.selectFrom('amendment_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function requestsOfClient(db: Kysely<DB>, clientId: string): Promise<AmendmentRow[]> {
  return db
    .selectFrom('amendment_requests')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('received_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Every open request; `caseload` narrows to a clinician's clients (the clients room's fragment). */
export async function openRequests(
  db: Kysely<DB>,
  caseload: RawBuilder<SqlBool> | null,
): Promise<AmendmentRow[]> {
  return db
    .selectFrom('amendment_requests')
    .selectAll()
    .where('status', '=', 'open')
    .$if(caseload !== null, (q) => q.where(caseload ?? sql<SqlBool>`1`))
    .orderBy('due_on')
    .execute();
}

export async function recordsOf(
  db: Kysely<DB>,
  requestIds: readonly string[],
): Promise<AmendmentRecordRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('amendment_records')
    .selectAll()
    .where('request_id', 'in', [...requestIds])
    .orderBy('request_id')
    .orderBy('position')
    .execute();
}

export async function noticesOf(db: Kysely<DB>, requestIds: readonly string[]): Promise<NoticeRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('amendment_notices')
    .selectAll()
    .where('request_id', 'in', [...requestIds])
    .orderBy('request_id')
    .orderBy('position')
    .execute();
}

export async function insertNotices(db: Kysely<DB>, rows: readonly Insertable<AmendmentNoticesTable>[]) {
  if (rows.length > 0)
    await db
      .insertInto('amendment_notices')
      .values([...rows])
      .execute();
}

export async function lettersOf(db: Kysely<DB>, requestIds: readonly string[]): Promise<LetterRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('amendment_letters')
    .selectAll()
    .where('request_id', 'in', [...requestIds])
    .orderBy('written_at')
    .execute();
}

export async function insertLetter(db: Kysely<DB>, row: Insertable<AmendmentLettersTable>): Promise<void> {
  await db.insertInto('amendment_letters').values(row).execute();
}

/** Accepted amendments linked to any of these records (for the note view and the timeline). */
export async function acceptedFor(db: Kysely<DB>, clientId: string, recordIds: readonly string[]) {
  if (recordIds.length === 0) return [];
  return db
    .selectFrom('amendment_requests as a')
    .innerJoin('amendment_records as r', 'r.request_id', 'a.id')
    .select(['a.id', 'a.decided_on', 'a.decided_by', 'a.amendment_text', 'r.item_kind', 'r.record_id'])
    .where('a.client_id', '=', clientId)
    .where('a.status', '=', 'accepted')
    .where('r.record_id', 'in', [...recordIds])
    .orderBy('a.decided_on')
    .execute();
}

/** The records of a client that carry an accepted amendment. */
export async function acceptedOfClient(db: Kysely<DB>, clientId: string) {
  return db
    .selectFrom('amendment_requests as a')
    .innerJoin('amendment_records as r', 'r.request_id', 'a.id')
    .select(['a.decided_on', 'r.item_kind', 'r.record_id'])
    .where('a.client_id', '=', clientId)
    .where('a.status', '=', 'accepted')
    .orderBy('a.decided_on')
    .execute();
}
