// The backup folder's layout and its manifest: the encrypted snapshot (practice.db, SQLCipher 4,
// same data key), and manifest.json holding only what restore needs before and after the recovery
// key: dates, versions, counts, the audit head, the recovery slot, key check, salt and SHA-256s.
// No name, note or key is in clear anywhere in the folder.
import { createHash, createHmac } from 'node:crypto';
import { closeSync, fdatasyncSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { canonicalJson } from '../canonical-json.ts';
import { RecoverySlot } from '../vault/index.ts';
import { pauseThread } from './pause.ts';

export const BACKUP_FORMAT = 'stillwater-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const DATABASE_NAME = 'practice.db';
export const MANIFEST_NAME = 'manifest.json';
export const TEMP_PREFIX = '.stillwater-backup-partial-';
/** A generation being pruned is renamed to this first, so no half-deleted folder keeps a backup's name. */
export const TRASH_PREFIX = '.stillwater-backup-pruned-';
/** Every name Stillwater gives a folder or file in the backup folder that is not a finished backup. */
export const LEFTOVER_PREFIXES = [TEMP_PREFIX, TRASH_PREFIX] as const;
export const isLeftover = (name: string): boolean => LEFTOVER_PREFIXES.some((p) => name.startsWith(p));
export const NAME_PATTERN = /^stillwater-backup-\d{4}-\d{2}-\d{2}T\d{6}Z(-\d+)?$/;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestBody = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  backupId: z.uuid(),
  practiceId: z.uuid(),
  createdAt: z.iso.datetime(),
  schemaVersion: z.number().int().nonnegative(),
  keys: z.strictObject({
    // The data key wrapped under the recovery key: not bound to any computer. Staff slots are
    // device-bound and stay behind on purpose.
    recovery: RecoverySlot,
    keyCheck: z.base64().max(64),
    databaseSalt: z.string().regex(/^[0-9a-f]{32}$/),
  }),
  auditHead: z.strictObject({ count: z.number().int().nonnegative(), hash: hex64 }),
  counts: z.record(z.string().max(100), z.number().int().nonnegative()),
  files: z.array(
    z.strictObject({ name: z.string().max(100), bytes: z.number().int().nonnegative(), sha256: hex64 }),
  ),
});
export type ManifestBody = z.infer<typeof ManifestBody>;

export const Manifest = z.strictObject({
  body: ManifestBody,
  /** SHA-256 of the body's canonical JSON: a damaged manifest shows before any key is asked for. */
  sha256: hex64,
  /** HMAC under a key derived from the data key: a manifest edited to match another file shows after. */
  seal: hex64,
});
export type Manifest = z.infer<typeof Manifest>;

export type ProblemKind = 'not-a-backup' | 'incomplete' | 'damaged' | 'wrong-key' | 'too-new';

/** What is wrong with a backup, in words for the person restoring it (never a name or a path). */
export class BackupProblem extends Error {
  readonly kind: ProblemKind;
  constructor(kind: ProblemKind, message: string) {
    super(message);
    this.name = 'BackupProblem';
    this.kind = kind;
  }
}

export const bodyHash = (body: ManifestBody): string =>
  createHash('sha256').update(canonicalJson(body)).digest('hex');

export const sealOf = (body: ManifestBody, dataKey: Buffer): string =>
  createHmac('sha256', createHmac('sha256', dataKey).update('stillwater/backup-seal').digest())
    .update(canonicalJson(body))
    .digest('hex');

/** Streams a file through SHA-256 in 1 MiB reads (no whole-file buffer). */
export function sha256File(file: string): string {
  const h = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/** How much of a copy may wait in the OS's cache before it is written out. */
const SYNC_EVERY_BYTES = 8 * 2 ** 20;

/**
 * With `yieldDisk`, after each write-out the copy pauses for twice as long as the write-out took:
 * it keeps the disk for a third of the time at most, whatever the disk's speed. Measured on the
 * bench's practice: copying at full speed, a save's fsync sometimes waited 100–370 ms behind the
 * copy's writes (the file system's journal is shared); paced so, never more than ~40 ms.
 */
const PAUSE_PER_SYNC = 2;

/**
 * Copies the open file `from` (from where it stands) into a new file `target` in 1 MiB blocks,
 * handing each block to `onBlock` (a hash), and makes the copy durable; returns the bytes copied.
 * The copy is written out as it goes, a few MiB waiting at a time, never the whole of it, so that
 * the live database's fsync (every save) does not queue behind hundreds of MiB. Blocking: for a
 * worker thread or the command line.
 */
export function copyBlocks(
  from: number,
  target: string,
  options: { onBlock?: (block: Buffer) => void; yieldDisk?: boolean } = {},
): number {
  const buf = Buffer.allocUnsafe(1 << 20);
  let bytes = 0;
  const to = openSync(target, 'wx', 0o600);
  try {
    for (;;) {
      const n = readSync(from, buf, 0, buf.length, null);
      if (n === 0) break;
      options.onBlock?.(buf.subarray(0, n));
      writeSync(to, buf, 0, n);
      bytes += n;
      if (bytes % SYNC_EVERY_BYTES === 0) {
        const started = performance.now();
        fdatasyncSync(to);
        if (options.yieldDisk) pauseThread(PAUSE_PER_SYNC * (performance.now() - started));
      }
    }
    fsyncSync(to);
  } finally {
    closeSync(to);
  }
  return bytes;
}

/** The folder name for a backup made at `ms`: sortable, UTC, no colons (Windows). */
export function backupName(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `stillwater-backup-${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
