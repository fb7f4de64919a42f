// The full audit check in a worker thread: a million entries are hashed without holding up any
// IPC call. It opens its own read-only connection with a copy of the data key and zeroes the key.
import { parentPort, workerData } from 'node:worker_threads';
import { openKeyed } from '../../../db/connection.ts';
import { fullCheck, type FullCheckResult, type Head } from './integrity.ts';

export interface VerifyJob {
  file: string;
  key: Uint8Array;
  head: Head | null;
  /** One Int32 that main sets to 1 to stop the check (full-check.ts). */
  stop: SharedArrayBuffer;
}

export type VerifyMessage =
  { type: 'done'; result: FullCheckResult } | { type: 'failed'; code: string | null };

const job = workerData as VerifyJob;
const stopFlag = new Int32Array(job.stop);
const key = Buffer.from(job.key);
job.key.fill(0);
try {
  const sqlite = openKeyed(job.file, key, { readonly: true });
  try {
    sqlite.pragma('busy_timeout=10000');
    // One read transaction: a consistent view while the app keeps appending.
    const result = sqlite.transaction(() =>
      fullCheck(sqlite, job.head, () => Atomics.load(stopFlag, 0) === 1),
    )();
    parentPort?.postMessage({ type: 'done', result } satisfies VerifyMessage);
  } finally {
    sqlite.close();
  }
} catch (error) {
  parentPort?.postMessage({
    type: 'failed',
    code: typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null,
  } satisfies VerifyMessage);
} finally {
  key.fill(0);
}
