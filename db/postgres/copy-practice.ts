// Copies every record of a single-computer practice (its SQLite file) into an empty practice
// server, in one PostgreSQL transaction, and proves the copy: each table's row count and content
// hash (SHA-256 over its rows in key order, the same on both engines) must match before the
// caller's own check (the audit chain) runs and the transaction commits. Nothing is written to the
// SQLite file; nothing is left on the server when anything fails. Values go as bound parameters.
// The full-text search tables are not copied: they are derived from the records.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SqliteHandle } from '../connection.ts';
import { statements as baseline } from './migrations/0001-baseline.ts';
import { ident, PG_OWNER_ROLE, PG_SCHEMA } from './roles.ts';

export interface TableCopy {
  readonly table: string;
  readonly rows: number;
  readonly sha256: string;
}

export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

/** The tables in the order their references need (the server baseline creates them so). */
export const COPY_ORDER: readonly string[] = baseline
  .map((s) => /^create table "(\w+)"/.exec(s)?.[1])
  .filter((t): t is string => t !== undefined);

interface ColumnInfo {
  name: string;
  integer: boolean;
  pk: number;
}

/** A table as the copy reads and writes it: its columns, and their quoted list. */
interface TableShape {
  table: string;
  columns: ColumnInfo[];
  names: string;
}

function shapeOf(sqlite: SqliteHandle, table: string): TableShape {
  const rows = sqlite.prepare('SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid').all(table) as {
    name: string;
    type: string;
    pk: number;
  }[];
  const columns = rows.map((r) => ({ name: r.name, integer: r.type.toLowerCase() === 'integer', pk: r.pk }));
  return { table, columns, names: columns.map((c) => `"${c.name}"`).join(', ') };
}

/** Key order, the same on both engines: the primary key's columns, or every column. */
function orderBy(columns: readonly ColumnInfo[]): string {
  const keyed = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  return (keyed.length > 0 ? keyed : columns).map((c) => `"${c.name}"`).join(', ');
}

/** One row as hashed: integers as numbers (pg reads bigint as text), blobs as hex, in column order. */
function rowText(columns: readonly ColumnInfo[], row: Record<string, unknown>): string {
  return JSON.stringify(
    columns.map(({ name, integer }) => {
      const value = row[name];
      if (value === null || value === undefined) return null;
      if (Buffer.isBuffer(value)) return { hex: value.toString('hex') };
      if (integer) return Number(value);
      return value;
    }),
  );
}

const PARAMETERS_PER_INSERT = 30_000;

/**
 * Inserts the table's rows in the order they were written (rowid): a row that refers to another
 * of the same table (a plan's previous version, a suspension it follows) comes after it, as the
 * server's foreign keys, checked at each statement, require.
 */
async function copyTable(
  sqlite: SqliteHandle,
  server: pg.ClientBase,
  { table, columns, names }: TableShape,
): Promise<void> {
  const perBatch = Math.max(1, Math.min(500, Math.floor(PARAMETERS_PER_INSERT / columns.length)));
  let batch: unknown[][] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const values = batch
      .map((_, r) => `(${columns.map((__, c) => `$${String(r * columns.length + c + 1)}`).join(', ')})`)
      .join(', ');
    await server.query(`insert into ${ident(table)} (${names}) values ${values}`, batch.flat());
    batch = [];
  };
  const iterator = sqlite
    .prepare(`SELECT ${names} FROM "${table}" ORDER BY rowid`)
    .iterate() as IterableIterator<Record<string, unknown>>;
  for (const row of iterator) {
    batch.push(columns.map((c) => row[c.name] ?? null));
    if (batch.length >= perBatch) await flush();
  }
  await flush();
}

/** The table's row count and content hash on this computer, rows in key order. */
function localTable(sqlite: SqliteHandle, { table, columns, names }: TableShape): TableCopy {
  const hash = createHash('sha256');
  let rows = 0;
  const iterator = sqlite
    .prepare(`SELECT ${names} FROM "${table}" ORDER BY ${orderBy(columns)}`)
    .iterate() as IterableIterator<Record<string, unknown>>;
  for (const row of iterator) {
    hash.update(rowText(columns, row)).update('\n');
    rows += 1;
  }
  return { table, rows, sha256: hash.digest('hex') };
}

async function serverTable(server: pg.ClientBase, { table, columns, names }: TableShape): Promise<TableCopy> {
  const { rows } = await server.query<Record<string, unknown>>(
    `select ${names} from ${ident(table)} order by ${orderBy(columns)}`,
  );
  const hash = createHash('sha256');
  for (const row of rows) hash.update(rowText(columns, row)).update('\n');
  return { table, rows: rows.length, sha256: hash.digest('hex') };
}

/**
 * `server`: the administrator's connection to the migrated, empty practice database. `check` runs
 * inside the transaction, after the tables are proven equal (the audit chain's verification);
 * a throw there undoes the whole copy.
 */
export async function copyPracticeToServer(
  sqlite: SqliteHandle,
  server: pg.ClientBase,
  check: (server: pg.ClientBase) => Promise<void>,
): Promise<TableCopy[]> {
  const local = new Set(
    (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  const missing = COPY_ORDER.filter((t) => !local.has(t));
  if (missing.length > 0) {
    throw new CopyRefusedError(
      'This practice’s database is older than the server’s schema: open it in Stillwater once first.',
    );
  }
  await server.query('begin isolation level serializable');
  try {
    await server.query(`set local role ${ident(PG_OWNER_ROLE)}`);
    await server.query(`set local search_path = ${ident(PG_SCHEMA)}`);
    for (const table of COPY_ORDER) {
      const { rowCount } = await server.query(`select 1 from ${ident(table)} limit 1`);
      if (rowCount !== 0) {
        throw new CopyRefusedError(
          'The server’s database already holds a practice’s records. Stillwater moves a practice only into an empty one.',
        );
      }
    }
    // The record rules (0002-record-rules.ts) judge changes made one at a time, as the app makes
    // them: a co-signature is added to a signed note, never inserted with it; template versions
    // come in order. A copy inserts each row as it ended up, so they are off while it runs (inside
    // this transaction, for this copy only); the hashes below prove it changed nothing.
    for (const table of COPY_ORDER) await server.query(`alter table ${ident(table)} disable trigger user`);
    const shapes = COPY_ORDER.map((table) => shapeOf(sqlite, table));
    for (const shape of shapes) await copyTable(sqlite, server, shape);
    for (const table of COPY_ORDER) await server.query(`alter table ${ident(table)} enable trigger user`);
    // Identity columns continue after the highest value copied.
    const { rows: identities } = await server.query<{ table: string; column: string }>(
      `select table_name as table, column_name as column from information_schema.columns
        where table_schema = $1 and is_identity = 'YES'`,
      [PG_SCHEMA],
    );
    for (const { table, column } of identities) {
      await server.query(
        `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${ident(column)}) from ${ident(table)}), 0) + 1, false)`,
        [`${PG_SCHEMA}.${table}`, column],
      );
    }
    const copied: TableCopy[] = [];
    for (const shape of shapes) {
      const expected = localTable(sqlite, shape);
      const found = await serverTable(server, shape);
      if (found.rows !== expected.rows || found.sha256 !== expected.sha256) {
        throw new CopyRefusedError(
          `The copy of ${shape.table} on the server does not match this computer’s. Nothing was moved.`,
        );
      }
      copied.push(expected);
    }
    await check(server);
    await server.query('commit');
    return copied;
  } catch (error) {
    await server.query('rollback').catch(() => undefined);
    throw error;
  }
}
