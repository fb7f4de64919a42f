// The backup worker thread: snapshot, restore's copy, fsync, checks and hashing off main's event loop, so no IPC
// call waits behind a backup. It gets its own copy of the data key and zeroes it when done.
import { parentPort, workerData } from 'node:worker_threads';
import { BackupProblem, sha256File } from './format.ts';
import { takeSnapshot } from './snapshot.ts';
import { copyVerified, verifyBackup } from './verify.ts';

export type WorkerJob =
  | { kind: 'snapshot'; source: string; target: string; key: Uint8Array }
  | { kind: 'verify'; dir: string; key: Uint8Array }
  /** Restore: copy the backup's database to `target` while hashing it, then check the copy there. */
  | { kind: 'restore'; dir: string; target: string; key: Uint8Array };

export type WorkerMessage =
  | { type: 'phase'; phase: 'copying' | 'verifying' }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; problem: string | null; message: string; code: string | null };

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
  } else {
    const v = job.kind === 'verify' ? verifyBackup(job.dir, key) : copyVerified(job.dir, job.target, key);
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
    // BackupProblem messages are written for people and hold no record content.
    message: error instanceof BackupProblem ? error.message : '',
    code: typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null,
  });
} finally {
  key.fill(0);
}
