// Opens the encrypted database with the unwrapped data key, refuses a newer schema, migrates.
import { chmodSync } from 'node:fs';
import type { Kysely } from 'kysely';
import {
  checkpoint,
  configureLive,
  DatabaseOpenError,
  openKeyed,
  wrapKysely,
  type SqliteHandle,
} from '../../../db/connection.ts';
import { assertNotTooNew, migrate, SchemaTooNewError } from '../../../db/migrator.ts';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

export interface VaultDatabase {
  readonly sqlite: SqliteHandle;
  readonly db: Kysely<DB>;
  checkpoint(mode?: 'PASSIVE' | 'TRUNCATE'): void;
  close(): void;
}

export async function openVaultDatabase(file: string, key: Buffer, logger: Logger): Promise<VaultDatabase> {
  let sqlite: SqliteHandle;
  try {
    sqlite = openKeyed(file, key);
  } catch (error) {
    if (error instanceof DatabaseOpenError) {
      // The key already passed the keyring's key check, so the file itself is at fault.
      logger.log('error', 'vault.databaseDamaged', { reason: error.reason });
      throw new AppError(
        'DATABASE_DAMAGED',
        'The practice database file is damaged and cannot be opened. Your data key is correct; restore the database from a backup.',
      );
    }
    throw error;
  }
  try {
    assertNotTooNew(sqlite);
    // Owner-only file permissions (POSIX); SQLite gives the -wal and -shm files the same mode.
    if (process.platform !== 'win32') chmodSync(file, 0o600);
    configureLive(sqlite);
    const db = wrapKysely(sqlite);
    await migrate(sqlite, db as Kysely<unknown>, undefined, (m) => {
      logger.log('info', 'db.migrated', { migration: m.name });
    });
    return {
      sqlite,
      db,
      checkpoint: (mode = 'PASSIVE') => {
        checkpoint(sqlite, mode);
      },
      close: () => {
        try {
          checkpoint(sqlite, 'TRUNCATE');
        } finally {
          sqlite.close();
        }
      },
    };
  } catch (error) {
    sqlite.close();
    if (error instanceof SchemaTooNewError) {
      throw new AppError(
        'DATABASE_TOO_NEW',
        `This practice database was last used by a newer version of Stillwater (schema ${String(error.found)}; this version knows ${String(error.supported)}). Install the newer version; the database has not been changed.`,
      );
    }
    if (error instanceof DatabaseOpenError) {
      throw new AppError(
        'DATABASE_DAMAGED',
        'The practice database could not be opened with SQLCipher 4 settings.',
      );
    }
    throw error;
  }
}
