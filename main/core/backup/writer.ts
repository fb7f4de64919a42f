// Writes one backup crash-safely: checks the folder, takes and verifies the snapshot in a worker
// into a temporary folder beside the destination, writes the manifest last, and only then renames
// the folder to its final name. A crash, an unplugged drive or a full disk leaves at most a
// folder named ".stillwater-backup-partial-…", which nothing ever takes for a backup and which
// the folder's tidy removes at the next unlock or run (folder.ts).
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  statfsSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BackupFailureReason } from '../../../preload/contract/backup.ts';
import { AppError } from '../errors.ts';
import type { KeyringData } from '../vault/index.ts';
import type { WorkerJob, WorkerMessage } from './backup-worker.ts';
import type { CheckpointJob } from './checkpoint-worker.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupProblem,
  backupName,
  bodyHash,
  DATABASE_NAME,
  MANIFEST_NAME,
  sealOf,
  TEMP_PREFIX,
  type Manifest,
  type ManifestBody,
} from './format.ts';
import type { SnapshotResult } from './snapshot.ts';
import { readManifest } from './verify.ts';
import { fsyncDir } from '../durable-fs.ts';
import { flushWhileWritten } from './flusher.ts';
import { workerFile } from '../worker-file.ts';

/** The file-system seam a test uses to simulate a full disk (there is no small tmpfs to fill). */
export interface BackupIo {
  freeBytes(dir: string): number;
  writeFile(file: string, data: string): void;
}

export const realIo: BackupIo = {
  freeBytes: (dir) => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  },
  writeFile: (file, data) => {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
};

/** A failed backup: the reason code and the words for the owner. Nothing else was changed. */
export class BackupFailure extends Error {
  readonly reason: BackupFailureReason;
  constructor(reason: BackupFailureReason, message: string) {
    super(message);
    this.name = 'BackupFailure';
    this.reason = reason;
  }
}

export const FAILURE_MESSAGES: Record<BackupFailureReason, string> = {
  'not-configured': 'No backup folder is chosen yet. Choose one in Settings → Backups.',
  'folder-missing':
    'The backup folder is not there any more (moved, renamed or deleted). Choose it again in Settings → Backups.',
  'drive-not-connected':
    'The drive or file server that holds the backup folder is not connected. Connect it and back up again.',
  'disk-full': 'The backup drive is full. Free some space or choose another folder, then back up again.',
  'no-permission': 'Stillwater may not write to the backup folder. Choose a folder you can write to.',
  'verify-failed':
    'The backup was written but did not pass its check, so it was removed. Try again; if it keeps failing, try another drive.',
  'write-failed': 'The backup could not be written to the backup folder. Check the drive and try again.',
};

const fail = (reason: BackupFailureReason): BackupFailure =>
  new BackupFailure(reason, FAILURE_MESSAGES[reason]);

function reasonOf(error: unknown): BackupFailureReason {
  if (error instanceof BackupFailure) return error.reason;
  if (error instanceof BackupProblem) return 'verify-failed';
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'disk-full';
  if (code === 'ENOENT' || code === 'SQLITE_CANTOPEN') return 'folder-missing';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY')
    return 'no-permission';
  if (code === 'EIO' || code === 'ENXIO' || code === 'ENODEV') return 'drive-not-connected';
  return 'write-failed';
}

/** Checks the destination before anything is written. */
export function checkFolder(folder: string | null): string {
  if (!folder) throw fail('not-configured');
  if (!existsSync(folder)) {
    // A missing parent means the drive or share itself is gone (e.g. /Volumes/Backup, E:\).
    throw fail(
      existsSync(dirname(folder)) && dirname(folder) !== folder ? 'folder-missing' : 'drive-not-connected',
    );
  }
  try {
    if (!statSync(folder).isDirectory()) throw fail('folder-missing');
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw error instanceof BackupFailure ? error : fail('no-permission');
  }
  return folder;
}

/**
 * Folds the whole log into the live file and truncates it to nothing, on a worker thread (it waits
 * up to 5 s for readers there, never on main's event loop): a destroyed chart's pages (issue 19).
 * `dataKey` is zeroed here.
 */
export async function truncateLogAside(file: string, dataKey: Buffer): Promise<void> {
  const key = new Uint8Array(dataKey);
  dataKey.fill(0);
  await runCheckpointWorker({ kind: 'checkpoint', file, key, mode: 'TRUNCATE' });
}

/** Runs one job in a worker; the key is copied into the job and zeroed here at once. */
export function runBackupWorker<T>(
  job: WorkerJob,
  onPhase?: (phase: 'copying' | 'verifying') => void,
): Promise<T> {
  return runWorker(workerFile(import.meta.url, './backup-worker.ts', './backup-worker.js'), job, onPhase);
}

