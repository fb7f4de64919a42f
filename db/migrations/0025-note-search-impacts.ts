// The impact index of note search (issue 17): one token per note and word prefix of four letters
// or more, naming how many of the body's words start with it and the body's length bucket
// ("sleep.3.14"), so that a one-word search of the whole practice reads the best cells first
// instead of scoring every match (main/core/notes/impacts.ts and bm25.ts bestByImpact).
// Contentless, detail=none: only which notes hold a token is kept, not the cells' text. Deleted rows are
// forgotten at once ('secure-delete'), as in notes_fts. Every note already in notes_fts gets its
// row here, its words split by a scratch FTS5 table with notes_fts's tokenizer, 2,000 at a time.
// The cells are written by the copy of the rule below, frozen with this migration; impacts.ts
// holds the live one (tests/integration/notes/search-impacts.test.ts checks that they agree).
import { sql, type Kysely } from 'kysely';

const nextEdge = (edge: number): number => Math.max(edge + 1, Math.floor((edge * 65) / 64));

function lengthBucket(tokens: number): number {
  let bucket = 0;
  for (let edge = 1; tokens >= edge; edge = nextEdge(edge)) bucket++;
  return bucket;
}

function cellsOf(words: readonly (readonly [string, number])[]): string {
  const byPrefix = new Map<string, number>();
  let length = 0;
  for (const [word, count] of words) {
    length += count;
    const chars = Array.from(word);
    for (let k = 4; k <= chars.length; k++) {
      const prefix = chars.slice(0, k).join('');
      byPrefix.set(prefix, (byPrefix.get(prefix) ?? 0) + count);
    }
  }
  const bucket = lengthBucket(length);
  return [...byPrefix].map(([prefix, count]) => `${prefix}.${String(count)}.${String(bucket)}`).join(' ');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE notes_fts_impact USING fts5(
    cells, content = '', contentless_delete = 1, detail = none, tokenize = "ascii tokenchars '.'")`.execute(
    db,
  );
  await sql`INSERT INTO notes_fts_impact (notes_fts_impact, rank) VALUES ('secure-delete', 1)`.execute(db);
  await sql`CREATE VIRTUAL TABLE notes_fts_impact_cells USING fts5vocab(notes_fts_impact, 'row')`.execute(db);

  await sql`CREATE VIRTUAL TABLE temp.note_words_0025
    USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`CREATE VIRTUAL TABLE temp.note_words_0025_instances
    USING fts5vocab(temp, note_words_0025, 'instance')`.execute(db);
  for (let after = -1; ;) {
    const chunk = await sql<{ rowid: number }>`
      SELECT rowid FROM notes_fts WHERE rowid > ${after} ORDER BY rowid LIMIT 2000`.execute(db);
    const last = chunk.rows.at(-1)?.rowid;
    if (last === undefined) break;
    await sql`INSERT INTO temp.note_words_0025 (rowid, body)
      SELECT rowid, body FROM notes_fts WHERE rowid > ${after} AND rowid <= ${last}`.execute(db);
    const words = await sql<{ doc: number; term: string; n: number }>`
      SELECT doc, term, count(*) AS n FROM temp.note_words_0025_instances GROUP BY doc, term`.execute(db);
    const byNote = new Map<number, [string, number][]>(chunk.rows.map((r) => [r.rowid, []]));
    for (const w of words.rows) byNote.get(w.doc)?.push([w.term, w.n]);
    for (const [seq, noteWords] of byNote)
      await sql`INSERT INTO notes_fts_impact (rowid, cells) VALUES (${seq}, ${cellsOf(noteWords)})`.execute(
        db,
      );
    await sql`DELETE FROM temp.note_words_0025`.execute(db);
    after = last;
  }
  await sql`DROP TABLE temp.note_words_0025_instances`.execute(db);
  await sql`DROP TABLE temp.note_words_0025`.execute(db);
}
