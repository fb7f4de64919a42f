// The backup worker thread: snapshot, restore's copy, fsync, checks and hashing off main's event
// loop, so no IPC call waits behind a backup or a restore. It gets its own copy of the data key and
// zeroes it when done. A snapshot or restore check starts a second one of these threads to walk
// the copy's audit chain while this one runs integrity_check (two reads, side by side).
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { BackupProblem, sha256File } from './format.ts';
import { restoreCheck, type RestoreOwnerInput } from './restore-check.ts';
import { chainOf, takeSnapshot } from './snapshot.ts';
import { verifyBackup } from './verify.ts';
import { runBackupWorker } from './writer.ts';
import { lowerThisThread } from './low-priority.ts';

export type WorkerJob =
  | { kind: 'snapshot'; source: string; target: string; key: Uint8Array }
  | { kind: 'verify'; dir: string; key: Uint8Array }
  /** The audit chain of a copy another backup worker is checking. */
  | { kind: 'chain'; file: string; key: Uint8Array }
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

lowerThisThread();

const job = workerData as WorkerJob;
const key = Buffer.from(job.key);
job.key.fill(0);
const post = (m: WorkerMessage): void => {
  parentPort?.postMessage(m);
};
/** The chain walked by a second worker (it gets its own copy of the key). */
const chainBeside = (file: string): Promise<{ count: number; hash: string }> =>
  runBackupWorker({ kind: 'chain', file, key: new Uint8Array(key) });

async function run(): Promise<unknown> {
  switch (job.kind) {
    case 'snapshot': {
      const result = await takeSnapshot(
        job.source,
        job.target,
        key,
        (phase) => {
          post({ type: 'phase', phase });
        },
        chainBeside,
      );
      // Read during the check, beside the chain's walk (snapshot.ts checkDatabaseBeside).
      return { ...result, sha256: result.sha256 ?? sha256File(job.target) };
    }
    case 'chain':
      return chainOf(job.file, key);
    case 'restore':
      return restoreCheck(job.dir, job.target, key, job.owner, chainBeside);
    case 'verify': {
      const v = verifyBackup(job.dir, key);
      return {
        schemaVersion: v.schemaVersion,
        counts: v.counts,
        auditHead: v.auditHead,
        sizeBytes: v.sizeBytes,
      };
    }
  }
}

try {
  post({ type: 'done', result: await run() });
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
