// PostgreSQL schema 4: the client search index on the practice server (issue 22). On the SQLite
// file it is an FTS5 table (clients_fts); here a tsvector per client, GIN-indexed, holding the same
// words (main/core/clients/search-terms.ts searchTokens: split and folded as FTS5 does), queried
// with a tsquery of the same prefix terms (tsQueryOf). A row goes with its client. Server only.
// Forward-only: never edit.
import type pg from 'pg';

/** Tables only the practice server has (the SQLite file's counterparts are its FTS5 tables). */
export const SERVER_ONLY_TABLES: readonly string[] = ['clients_search'];

export async function up(owner: pg.ClientBase): Promise<void> {
  await owner.query(
    'create table "clients_search" ("seq" bigint primary key references "clients" ("seq") on delete cascade, "terms" tsvector not null)',
  );
  await owner.query('create index "clients_search_terms" on "clients_search" using gin ("terms")');
}
