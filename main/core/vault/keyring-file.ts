// The keyring file beside the database: key slots, key check, sign-in failures, audit head.
// It holds no secret in clear and is written atomically, keeping the previous version.
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { fsyncDir, writeFileDurable } from '../durable-fs.ts';
import { KdfParams, Wrapped } from './crypto.ts';
import { Sealed } from './slot-seal.ts';

const iso = z.iso.datetime();
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const UserSlot = z.strictObject({
  userId: z.uuid(),
  username: z.string().min(1).max(64),
  kdf: KdfParams,
  wrapped: Wrapped,
  createdAt: iso,
  // A one-time sign-in code's slot (after a restore on a new computer): it opens only through
  // redeeming the code with a new password, which replaces it, and not after this time.
  oneTimeExpiresAt: iso.optional(),
  // The slot's key pair (slot-seal.ts): `wrapped` then holds the private key, and the data key is
  // sealed to `publicKey`. Slots made before key pairs have neither (`wrapped` holds the data key).
  publicKey: z.base64().max(128).optional(),
  sealed: Sealed.optional(),
});
export type UserSlot = z.infer<typeof UserSlot>;

export const RecoverySlot = z.strictObject({
  salt: z.base64().max(64),
  wrapped: Wrapped,
  createdAt: iso,
  confirmed: z.boolean(),
});
export type RecoverySlot = z.infer<typeof RecoverySlot>;

export const FailureCounter = z.strictObject({
  count: z.number().int().nonnegative(),
  lastAt: iso,
});

export const PendingFailure = z.strictObject({
  // Only a known username is kept: people type passwords into the username box.
  userId: z.uuid().nullable(),
  at: iso,
  // 'second-factor': a wrong authenticator or recovery code after a right password (same counter).
  via: z.enum(['password', 'recovery', 'second-factor']),
});
export type PendingFailure = z.infer<typeof PendingFailure>;

// Failed-sign-in counters are keyed by a keyed hash of the normalized username (people type
// passwords into the username box): "h:" and 43 base64url characters. Keys in any other form
// (written by an earlier version, in clear) are dropped when the file is read.
export const FAILURE_KEY = /^h:[A-Za-z0-9_-]{43}$/;
const Failures = z
  .record(z.string().max(64), FailureCounter)
  .transform((all) => Object.fromEntries(Object.entries(all).filter(([k]) => FAILURE_KEY.test(k))));

/**
 * The audit head: the sequence number and hash of the newest audit entry, sealed with an HMAC
 * whose key only an unlocked vault can derive.
 */
export const SealedHead = z.strictObject({
  count: z.number().int().nonnegative(),
  hash: hex64,
  mac: z.base64().max(64),
});
export type SealedHead = z.infer<typeof SealedHead>;

export const AlarmKind = z.enum([
  'head-missing',
  'head-not-authentic',
  'head-rolled-back',
  'truncated',
  'head-mismatch',
  'chain-break',
  'missing',
  'out-of-order',
  'edited',
]);
export type AlarmKind = z.infer<typeof AlarmKind>;

/** What the last integrity check found, kept until the owner acknowledges it. */
export const StoredAlarm = z.strictObject({
  kind: AlarmKind,
  seq: z.number().int().nonnegative(),
  message: z.string().max(500),
  detectedAt: iso,
  /** The head the check was made against (null when it was missing or not authentic). */
  headCount: z.number().int().nonnegative().nullable(),
});
export type StoredAlarm = z.infer<typeof StoredAlarm>;

export const FullCheck = z.strictObject({
  at: iso,
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  problemKind: AlarmKind.nullable(),
  problemSeq: z.number().int().nonnegative().nullable(),
});
export type FullCheck = z.infer<typeof FullCheck>;

/**
 * A data-key rotation (rotate-key.ts) written before the re-keyed database is renamed into place:
 * the new key's slots, recovery slot, key check and audit heads. 'prepared': at the next start the
 * database file decides (the re-keyed file is in place: these become the keyring's; it is not: they
 * are dropped). 'committed': they are the keyring's already; the keychain's head copy is next.
 */
