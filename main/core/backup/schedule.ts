// When backups run by themselves (issue 9): when the last person signs out or the app closes, and
// every N hours while the app is open (checked hourly through the injected clock; a failed run is
// retried at the next check). Never without a chosen folder.
import type { BackupSettings } from '../../../preload/contract/backup.ts';
import type { TimerHandle } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { changedSince } from './queries.ts';
import type { BackupStateFile } from './state-file.ts';

export const HOUR = 3_600_000;
/** How often the open app checks whether a backup is due (and retries after a failure). */
export const CHECK_INTERVAL_MS = HOUR;

export class BackupSchedule {
  private readonly ctx: CoreContext;
  private readonly state: BackupStateFile;
  private readonly settings: () => BackupSettings;
  private readonly start: (windows: string[]) => Promise<void>;
  private readonly restoring: () => boolean;
  private timer: TimerHandle | null = null;

  constructor(
    ctx: CoreContext,
    deps: {
      state: BackupStateFile;
      settings: () => BackupSettings;
      start: (windows: string[]) => Promise<void>;
      /** A same-computer restore ends every session: that is not a sign-out backup moment. */
      restoring: () => boolean;
    },
  ) {
    this.ctx = ctx;
    this.state = deps.state;
    this.settings = deps.settings;
    this.start = deps.start;
    this.restoring = deps.restoring;
    // The last session ending (sign-out, window closed, app quit) is a backup moment.
    ctx.sessions.onEnd(() => {
      if (ctx.sessions.count === 0) this.onLastSessionEnding();
    });
  }

  /** (Re)starts the hourly check. */
  arm(): void {
    this.timer?.cancel();
    this.timer = this.ctx.clock.setTimeout(() => {
      this.timer = null;
      if (!this.ctx.vault.isOpen) return;
      if (this.due()) void this.start(this.ownerWindows());
      this.arm();
    }, CHECK_INTERVAL_MS);
  }

  private due(): boolean {
    if (!this.settings().folder) return false;
    const last = this.state.read().lastSuccess;
    return !last || this.ctx.clock.now() - Date.parse(last.at) >= this.settings().schedule.everyHours * HOUR;
  }

  ownerWindows(): string[] {
    return this.ctx.sessions
      .all()
      .filter((s) => s.role === 'owner')
      .map((s) => s.windowId);
  }

  private onLastSessionEnding(): void {
    this.timer?.cancel();
    this.timer = null;
    const settings = this.settings();
    if (this.restoring() || !this.ctx.vault.isOpen || !settings.folder || !settings.schedule.onSignOut)
      return;
    const last = this.state.read().lastSuccess;
    if (last && !changedSince(this.ctx.vault.db.sqlite, last.auditCount)) return;
    void this.start([]);
  }
}
