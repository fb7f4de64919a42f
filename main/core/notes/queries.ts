// SQL for notes, addenda, supervision and the notes search index.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, NoteRow } from '../../../db/schema.ts';
import { clientLabels } from '../clients/index.ts';
import { deleteImpactRow, writeImpactRow } from './impacts.ts';
import { compareNames, staffLabel, staffLabels, staffNames } from '../staff/index.ts';

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

/**
 * Whether the client has a signed progress note dated on or before this one, other than it: then
 * this note is not the chart's intake session (the service-code check's intake rule).
 */
export async function hasEarlierSession(
  db: Kysely<DB>,
  note: { id: string; client_id: string; service_date: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('notes')
    .select('id')
    .where('client_id', '=', note.client_id)
    .where('kind', '=', 'progress')
    .where('status', '=', 'signed')
    .where('service_date', '<=', note.service_date)
    .where('id', '!=', note.id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Signs the draft `id` if it is still the version the signer read (`readAt`, its updated_at):
 * a compare-and-set, so that of two workstations signing at once, or one signing while the author
 * saves elsewhere, exactly one wins (on the practice server a row read earlier in the transaction
 * is not locked; this statement's WHERE is evaluated again on the row as committed). Returns
 * whether it signed.
 */
export async function markSigned(
  db: Kysely<DB>,
  id: string,
  readAt: string,
  values: {
    episode_id: string | null;
    addressed_diagnoses: string | null;
    goal_progress: string | null;
    signed_at: string;
    content_hash: string;
    cosign_by: string | null;
    updated_at: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('notes')
    .set({ ...values, status: 'signed' })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('updated_at', '=', readAt)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
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
  const rows = await db
    .selectFrom('note_addenda')
    .select(['id', 'note_id', 'author_id', 'text', 'signed_at', 'content_hash'])
    .where('note_id', '=', noteId)
    .orderBy('signed_at')
    .execute();
  const names = await staffNames(
    db,
    rows.map((a) => a.author_id),
  );
  return rows.map((a) => ({ ...a, display_name: names.get(a.author_id) ?? '' }));
}

export async function insertAddendum(db: Kysely<DB>, row: DB['note_addenda']): Promise<void> {
  await db.insertInto('note_addenda').values(row).execute();
}

/** An id as one search token (unicode61 would split it at its hyphens). */
const token = (prefix: string, id: string): string => `${prefix}${id.replace(/-/g, '')}`;

/** A client's token for the search scope: every note of the client carries it. */
export const clientToken = (clientId: string): string => token('c', clientId);
/** The token of notes this user wrote. */
export const authorToken = (userId: string): string => token('a', userId);
/** The token of notes waiting for this user's co-signature (or co-signed by them). */
export const cosignerToken = (userId: string): string => token('v', userId);
/** A client's token on its signed progress notes, the notes its care team reads. */
export const teamToken = (clientId: string): string => token('t', clientId);

/** The scope column of a note's search row (migration 0008 writes the same in SQL). */
export function scopeTokens(
  n: Pick<NoteRow, 'client_id' | 'author_id' | 'cosign_by' | 'kind' | 'status'>,
): string {
  return [
    clientToken(n.client_id),
    authorToken(n.author_id),
    ...(n.cosign_by ? [cosignerToken(n.cosign_by)] : []),
    ...(n.kind === 'progress' && n.status === 'signed' ? [teamToken(n.client_id)] : []),
  ].join(' ');
}

/**
 * Writes a note's search row after the note itself: the scope tokens come from the stored note
 * (client, author, co-signer, kind, status), so call it once the note row says what it is.
 */
export async function writeSearchRow(
  db: Kysely<DB>,
  row: { seq: number; client_id: string; author_id: string; kind: string; status: string; body: string },
): Promise<void> {
  const note = await db
    .selectFrom('notes')
    .select(['client_id', 'author_id', 'cosign_by', 'kind', 'status'])
    .where('seq', '=', row.seq)
    .executeTakeFirstOrThrow();
  // FTS5: the rowid is the note's seq.
  await sql`DELETE FROM notes_fts WHERE rowid = ${row.seq}`.execute(db);
  await sql`INSERT INTO notes_fts (rowid, scope, body)
    VALUES (${row.seq}, ${scopeTokens(note)}, ${row.body})`.execute(db);
  await writeImpactRow(db, row.seq, row.body);
}

export async function deleteSearchRow(db: Kysely<DB>, seq: number): Promise<void> {
  await sql`DELETE FROM notes_fts WHERE rowid = ${seq}`.execute(db);
  await deleteImpactRow(db, seq);
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
  const rows = await db.selectFrom('supervision').select(['supervisee_id', 'supervisor_id']).execute();
  const names = await staffNames(
    db,
    rows.flatMap((r) => [r.supervisee_id, r.supervisor_id]),
  );
  return rows
    .map((r) => ({
      supervisee_id: r.supervisee_id,
      supervisee_name: names.get(r.supervisee_id) ?? '',
      supervisor_id: r.supervisor_id,
      supervisor_name: names.get(r.supervisor_id) ?? '',
    }))
    .sort((a, b) => compareNames(a.supervisee_name, b.supervisee_name));
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
  'id',
  'client_id',
  'kind',
  'template',
  'template_version_id',
  'service_date',
  'service_code',
  'status',
  'author_id',
  'updated_at',
  'signed_at',
] as const;

type SummaryBase = Pick<NoteRow, (typeof SUMMARY)[number]>;

/** A list of notes with their author's and their client's names (one query each for the list). */
async function withNames(db: Kysely<DB>, rows: SummaryBase[]) {
  const authors = await staffNames(
    db,
    rows.map((n) => n.author_id),
  );
  const clients = await clientLabels(
    db,
    rows.map((n) => n.client_id),
  );
  return rows.map((n) => {
    const c = clients.get(n.client_id);
    return {
      ...n,
      author_name: authors.get(n.author_id) ?? '',
      legal_first_name: c?.legal_first_name ?? '',
      legal_last_name: c?.legal_last_name ?? '',
      preferred_name: c?.preferred_name ?? null,
    };
  });
}

export async function listDraftsOf(db: Kysely<DB>, authorId: string) {
  const rows = await db
    .selectFrom('notes')
    .select(SUMMARY)
    .where('author_id', '=', authorId)
    .where('status', '=', 'draft')
    .orderBy('created_at')
    .execute();
  return withNames(db, rows);
}

export async function listCosignQueue(db: Kysely<DB>, supervisorId: string) {
  const rows = await db
    .selectFrom('notes')
    .select(SUMMARY)
    .where('cosign_by', '=', supervisorId)
    .where('cosigned_by', 'is', null)
    .orderBy('signed_at')
    .execute();
  return withNames(db, rows);
}

export async function timelineNotes(db: Kysely<DB>, clientId: string) {
  const rows = await db
    .selectFrom('notes as n')
    // The whole row: the timeline checks each signed note's hash before showing what it addressed.
    .selectAll('n')
    .select([
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
  const authors = await staffLabels(
    db,
    rows.map((n) => n.author_id),
  );
  return rows.map((n) => {
    const a = authors.get(n.author_id);
    return {
      ...n,
      author_name: a ? staffLabel(a.display_name, a.active) : '',
      author_active: a?.active ?? 0,
    };
  });
}

/** A release's read of a chart's signed notes: these kinds, dated within [from, to], after a page. */
export interface SignedNotesPage {
  kinds: NoteRow['kind'][];
  from: string;
  to: string;
  /** The last note of the previous page (notes run by service date, then seq), or null for the first. */
  after: { date: string; seq: number } | null;
  limit: number;
}

/** One page of a client's signed notes, in service-date order. */
export async function signedNotesPage(
  db: Kysely<DB>,
  clientId: string,
  p: SignedNotesPage,
): Promise<NoteRow[]> {
  const after = p.after;
  return db
    .selectFrom('notes')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('status', '=', 'signed')
    .where('kind', 'in', p.kinds)
    .where('service_date', '>=', p.from)
    .where('service_date', '<=', p.to)
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb('service_date', '>', after?.date ?? ''),
          eb.and([eb('service_date', '=', after?.date ?? ''), eb('seq', '>', after?.seq ?? 0)]),
        ]),
      ),
    )
    .orderBy('service_date')
    .orderBy('seq')
    .limit(p.limit)
    .execute();
}

/** These signed notes of a client (unordered; ids of other clients' or unsigned notes are left out). */
export async function signedNotesByIds(db: Kysely<DB>, clientId: string, ids: string[]): Promise<NoteRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('notes')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('status', '=', 'signed')
    .where('id', 'in', ids)
    .execute();
}

/** Every addendum to a client's notes, oldest first. */
export async function clientAddenda(db: Kysely<DB>, clientId: string) {
  return db
    .selectFrom('note_addenda as a')
    .innerJoin('notes as n', 'n.id', 'a.note_id')
    .select(['a.id', 'a.note_id', 'a.author_id', 'a.text', 'a.signed_at', 'a.content_hash'])
    .where('n.client_id', '=', clientId)
    .orderBy('a.signed_at')
    .execute();
}

/** A client's signed progress notes that marked progress on plan goals, in service-date order. */
export async function markedNotes(db: Kysely<DB>, clientId: string): Promise<NoteRow[]> {
  return db
    .selectFrom('notes')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('kind', '=', 'progress')
    .where('status', '=', 'signed')
    .where('goal_progress', 'is not', null)
    .orderBy('service_date')
    .orderBy('seq')
    .execute();
}

/** How many notes (drafts and signed) each practice template version holds, by version id. */
export async function notesPerTemplateVersion(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('notes')
    .select((eb) => ['template_version_id', eb.fn.countAll<number>().as('n')])
    .where('template_version_id', 'is not', null)
    .groupBy('template_version_id')
    .execute();
  return new Map(rows.flatMap((r) => (r.template_version_id ? [[r.template_version_id, r.n]] : [])));
}

/** A departed person leaves every supervision pairing, as supervisor or supervisee (issue 21). */
export async function endSupervisionOf(db: Kysely<DB>, userId: string): Promise<number> {
  const r = await db
    .deleteFrom('supervision')
    .where((eb) => eb.or([eb('supervisee_id', '=', userId), eb('supervisor_id', '=', userId)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
