// Runs WAL checkpoints (and saves the audit head to the keyring) once the app has been idle for
// a moment, so a checkpoint never lands in the middle of a save.
import type { Clock, TimerHandle } from '../clock.ts';

export const IDLE_CHECKPOINT_MS = 2000;

export class IdleCheckpointer {
  private timer: TimerHandle | null = null;
  private readonly clock: Clock;
  private readonly run: () => Promise<void>;

  constructor(clock: Clock, run: () => Promise<void>) {
    this.clock = clock;
    this.run = run;
  }

  /** Call after every write; restarts the idle countdown. */
  noteWrite(): void {
    this.timer?.cancel();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, IDLE_CHECKPOINT_MS);
  }

  cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}
