// The harness's clock: real time plus an offset a test can move forward (POST /__harness/advance),
// so the e2e journeys can reach an inactivity lock or a due date without waiting for it. Timers are
// real timers, re-armed whenever the offset moves; the timers a move makes due fire before advance
// returns, so once the harness has answered the test, main has done (and sent) what they do.
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

  /**
   * Moves time forward by ms. Timers now due fire here, in order, and so do those they set that are
   * due too; the rest are re-armed for what is left of their time.
   */
  advance(ms: number): void {
    this.offset += ms;
    for (let due = this.nextDue(); due; due = this.nextDue()) {
      clearTimeout(due.handle);
      this.pending.delete(due);
      due.fn();
    }
    const now = this.now();
    for (const entry of this.pending) {
      clearTimeout(entry.handle);
      entry.handle = this.arm(() => entry, Math.max(0, entry.at - now));
    }
  }

  private nextDue(): Pending | undefined {
    const now = this.now();
    let next: Pending | undefined;
    for (const entry of this.pending) if (entry.at <= now && (!next || entry.at < next.at)) next = entry;
    return next;
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
