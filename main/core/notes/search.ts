// Full-text search of notes (FTS5 inside the encrypted file), ranked by relevance (bm25) over every
// note the reader may open. Who may see a hit is decided before any text leaves: the MATCH is
// narrowed to the reader's scope tokens (migration 0008: own notes, notes for their co-signature,
// signed progress notes of their caseload's clients; one client's notes when searching a chart;
// the owner, who reads nearly every chart, is not narrowed), and mayReadNote, the rule notes.get
// and the timeline use, has the last word on each hit (the owner's Part 2 and psychotherapy
// exceptions, drafts). Every search is audited naming each client whose notes it returned. The
// matching and ranking run in a worker thread with its own read connection (search-thread.ts),
// so a search never holds up another IPC call; main decides the scope and checks each hit.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { SearchHit } from '../../../preload/contract/notes.ts';
import { chartAccessOrNull, ListReadLog, mayReadNote, type ChartAccess } from '../access/index.ts';
import { clientCount, clientLabels, clientsOfClinicians, ftsQuery, onCaseloadOf } from '../clients/index.ts';
import { coveredClinicians } from '../cover/index.ts';
import { readDb, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import { staffLabel, staffLabels } from '../staff/index.ts';
import { SearchThread } from './search-thread.ts';
import { authorToken, clientToken, cosignerToken, teamToken } from './queries.ts';
import { IMPACT_MIN_PREFIX } from './impact-cells.ts';
import { searchBody } from './search-body.ts';
import { makeSnippet, queryTokens } from './snippet.ts';

/** A phrase of the scope column (ids are letters, digits and the token's prefix letter). */
const phrase = (token: string): string => `"${token}"`;

export class NoteSearchService {
  private readonly ctx: CoreContext;
  private readonly log: ListReadLog;
  private readonly thread: SearchThread;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
    this.log = new ListReadLog(ctx, 'note.search');
    this.thread = new SearchThread(() => ctx.vault.readerFor(), ctx.logger);
    ctx.vault.onClosing(() => {
      this.thread.stop();
    });
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
    const scope = await scopeOf(db, session, clientId);
    // Best first by bm25 (the scope column weighs nothing), newest first on a tie. mayReadNote
    // drops few: the scope holds only what the reader may open (but the owner's exceptions).
    const hits: SearchHit[] = [];
    const want = Math.max(2 * limit, 40);
    if (scope !== null && scope.length <= SMALL_SCOPE) {
      // A chart's or a small caseload's matches are few: all of them are ranked (in a worker).
      const ranked = await this.thread.scoped(match, scope.map(phrase).join(' OR '));
      for (let at = 0; at < ranked.length && hits.length < limit; at += want) {
        const rowids = ranked.slice(at, at + want);
        hits.push(...(await this.describeReadable(db, session, query, rowids, limit - hits.length)));
      }
    } else {
      // The owner's are the practice's, and a large caseload's a good part of them: FTS5 ranks
      // the practice's matches, half the notes on each worker (a large caseload's kept by their
      // scope), in pages that grow until `limit` readable hits are found or the matches run out.
      const newest = await db
        .selectFrom('notes')
        .select((e) => e.fn.max('seq').as('seq'))
        .executeTakeFirst();
      const split = Math.floor((newest?.seq ?? 0) / 2);
      const among =
        scope === null ? undefined : { tokens: scope, first: await firstLook(db, scope.length, want) };
      // One word of four letters or more, searched by the owner: ranked from the impact index.
      const single = oneLongPrefix(match);
      let offset = 0;
      let page = want;
      for (;;) {
        const best =
          single && !among
            ? await this.thread.impact(single, offset + page)
            : await this.thread.best(match, offset + page, split, among);
        const rowids = best.slice(offset).map((s) => s.rowid);
        hits.push(...(await this.describeReadable(db, session, query, rowids, limit - hits.length)));
        if (hits.length >= limit || rowids.length < page) break;
        offset += page;
        page *= 4;
      }
    }
    hits.length = Math.min(hits.length, limit);
    await this.log.record(
      session,
      hits.map((h) => h.clientId),
      clientId ? { targetType: 'client', targetId: clientId } : {},
    );
    return hits;
  }

  /**
   * The first `want` notes of `rowids` the session may read, described for the list, in the
   * order given. Access is decided in that order (each chart once) and stops at `want`; the
   * notes' text is read only for those kept.
   */
  private async describeReadable(
    db: Kysely<DB>,
    session: Session,
    query: string,
    rowids: number[],
    want: number,
  ): Promise<SearchHit[]> {
    if (rowids.length === 0 || want <= 0) return [];
    const facts = await db
      .selectFrom('notes')
      .select(['seq', 'id', 'client_id', 'service_date', 'kind', 'status', 'author_id', 'part2', 'cosign_by'])
      .where('seq', 'in', rowids)
      .execute();
    const bySeq = new Map(facts.map((n) => [n.seq, n]));
    const authors = await staffLabels(
      db,
      facts.map((n) => n.author_id),
    );
    const charts = new Map<string, ChartAccess | null>();
    const kept: (typeof facts)[number][] = [];
    for (const rowid of rowids) {
      if (kept.length >= want) break;
      const n = bySeq.get(rowid);
      if (!n) continue;
      if (!charts.has(n.client_id))
        charts.set(n.client_id, await chartAccessOrNull(db, session, n.client_id));
      const chart = charts.get(n.client_id) ?? null;
      if (mayReadNote(session, n, chart, authors.get(n.author_id)?.active === 1)) kept.push(n);
    }
    if (kept.length === 0) return [];
    const ids = kept.map((n) => n.id);
    const texts = new Map(
      (
        await db
          .selectFrom('notes')
          .select(['id', 'sections', 'risk_plan', 'participants'])
          .where('id', 'in', ids)
          .execute()
      ).map((t) => [t.id, t]),
    );
    const clients = await clientLabels(
      db,
      kept.map((n) => n.client_id),
    );
    const addenda = await db
      .selectFrom('note_addenda')
      .select(['note_id', 'text'])
      .where('note_id', 'in', ids)
      .orderBy('signed_at')
      .execute();
    const tokens = queryTokens(query);
    return kept.map((n) => {
      const t = texts.get(n.id);
      const c = clients.get(n.client_id);
      const body = searchBody(
        {
          id: n.id,
          sections: t?.sections ?? '{}',
          risk_plan: t?.risk_plan ?? null,
          participants: t?.participants ?? null,
        },
        addenda.filter((a) => a.note_id === n.id).map((a) => a.text),
      );
      return {
        noteId: n.id,
        clientId: n.client_id,
        clientName: `${c?.legal_first_name ?? ''} ${c?.legal_last_name ?? ''}${c?.preferred_name ? ` (${c.preferred_name})` : ''}`,
        serviceDate: n.service_date,
        kind: n.kind,
        status: n.status,
        author: {
          id: n.author_id,
          displayName: staffLabel(
            authors.get(n.author_id)?.display_name ?? '',
            authors.get(n.author_id)?.active ?? 1,
          ),
        },
        snippet: makeSnippet(body, tokens),
      };
    });
  }
}

