// The checkpointer's thread for folding the log in while the app never pauses (vault/checkpointer.ts
// calls `fold` every few hundred writes): one worker (checkpoint-worker.ts) that keeps its own
// connection to the live database open between folds, started at the first fold and closed with
// the database. It holds its own copy of the data key, zeroed when it closes.
import { Worker } from 'node:worker_threads';
import { workerFile } from '../worker-file.ts';
import type { WorkerMessage } from './backup-worker.ts';
import type { CheckpointJob, CheckpointRequest } from './checkpoint-worker.ts';

let running = 0;

export class CheckpointThread {
  /** Threads started and not yet ended, in this process (each holds a copy of the data key). */
  static get running(): number {
    return running;
  }
  private readonly worker: Worker;
  private pending: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private ended: Promise<void>;
  private stopped = false;

  /** `dataKey` is copied into the thread and zeroed here. */
  constructor(file: string, dataKey: Buffer) {
    const job: CheckpointJob = { kind: 'checkpoint', file, key: new Uint8Array(dataKey), mode: 'aside' };
    dataKey.fill(0);
    this.worker = new Worker(
      workerFile(import.meta.url, './checkpoint-worker.ts', './checkpoint-worker.js'),
      {
        workerData: job,
      },
    );
    job.key.fill(0);
    this.worker.on('message', (m: WorkerMessage) => {
      const waiting = this.pending;
      this.pending = null;
      if (m.type === 'done') waiting?.resolve();
      else if (m.type === 'failed')
        waiting?.reject(Object.assign(new Error('checkpoint failed'), { code: m.code ?? undefined }));
    });
    running += 1;
    this.ended = new Promise((resolve) => {
      this.worker.once('exit', () => {
        running -= 1;
        this.stopped = true;
        this.pending?.reject(new Error('checkpoint thread stopped'));
        this.pending = null;
        resolve();
      });
    });
    this.worker.once('error', () => {
      // Its exit follows: the fold waiting is refused there, and the checkpointer starts another.
    });
  }

  /** False once the thread has ended (an error, or `close`): a new one must be started. */
  get usable(): boolean {
    return !this.stopped;
  }

  /** Folds the log in (fold.ts); one at a time. */
  fold(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('checkpoint thread stopped'));
    if (this.pending) return Promise.reject(new Error('a fold is under way'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage({ type: 'fold' } satisfies CheckpointRequest);
    });
  }

  /** Closes its connection (after any fold under way) and ends the thread. */
  async close(): Promise<void> {
    if (!this.stopped) this.worker.postMessage({ type: 'close' } satisfies CheckpointRequest);
    await this.ended;
  }
}
