// What the retention room asks of the notes room (issue 19): each chart's last visit (the latest
// signed note's service date), and the removal of a destroyed chart's notes, addenda and search
// rows. Only the destruction calls purgeClient, inside its transaction and under its permit.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { deleteImpactRow } from './impacts.ts';

/** Client id → the service date of their latest signed note (drafts are not visits). */
export async function lastVisits(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('notes')
    .select(['client_id', (eb) => eb.fn.max('service_date').as('last')])
    .where('status', '=', 'signed')
    .groupBy('client_id')
    .execute();
  return new Map(rows.map((r) => [r.client_id, r.last]));
}

export async function lastVisitOf(db: Kysely<DB>, clientId: string): Promise<string | null> {
  const row = await db
    .selectFrom('notes')
    .select((eb) => eb.fn.max('service_date').as('last'))
    .where('status', '=', 'signed')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row?.last ?? null;
}

export async function noteContents(db: Kysely<DB>, clientId: string): Promise<Record<string, number>> {
  const notes = await db
    .selectFrom('notes')
    .select(['id', 'status'])
    .where('client_id', '=', clientId)
    .execute();
  const addenda = notes.length
    ? await db
        .selectFrom('note_addenda')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(
          'note_id',
          'in',
          notes.map((n) => n.id),
        )
        .executeTakeFirstOrThrow()
    : { n: 0 };
  return {
    signedNotes: notes.filter((n) => n.status === 'signed').length,
    draftNotes: notes.filter((n) => n.status === 'draft').length,
    addenda: addenda.n,
  };
}

/**
 * Removes the client's notes (signed and draft), their addenda and their rows in the search index
 * (FTS5 secure-delete: the index's pages keep no word of them). Returns the removed notes' ids
 * (their form drafts are keyed by them). Call only from a destruction.
 */
export async function purgeClient(trx: Kysely<DB>, clientId: string): Promise<string[]> {
  const notes = await trx
    .selectFrom('notes')
    .select(['id', 'seq'])
    .where('client_id', '=', clientId)
    .execute();
  if (notes.length === 0) return [];
  const ids = notes.map((n) => n.id);
  await trx.deleteFrom('note_addenda').where('note_id', 'in', ids).execute();
  await sql`INSERT INTO notes_fts (notes_fts, rank) VALUES ('secure-delete', 1)`.execute(trx);
  await sql`INSERT INTO notes_fts_impact (notes_fts_impact, rank) VALUES ('secure-delete', 1)`.execute(trx);
  for (const n of notes) {
    await sql`DELETE FROM notes_fts WHERE rowid = ${n.seq}`.execute(trx);
    await deleteImpactRow(trx, n.seq);
  }
  await trx.deleteFrom('notes').where('client_id', '=', clientId).execute();
  return ids;
}
