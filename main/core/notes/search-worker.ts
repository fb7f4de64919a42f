// Note search in a worker thread with its own read-only connection: ranking a practice's matches
// (FTS5 and bm25) never holds up an IPC call on the main process's thread. It is handed the file
// and a copy of the data key (null only for the benchmark's unencrypted copy), zeroes its copy
// once the connection is keyed, and answers one request at a time. Two of them run, so that the
// owner's search (every note of the practice) ranks half the matches on each core. Who may see a hit is decided
// in main (search.ts): the worker only ranks what the MATCH it is given selects.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { openKeyed, type SqliteHandle } from '../../../db/connection.ts';
import { bestByImpact, bestInScope, bestOf, rankedMatches, spelledOut, type Scored } from './bm25.ts';

export interface SearchWorkerData {
  file: string;
  key: Uint8Array | null;
}

/**
 * One question: every ranked match of a scoped MATCH (best first), or the best `count` of the
 * practice's matches in a range of rowids (all, for the owner; those of a large scope), with
 * their scores.
 */
export type SearchRequest =
  | { id: number; kind: 'scoped'; match: string; scope: string }
  /** The best `count` of the whole practice's notes matching the one prefix `"word"*`, by the impact index. */
  | { id: number; kind: 'impact'; word: string; count: number }
  | {
      id: number;
      kind: 'best';
      match: string;
      count: number;
      above: number | null;
      upTo: number | null;
      /** Only notes whose scope holds one of these (a large caseload), looking at `first` at a time. */
      scope?: { tokens: string[]; first: number };
    };

export type SearchReply =
  { id: number; rowids: number[] } | { id: number; scored: Scored[] } | { id: number; failed: string };

const data = workerData as SearchWorkerData;

function open(): SqliteHandle {
  if (data.key === null) return new Database(data.file, { readonly: true, fileMustExist: true });
  const key = Buffer.from(data.key);
  data.key.fill(0);
  try {
    return openKeyed(data.file, key, { readonly: true });
  } finally {
    key.fill(0);
  }
}

const db = open();
db.pragma('busy_timeout=5000');

function answer(request: SearchRequest): SearchReply {
  const { id } = request;
  if (request.kind === 'impact') {
    // One read transaction: the cells, the sizes and the practice's figures from the same moment.
    return { id, scored: db.transaction(() => bestByImpact(db, request.word, request.count))() };
  }
  if (request.kind === 'best') {
    const full = `body : (${request.match})`;
    const { count, above, upTo, scope } = request;
    if (!scope) return { id, scored: bestOf(db, full, count, above, upTo) };
    const tokens = new Set(scope.tokens);
    // One read transaction: the ranking and the scopes read after it come from the same moment.
    return {
      id,
      scored: db.transaction(() => bestInScope(db, full, count, { above, upTo }, tokens, scope.first))(),
    };
  }
  // A prefix no word in the index starts with: nothing matches.
  const body = spelledOut(db, request.match);
  if (body === null) return { id, rowids: [] };
  // One read transaction: the matches and the figures bm25 needs come from the same moment.
  const full = `body : (${body}) AND scope : (${request.scope})`;
  return { id, rowids: db.transaction(() => rankedMatches(db, full, request.match))() };
}

parentPort?.on('message', (request: SearchRequest | 'close') => {
  if (request === 'close') {
    // Closed from inside, between two questions, so that nothing cuts the native connection
    // short; with the port closed the thread has nothing left and ends.
    db.close();
    parentPort?.close();
    return;
  }
  try {
    parentPort?.postMessage(answer(request));
  } catch (error) {
    // No text of the query or the notes: only SQLite's code, for the log.
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
    parentPort?.postMessage({ id: request.id, failed: code } satisfies SearchReply);
  }
});
