// The harness's stand-in for the OS idle time (Electron's powerMonitor.getSystemIdleTime()), on the
// harness clock. Playwright's clicks and key presses reach no OS, so by default ('continuous') the
// harness counts the page's activity reports as the input an OS would have seen, at the moment each
// arrives; POST /__harness/idle {"realInput":"stopped"} says nobody has touched the computer since
// then, whatever the page reports, so a test can show that a page's own reports keep nothing open.
// Test-only: the shipped app asks the OS.
import type { Clock } from '../../../main/core/clock.ts';
import type { IdleSource } from '../../../main/core/sessions/auto-lock.ts';

export type RealInput = 'continuous' | 'stopped';
export const REAL_INPUT_MODES: readonly RealInput[] = ['continuous', 'stopped'];

export class HarnessIdle implements IdleSource {
  private readonly clock: Clock;
  /** null: the page's reports are the input; otherwise the moment real input stopped. */
  private stoppedAt: number | null = null;
  private lastReport: number;

  constructor(clock: Clock) {
    this.clock = clock;
    this.lastReport = clock.now();
  }

  /** A session.activity report arrived from the page (the harness's only sign of input). */
  pageReported(): void {
    this.lastReport = this.clock.now();
  }

  set(mode: RealInput): void {
    if (mode === 'continuous') this.stoppedAt = null;
    else this.stoppedAt ??= this.clock.now();
  }

  systemIdleSeconds(): number {
    const lastInput = this.stoppedAt ?? this.lastReport;
    return Math.floor((this.clock.now() - lastInput) / 1000);
  }
}
