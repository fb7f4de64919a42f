// For the benchmark only: an unencrypted copy of a practice database behind the same core, so
// the encryption overhead can be measured as a ratio in the same run. Never part of the app.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { configureDurability, openKeyed, wrapKysely } from '../../db/connection.ts';
import type { IdleSource } from '../../main/core/sessions/auto-lock.ts';
import { assembleCore, type Core } from '../../main/core/index.ts';
import { silentLogger } from '../../main/core/logger.ts';
import { systemClock } from '../../main/core/clock.ts';
import { installClockFunction } from '../../main/core/cover/clock.ts';
import type { VaultDatabase } from '../../main/core/vault/open-database.ts';
import { DATABASE_FILE, Vault } from '../../main/core/vault/vault.ts';
import { KEYRING_FILE } from '../../main/core/vault/keyring-file.ts';
import { memoryKeychain } from '../helpers/keychain.ts';

class PlainVault extends Vault {
  private readonly plain: VaultDatabase;
  constructor(dataDir: string, plain: VaultDatabase) {
    super({ dataDir, keychain: memoryKeychain(), clock: systemClock, logger: silentLogger });
    this.plain = plain;
  }
  override get db(): VaultDatabase {
    return this.plain;
  }
  override get isOpen(): boolean {
    return true;
  }
  /** The search worker opens the unencrypted copy without a key. */
  override readerFor(): { file: string; key: Buffer | null } {
    return { file: join(this.dataDir, DATABASE_FILE), key: null };
  }
}

/** Copies the (closed) encrypted practice in `fromDir`, removes the encryption, and opens a core on it. */
export function plainCopy(
  fromDir: string,
  toDir: string,
  dataKey: Buffer,
  origin: string,
  idle?: IdleSource,
): Core {
  mkdirSync(toDir, { recursive: true });
  const file = join(toDir, DATABASE_FILE);
  copyFileSync(join(fromDir, DATABASE_FILE), file);
  copyFileSync(join(fromDir, KEYRING_FILE), join(toDir, KEYRING_FILE));
  const keyed = openKeyed(file, dataKey);
  keyed.rekey(Buffer.alloc(0)); // an empty key removes the encryption
  keyed.close();
  if (readFileSync(file).subarray(0, 15).toString('latin1') !== 'SQLite format 3') {
    throw new Error('the benchmark copy is still encrypted');
  }
  const sqlite = new Database(file);
  configureDurability(sqlite);
  const db = wrapKysely(sqlite);
  const plain: VaultDatabase = {
    sqlite,
    db,
    checkpoint: (mode = 'PASSIVE') => {
      sqlite.pragma(`wal_checkpoint(${mode})`);
    },
    close: () => {
      sqlite.close();
    },
  };
  const core = assembleCore(new PlainVault(toDir, plain), {
    allowedOrigins: [origin],
    ...(idle ? { idle } : {}),
    clock: systemClock,
    logger: silentLogger,
  });
  // The copy is never unlocked, so what an unlock sets up on a connection is done here: main's
  // clock inside SQLite (cover windows, cover/clock.ts), which the client lists' queries call.
  installClockFunction(core.ctx);
  return core;
}
