// Saves that are still waiting to go to main (an autosaving note being typed). Signing out or
// locking from the app asks them to go now and waits a moment (DESIGN.md section 6: about 300 ms),
// so keystrokes typed just before "Lock" are not lost.
type Flush = () => Promise<unknown>;

const flushes = new Set<Flush>();

/** Registers a flush; returns the function that removes it (call it on unmount). */
export function registerPendingSave(flush: Flush): () => void {
  flushes.add(flush);
  return () => {
    flushes.delete(flush);
  };
}

/** Runs every registered flush and waits for them, but never longer than `timeoutMs`. */
export async function flushPendingSaves(timeoutMs = 300): Promise<void> {
  if (flushes.size === 0) return;
  const all = Promise.allSettled([...flushes].map((flush) => flush()));
  await Promise.race([all, new Promise((done) => window.setTimeout(done, timeoutMs))]);
}
