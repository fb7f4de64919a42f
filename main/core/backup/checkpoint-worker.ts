// The checkpoint worker thread: the live database's log folded in off main's event loop, on its own
// connection. It imports the database connection and nothing else, so it starts in a few
// milliseconds (backup-worker.ts, which takes snapshots and restores, loads far more): the
// checkpointer starts one while the app saves back to back, and every save made while it loads
// adds to the log it must fold in.
import { parentPort, workerData } from 'node:worker_threads';
import { openKeyed } from '../../../db/connection.ts';
import type { WorkerMessage } from './backup-worker.ts';
import { foldLog } from './fold.ts';
import { lowerThisThread } from './low-priority.ts';

export interface CheckpointJob {
  kind: 'checkpoint';
  file: string;
  key: Uint8Array;
  /**
   * aside: folded in while main keeps saving, and started over (fold.ts); TRUNCATE: all of it,
   * the log emptied and cut, waiting up to 5 s for readers (a same-computer restore closing the
   * database, a destroyed chart's pages).
   */
  mode: 'aside' | 'TRUNCATE';
}

lowerThisThread();

const job = workerData as CheckpointJob;
const key = Buffer.from(job.key);
job.key.fill(0);
const post = (m: WorkerMessage): void => {
  parentPort?.postMessage(m);
};

try {
  const live = openKeyed(job.file, key);
  try {
    live.pragma('busy_timeout=5000');
    // It writes the live file: synced as main's own writes are.
    live.pragma('synchronous=FULL');
    if (job.mode === 'TRUNCATE') live.pragma('wal_checkpoint(TRUNCATE)');
    else foldLog(live);
  } finally {
    live.close();
  }
  post({ type: 'done', result: null });
} catch (error) {
  post({
    type: 'failed',
    problem: null,
    // SQLite's messages name no record; the code says what went wrong.
    message: '',
    code: typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null,
    appError: false,
  });
} finally {
  key.fill(0);
}
