// The main process's side of the search worker (search-worker.ts): started at the first search
// after an unlock with its own read connection, asked one question at a time in order, and
// stopped before the database closes so that no copy of the data key outlives the lock. A worker
// that dies fails the searches waiting on it with a clear error; the next search starts a new one.
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { workerFile } from '../worker-file.ts';
import type { SearchReply, SearchRequest, SearchWorkerData } from './search-worker.ts';

type Question = SearchRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Waiting {
  resolve: (rowids: number[]) => void;
  reject: (error: Error) => void;
}

const failed = () =>
  new AppError('INTERNAL', 'Search could not finish. Try again; if it keeps failing, restart Stillwater.');

export class SearchThread {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readonly reader: () => { file: string; key: Buffer | null };
  private readonly logger: Logger;

  constructor(reader: () => { file: string; key: Buffer | null }, logger: Logger) {
    this.reader = reader;
    this.logger = logger;
  }

  /** The ranked rowids the worker finds for `question`. */
  ask(question: Question): Promise<number[]> {
    const worker = this.thread();
    const id = this.next++;
    return new Promise<number[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...question, id } satisfies SearchRequest);
    });
  }

  /** Ends the worker (its connection closes and its memory goes); waiting searches fail. */
  stop(): void {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    worker.postMessage('close');
    void worker.terminate();
    this.failAll();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const { file, key } = this.reader();
    const data: SearchWorkerData = { file, key: key ? new Uint8Array(key) : null };
    key?.fill(0);
    const worker = new Worker(workerFile(import.meta.url, './search-worker.ts', './search-worker.js'), {
      workerData: data,
    });
    data.key?.fill(0);
    worker.on('message', (reply: SearchReply) => {
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      if ('rowids' in reply) waiting.resolve(reply.rowids);
      else {
        this.logger.log('error', 'note.search.failed', { code: reply.failed });
        waiting.reject(failed());
      }
    });
    const gone = (error?: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.logger.log('error', 'note.search.worker-stopped', { code: error?.name ?? 'exit' });
      this.failAll();
    };
    worker.once('error', gone);
    worker.once('exit', () => {
      gone();
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(): void {
    for (const waiting of this.waiting.values()) waiting.reject(failed());
    this.waiting.clear();
  }
}
