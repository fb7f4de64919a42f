// SQL for notes, addenda, supervision and the notes search index.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

export async function getNote(db: Kysely<DB>, id: string) {
  return db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertNote(db: Kysely<DB>, row: Insertable<DB['notes']>): Promise<number> {
  const r = await db.insertInto('notes').values(row).returning('seq').executeTakeFirstOrThrow();
  return r.seq;
}

export async function updateDraft(
  db: Kysely<DB>,
  id: string,
  patch: Partial<Omit<DB['notes'], 'seq' | 'id' | 'client_id' | 'author_id' | 'created_at' | 'status'>>,
): Promise<number> {
  const r = await db
    .updateTable('notes')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markSigned(
  db: Kysely<DB>,
  id: string,
  values: {
    episode_id: string | null;
    signed_at: string;
    content_hash: string;
    cosign_by: string | null;
    updated_at: string;
  },
): Promise<void> {
  await db
    .updateTable('notes')
    .set({ ...values, status: 'signed' })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

export async function deleteDraft(db: Kysely<DB>, id: string): Promise<number> {
  const r = await db
    .deleteFrom('notes')
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function recordCosign(
  db: Kysely<DB>,
  id: string,
  cosign: { by: string; at: string; hash: string },
): Promise<number> {
  const r = await db
    .updateTable('notes')
    .set({ cosigned_by: cosign.by, cosigned_at: cosign.at, cosign_hash: cosign.hash })
    .where('id', '=', id)
    .where('status', '=', 'signed')
    .where('cosign_by', '=', cosign.by)
    .where('cosigned_by', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listAddenda(db: Kysely<DB>, noteId: string) {
  return db
    .selectFrom('note_addenda as a')
    .innerJoin('users as u', 'u.id', 'a.author_id')
    .select(['a.id', 'a.note_id', 'a.author_id', 'a.text', 'a.signed_at', 'a.content_hash', 'u.display_name'])
    .where('a.note_id', '=', noteId)
    .orderBy('a.signed_at')
    .execute();
}

export async function insertAddendum(db: Kysely<DB>, row: DB['note_addenda']): Promise<void> {
  await db.insertInto('note_addenda').values(row).execute();
}

export async function writeSearchRow(
  db: Kysely<DB>,
  row: { seq: number; client_id: string; author_id: string; kind: string; status: string; body: string },
): Promise<void> {
  // FTS5: the rowid is the note's seq, so results can be read newest first straight off the index.
  await sql`DELETE FROM notes_fts WHERE rowid = ${row.seq}`.execute(db);
  await sql`INSERT INTO notes_fts (rowid, client_id, author_id, kind, status, body)
    VALUES (${row.seq}, ${row.client_id}, ${row.author_id}, ${row.kind}, ${row.status}, ${row.body})`.execute(
    db,
  );
}

export async function deleteSearchRow(db: Kysely<DB>, seq: number): Promise<void> {
  await sql`DELETE FROM notes_fts WHERE rowid = ${seq}`.execute(db);
}

export async function supervisorOf(db: Kysely<DB>, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('supervision')
    .select('supervisor_id')
    .where('supervisee_id', '=', userId)
    .executeTakeFirst();
  return row?.supervisor_id ?? null;
}

export async function listSupervision(db: Kysely<DB>) {
  return db
    .selectFrom('supervision as s')
    .innerJoin('users as e', 'e.id', 's.supervisee_id')
    .innerJoin('users as r', 'r.id', 's.supervisor_id')
    .select([
      's.supervisee_id',
      'e.display_name as supervisee_name',
      's.supervisor_id',
      'r.display_name as supervisor_name',
    ])
    .orderBy('e.display_name')
    .execute();
}

export async function setSupervision(
  db: Kysely<DB>,
  supervisee: string,
  supervisor: string | null,
  by: string,
  at: string,
): Promise<void> {
  await db.deleteFrom('supervision').where('supervisee_id', '=', supervisee).execute();
  if (supervisor) {
    await db
      .insertInto('supervision')
      .values({ supervisee_id: supervisee, supervisor_id: supervisor, set_by: by, set_at: at })
      .execute();
  }
}

const SUMMARY = [
  'n.id',
  'n.client_id',
  'n.kind',
  'n.template',
  'n.service_date',
  'n.service_code',
  'n.status',
  'n.author_id',
  'u.display_name as author_name',
  'n.updated_at',
  'n.signed_at',
  'c.legal_first_name',
  'c.legal_last_name',
  'c.preferred_name',
] as const;

export async function listDraftsOf(db: Kysely<DB>, authorId: string) {
  return db
    .selectFrom('notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .innerJoin('clients as c', 'c.id', 'n.client_id')
    .select(SUMMARY)
    .where('n.author_id', '=', authorId)
    .where('n.status', '=', 'draft')
    .orderBy('n.created_at')
    .execute();
}

export async function listCosignQueue(db: Kysely<DB>, supervisorId: string) {
  return db
    .selectFrom('notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .innerJoin('clients as c', 'c.id', 'n.client_id')
    .select(SUMMARY)
    .where('n.cosign_by', '=', supervisorId)
    .where('n.cosigned_by', 'is', null)
    .orderBy('n.signed_at')
    .execute();
}

export async function timelineNotes(db: Kysely<DB>, clientId: string) {
  return db
    .selectFrom('notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .select([
      'n.seq',
      'n.id',
      'n.kind',
      'n.template',
      'n.status',
      'n.service_date',
      'n.service_code',
      'n.duration_minutes',
      'n.risk_level',
      'n.author_id',
      'n.part2',
      'n.cosign_by',
      'n.cosigned_by',
      'u.display_name as author_name',
      'u.active as author_active',
      (eb) =>
        eb
          .selectFrom('note_addenda as a')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('a.note_id', '=', 'n.id')
          .as('addenda'),
    ])
    .where('n.client_id', '=', clientId)
    .orderBy('n.service_date', 'desc')
    .orderBy('n.seq', 'desc')
    .execute();
}
