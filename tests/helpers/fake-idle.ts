// The OS idle time as a test sets it (the seam Electron's powerMonitor.getSystemIdleTime() fills in
// the app): "real input" happens when the test says so, on the test's clock, and the idle time is
// whole seconds since then, as the OS reports it.
import type { Clock } from '../../main/core/clock.ts';
import type { IdleSource } from '../../main/core/sessions/auto-lock.ts';

export class FakeIdle implements IdleSource {
  private readonly clock: Clock;
  private lastInput: number;
  /** How many times main asked (the rate limit is visible here). */
  asked = 0;

  /** Real input last happened now, unless told otherwise. */
  constructor(clock: Clock, lastInput: number = clock.now()) {
    this.clock = clock;
    this.lastInput = lastInput;
  }

  /** Someone touched the keyboard or mouse just now. */
  input(): void {
    this.lastInput = this.clock.now();
  }

  systemIdleSeconds(): number {
    this.asked += 1;
    return Math.floor((this.clock.now() - this.lastInput) / 1000);
  }
}
