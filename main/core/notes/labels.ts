// What the audit log says about a note when it is read (issue 18): its client and service date,
// looked up by id at read time, and which notes belong to a client (for the audit's client filter).
// Never a note's content.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

export interface NoteLabel {
  client_id: string;
  service_date: string;
  kind: 'progress' | 'psychotherapy';
}

export async function noteLabels(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, NoteLabel>> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, NoteLabel>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('notes')
      .select(['id', 'client_id', 'service_date', 'kind'])
      .where('id', 'in', wanted.slice(i, i + 500))
      .execute();
    for (const { id, ...label } of rows) out.set(id, label);
  }
  return out;
}

/** The ids of a client's notes (drafts and signed; a discarded draft is gone, its entries name the client). */
export async function noteIdsOfClient(db: Kysely<DB>, clientId: string): Promise<string[]> {
  const rows = await db.selectFrom('notes').select('id').where('client_id', '=', clientId).execute();
  return rows.map((r) => r.id);
}