export const PendingRotation = z.strictObject({
  stage: z.enum(['prepared', 'committed']),
  startedAt: iso,
  // SHA-256 of the re-keyed file's first page, written before the rename and untouched until commit.
  fileHead: hex64,
  databaseSalt: z.string().regex(/^[0-9a-f]{32}$/),
  keyCheck: z.base64().max(64),
  slots: z.array(UserSlot).max(500),
  recovery: RecoverySlot,
  auditHead: z.union([SealedHead, z.strictObject({ count: z.number().int(), hash: hex64 })]).nullable(),
  provisionalHead: SealedHead.nullable(),
  // The keychain's copy of the audit head, sealed under the new key (written at commit).
  mirror: SealedHead.nullable(),
});
export type PendingRotation = z.infer<typeof PendingRotation>;

export const KeyringData = z.strictObject({
  format: z.literal(1),
  practiceId: z.uuid(),
  // Shown on the sign-in screen; a practice's name is not a secret.
  practiceName: z.string().max(200),
  createdAt: iso,
  keyCheck: z.base64().max(64),
  // The database file's SQLCipher salt (its first 16 bytes, stored in clear by the format): tells
  // "this key does not belong to this file" apart from "this file is damaged".
  databaseSalt: z.string().regex(/^[0-9a-f]{32}$/),
  deviceCheck: z.base64().max(64),
  slots: z.array(UserSlot).max(500),
  recovery: RecoverySlot,
  failures: Failures,
  pendingFailures: z.array(PendingFailure).max(1000),
  // A head in the old unsealed form reads as not authentic (an alarm the owner acknowledges).
  auditHead: z.union([SealedHead, z.strictObject({ count: z.number().int(), hash: hex64 })]).nullable(),
  auditAlarm: StoredAlarm.nullable().default(null),
  // While an alarm is pending, the head above stays put; the log's newest entry is sealed here
  // instead, so tampering after the alarm is still caught at the next unlock.
  provisionalHead: SealedHead.nullable().default(null),
  lastFullCheck: FullCheck.nullable().default(null),
  // A data-key rotation between its prepared new keys and their commit (rotate-key.ts).
  rotation: PendingRotation.nullable().default(null),
});
export type KeyringData = z.infer<typeof KeyringData>;
export type KeyringInput = z.input<typeof KeyringData>;

export const KEYRING_FILE = 'keyring.json';
export const KEYRING_PREVIOUS = 'keyring.previous.json';

export class KeyringFile {
  readonly path: string;
  readonly previousPath: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, KEYRING_FILE);
    this.previousPath = join(dataDir, KEYRING_PREVIOUS);
  }

  exists(): boolean {
    return existsSync(this.path) || existsSync(this.previousPath);
  }

  /** Reads the current keyring, falling back to the previous version if the current one is unreadable. */
  read(): KeyringData | null {
    return this.readWithSource()?.data ?? null;
  }

  /**
   * The keyring and which file it came from: the previous copy is used only when the current file
   * is missing or unreadable, and the vault treats that as a missing audit head (an alarm).
   */
  readWithSource(): { data: KeyringData; source: 'current' | 'previous' } | null {
    for (const [file, source] of [
      [this.path, 'current'],
      [this.previousPath, 'previous'],
    ] as const) {
      if (!existsSync(file)) continue;
      try {
        return { data: KeyringData.parse(JSON.parse(readFileSync(file, 'utf8'))), source };
      } catch {
        // fall through to the previous version
      }
    }
    return null;
  }

  /** temp file + fsync, keep the previous version, rename into place, fsync the folder. */
  write(data: KeyringInput): void {
    const text = JSON.stringify(KeyringData.parse(data), null, 2);
    const tmp = `${this.path}.tmp`;
    writeFileDurable(tmp, text);
    if (existsSync(this.path)) {
      const prevTmp = `${this.previousPath}.tmp`;
      copyFileSync(this.path, prevTmp);
      const fd = openSync(prevTmp, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(prevTmp, this.previousPath);
    }
    renameSync(tmp, this.path);
    fsyncDir(dirname(this.path));
  }
}