/** A checkpoint job, in the worker that loads nothing else (checkpoint-worker.ts). */
function runCheckpointWorker(job: CheckpointJob): Promise<void> {
  return runWorker(workerFile(import.meta.url, './checkpoint-worker.ts', './checkpoint-worker.js'), job);
}

function runWorker<T>(
  file: URL,
  job: WorkerJob | CheckpointJob,
  onPhase?: (phase: 'copying' | 'verifying') => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: job });
    job.key.fill(0);
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'phase') {
        onPhase?.(m.phase);
        return;
      }
      settled = true;
      if (m.type === 'done') resolve(m.result as T);
      else if (m.problem) reject(new BackupProblem(m.problem as BackupProblem['kind'], m.message));
      else if (m.appError) reject(new AppError(m.code as AppError['code'], m.message));
      else reject(Object.assign(new Error('backup worker failed'), { code: m.code ?? undefined }));
    });
    worker.once('error', (error: Error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', () => {
      if (!settled) reject(new Error('backup worker stopped'));
    });
  });
}

export type Stage = 'snapshot-written' | 'manifest-written' | 'renamed';

export interface WriteBackupOptions {
  databaseFile: string;
  /** A copy of the data key; zeroed by the time this returns. */
  dataKey: Buffer;
  keyring: KeyringData;
  folder: string | null;
  now: number;
  /** The run's id (its journal entry names it); the manifest carries it. */
  backupId?: string;
  io?: BackupIo;
  onPhase?: (phase: 'copying' | 'verifying' | 'finishing') => void;
  /** Test seam: called at each stage (a test process may kill itself there). */
  onStage?: (stage: Stage) => void;
}

export interface WrittenBackup {
  name: string;
  dir: string;
  manifest: Manifest;
  changedDuringBackup: string[];
}

/** A name not taken yet: an earlier backup is never overwritten. */
function freeName(folder: string, base: string): string {
  for (let n = 1; n < 100; n++) {
    const name = n === 1 ? base : `${base}-${String(n)}`;
    if (!existsSync(join(folder, name))) return name;
  }
  throw fail('write-failed');
}

export async function writeBackup(o: WriteBackupOptions): Promise<WrittenBackup> {
  const io = o.io ?? realIo;
  let temp: string | null = null;
  try {
    const folder = checkFolder(o.folder);
    const needed = statSync(o.databaseFile).size;
    // The copy is the live file (or VACUUM INTO's compacted copy, smaller): its size, plus headroom.
    if (io.freeBytes(folder) < needed * 1.05 + 1024 * 1024) throw fail('disk-full');
    const backupId = o.backupId ?? randomUUID();
    temp = join(folder, `${TEMP_PREFIX}${backupId}`);
    mkdirSync(temp, { mode: 0o700 });
    const target = join(temp, DATABASE_NAME);
    // While the snapshot is written, it is written out as it grows (the frozen copy does so
    // itself; VACUUM INTO needs flusher.ts); until the copy starts there is no file, and the
    // flusher waits for it.
    const flusher = flushWhileWritten(target);
    let snap: SnapshotResult & { sha256: string };
    try {
      snap = await runBackupWorker<SnapshotResult & { sha256: string }>(
        { kind: 'snapshot', source: o.databaseFile, target, key: new Uint8Array(o.dataKey) },
        (phase) => {
          if (phase === 'verifying') void flusher.stop();
          o.onPhase?.(phase);
        },
      );
    } finally {
      await flusher.stop();
    }
    o.onStage?.('snapshot-written');
    o.onPhase?.('finishing');
    const body: ManifestBody = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      backupId,
      practiceId: o.keyring.practiceId,
      createdAt: new Date(o.now).toISOString(),
      schemaVersion: snap.schemaVersion,
      keys: {
        recovery: o.keyring.recovery,
        keyCheck: o.keyring.keyCheck,
        databaseSalt: o.keyring.databaseSalt,
      },
      auditHead: snap.auditHead,
      counts: snap.counts,
      files: [{ name: DATABASE_NAME, bytes: snap.bytes, sha256: snap.sha256 }],
    };
    const manifest: Manifest = { body, sha256: bodyHash(body), seal: sealOf(body, o.dataKey) };
    io.writeFile(join(temp, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncDir(temp);
    // Read back what is on the drive, not what is in memory.
    readManifest(temp, { partialOk: true });
    o.onStage?.('manifest-written');
    const name = freeName(folder, backupName(o.now));
    renameSync(temp, join(folder, name));
    temp = null;
    fsyncDir(folder);
    o.onStage?.('renamed');
    return { name, dir: join(folder, name), manifest, changedDuringBackup: snap.changedDuringBackup };
  } catch (error) {
    if (temp) await rm(temp, { recursive: true, force: true });
    const reason = reasonOf(error);
    throw error instanceof BackupFailure ? error : fail(reason);
  } finally {
    o.dataKey.fill(0);
  }
}
