// The keyring file beside the database: key slots, key check, sign-in failures, audit head.
// It holds no secret in clear and is written atomically, keeping the previous version.
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
  copyFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { KdfParams, Wrapped } from './crypto.ts';

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
  via: z.enum(['password', 'recovery']),
});
export type PendingFailure = z.infer<typeof PendingFailure>;

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
  failures: z.record(z.string().max(64), FailureCounter),
  pendingFailures: z.array(PendingFailure).max(1000),
  auditHead: z.strictObject({ count: z.number().int().nonnegative(), hash: hex64 }).nullable(),
});
export type KeyringData = z.infer<typeof KeyringData>;

export const KEYRING_FILE = 'keyring.json';
export const KEYRING_PREVIOUS = 'keyring.previous.json';

function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS rename is already journaled there.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeFileDurable(file: string, text: string): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

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
    for (const file of [this.path, this.previousPath]) {
      if (!existsSync(file)) continue;
      try {
        return KeyringData.parse(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        // fall through to the previous version
      }
    }
    return null;
  }

  /** temp file + fsync, keep the previous version, rename into place, fsync the folder. */
  write(data: KeyringData): void {
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
