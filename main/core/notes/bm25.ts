// FTS5's bm25 (k1 1.2, b 0.75; the scope column weighs nothing) computed here for a small set of
// matches, so that ranking a clinician's few hundred matches does not cost what FTS5's bm25()
// does: it counts, for the inverse document frequency, every note in the practice that has the
// word, on each query. A single word's frequency multiplies every score alike, so it is counted
// only when the query has more than one word. Scores equal FTS5's for the same notes: the same
// formula over the same figures (document sizes from notes_fts_docsize, the practice's averages
// from notes_fts_data), and the words counted as the index counts them (folded, by prefix).
// Synchronous over a better-sqlite3 handle: the search worker (search-worker.ts) runs them on its
// own read connection.
import type { SqliteHandle } from '../../../db/connection.ts';
import { bucketFloor, parseCell } from './impact-cells.ts';

const K1 = 1.2;
const B = 0.75;

/** One phrase of a MATCH built by ftsQuery: `"word"*` (a prefix) or `"word"`. */
interface Phrase {
  text: string;
  prefix: boolean;
}

const fold = (text: string): string => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
const WORD = /[\p{L}\p{N}]+/gu;

export function phrasesOf(match: string): Phrase[] {
  return [...match.matchAll(/"([^"]*)"(\*?)/g)].map((m) => ({ text: m[1] ?? '', prefix: m[2] === '*' }));
}

/**
 * `match` with each prefix longer than the prefix index's 3 letters spelled out as the words the
 * index holds that start with it (`"sleep"*` becomes `("sleep" OR "sleepless")`), for a MATCH ANDed
 * with a scope: FTS5 reads a long prefix by merging every such word's notes in the practice,
 * while whole words are read only where the scope's notes are. Null: a prefix no word starts
 * with, so nothing matches. A prefix of more than 64 words is left as it is.
 */
export function spelledOut(db: SqliteHandle, match: string): string | null {
  const parts: string[] = [];
  const termsFrom = db.prepare<[string, string], { term: string }>(
    'SELECT term FROM notes_fts_terms WHERE term >= ? AND term <= ? LIMIT 65',
  );
  for (const p of phrasesOf(match)) {
    if (!p.prefix || Array.from(p.text).length <= 3) {
      parts.push(`"${p.text}"${p.prefix ? '*' : ''}`);
      continue;
    }
    const words = termsFrom.all(p.text, `${p.text}\u{10FFFF}`);
    const terms = words.map((w) => w.term).filter((t) => t.startsWith(p.text));
    if (terms.length === 0) return null;
    parts.push(terms.length > 64 ? `"${p.text}"*` : `(${terms.map((t) => `"${t}"`).join(' OR ')})`);
  }
  return parts.join(' AND ');
}

/** SQLite's varint, as FTS5 writes its sizes: the value and where the next one starts. */
function varint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = bytes[at + i] ?? 0;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  return [value * 256 + (bytes[at + 8] ?? 0), at + 9];
}

function varints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let at = 0; at < bytes.length;) {
    const [v, next] = varint(bytes, at);
    out.push(v);
    at = next;
  }
  return out;
}

/**
 * The rowids of every note matching `full` (a MATCH over body and scope), best first by bm25 and
 * newest first on a tie; `match` is the body part, whose phrases are scored. For scopes small
 * enough to read whole: the caller passes a scope.
 */
export function rankedMatches(db: SqliteHandle, full: string, match: string): number[] {
  const rows = db
    .prepare<[string], { rowid: number; body: string }>(
      'SELECT rowid, body FROM notes_fts WHERE notes_fts MATCH ?',
    )
    .all(full);
  if (rows.length <= 1) return rows.map((r) => r.rowid);
  const { total, avgdl } = practiceFigures(db);
  const sizes = documentSizes(
    db,
    rows.map((r) => r.rowid),
  );
  const phrases = phrasesOf(match);
  const idf: number[] = [];
  for (const p of phrases) {
    if (phrases.length === 1) {
      idf.push(1);
      continue;
    }
    const one = `body : ("${p.text}"${p.prefix ? '*' : ''})`;
    const n = db
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM notes_fts WHERE notes_fts MATCH ?')
      .get(one)?.n;
    idf.push(inverseFrequency(db, total, n ?? 0));
  }
  const scored = rows.map((r) => {
    const words = (r.body.match(WORD) ?? []).map(fold);
    const d = sizes.get(r.rowid) ?? words.length;
    let score = 0;
    for (const [i, p] of phrases.entries()) {
      const f = words.filter((w) => (p.prefix ? w.startsWith(p.text) : w === p.text)).length;
      // The order of operations is FTS5's (fts5Bm25Function), so that scores are the same doubles.
      score += (idf[i] ?? 0) * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * d) / avgdl)));
    }
    return { rowid: r.rowid, score };
  });
  scored.sort((x, y) => y.score - x.score || y.rowid - x.rowid);
  return scored.map((s) => s.rowid);
}

