// The checkpoint worker thread: the live database's log folded in off main's event loop, on its own
// connection. It imports the database connection and nothing else, so it starts in a few
// milliseconds (backup-worker.ts, which takes snapshots and restores, loads far more).
//
// Two uses. `aside`: the checkpointer's thread while the app saves without a pause; it stays, with
// its connection open, for as long as the database is (checkpoint-thread.ts), and folds the log
// in (fold.ts) each time it is asked, so that a fold costs no thread start, no module loading and
// no connection opening: on a two-core machine those competed with main for the CPU every few
// hundred writes. `TRUNCATE`: once, all of the log folded in and the file cut, waiting up to 5 s
// for readers (a same-computer restore closing the database, a destroyed chart's pages).
import { parentPort, workerData } from 'node:worker_threads';
import { openKeyed, type SqliteHandle } from '../../../db/connection.ts';
import type { WorkerMessage } from './backup-worker.ts';
import { foldLog } from './fold.ts';
import { lowerThisThread } from './low-priority.ts';

export interface CheckpointJob {
  kind: 'checkpoint';
  file: string;
  key: Uint8Array;
  mode: 'aside' | 'TRUNCATE';
}

/** What the checkpointer's thread is asked: fold the log in, or close the connection and end. */
export type CheckpointRequest = { type: 'fold' } | { type: 'close' };

lowerThisThread();

const job = workerData as CheckpointJob;
const key = Buffer.from(job.key);
job.key.fill(0);
const post = (m: WorkerMessage): void => {
  parentPort?.postMessage(m);
};
const failed = (error: unknown): WorkerMessage => ({
  type: 'failed',
  problem: null,
  // SQLite's messages name no record; the code says what went wrong.
  message: '',
  code: typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null,
  appError: false,
});

function open(): SqliteHandle {
  const live = openKeyed(job.file, key);
  live.pragma('busy_timeout=5000');
  // It writes the live file: synced as main's own writes are.
  live.pragma('synchronous=FULL');
  return live;
}

if (job.mode === 'TRUNCATE') {
  try {
    const live = open();
    try {
      live.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      live.close();
    }
    post({ type: 'done', result: null });
  } catch (error) {
    post(failed(error));
  } finally {
    key.fill(0);
  }
} else {
  let live: SqliteHandle | null = null;
  parentPort?.on('message', (request: CheckpointRequest) => {
    if (request.type === 'close') {
      live?.close();
      live = null;
      key.fill(0);
      parentPort?.close();
      return;
    }
    try {
      live ??= open();
      foldLog(live);
      post({ type: 'done', result: null });
    } catch (error) {
      post(failed(error));
    }
  });
}
