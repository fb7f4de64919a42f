// Full-text search of notes (FTS5 inside the encrypted file). Who may see a hit is decided in
// the query, before any snippet is made: signed progress notes of the user's caseload (the
// owner: every client), and the user's own drafts and psychotherapy notes.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { SearchHit } from '../../../preload/contract/notes.ts';
import { ftsQuery } from '../clients/search-terms.ts';
import { actorOf, inTransaction, readDb, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/session-manager.ts';

/** Newest matches considered for ranking: keeps a one-letter query as fast as a rare word. */
const CANDIDATES = 200;
const HIT_OPEN = '\u0002';
const HIT_CLOSE = '\u0003';

export function snippetParts(text: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  let rest = text;
  while (rest.length > 0) {
    const open = rest.indexOf(HIT_OPEN);
    if (open < 0) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), hit: false });
    const close = rest.indexOf(HIT_CLOSE, open + 1);
    const end = close < 0 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), hit: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

interface Candidate {
  rowid: number;
  score: number;
}

export class NoteSearchService {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  async search(
    session: Session,
    query: string,
    clientId: string | undefined,
    limit: number,
  ): Promise<SearchHit[]> {
    const match = ftsQuery(query);
    if (!match) return [];
    const db = readDb(this.ctx);
    const me = session.userId;
    const teamClause =
      session.role === 'owner'
        ? sql`1`
        : sql`client_id IN (SELECT id FROM clients WHERE primary_clinician_id = ${me}
                            UNION SELECT client_id FROM care_team WHERE user_id = ${me})`;
    const clientClause = clientId ? sql`AND client_id = ${clientId}` : sql``;
    // The newest CANDIDATES visible matches (rowid order is note order), ranked by bm25 among them.
    const candidates = await sql<Candidate>`
      SELECT rowid, bm25(notes_fts) AS score FROM notes_fts
      WHERE notes_fts MATCH ${match} ${clientClause}
        AND (author_id = ${me} OR (kind = 'progress' AND status = 'signed' AND ${teamClause}))
      ORDER BY rowid DESC LIMIT ${CANDIDATES}`.execute(db);
    const top = [...candidates.rows].sort((a, b) => a.score - b.score || b.rowid - a.rowid).slice(0, limit);
    const hits = await this.describe(
      db,
      match,
      top.map((c) => c.rowid),
    );
    await inTransaction(this.ctx, (trx) =>
      this.ctx.audit.append(trx, actorOf(session), {
        action: 'note.search',
        targetType: clientId ? 'client' : undefined,
        targetId: clientId,
        detail: { hits: hits.length },
      }),
    );
    return hits;
  }

  private async describe(db: Kysely<DB>, match: string, rowids: number[]): Promise<SearchHit[]> {
    if (rowids.length === 0) return [];
    const snippets = await sql<{ rowid: number; snippet: string }>`
      SELECT rowid, snippet(notes_fts, 4, ${HIT_OPEN}, ${HIT_CLOSE}, '…', 18) AS snippet FROM notes_fts
      WHERE notes_fts MATCH ${match} AND rowid IN (${sql.join(rowids)})`.execute(db);
    const meta = await db
      .selectFrom('notes as n')
      .innerJoin('clients as c', 'c.id', 'n.client_id')
      .innerJoin('users as u', 'u.id', 'n.author_id')
      .select([
        'n.seq',
        'n.id',
        'n.client_id',
        'n.service_date',
        'n.kind',
        'n.status',
        'n.author_id',
        'u.display_name',
        'c.legal_first_name',
        'c.legal_last_name',
        'c.preferred_name',
      ])
      .where('n.seq', 'in', rowids)
      .execute();
    const bySeq = new Map(meta.map((m) => [m.seq, m]));
    const snippetBySeq = new Map(snippets.rows.map((s) => [s.rowid, s.snippet]));
    return rowids.flatMap((rowid) => {
      const m = bySeq.get(rowid);
      if (!m) return [];
      return [
        {
          noteId: m.id,
          clientId: m.client_id,
          clientName: `${m.legal_first_name} ${m.legal_last_name}${m.preferred_name ? ` (${m.preferred_name})` : ''}`,
          serviceDate: m.service_date,
          kind: m.kind,
          status: m.status,
          author: { id: m.author_id, displayName: m.display_name },
          snippet: snippetParts(snippetBySeq.get(rowid) ?? ''),
        },
      ];
    });
  }
}
