// Writes db/schema.snapshot.sql from a fresh database migrated to the latest version.
// Run it when a new migration lands: `npm run schema:snapshot`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { configureLive, openKeyed, wrapKysely } from '../db/connection.ts';
import { migrate } from '../db/migrator.ts';
import { schemaSql } from '../db/snapshot.ts';

export async function freshSchema(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'stillwater-schema-'));
  const sqlite = openKeyed(join(dir, 'schema.db'), randomBytes(32));
  try {
    configureLive(sqlite);
    await migrate(sqlite, wrapKysely(sqlite) as Kysely<unknown>);
    return schemaSql(sqlite);
  } finally {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const sql = await freshSchema();
  writeFileSync(new URL('../db/schema.snapshot.sql', import.meta.url), sql);
  console.log('db/schema.snapshot.sql written');
}
