// A clock the test moves by hand. Timers fire in order when time is advanced past them.
import type { Clock, TimerHandle } from '../../main/core/clock.ts';

export class FakeClock implements Clock {
  private current: number;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;

  constructor(start = Date.parse('2026-03-02T15:00:00.000Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ at: this.current + ms, fn, id });
    return {
      cancel: () => {
        this.timers = this.timers.filter((t) => t.id !== id);
      },
    };
  }

  /** Moves time forward, running due timers (and letting their promises settle) in order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.current = due.at;
      due.fn();
      await new Promise((r) => setImmediate(r));
    }
    this.current = target;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}
