// Migrations are history: the schema they build is the committed snapshot, every earlier
// database migrates forward, a failing step changes nothing, a newer database is refused.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLive, openKeyed, wrapKysely, type SqliteHandle } from '../../../db/connection.ts';
import { migrations } from '../../../db/migrations/index.ts';
import { assertNotTooNew, migrate, readSchemaVersion, SchemaTooNewError } from '../../../db/migrator.ts';
import { schemaSql } from '../../../db/snapshot.ts';
import { freshSchema } from '../../../scripts/schema-snapshot.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function freshDb(): SqliteHandle {
  const dir = tempDir();
  dirs.push(dir);
  const sqlite = openKeyed(join(dir.path, 'm.db'), randomBytes(32));
  configureLive(sqlite);
  return sqlite;
}

describe('migrations', () => {
  it('build exactly the committed schema snapshot (run `npm run schema:snapshot` after adding one)', async () => {
    const committed = readFileSync(new URL('../../../db/schema.snapshot.sql', import.meta.url), 'utf8');
    expect(await freshSchema()).toBe(committed);
  });

  it('are numbered 1..n in a fixed list', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) expect(m.name).toMatch(/^\d{4}-[a-z0-9-]+$/);
  });

  it('bring a database made by every earlier version up to the latest schema', async () => {
    const latest = await freshSchema();
    for (let upTo = 0; upTo < migrations.length; upTo++) {
      const sqlite = freshDb();
      const db = wrapKysely(sqlite) as Kysely<unknown>;
      await migrate(sqlite, db, migrations.slice(0, upTo));
      expect(readSchemaVersion(sqlite)).toBe(upTo);
      await migrate(sqlite, db);
      expect(schemaSql(sqlite)).toBe(latest);
      sqlite.close();
    }
  });

  it('run each step in one transaction: a failing step leaves the previous version intact', async () => {
    const sqlite = freshDb();
    const db = wrapKysely(sqlite) as Kysely<unknown>;
    const broken = {
      version: migrations.length + 1,
      name: '9999-broken',
      up: async (trx: Kysely<unknown>) => {
        await sql`CREATE TABLE half_made (x)`.execute(trx);
        await sql`INSERT INTO no_such_table VALUES (1)`.execute(trx);
      },
    };
    await expect(migrate(sqlite, db, [...migrations, broken])).rejects.toThrow();
    expect(readSchemaVersion(sqlite)).toBe(migrations.length);
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_made'").get()).toEqual({
      n: 0,
    });
    sqlite.close();
  });

  it('refuse a database newer than the app, before writing anything', () => {
    const sqlite = freshDb();
    sqlite.pragma(`user_version = ${String(migrations.length + 3)}`);
    expect(() => assertNotTooNew(sqlite)).toThrow(SchemaTooNewError);
    sqlite.close();
  });
});
