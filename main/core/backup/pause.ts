// A worker thread's blocking pause (between two tries of a checkpoint, or to let the disk catch up
// during a copy). Its own module so the slim checkpoint worker need not load the backup format.

const pauseCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread for `ms` (a worker's pause between two tries; never main's event loop). */
export function pauseThread(ms: number): void {
  Atomics.wait(pauseCell, 0, 0, ms);
}
