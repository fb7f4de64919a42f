// Runs WAL checkpoints (and saves the audit head to the keyring) once the app has been idle for
// a moment, so a checkpoint never lands in the middle of a save. An app that is never idle for
// that moment (saves and audited reads back to back, for minutes) would otherwise leave ever more
// of the log unfolded, and its file growing without end: every read looks a page up among the
// frames not yet folded in, so reads get slower as they pile up, and the backup and the idle
// checkpoint after them have all of them to fold in and the file to cut. After
// BUSY_CHECKPOINT_WRITES writes without an idle checkpoint, one runs aside, on its own connection
// in a worker thread (`aside`; backup/checkpoint-thread.ts keeps both between folds), holding up
// saves for a moment at most.
import type { Clock, TimerHandle } from '../clock.ts';

export const IDLE_CHECKPOINT_MS = 2000;

/** Write transactions after which the log is folded in even without a pause (a few MiB of log). */
export const BUSY_CHECKPOINT_WRITES = 200;

export class IdleCheckpointer {
  private timer: TimerHandle | null = null;
  private readonly clock: Clock;
  private readonly run: () => Promise<void>;
  private readonly aside: (() => Promise<void>) | null;
  private readonly release: (() => Promise<void>) | null;
  private writes = 0;
  private asideRunning: Promise<void> | null = null;
  /** Between cancel() and resume(): the database is closing or changing key; no fold aside starts. */
  private stopped = false;

  /**
   * `aside` folds the log in on another connection; `release` closes what it kept open for that
   * (its thread's connection), before the database closes or its key changes.
   */
  constructor(
    clock: Clock,
    run: () => Promise<void>,
    aside?: () => Promise<void>,
    release?: () => Promise<void>,
  ) {
    this.clock = clock;
    this.run = run;
    this.aside = aside ?? null;
    this.release = release ?? null;
  }

  /** Call after every write; restarts the idle countdown. */
  noteWrite(): void {
    this.timer?.cancel();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.writes = 0;
      void this.run();
    }, IDLE_CHECKPOINT_MS);
    this.writes += 1;
    if (this.aside && !this.stopped && this.writes >= BUSY_CHECKPOINT_WRITES && !this.asideRunning) {
      this.writes = 0;
      this.asideRunning = this.aside().finally(() => {
        this.asideRunning = null;
      });
    }
  }

  /**
   * Stops the countdown and keeps any new fold aside from starting (the database is closing, or its
   * key changing: a new thread would open the file with the old key); `settled` then waits for the
   * one already running. resume() once the database is open again.
   */
  cancel(): void {
    this.timer?.cancel();
    this.timer = null;
    this.writes = 0;
    this.stopped = true;
  }

  /** The database is open (again): folds aside may start. */
  resume(): void {
    this.stopped = false;
  }

  /** Resolves once no checkpoint runs aside and its connection is closed. */
  async settled(): Promise<void> {
    await this.asideRunning;
    await this.release?.();
  }
}
