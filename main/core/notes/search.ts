// Full-text search of notes (FTS5 inside the encrypted file). Who may see a hit is decided before
// any text leaves: the query narrows to candidates the reader could open (own notes; signed
// progress notes of the caseload, the owner's every client but Part 2 notes only of the owner's
// care team), and mayReadNote — the rule notes.get and the timeline use — has the last word on
// each hit. Every search is audited naming each client whose notes it returned.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { SearchHit } from '../../../preload/contract/notes.ts';
import {
  chartAccessOrNull,
  chartRights,
  ListReadLog,
  mayReadNote,
  type ChartAccess,
} from '../access/index.ts';
import { clientLabels, ftsQuery, onCaseloadOf } from '../clients/index.ts';
import { readDb, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import { staffLabels } from '../staff/index.ts';
import { searchBody } from './search-body.ts';
import { makeSnippet, queryTokens } from './snippet.ts';

/**
 * Newest visible matches considered for ranking: the index is read newest first and stops
 * here, which keeps a one-letter query as fast as a rare word. They are ranked by relevance in
 * rank() below (FTS5's bm25() doubled the cost of the query on 200,000 notes).
 */
const CANDIDATES = 100;

export class NoteSearchService {
  private readonly ctx: CoreContext;
  private readonly log: ListReadLog;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
    this.log = new ListReadLog(ctx, 'note.search');
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
    const myTeam = onCaseloadOf('client_id', me);
    // Charts off the reader's care team, as chartRights grants them: not at all (clinicians),
    // clinical notes but not Part 2 ones (the owner), or only session lines (front desk).
    const offTeam = chartRights(session.role, false);
    const teamClause = !offTeam?.clinical
      ? myTeam
      : offTeam.part2
        ? sql`1`
        : sql`(${myTeam} OR EXISTS (SELECT 1 FROM notes n WHERE n.seq = notes_fts.rowid AND n.part2 = 0))`;
    const clientClause = clientId ? sql`AND client_id = ${clientId}` : sql``;
    // rowid is the note's seq: ORDER BY rowid DESC walks the index newest first.
    const candidates = await sql<{ rowid: number }>`
      SELECT rowid FROM notes_fts
      WHERE notes_fts MATCH ${match} ${clientClause}
        AND (author_id = ${me} OR (kind = 'progress' AND status = 'signed' AND ${teamClause}))
      ORDER BY rowid DESC LIMIT ${CANDIDATES}`.execute(db);
    const hits = await this.rankAndDescribe(
      db,
      session,
      query,
      candidates.rows.map((c) => c.rowid),
      limit,
    );
    await this.log.record(
      session,
      hits.map((h) => h.clientId),
      clientId ? { targetType: 'client', targetId: clientId } : {},
    );
    return hits;
  }

  private async rankAndDescribe(
    db: Kysely<DB>,
    session: Session,
    query: string,
    rowids: number[],
    limit: number,
  ): Promise<SearchHit[]> {
    if (rowids.length === 0) return [];
    const notes = await db
      .selectFrom('notes')
      .select([
        'seq',
        'id',
        'client_id',
        'service_date',
        'kind',
        'status',
        'author_id',
        'part2',
        'cosign_by',
        'sections',
        'risk_plan',
        'participants',
      ])
      .where('seq', 'in', rowids)
      .execute();
    const authors = await staffLabels(
      db,
      notes.map((n) => n.author_id),
    );
    const clients = await clientLabels(
      db,
      notes.map((n) => n.client_id),
    );
    const meta = notes.map((n) => {
      const a = authors.get(n.author_id);
      const c = clients.get(n.client_id);
      return {
        ...n,
        author_active: a?.active ?? 0,
        display_name: a?.display_name ?? '',
        legal_first_name: c?.legal_first_name ?? '',
        legal_last_name: c?.legal_last_name ?? '',
        preferred_name: c?.preferred_name ?? null,
      };
    });
    const charts = new Map<string, ChartAccess | null>();
    for (const clientId of new Set(meta.map((m) => m.client_id)))
      charts.set(clientId, await chartAccessOrNull(db, session, clientId));
    const readable = meta.filter((m) =>
      mayReadNote(session, m, charts.get(m.client_id) ?? null, m.author_active === 1),
    );
    const addenda = await db
      .selectFrom('note_addenda')
      .select(['note_id', 'text'])
      .where(
        'note_id',
        'in',
        readable.map((m) => m.id),
      )
      .orderBy('signed_at')
      .execute();
    const tokens = queryTokens(query);
    const bySeq = new Map(readable.map((m) => [m.seq, m]));
    const scored = rowids.flatMap((rowid, age) => {
      const m = bySeq.get(rowid);
      if (!m) return [];
      const body = searchBody(
        m,
        addenda.filter((a) => a.note_id === m.id).map((a) => a.text),
      );
      return [{ m, body, score: relevance(body, tokens), age }];
    });
    scored.sort((a, b) => b.score - a.score || a.age - b.age);
    return scored.slice(0, limit).map(({ m, body }) => ({
      noteId: m.id,
      clientId: m.client_id,
      clientName: `${m.legal_first_name} ${m.legal_last_name}${m.preferred_name ? ` (${m.preferred_name})` : ''}`,
      serviceDate: m.service_date,
      kind: m.kind,
      status: m.status,
      author: { id: m.author_id, displayName: m.display_name },
      snippet: makeSnippet(body, tokens),
    }));
  }
}

/**
 * BM25-style term-frequency saturation and length normalisation over the query's prefix tokens,
 * with every token matched counting first (a note with both words beats one with either).
 */
export function relevance(body: string, tokens: string[]): number {
  const words =
    body
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const k1 = 1.2;
  const b = 0.75;
  const averageLength = 60;
  const norm = k1 * (1 - b + (b * words.length) / averageLength);
  let matched = 0;
  let score = 0;
  for (const t of tokens) {
    const tf = words.filter((w) => w.startsWith(t)).length;
    if (tf > 0) matched += 1;
    score += (tf * (k1 + 1)) / (tf + norm);
  }
  return matched * 100 + score;
}
