// The impact index of note search (migration 0025): for each note, one token per word prefix of
// four letters or more in its body, naming how often the note has words with that prefix and how
// long its body is ("sleep.3.14": three times, body length bucket 14). A one-word search of the
// whole practice (the owner's) is ranked by bm25 over every match, and for one word bm25 depends
// only on those two figures; the cells of the word are read best first (their best possible
// score, from the shortest body of the bucket), and a cell is opened only while it could still
// beat the notes already found (bm25.ts bestByImpact). A common word's 140,000 matches then cost
// a few hundred notes' sizes instead of a bm25 call each.
//
// The words are the notes index's own: the body is split by an FTS5 table with notes_fts's
// tokenizer, so the prefixes are exactly what `"word"*` matches there. Written with the search
// row, in its transaction (queries.ts writeSearchRow); deleted with it.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { impactCells } from './impact-cells.ts';

/**
 * Writes note `seq`'s impact row for `body` (after deleting any it had). The body's words come
 * from a scratch FTS5 table in the connection's memory (temp_store=MEMORY) with notes_fts's
 * tokenizer, empty again before this returns: no note text stays there.
 */
export async function writeImpactRow(db: Kysely<DB>, seq: number, body: string): Promise<void> {
  await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.note_words
    USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.note_words_instances
    USING fts5vocab(temp, note_words, 'instance')`.execute(db);
  // The body goes in and out within a savepoint rolled back: the scratch table is left exactly as
  // it was. Deleting the row instead left FTS5's deletion markers behind, one set per save, and
  // after a day of saves (or the bench's 200,000) each delete took milliseconds.
  await sql`SAVEPOINT note_words`.execute(db);
  let words: { term: string; n: number }[];
  try {
    await sql`INSERT INTO temp.note_words (rowid, body) VALUES (1, ${body})`.execute(db);
    words = (
      await sql<{ term: string; n: number }>`
        SELECT term, count(*) AS n FROM temp.note_words_instances GROUP BY term`.execute(db)
    ).rows;
  } finally {
    await sql`ROLLBACK TO note_words`.execute(db);
    await sql`RELEASE note_words`.execute(db);
  }
  await deleteImpactRow(db, seq);
  const cells = impactCells(words.map((w) => [w.term, w.n] as const));
  await sql`INSERT INTO notes_fts_impact (rowid, cells) VALUES (${seq}, ${cells})`.execute(db);
}

export async function deleteImpactRow(db: Kysely<DB>, seq: number): Promise<void> {
  await sql`DELETE FROM notes_fts_impact WHERE rowid = ${seq}`.execute(db);
}
