// The backup worker thread: snapshot, restore's copy, fsync, checks and hashing off main's event loop, so no IPC
// call waits behind a backup. It gets its own copy of the data key and zeroes it when done.
import { parentPort, workerData } from 'node:worker_threads';
import { openKeyed } from '../../../db/connection.ts';
import { BackupProblem, sha256File } from './format.ts';
import { takeSnapshot } from './snapshot.ts';
import { verifyBackup } from './verify.ts';
import { restoreCheck, type RestoreOwnerInput } from './restore-check.ts';
import { AppError } from '../errors.ts';

export type WorkerJob =
  | { kind: 'snapshot'; source: string; target: string; key: Uint8Array }
  | { kind: 'verify'; dir: string; key: Uint8Array }
  /** Before a same-computer restore closes the live database: its WAL folded in off the event loop. */
  | { kind: 'checkpoint'; file: string; key: Uint8Array }
  /** Restore: copy the backup's database to `target` while hashing it, then check the copy there. */
  | {
      kind: 'restore';
      dir: string;
      target: string;
      key: Uint8Array;
      /** New computer: the owner's username and new password (judged here, owner looked up here). */
      owner: RestoreOwnerInput | null;
    };

export type WorkerMessage =
  | { type: 'phase'; phase: 'copying' | 'verifying' }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; problem: string | null; message: string; code: string | null; appError: boolean };

const job = workerData as WorkerJob;
const key = Buffer.from(job.key);
job.key.fill(0);
const post = (m: WorkerMessage): void => {
  parentPort?.postMessage(m);
};

try {
  if (job.kind === 'snapshot') {
    const result = takeSnapshot(job.source, job.target, key, (phase) => {
      post({ type: 'phase', phase });
    });
    post({ type: 'done', result: { ...result, sha256: sha256File(job.target) } });
  } else if (job.kind === 'checkpoint') {
    const live = openKeyed(job.file, key);
    try {
      live.pragma('busy_timeout=5000');
      live.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      live.close();
    }
    post({ type: 'done', result: null });
  } else if (job.kind === 'restore') {
    post({ type: 'done', result: restoreCheck(job.dir, job.target, key, job.owner) });
  } else {
    const v = verifyBackup(job.dir, key);
    post({
      type: 'done',
      result: {
        schemaVersion: v.schemaVersion,
        counts: v.counts,
        auditHead: v.auditHead,
        sizeBytes: v.sizeBytes,
      },
    });
  }
} catch (error) {
  post({
    type: 'failed',
    problem: error instanceof BackupProblem ? error.kind : null,
    // BackupProblem and AppError messages are written for people and hold no record content.
    message: error instanceof BackupProblem || error instanceof AppError ? error.message : '',
    code: typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null,
    appError: error instanceof AppError,
  });
} finally {
  key.fill(0);
}
