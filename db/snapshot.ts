// The schema as SQL text, for the committed snapshot (db/schema.snapshot.sql) and its test.
import type { SqliteHandle } from './connection.ts';

export function schemaSql(sqlite: SqliteHandle): string {
  const rows = sqlite
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all() as { type: string; name: string; sql: string }[];
  const version = String(sqlite.pragma('user_version', { simple: true }));
  return (
    [`-- schema version ${version}`, ...rows.map((r) => `${r.sql.replace(/\s+/g, ' ').trim()};`)].join('\n') +
    '\n'
  );
}