/** A match and FTS5's bm25 score for it (lower is better). */
export interface Scored {
  rowid: number;
  score: number;
}

/**
 * The best `count` of the owner's matches (every note; mayReadNote applies the owner's exceptions
 * afterwards) whose rowid is above `above` and at most `upTo` (null: no bound), by FTS5's own bm25
 * and newest first on a tie. FTS5 counts a word's notes for the score over the whole table, so
 * the scores of two ranges are the same figures and their lists merge (search-thread.ts).
 */
export function bestOf(
  db: SqliteHandle,
  full: string,
  count: number,
  above: number | null,
  upTo: number | null,
): Scored[] {
  return db
    .prepare<[string, number, number, number], Scored>(
      `SELECT rowid, bm25(notes_fts, 0.0, 1.0) AS score FROM notes_fts
       WHERE notes_fts MATCH ? AND rowid > ? AND rowid <= ?
       ORDER BY score, rowid DESC LIMIT ?`,
    )
    .all(full, above ?? -1, upTo ?? Number.MAX_SAFE_INTEGER, count);
}

/**
 * The best `count` of the matches in a range (as bestOf) whose scope column holds one of
 * `tokens`: the reader's notes, when they are too many to rank one by one (a large caseload).
 * The practice's matches are ranked by FTS5 and read best first, `first` at a time and then four
 * times as many, until `count` of the reader's are found or the matches run out. The same notes
 * in the same order as the MATCH `body AND scope : (tokens)` ranked by bm25.
 */
export function bestInScope(
  db: SqliteHandle,
  full: string,
  count: number,
  range: { above: number | null; upTo: number | null },
  tokens: ReadonlySet<string>,
  first: number,
): Scored[] {
  for (let k = Math.max(first, count); ; k *= 4) {
    const ranked = bestOf(db, full, k, range.above, range.upTo);
    // The scopes are read best first, a chunk at a time, until `count` of the reader's are found.
    const visible: Scored[] = [];
    for (let at = 0; at < ranked.length && visible.length < count; at += SCOPE_CHUNK) {
      const chunk = ranked.slice(at, at + SCOPE_CHUNK);
      const inScope = scopedRows(
        db,
        chunk.map((r) => r.rowid),
        tokens,
      );
      visible.push(...chunk.filter((r) => inScope.has(r.rowid)));
    }
    if (visible.length >= count || ranked.length < k) return visible.slice(0, count);
  }
}

const SCOPE_CHUNK = 100;

/** Which of `rowids` (a chunk: at most SCOPE_CHUNK) carry one of `tokens` in their scope column (notes_fts_content c0). */
function scopedRows(db: SqliteHandle, rowids: number[], tokens: ReadonlySet<string>): Set<number> {
  const rows = db
    .prepare<number[], { id: number; scope: string }>(
      `SELECT id, c0 AS scope FROM notes_fts_content WHERE id IN (${rowids.map(() => '?').join(',')})`,
    )
    .all(...rowids);
  return new Set(rows.filter((r) => r.scope.split(' ').some((t) => tokens.has(t))).map((r) => r.id));
}

