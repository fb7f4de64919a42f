// The practice server's schema against the SQLite file's: every table and column the app's queries
// name exists on both, with the same type family, nullability and primary key, so a migration that
// lands on one engine only fails here. Also: the server migrator is idempotent, refuses a newer
// schema, and on the real tables the app's login has no UPDATE or DELETE where SQLite has triggers.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLive, openKeyed, wrapKysely, type SqliteHandle } from '../../../db/connection.ts';
import { migrate, SchemaTooNewError } from '../../../db/migrator.ts';
import { migrateServer, serverMigrations } from '../../../db/postgres/migrator.ts';
import { SERVER_ONLY_TABLES } from '../../../db/postgres/migrations/0004-client-search.ts';
import { NEVER_DELETED, NEVER_UPDATED } from '../../../db/postgres/roles.ts';
import { outcome, startServerPractice, type ServerPractice } from '../../helpers/pg-practice.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

interface Column {
  type: string;
  notNull: boolean;
  primaryKey: boolean;
}

/** SQLite's declared types as the families PostgreSQL has them in (0001-baseline.ts). */
const FAMILY: Record<string, string> = { text: 'text', integer: 'bigint', blob: 'bytea' };

function sqliteColumns(sqlite: SqliteHandle): Map<string, Map<string, Column>> {
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'",
    )
    .all() as { name: string }[];
  const out = new Map<string, Map<string, Column>>();
  for (const { name } of tables) {
    if (/_fts($|_)/.test(name)) continue; // full-text search: its own design on the server
    const cols = sqlite
      .prepare(`SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?)`)
      .all(name) as {
      name: string;
      type: string;
      nn: number;
      pk: number;
    }[];
    out.set(
      name,
      new Map(
        cols.map((c) => [
          c.name,
          {
            type: FAMILY[c.type.toLowerCase()] ?? `?${c.type}`,
            notNull: c.nn === 1 || c.pk > 0,
            primaryKey: c.pk > 0,
          },
        ]),
      ),
    );
  }
  return out;
}

describe('practice server schema', () => {
  let server: ServerPractice;
  let sqlite: SqliteHandle;
  const folder = tempDir();
  beforeAll(async () => {
    server = await startServerPractice();
    sqlite = openKeyed(join(folder.path, 'schema.db'), randomBytes(32));
    configureLive(sqlite);
    await migrate(sqlite, wrapKysely(sqlite) as Kysely<unknown>);
  }, 120_000);
  afterAll(async () => {
    sqlite.close();
    folder.remove();
    await server.remove();
  });

  it('has every table and column of the SQLite schema, alike in type, nullability and key', async () => {
    const admin = await server.adminClient();
    const { rows } = await admin.query<{
      table: string;
      column: string;
      type: string;
      nullable: string;
      pk: boolean;
    }>(
      `select c.table_name as table, c.column_name as column, c.data_type as type, c.is_nullable as nullable,
              exists (select 1 from information_schema.key_column_usage k
                        join information_schema.table_constraints t
                          on t.constraint_name = k.constraint_name and t.table_schema = k.table_schema
                       where t.constraint_type = 'PRIMARY KEY' and k.table_schema = c.table_schema
                         and k.table_name = c.table_name and k.column_name = c.column_name) as pk
         from information_schema.columns c
        where c.table_schema = 'stillwater' and c.table_name <> 'schema_version'
          and c.table_name <> all ($1)`,
      [[...SERVER_ONLY_TABLES]],
    );
    const server_ = new Map<string, Map<string, Column>>();
    for (const r of rows) {
      const table = server_.get(r.table) ?? new Map<string, Column>();
      table.set(r.column, { type: r.type, notNull: r.nullable === 'NO', primaryKey: r.pk });
      server_.set(r.table, table);
    }
    const local = sqliteColumns(sqlite);
    expect([...server_.keys()].sort()).toEqual([...local.keys()].sort());
    expect(local.size).toBeGreaterThan(40);
    for (const [table, columns] of local) {
      expect(Object.fromEntries(server_.get(table) ?? []), table).toEqual(Object.fromEntries(columns));
    }
  });

  it('migrates once: a second run changes nothing, and a newer server schema is refused', async () => {
    const admin = await server.adminClient();
    expect(await migrateServer(admin)).toBe(serverMigrations.length);
    await admin.query('update stillwater.schema_version set version = $1', [serverMigrations.length + 1]);
    await expect(migrateServer(admin)).rejects.toBeInstanceOf(SchemaTooNewError);
    await admin.query('update stillwater.schema_version set version = $1', [serverMigrations.length]);
  });

  it('the app’s login cannot update or delete an append-only row of the real tables, nor its schema version', async () => {
    const login = await server.newLogin();
    const { pool } = server.open(login);
    const state = (text: string): Promise<string> => outcome(pool.query(text));
    for (const table of NEVER_UPDATED) {
      const [column] = [...(sqliteColumns(sqlite).get(table)?.keys() ?? [])];
      expect(
        await state(`update ${table} set "${column ?? ''}" = "${column ?? ''}" where false`),
        table,
      ).toBe('42501');
    }
    for (const table of NEVER_DELETED)
      expect(await state(`delete from ${table} where false`), table).toBe('42501');
    expect(await state('delete from notes where false')).toBe('succeeded');
    expect(await state('update schema_version set version = 0')).toBe('42501');
    expect(await state('select version from schema_version')).toBe('succeeded');
  });
});
