// Runs the full audit check in its worker thread (verify-worker.ts) and hands back the result.
import { Worker } from 'node:worker_threads';
import { workerFile } from '../worker-file.ts';
import type { FullCheckResult, Head } from './integrity.ts';
import type { VerifyJob, VerifyMessage } from './verify-worker.ts';

export interface RunningCheck {
  readonly result: Promise<FullCheckResult>;
  /** Stops the thread (the vault is closing); the result then rejects. */
  stop(): void;
}

/** Starts the check; `key` is copied into the job and zeroed here at once. */
export function startFullCheck(file: string, key: Buffer, head: Head | null): RunningCheck {
  const job: VerifyJob = { file, key: new Uint8Array(key), head };
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
    stop: () => {
      void worker.terminate();
    },
  };
}