/**
 * The word of a MATCH that is one prefix phrase `"word"*` of IMPACT_MIN_PREFIX letters or more,
 * in ASCII letters and digits (spelled as notes_fts's tokenizer spells it, so the impact cells
 * name it exactly); null for anything else, which FTS5 ranks itself.
 */
function oneLongPrefix(match: string): string | null {
  const m = /^"([a-z0-9]+)"\*$/.exec(match);
  return m?.[1] && m[1].length >= IMPACT_MIN_PREFIX ? m[1] : null;
}

/**
 * A scope of more tokens than this is searched by ranking the practice's matches and keeping
 * the scope's (bestInScope), not by ranking every match of the scope (rankedMatches reads each
 * one's text). Measured on the bench's practice: 30 clients rank whole in ~15 ms, 1,000 in ~275.
 */
const SMALL_SCOPE = 100;

/**
 * How many of the practice's best matches to look at first for `want` of a large scope's: its
 * share of the practice's clients, with room to spare, so that one look is nearly always enough.
 */
async function firstLook(db: Kysely<DB>, tokens: number, want: number): Promise<number> {
  const share = Math.min(1, tokens / Math.max(1, await clientCount(db)));
  return Math.ceil((1.5 * want) / Math.max(share, 0.01));
}

/**
 * The scope tokens that hold every note the session may read (null: all notes, for the owner,
 * whose exceptions mayReadNote applies). A clinician's are their own notes, notes for their
 * co-signature and the signed progress notes of each client of their caseload that has notes;
 * searching one chart narrows to that client's notes.
 */
async function scopeOf(
  db: Kysely<DB>,
  session: Session,
  clientId: string | undefined,
): Promise<string[] | null> {
  if (clientId) return [clientToken(clientId)];
  if (session.role === 'owner') return null;
  const tokens = [authorToken(session.userId), cosignerToken(session.userId)];
  if (session.role === 'clinician') {
    const caseload = await db
      .selectFrom('notes')
      .select('client_id')
      .distinct()
      // Planned cover (issue 21): a covered caseload's notes while the grant is in force.
      .where((eb) =>
        eb.or([
          onCaseloadOf('client_id', session.userId),
          clientsOfClinicians('client_id', coveredClinicians(session.userId)),
        ]),
      )
      .execute();
    tokens.push(...caseload.map((c) => teamToken(c.client_id)));
  }
  return tokens;
}
