// Rotating the data key: the whole database re-encrypted under a fresh random key, every remaining
// key slot re-sealed to its public key (slot-seal.ts: no one's password is needed), the recovery
// slot re-made, the audit heads re-sealed. Crash-safe: the old key keeps working until the new one
// is committed.
//
// The steps, and what a crash (a kill) after each leaves:
//  1. `VACUUM INTO` a copy beside the database (still under the old key; SQLite3 Multiple Ciphers
//     writes it encrypted, in rollback-journal mode), `rekey` the copy (not the live WAL file: a
//     rekey rewrites every page in one rollback-journal transaction), write the audit entry into
//     it, check it, fsync it. A crash leaves a stray copy: removed at the next start; nothing else
//     changed.                                                                          ('copied')
//  2. The keyring records the rotation as 'prepared' (the new slots, recovery slot, key check and
//     sealed heads, and a hash of the copy's first page), atomically, beside the current ones. A
//     crash: the database file is still the old one (its first page is not the copy's), so the
//     next start drops the prepared keys: the old key, passwords and recovery key work. ('prepared')
//  3. The copy is renamed over the database (one atomic rename; the WAL was checkpointed and closed
//     first, so it is empty). A crash: the file in place is the copy, so the next start makes the
//     prepared keys the keyring's (roll forward): the same passwords open the new key, and the
//     recovery key (the kept one, or the new one the owner was shown). ('renamed')
//  4. Commit: the new keys become the keyring's in one atomic write ('committed'), then the
//     keychain's copy of the audit head is re-sealed and the record is cleared. A crash between
//     the two: the next start writes the keychain copy and clears the record.
//
// The decision after a crash is made from the database file alone, before any key is tried, so
// every path (password, one-time code, recovery key) sees the same, consistent pair.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { openKeyed, wrapKysely, type SqliteHandle } from '../../../db/connection.ts';
import type { DB } from '../../../db/schema.ts';
import { fsyncDir } from '../durable-fs.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Keychain } from './keychain.ts';
import type { KeyringData, KeyringFile, PendingRotation, RecoverySlot, SealedHead } from './keyring-file.ts';
import { authentic, mirrorAccount, sealHead } from './audit-head.ts';
import { zeroize } from './crypto.ts';
import { check, KeySlots } from './key-slots.ts';

/** Where the re-keyed copy is made, beside the database. */
export const rekeyedFile = (databaseFile: string): string => `${databaseFile}.rekeyed`;

/** The moments a crash test stops at (core's testSeams.onRotateStage). */
export type RotateStage = 'copied' | 'prepared' | 'renamed' | 'committed';

export interface RotationParts {
  keyring: KeyringFile;
  keychain: Keychain;
  databaseFile: string;
  logger: Logger;
}

const PAGE = 4096;

