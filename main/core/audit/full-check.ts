// Runs the full audit check in its worker thread (verify-worker.ts) and hands back the result.
import { Worker } from 'node:worker_threads';
import { workerFile } from '../worker-file.ts';
import type { FullCheckResult, Head } from './integrity.ts';
import type { VerifyJob, VerifyMessage } from './verify-worker.ts';

const STOP_GRACE_MS = 5000;

export interface RunningCheck {
  readonly result: Promise<FullCheckResult>;
  /** Stops the check (the vault is closing); the result then rejects. */
  stop(): void;
}

/** Starts the check; `key` is copied into the job and zeroed here at once. */
export function startFullCheck(file: string, key: Buffer, head: Head | null): RunningCheck {
  const stop = new SharedArrayBuffer(4);
  const job: VerifyJob = { file, key: new Uint8Array(key), head, stop };
  key.fill(0);
  const worker = new Worker(workerFile(import.meta.url, './verify-worker.ts', './audit-verify-worker.js'), {
    workerData: job,
  });
  job.key.fill(0);
  const result = new Promise<FullCheckResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: VerifyMessage) => {
      settled = true;
      if (m.type === 'done') resolve(m.result);
      else reject(Object.assign(new Error('audit check failed'), { code: m.code ?? undefined }));
    });
    worker.once('error', (error: Error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', () => {
      if (!settled) reject(new Error('audit check stopped'));
    });
  });
  return {
    result,
    // Asked, not terminated: the thread stops its walk within STOP_EVERY entries and closes its
    // own connection. Terminating a thread with a database open can crash the whole process as the
    // thread is torn down (better-sqlite3 #1476: SIGSEGV seen once in the test suite). One that has
    // not ended after the grace period is terminated all the same.
    stop: () => {
      Atomics.store(new Int32Array(stop), 0, 1);
      const force = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      force.unref();
      worker.once('exit', () => {
        clearTimeout(force);
      });
    },
  };
}
