// The harness's stand-in for the OS idle time (Electron's powerMonitor.getSystemIdleTime()), on the
// harness clock. Playwright's clicks and key presses are not seen by any OS, so by default the
// harness says someone is at the keyboard; POST /__harness/idle {"realInput":"stopped"} says nobody
// has touched it since that moment, and a test can then show that the page's own activity reports
// keep nothing open. Test-only: the shipped app asks the OS.
import type { Clock } from '../../../main/core/clock.ts';
import type { IdleSource } from '../../../main/core/sessions/auto-lock.ts';

export type RealInput = 'continuous' | 'stopped';
export const REAL_INPUT_MODES: readonly RealInput[] = ['continuous', 'stopped'];

export class HarnessIdle implements IdleSource {
  private readonly clock: Clock;
  /** null: input continues (idle 0); otherwise the moment real input stopped. */
  private stoppedAt: number | null = null;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  set(mode: RealInput): void {
    if (mode === 'continuous') this.stoppedAt = null;
    else this.stoppedAt ??= this.clock.now();
  }

  systemIdleSeconds(): number {
    return this.stoppedAt === null ? 0 : Math.floor((this.clock.now() - this.stoppedAt) / 1000);
  }
}
