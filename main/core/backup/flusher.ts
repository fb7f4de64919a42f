// Writes a file out while another thread is still writing it: SQLite's VACUUM INTO (the backup
// worker's snapshot when the live file cannot be held still, snapshot.ts) writes the whole copy before anything is synced, so hundreds of MiB wait in the
// OS's cache and the final fsync writes them all at once. On a journaling file system, the live
// database's own fsync (every save, on the main thread) then waits behind that flood. Syncing the
// snapshot every few hundred milliseconds keeps what waits small, so a save never waits long.
// The syncs run on libuv's thread pool: the event loop never waits on them.
import { open, type FileHandle } from 'node:fs/promises';

export const FLUSH_EVERY_MS = 200;

export interface Flusher {
  /** Stops syncing; resolves once the sync in progress (if any) has ended. */
  stop(): Promise<void>;
}

export function flushWhileWritten(file: string, everyMs = FLUSH_EVERY_MS): Flusher {
  let handle: FileHandle | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async (): Promise<void> => {
    try {
      handle ??= await open(file, 'r');
      if (!stopped) await handle.datasync();
    } catch {
      // Not created yet, or gone: the next tick tries again; the writer reports real failures.
    }
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick().finally(() => {
      running = null;
    });
  }, everyMs);
  timer.unref();
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearInterval(timer);
        await running;
        await handle?.close();
        handle = null;
      })();
      return stopping;
    },
  };
}
