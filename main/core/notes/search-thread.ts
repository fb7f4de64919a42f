// The main process's side of the search workers (search-worker.ts): started at the first search
// after an unlock, each with its own read connection; asked in order, one question at a time per
// worker; stopped before the database closes, so that no copy of the data key outlives the lock.
// A worker that dies fails the searches waiting on it with a clear error; the next search starts
// a new one. Two workers: the owner's search ranks half the practice's matches on each (search.ts).
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { workerFile } from '../worker-file.ts';
import type { Scored } from './bm25.ts';
import type { SearchReply, SearchRequest, SearchWorkerData } from './search-worker.ts';

export const SEARCH_WORKERS = 2;
const STOP_GRACE_MS = 2000;

interface Waiting {
  resolve: (reply: SearchReply) => void;
  reject: (error: Error) => void;
}

type Reader = () => { file: string; key: Buffer | null };

const failed = () =>
  new AppError('INTERNAL', 'Search could not finish. Try again; if it keeps failing, restart Stillwater.');

/** One worker thread and the questions waiting on it. */
class SearchWorker {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readonly reader: Reader;
  private readonly logger: Logger;

  constructor(reader: Reader, logger: Logger) {
    this.reader = reader;
    this.logger = logger;
  }

  ask(question: SearchRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never) {
    const worker = this.thread();
    const id = this.next++;
    // A question waiting keeps the process alive; an idle worker does not.
    worker.ref();
    return new Promise<SearchReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...question, id });
    });
  }

  stop(): void {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    // The worker closes its connection after the question it is answering (a few milliseconds);
    // one that does not end soon is stopped from outside.
    worker.postMessage('close');
    const force = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    force.unref();
    worker.once('exit', () => {
      clearTimeout(force);
    });
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
      if (this.waiting.size === 0) worker.unref();
      if ('failed' in reply) {
        this.logger.log('error', 'note.search.failed', { code: reply.failed });
        waiting.reject(failed());
      } else waiting.resolve(reply);
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

export class SearchThread {
  private readonly workers: SearchWorker[];

  constructor(reader: Reader, logger: Logger) {
    this.workers = Array.from({ length: SEARCH_WORKERS }, () => new SearchWorker(reader, logger));
  }

  /** Every match of a scoped MATCH (body `match`, scope `scope`), best first. */
  async scoped(match: string, scope: string): Promise<number[]> {
    const reply = await this.worker(0).ask({ kind: 'scoped', match, scope });
    return 'rowids' in reply ? reply.rowids : [];
  }

  /** The best `count` of every note matching the one prefix `"word"*`, from the impact index (bm25.ts bestByImpact). */
  async impact(word: string, count: number): Promise<Scored[]> {
    const reply = await this.worker(0).ask({ kind: 'impact', word, count });
    return 'scored' in reply ? reply.scored : [];
  }

  /**
   * The best `count` of every note matching `match` (with `scope`: of those whose scope column
   * holds one of its tokens), best first: the rowids up to `split` are ranked on one worker and
   * the rest on the other, at once, and the two lists merged.
   */
  async best(
    match: string,
    count: number,
    split: number,
    scope?: { tokens: string[]; first: number },
  ): Promise<Scored[]> {
    // Both answers are waited for, even when one fails, so that no question is left in flight.
    const halves = await Promise.allSettled([
      this.worker(0).ask({
        kind: 'best',
        match,
        count,
        above: null,
        upTo: split,
        ...(scope ? { scope } : {}),
      }),
      this.worker(1).ask({
        kind: 'best',
        match,
        count,
        above: split,
        upTo: null,
        ...(scope ? { scope } : {}),
      }),
    ]);
    const lists = halves.map((half) => {
      if (half.status === 'rejected') throw half.reason;
      return 'scored' in half.value ? half.value.scored : [];
    });
    // Disjoint ranges: the best `count` of all are among the best `count` of each.
    return lists
      .flat()
      .sort((x, y) => x.score - y.score || y.rowid - x.rowid)
      .slice(0, count);
  }

  /** Ends the workers (their connections close and their memory goes); waiting searches fail. */
  stop(): void {
    for (const w of this.workers) w.stop();
  }

  private worker(i: number): SearchWorker {
    const w = this.workers[i];
    if (!w) throw new Error('no such search worker');
    return w;
  }
}
