// The backup's snapshot without decrypting a page: the live database file copied block for block,
// its pages left encrypted as they are, while a read transaction holds the file still.
//
// Why the file holds still: in WAL mode, saves go to the log (stillwater.db-wal), never to the
// database file; only a checkpoint writes the file, and a checkpoint may not write a page while a
// reader still reads an older version of it from the file. A read transaction that begins when
// the log is empty reads the file alone, so no checkpoint can write any page of it until that
// transaction ends: the file is then the whole database as of that moment, and it does not change
// while it is copied. Saves go on meanwhile, into the log. The log is folded in first while saves
// go on (fold.ts: PASSIVE passes until little is left), then emptied (a TRUNCATE checkpoint that
// waits for nobody: it holds saves off while it folds the rest in and cuts the file, so only a
// little may be left for it), and after the read transaction has begun the log's size on
// disk says whether it still was: a log that had frames when the transaction began cannot be
// emptied while the transaction reads from it, so a size of 0 can only mean it was empty then.
//
// This is about twice as fast as VACUUM INTO on the bench's practice: nothing is decrypted and
// encrypted again (SQLCipher's per-page HMAC, SHA-512, was half of VACUUM INTO's time). When no
// such moment is found (saves back to back, or a long reader that keeps the log from emptying),
// the caller falls back to VACUUM INTO, which needs none.
import { closeSync, openSync, statSync } from 'node:fs';
import type { SqliteHandle } from '../../../db/connection.ts';
import { foldLog } from './fold.ts';
import { copyBlocks } from './format.ts';
import { pauseThread } from './pause.ts';

/** How many times an empty log is looked for, and how long to wait between two tries. */
export const FROZEN_ATTEMPTS = 20;
const PAUSE_MS = 50;

const logBytes = (database: string): number => {
  try {
    return statSync(`${database}-wal`).size;
  } catch {
    return 0; // no log at all: nothing was written since the last connection closed
  }
};

/**
 * Copies the live database `source` (open on `live`, a writable connection of this thread) to
 * `target` as it stands at one moment, and returns what `during` read in the same read
 * transaction, i.e. at that same moment. Null when no moment with an empty log was found in
 * `attempts` tries: nothing was copied and the caller takes its snapshot another way.
 */
export function copyFrozen<T>(
  live: SqliteHandle,
  source: string,
  target: string,
  during: () => T,
  attempts = FROZEN_ATTEMPTS,
): T | null {
  const timeout = live.pragma('busy_timeout', { simple: true }) as number;
  // A checkpoint that empties the log keeps saves waiting while it runs: it runs only when it can
  // start at once (no waiting for readers or a writer), after passes that wait for nobody have
  // folded in all but a little of the log.
  try {
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) pauseThread(PAUSE_MS);
      foldLog(live);
      live.pragma('busy_timeout=0');
      const [emptied] = live.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (emptied?.busy !== 0) continue;
      live.exec('BEGIN');
      try {
        // The read transaction begins with its first read.
        live.prepare('SELECT count(*) FROM sqlite_schema').get();
        if (logBytes(source) !== 0) continue; // a save came in between: not this moment
        const read = during();
        const from = openSync(source, 'r');
        try {
          copyBlocks(from, target, { yieldDisk: true });
        } finally {
          closeSync(from);
        }
        return read;
      } finally {
        live.exec('COMMIT');
      }
    }
    return null;
  } finally {
    live.pragma(`busy_timeout=${String(timeout)}`);
  }
}
