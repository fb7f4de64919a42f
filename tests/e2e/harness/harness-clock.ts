// The harness's clock: real time plus an offset a test can move forward (POST /__harness/advance),
// so the e2e journeys can reach an inactivity lock or a due date without waiting for it. Timers are
// real timers, re-armed whenever the offset moves; a timer whose moment has passed fires at once.
// Test-only: the shipped app uses systemClock.
import type { Clock, TimerHandle } from '../../../main/core/clock.ts';

interface Pending {
  at: number;
  fn: () => void;
  handle: ReturnType<typeof setTimeout>;
}

export class HarnessClock implements Clock {
  private offset = 0;
  private readonly pending = new Set<Pending>();

  now(): number {
    return Date.now() + this.offset;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const entry: Pending = { at: this.now() + ms, fn, handle: this.arm(() => entry, ms) };
    this.pending.add(entry);
    return {
      cancel: () => {
        clearTimeout(entry.handle);
        this.pending.delete(entry);
      },
    };
  }

  /** Moves time forward by ms; timers now due fire in order. */
  advance(ms: number): void {
    this.offset += ms;
    const now = this.now();
    const entries = [...this.pending].sort((a, b) => a.at - b.at);
    for (const entry of entries) {
      clearTimeout(entry.handle);
      entry.handle = this.arm(() => entry, Math.max(0, entry.at - now));
    }
  }

  private arm(entry: () => Pending, ms: number): ReturnType<typeof setTimeout> {
    const handle = setTimeout(() => {
      const e = entry();
      this.pending.delete(e);
      e.fn();
    }, ms);
    handle.unref();
    return handle;
  }
}