/**
 * The best `count` of every note matching the one prefix `"word"*` (of IMPACT_MIN_PREFIX
 * letters or more), best first: the same notes, scores and order as bestOf over the whole table,
 * read from the impact index (impacts.ts) instead of calling bm25 on every match. For one phrase,
 * FTS5's score is a function of two figures: how many of the body's words start with the prefix
 * (the cell's count) and the note's length, which is at least its bucket's floor. So each cell
 * has a best possible score; cells are opened best first, their notes scored exactly (sizes from
 * notes_fts_docsize, FTS5's formula and order of operations, the word's document count summed over
 * its cells), and the reading stops when `count` notes are found that no unopened cell can beat
 * or tie. Null when the table holds no cell for the prefix while notes_fts may still match it
 * (never, while the two are written together): the caller ranks with FTS5 itself.
 */
export function bestByImpact(db: SqliteHandle, word: string, count: number): Scored[] {
  const cells = db
    .prepare<[string, string], { term: string; doc: number }>(
      'SELECT term, doc FROM notes_fts_impact_cells WHERE term >= ? AND term < ?',
    )
    .all(`${word}.`, `${word}/`)
    .flatMap((c) => {
      const parsed = parseCell(c.term);
      return parsed ? [{ token: c.term, notes: c.doc, ...parsed }] : [];
    });
  if (cells.length === 0 || count <= 0) return [];
  const { total, avgdl } = practiceFigures(db);
  const hits = cells.reduce((a, c) => a + c.notes, 0);
  const idf = inverseFrequency(db, total, hits);
  // FTS5's fts5Bm25Function for one phrase, the same doubles: -1 * (0 + idf * (f(k1+1) / (f + k1(1 - b + b·D/avgdl)))).
  const score = (f: number, d: number) =>
    -1 * (0 + idf * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * d) / avgdl))));
  const ranked = cells
    .map((c) => ({ ...c, best: score(c.count, bucketFloor(c.bucket)) }))
    .sort((x, y) => x.best - y.best);
  const notesOf = db.prepare<[string], { rowid: number }>(
    'SELECT rowid FROM notes_fts_impact WHERE notes_fts_impact MATCH ?',
  );
  let found: Scored[] = [];
  for (const cell of ranked) {
    // Lower is better: a cell whose best is worse than the count-th found cannot enter the list
    // (equal could, on a tie broken by rowid).
    const last = found[count - 1];
    if (last && cell.best > last.score) break;
    const rowids = notesOf.all(`"${cell.token}"`).map((r) => r.rowid);
    for (const [id, d] of documentSizes(db, rowids)) found.push({ rowid: id, score: score(cell.count, d) });
    found.sort((x, y) => x.score - y.score || y.rowid - x.rowid);
    if (found.length > count) found = found.slice(0, count);
  }
  return found;
}

/**
 * FTS5's inverse document frequency of a phrase found in `hits` of `total` notes, with the
 * logarithm of the C library FTS5 itself calls (SQLite's ln()): V8's Math.log can differ from it
 * in the last bit, and so would the scores.
 */
function inverseFrequency(db: SqliteHandle, total: number, hits: number): number {
  const idf =
    db
      .prepare<[number, number, number], { idf: number }>('SELECT ln((? - ? + 0.5) / (? + 0.5)) AS idf')
      .get(total, hits, hits)?.idf ?? 0;
  return idf <= 0 ? 1e-6 : idf;
}

/** The practice's note count and average note length (every column's words), as FTS5 keeps them for bm25. */
function practiceFigures(db: SqliteHandle): { total: number; avgdl: number } {
  const averages = db
    .prepare<[], { block: Uint8Array }>('SELECT block FROM notes_fts_data WHERE id = 1')
    .get();
  const [total = 1, ...columnTotals] = varints(averages?.block ?? new Uint8Array());
  return { total, avgdl: columnTotals.reduce((a, b) => a + b, 0) / total };
}

/** Each note's length as FTS5 counts it for bm25 (every column's words), from notes_fts_docsize. */
function documentSizes(db: SqliteHandle, rowids: number[]): Map<number, number> {
  const sizes = new Map<number, number>();
  for (let i = 0; i < rowids.length; i += 500) {
    const ids = rowids.slice(i, i + 500);
    const found = db
      .prepare<number[], { id: number; sz: Uint8Array }>(
        `SELECT id, sz FROM notes_fts_docsize WHERE id IN (${ids.map(() => '?').join(',')})`,
      )
      .all(...ids);
    for (const s of found)
      sizes.set(
        s.id,
        varints(s.sz).reduce((a, b) => a + b, 0),
      );
  }
  return sizes;
}
