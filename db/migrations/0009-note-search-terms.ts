// The words the notes index holds, as a table (FTS5's fts5vocab, a view of notes_fts that stores
// nothing): note search spells a long prefix out as the words that start with it, which FTS5 then
// reads only where the reader's scope is (main/core/notes/bm25.ts, spelledOut).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE notes_fts_terms USING fts5vocab(notes_fts, 'row')`.execute(db);
}