/** SHA-256 of a file's first page (null when the file is missing or short). */
function fileHead(file: string): string | null {
  try {
    const fd = openSync(file, 'r');
    try {
      const page = Buffer.alloc(PAGE);
      const n = readSync(fd, page, 0, PAGE, 0);
      return n === PAGE ? createHash('sha256').update(page).digest('hex') : null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

function saltOf(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const salt = Buffer.alloc(16);
    readSync(fd, salt, 0, 16, 0);
    return salt.toString('hex');
  } finally {
    closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A raw key as SQLite3 Multiple Ciphers takes it (x'…'), in a buffer the caller zeroes. */
function keySpec(key: Buffer): Buffer {
  const spec = Buffer.from(`x'${'0'.repeat(64)}'`, 'latin1');
  const hex = key.toString('hex');
  spec.write(hex, 2, 'latin1');
  return spec;
}

/** The prepared keys become the keyring's (in the same atomic write the record turns 'committed'). */
function promote(data: KeyringData, r: PendingRotation): void {
  data.keyCheck = r.keyCheck;
  data.databaseSalt = r.databaseSalt;
  data.slots = r.slots;
  data.recovery = r.recovery;
  data.auditHead = r.auditHead;
  data.provisionalHead = r.provisionalHead;
  data.rotation = { ...r, stage: 'committed' };
}

/** Writes the keychain's head copy under the new key, then clears the record (kept if that fails). */
async function finish(parts: RotationParts): Promise<void> {
  const data = parts.keyring.read();
  const r = data?.rotation;
  if (!data || r?.stage !== 'committed') return;
  if (r.mirror) {
    try {
      await parts.keychain.set(mirrorAccount(data.practiceId), JSON.stringify(r.mirror));
    } catch {
      // Tried again at the next start; until then the record stays.
      parts.logger.log('warn', 'vault.dataKeyMirrorFailed');
      return;
    }
  }
  const fresh = parts.keyring.read();
  if (!fresh) return;
  fresh.rotation = null;
  parts.keyring.write(fresh);
}

/**
 * Finishes or undoes a rotation a crash interrupted; runs before every unlock. The database file in
 * place decides: the re-keyed copy (roll forward) or the old file (roll back).
 */
export async function settleRotation(parts: RotationParts): Promise<void> {
  const data = parts.keyring.read();
  if (!data) return;
  const r = data.rotation;
  if (!r) {
    rmSync(rekeyedFile(parts.databaseFile), { force: true });
    return;
  }
  if (r.stage === 'prepared') {
    if (fileHead(parts.databaseFile) === r.fileHead) {
      promote(data, r);
      parts.keyring.write(data);
      parts.logger.log('warn', 'vault.dataKeyRotationFinished');
    } else {
      data.rotation = null;
      parts.keyring.write(data);
      rmSync(rekeyedFile(parts.databaseFile), { force: true });
      parts.logger.log('warn', 'vault.dataKeyRotationUndone');
      return;
    }
  }
  await finish(parts);
}

export interface RekeyPlan {
  oldKey: Buffer;
  newKey: Buffer;
  /** The rotation record minus what only the copy can tell (its first page, its salt). */
  pending: Omit<PendingRotation, 'stage' | 'fileHead' | 'databaseSalt'>;
  /** Writes the audit entry into the re-keyed copy (one transaction), before it goes into place. */
  stamp: (db: Kysely<DB>) => Promise<void>;
  onStage?: ((stage: RotateStage) => void) | undefined;
}

/** The copy's pages must all read back under the new key (and not under the old one). */
function checkCopy(copy: SqliteHandle): void {
  const rows = copy.pragma('quick_check') as { quick_check: string }[];
  if (rows.length !== 1 || rows[0]?.quick_check !== 'ok')
    throw new AppError('DATABASE_DAMAGED', 'The re-encrypted copy did not check out; nothing was changed.');
}

/**
 * Steps 1–4 above, with the live database closed (the caller closed every connection to it).
 * Throws before step 3 with nothing changed but a stray copy (removed); after it, the caller
 * settles (roll forward) and opens with the new key.
 */
export async function rekeyDatabase(parts: RotationParts, plan: RekeyPlan): Promise<void> {
  const file = parts.databaseFile;
  const tmp = rekeyedFile(file);
  rmSync(tmp, { force: true });
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    throw new AppError(
      'CONFLICT',
      'The database is still in use. Try again in a moment; nothing was changed.',
    );
  try {
    const live = openKeyed(file, plan.oldKey);
    try {
      live.prepare('VACUUM INTO ?').run(tmp);
    } finally {
      live.close();
    }
    const copy = openKeyed(tmp, plan.oldKey);
    const spec = keySpec(plan.newKey);
    try {
      copy.rekey(spec);
    } finally {
      spec.fill(0);
      copy.close();
    }
    const fresh = openKeyed(tmp, plan.newKey);
    fresh.pragma('foreign_keys=ON');
    fresh.pragma('synchronous=FULL');
    fresh.pragma('recursive_triggers=ON');
    const db = wrapKysely(fresh);
    try {
      await db.transaction().execute((trx) => plan.stamp(trx));
      checkCopy(fresh);
    } finally {
      await db.destroy();
    }
    fsyncFile(tmp);
    fsyncDir(dirname(tmp));
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  plan.onStage?.('copied');
  const head = fileHead(tmp);
  if (!head)
    throw new AppError('DATABASE_DAMAGED', 'The re-encrypted copy is incomplete; nothing was changed.');
  const data = parts.keyring.read();
  if (!data) throw new AppError('NOT_SET_UP', 'This computer has no Stillwater practice yet.');
  const pending: PendingRotation = {
    ...plan.pending,
    stage: 'prepared',
    fileHead: head,
    databaseSalt: saltOf(tmp),
  };
  data.rotation = pending;
  parts.keyring.write(data);
  plan.onStage?.('prepared');
  // Closed and checkpointed: the log is empty and the shared-memory index is rebuilt at open.
  rmSync(wal, { force: true });
  rmSync(`${file}-shm`, { force: true });
  renameSync(tmp, file);
  fsyncDir(dirname(file));
  plan.onStage?.('renamed');
  const committed = parts.keyring.read();
  if (!committed) throw new AppError('NOT_SET_UP', 'This computer has no Stillwater practice yet.');
  promote(committed, pending);
  parts.keyring.write(committed);
  plan.onStage?.('committed');
  await finish(parts);
}

export interface RotationPlan {
  newKey: Buffer;
  pending: RekeyPlan['pending'];
  /** The new recovery key to show once, or null when the current one is kept. */
  recoveryText: string | null;
  facts: { slots: number; oneTimeSlots: number };
}

/**
 * The new key and everything sealed to it, made before anything is touched: every remaining slot
 * re-sealed to its own public key, the recovery slot (under the kept key, or a new one), the key
 * check, and the audit heads re-sealed where they are authentic now (a head that is not stays so).
 */
export function planRotation(
  slots: KeySlots,
  data: KeyringData,
  oldKey: Buffer,
  recoveryKey: string | null,
  now: string,
): RotationPlan {
  const older = data.slots.filter((s) => !s.publicKey || !s.sealed);
  if (older.length > 0) {
    throw new AppError(
      'CONFLICT',
      `Some sign-ins were made by an older version of Stillwater and cannot be re-wrapped without their password: ${older
        .map((s) => s.username)
        .join(', ')}. Ask them to change their password (or reset it on the Staff page), then rotate.`,
    );
  }
  const newKey = randomBytes(32);
  let recovery: RecoverySlot | null;
  let recoveryText: string | null = null;
  if (recoveryKey === null) {
    const made = slots.newRecovery(data.practiceId, newKey);
    recovery = made.slot;
    recoveryText = made.text;
  } else {
    recovery = slots.rewrapRecovery(data, recoveryKey, newKey);
  }
  if (!recovery) {
    zeroize(newKey);
    throw new AppError('INVALID_INPUT', 'That is not the recovery key shown for this practice.', {
      fields: [{ path: 'recoveryKey', message: 'That is not the recovery key shown for this practice.' }],
    });
  }
  const resealed = data.slots.map((s) => KeySlots.reseal(data.practiceId, s, newKey) ?? s);
  const reseal = (stored: unknown): SealedHead | null => {
    const head = authentic(oldKey, data.practiceId, stored);
    return head ? sealHead(newKey, data.practiceId, { count: head.count, hash: head.hash }) : null;
  };
  const auditHead = reseal(data.auditHead) ?? data.auditHead;
  return {
    newKey,
    recoveryText,
    facts: {
      slots: resealed.filter((s) => !s.oneTimeExpiresAt).length,
      oneTimeSlots: resealed.filter((s) => s.oneTimeExpiresAt).length,
    },
    pending: {
      startedAt: now,
      keyCheck: check(newKey, `key-check:${data.practiceId}`),
      slots: resealed,
      recovery,
      auditHead,
      provisionalHead: data.provisionalHead ? (reseal(data.provisionalHead) ?? data.provisionalHead) : null,
      mirror: reseal(data.auditHead),
    },
  };
}
