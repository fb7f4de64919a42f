// Backup and checkpoint threads yield the CPU to the main thread, which answers IPC calls, when
// both want it. On Linux a thread's nice value is its own (setpriority on "process" 0 is the
// calling thread); on macOS and Windows the same call would lower the whole app, so it is not
// made there.
import { setPriority } from 'node:os';

/** Lowers the calling worker thread's priority where that lowers only the thread. */
export function lowerThisThread(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(10);
  } catch {
    // not permitted: the thread runs at normal priority
  }
}
