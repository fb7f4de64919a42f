// Runs the numbered migrations at unlock, each in its own transaction, recording PRAGMA user_version.
import { sql, type Kysely } from 'kysely';
import type { SqliteHandle } from './connection.ts';
import { migrations as defaultMigrations, type Migration } from './migrations/index.ts';

export class SchemaTooNewError extends Error {
  readonly found: number;
  readonly supported: number;
  constructor(found: number, supported: number) {
    super(`database schema ${String(found)} is newer than this app supports (${String(supported)})`);
    this.name = 'SchemaTooNewError';
    this.found = found;
    this.supported = supported;
  }
}

export function readSchemaVersion(sqlite: SqliteHandle): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}

/** Throws SchemaTooNewError before anything is written when the file comes from a newer app. */
export function assertNotTooNew(
  sqlite: SqliteHandle,
  list: readonly Migration[] = defaultMigrations,
): number {
  const current = readSchemaVersion(sqlite);
  if (current > list.length) throw new SchemaTooNewError(current, list.length);
  return current;
}

export async function migrate(
  sqlite: SqliteHandle,
  db: Kysely<unknown>,
  list: readonly Migration[] = defaultMigrations,
  onStep: (m: Migration) => void = () => undefined,
): Promise<number> {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}`);
  });
  let current = assertNotTooNew(sqlite, list);
  for (const step of list.slice(current)) {
    await db.transaction().execute(async (trx) => {
      await step.up(trx);
      // user_version lives in the file header, written inside the same transaction: the
      // version moves with the step or not at all.
      await sql.raw(`PRAGMA user_version = ${String(step.version)}`).execute(trx);
    });
    current = step.version;
    onStep(step);
  }
  return current;
}
