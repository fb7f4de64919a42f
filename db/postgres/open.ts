// The practice server's database as a kysely handle, like db/connection.ts's for the SQLite file.
// Connection settings (pinned TLS, credentials) come from main/core/server: db/ never reads them.
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DB } from '../schema.ts';
import { PG_SCHEMA } from './roles.ts';

/**
 * Row values as the SQLite side returns them: a bigint (every integer column, and count(*)) as a
 * number. Every such value is below 2^53 (row counts, flags, milliseconds since 1970); one that
 * is not is refused rather than rounded.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error('a 64-bit value beyond what Stillwater stores');
  return value;
}

const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, parseInt8);

export interface ServerDatabase {
  readonly db: Kysely<DB>;
  readonly pool: pg.Pool;
}

export function openServerDatabase(config: pg.PoolConfig): ServerDatabase {
  const pool = new pg.Pool({ ...config, types, options: `-c search_path=${PG_SCHEMA}` });
  // An idle connection the server dropped (restart, network) errors here: the pool replaces it,
  // and the next statement's own failure is what the user hears about.
  pool.on('error', () => undefined);
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), pool };
}

/**
 * A kysely handle on one connection already in a transaction (the practice copy's): every query
 * runs on it, inside that transaction. Closing the handle leaves the connection to its owner.
 */
export function onConnection(client: pg.ClientBase): Kysely<DB> {
  // kysely passes a text and its parameters (a cursor only when streaming, which nothing here does).
  const query = (text: string, values: readonly unknown[]) => client.query(text, [...values]);
  const borrowed = { query, release: () => undefined } as unknown as PostgresPoolClient;
  const pool: PostgresPool = {
    connect: () => Promise.resolve(borrowed),
    end: () => Promise.resolve(),
    options: {},
  };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
