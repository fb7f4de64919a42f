// Folds the live database's write-ahead log (stillwater.db-wal) into its file while the app keeps
// saving, from a connection of a worker thread, and gets the log started over so that its file
// stops growing. Used by the checkpoint aside (checkpoint-worker.ts) and by the backup's frozen
// copy before it empties the log (frozen-copy.ts).
//
// How the log starts over (https://sqlite.org/wal.html, wal.c walRestartLog): a save writes its
// pages at the log's beginning again, instead of after its last frame, when every frame was folded
// in at the moment the save began and no reader still reads one. A PASSIVE checkpoint never holds
// up a save, but saves made while it runs add frames it has not folded in, so one pass is not
// enough when saves come back to back: the first pass folds in the bulk (seconds, for hundreds of
// MiB), the next ones what came in during the previous one, each shorter than the one before.
// When a few passes still leave a little, a RESTART checkpoint folds that in while holding saves
// off (a few frames and an fsync) and starts the log over itself. Its wait for the write lock and
// for readers is bounded by a short busy timeout, so a save waits a few milliseconds at most.
import type { SqliteHandle } from '../../../db/connection.ts';
import { pauseThread } from './pause.ts';

/** Passes of PASSIVE checkpoints, at most, and how long they may take together. */
const PASSES = 12;
const PASSES_BUDGET_MS = 3000;
/** Frames (pages) left unfolded that a RESTART checkpoint may fold in while saves wait. */
const RESTART_FRAMES = 512;
/** RESTART tries, the pause between two, and each one's wait for the write lock and readers. */
const RESTART_TRIES = 8;
const RESTART_PAUSE_MS = 15;
const RESTART_WAIT_MS = 10;

interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

function checkpoint(live: SqliteHandle, mode: 'PASSIVE' | 'RESTART'): CheckpointRow {
  const [row] = live.pragma(`wal_checkpoint(${mode})`) as CheckpointRow[];
  return row ?? { busy: 1, log: -1, checkpointed: -1 };
}

export interface Folded {
  /** Every frame was folded in (the next save starts the log over) or the log was started over. */
  caughtUp: boolean;
  passes: number;
  restarted: boolean;
}

/**
 * Folds the log of `live` (a writable connection, synchronous=FULL) in, as described above.
 * Leaves the connection's busy timeout as it found it.
 */
export function foldLog(live: SqliteHandle): Folded {
  const timeout = live.pragma('busy_timeout', { simple: true }) as number;
  try {
    live.pragma('busy_timeout=0');
    const started = performance.now();
    let passes = 0;
    // A pass's `log` is the log's length when it began: what came in during the pass shows in the
    // next one's, and only a RESTART (holding saves off) can say that nothing did.
    let previous = -1;
    let cameIn = Number.POSITIVE_INFINITY;
    while (passes < PASSES && performance.now() - started < PASSES_BUDGET_MS) {
      const r = checkpoint(live, 'PASSIVE');
      passes += 1;
      if (r.log < 0) return { caughtUp: true, passes, restarted: false }; // not in WAL mode
      if (r.log < previous) return { caughtUp: true, passes, restarted: false }; // a save started it over
      cameIn = previous < 0 ? r.log : r.log - previous;
      previous = r.log;
      if (passes > 1 && cameIn <= RESTART_FRAMES) break;
    }
    if (cameIn > RESTART_FRAMES) return { caughtUp: false, passes, restarted: false };
    live.pragma(`busy_timeout=${String(RESTART_WAIT_MS)}`);
    for (let tries = 0; tries < RESTART_TRIES; tries++) {
      if (tries > 0) pauseThread(RESTART_PAUSE_MS);
      // It waits (RESTART_WAIT_MS at most) for the write lock, folds in what came in since the
      // last pass while saves wait, then waits for readers still on the log, and starts it over.
      const r = checkpoint(live, 'RESTART');
      if (r.busy === 0) return { caughtUp: true, passes, restarted: true };
    }
    return { caughtUp: false, passes, restarted: false };
  } finally {
    live.pragma(`busy_timeout=${String(timeout)}`);
  }
}
