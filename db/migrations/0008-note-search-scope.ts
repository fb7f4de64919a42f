// Note search by who may read: the notes index gains a scope column of tokens naming the note's
// client (c…), author (a…), co-signer (v…) and, for a signed progress note, the client again as
// t… (what a care team reads). Search ANDs the reader's tokens into the MATCH, so a clinician's
// query reads only their caseload's posting lists instead of the practice's. The body column and
// every note's text are kept as they are (copied through a temp table); the UNINDEXED copies of
// client, author, kind and status go (search reads them from notes).
import { sql, type Kysely } from 'kysely';

/** A note's scope tokens as version 8 writes them; main/core/notes/queries.ts (scopeTokens) must agree. */
const SCOPE = sql`'c' || replace(n.client_id, '-', '')
    || ' a' || replace(n.author_id, '-', '')
    || CASE WHEN n.cosign_by IS NULL THEN '' ELSE ' v' || replace(n.cosign_by, '-', '') END
    || CASE WHEN n.kind = 'progress' AND n.status = 'signed' THEN ' t' || replace(n.client_id, '-', '') ELSE '' END`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TEMP TABLE notes_fts_before_0008 AS SELECT rowid AS seq, body FROM notes_fts`.execute(db);
  await sql`DROP TABLE notes_fts`.execute(db);
  await sql`CREATE VIRTUAL TABLE notes_fts USING fts5(
    scope, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')`.execute(db);
  await sql`INSERT INTO notes_fts (rowid, scope, body)
    SELECT n.seq, ${SCOPE}, f.body FROM notes n JOIN temp.notes_fts_before_0008 f ON f.seq = n.seq
    ORDER BY n.seq`.execute(db);
  await sql`DROP TABLE temp.notes_fts_before_0008`.execute(db);
}
