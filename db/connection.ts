// Opens the practice database: SQLCipher 4 format, raw 256-bit key, WAL, synchronous=FULL.
import Database from 'better-sqlite3-multiple-ciphers';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import type { DB } from './schema.ts';

export type SqliteHandle = Database.Database;

export interface OpenDatabase {
  readonly sqlite: SqliteHandle;
  readonly db: Kysely<DB>;
  readonly file: string;
}

export type OpenFailure = 'not-a-database' | 'cipher-mismatch';

export class DatabaseOpenError extends Error {
  readonly reason: OpenFailure;
  constructor(reason: OpenFailure, message: string) {
    super(message);
    this.name = 'DatabaseOpenError';
    this.reason = reason;
  }
}

/** What we ask SQLite3 Multiple Ciphers for; read back after keying because some pragmas are ignored silently. */
export const CIPHER_SETTINGS = { cipher: 'sqlcipher', legacy: 4, legacyPageSize: 4096 } as const;

export interface CipherReport {
  cipher: string;
  legacy: number;
  pageSize: number;
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
  autoCheckpoint: number;
}

/**
 * Keys and checks a connection without writing to the file, so that a database from a newer
 * version (or a damaged one) is left exactly as it was.
 */
export function openKeyed(file: string, key: Buffer, options: { readonly?: boolean } = {}): SqliteHandle {
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  const sqlite = new Database(file, { readonly: options.readonly ?? false, fileMustExist: false });
  try {
    // The library's default is ChaCha20-Poly1305 (sqleet); we want the SQLCipher 4 file format.
    sqlite.pragma(`cipher='${CIPHER_SETTINGS.cipher}'`);
    sqlite.pragma(`legacy=${String(CIPHER_SETTINGS.legacy)}`);
    sqlite.pragma(`legacy_page_size=${String(CIPHER_SETTINGS.legacyPageSize)}`);
    // Raw key (x'…'): no passphrase KDF inside SQLCipher; the key comes from the vault's slots.
    // Passed as a Buffer we zero at once, never as a JS string that would linger on the heap.
    const keySpec = Buffer.alloc(67);
    keySpec.write("x'", 0, 'latin1');
    const HEX = '0123456789abcdef';
    for (let i = 0; i < 32; i++) {
      const byte = key.readUInt8(i);
      keySpec[2 + i * 2] = HEX.charCodeAt(byte >> 4);
      keySpec[3 + i * 2] = HEX.charCodeAt(byte & 15);
    }
    keySpec.write("'", 66, 'latin1');
    try {
      sqlite.key(keySpec);
    } finally {
      keySpec.fill(0);
    }
    // Reading the schema forces the first page to be decrypted: a wrong key or damaged header fails here.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (error) {
    sqlite.close();
    if (isNotADatabase(error)) throw new DatabaseOpenError('not-a-database', 'file is not a database');
    throw error;
  }
}

/** Durability and integrity settings for a live, writable connection, and the cipher check. */
export function configureLive(sqlite: SqliteHandle): void {
  configureDurability(sqlite);
  const report = readCipherReport(sqlite);
  if (report.cipher !== CIPHER_SETTINGS.cipher || report.legacy !== CIPHER_SETTINGS.legacy) {
    throw new DatabaseOpenError('cipher-mismatch', 'cipher settings were not applied');
  }
}

/** WAL, synchronous=FULL, foreign keys, idle-only checkpoints: the same for any SQLite file. */
export function configureDurability(sqlite: SqliteHandle): void {
  sqlite.pragma('journal_mode=WAL');
  // A saved clinical note must survive a power cut: fsync the WAL on every commit.
  sqlite.pragma('synchronous=FULL');
  if (process.platform === 'darwin') sqlite.pragma('fullfsync=ON');
  sqlite.pragma('foreign_keys=ON');
  // A REPLACE's implicit delete fires delete triggers: append-only tables refuse it twice over
  // (their BEFORE INSERT triggers refuse a clashing key first, migration 0006).
  sqlite.pragma('recursive_triggers=ON');
  // Checkpoints run when the app is idle (see checkpointer), never in the middle of a save.
  sqlite.pragma('wal_autocheckpoint=0');
  sqlite.pragma('busy_timeout=5000');
  sqlite.pragma('temp_store=MEMORY');
  // 64 MiB of page cache: pages are decrypted once on the way in, so a warm cache makes the
  // encrypted database as fast as a plain one (SQLite's 2 MiB default was measured ~40% slower).
  sqlite.pragma('cache_size=-65536');
  sqlite.pragma('secure_delete=ON');
}

export function readCipherReport(sqlite: SqliteHandle): CipherReport {
  const get = (name: string): unknown => sqlite.pragma(name, { simple: true });
  return {
    cipher: String(get('cipher')),
    legacy: Number(get('legacy')),
    pageSize: Number(get('page_size')),
    journalMode: String(get('journal_mode')),
    synchronous: Number(get('synchronous')),
    foreignKeys: Number(get('foreign_keys')),
    autoCheckpoint: Number(get('wal_autocheckpoint')),
  };
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Every transaction begins IMMEDIATE: it takes the write lock before its first read. A deferred
 * one that read first and wrote after would fail at once (SQLITE_BUSY_SNAPSHOT, no waiting) if
 * another connection reset the log in between: the backup's checkpoint does (frozen-copy.ts).
 * Taken first, the lock makes that checkpoint wait for the transaction, or the transaction for the
 * checkpoint (busy_timeout). The app's transactions all write.
 */
class ImmediateDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateDriver(this.#config);
  }
}

/**
 * kysely prepares every query anew; better-sqlite3 statements can be reused. Keeping the most
 * recent few hundred prepared statements takes the SQL parse off every call (the query builder
 * produces the same text for the same query shape; values are bound parameters).
 */
export function wrapKysely(sqlite: SqliteHandle): Kysely<DB> {
  const cache = new Map<string, Database.Statement>();
  const database = {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (text: string): Database.Statement => {
      const hit = cache.get(text);
      if (hit) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const statement = sqlite.prepare(text);
      cache.set(text, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
  return new Kysely<DB>({ dialect: new ImmediateDialect({ database }) });
}

export function checkpoint(sqlite: SqliteHandle, mode: 'PASSIVE' | 'TRUNCATE' = 'PASSIVE'): void {
  sqlite.pragma(`wal_checkpoint(${mode})`);
}

export function isNotADatabase(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'SQLITE_NOTADB' || error.code === 'SQLITE_CORRUPT')
  );
}
