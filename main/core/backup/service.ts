// Backups (issue 9, 45 CFR 164.308(a)(7)): the door's service. It holds the owner's settings
// (read at unlock, changed through updateSettings and chooseFolder), the progress events and the
// status, and hands the rest to its parts: when runs happen (schedule.ts), each run with its
// snapshot, verification, audit entry and retention (runner.ts), what the status says (status.ts)
// and the restores (restores.ts).
import { join } from 'node:path';
import {
  BACKUP_DEFAULTS,
  BackupSettings,
  type BackupFolderUsage,
  type BackupGeneration,
  type BackupProgress,
  type BackupSettingsInput,
  type BackupStatus,
  type BackupSummary,
} from '../../../preload/contract/backup.ts';
import type { SessionInfo } from '../../../preload/contract/auth.ts';
import { auditUnreadable } from '../audit/index.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { AuthService, Notify, Session } from '../sessions/index.ts';
import { UnreadableRecord } from '../stored-json.ts';
import { parseBackupSettings } from './codecs.ts';
import { listGenerations } from './folder.ts';
import { BackupJournal } from './journal.ts';
import { readSettingsRow, writeSettingsRow } from './queries.ts';
import { BackupRestores } from './restores.ts';
import { BackupRunner, type RunStage } from './runner.ts';
import { BackupSchedule } from './schedule.ts';
import { BackupStateFile } from './state-file.ts';
import { carryOut } from './side-files.ts';
import { backupStatus } from './status.ts';
import { folderUsage } from './usage.ts';
import { BackupFailure, checkFolder, type BackupIo } from './writer.ts';

export { CHECK_INTERVAL_MS } from './schedule.ts';
export { problemToAppError } from './restores.ts';

export type PathPicker = (
  windowId: string,
  purpose: 'backup-folder' | 'restore-file',
) => Promise<string | null>;

const PERCENT: Record<BackupProgress['phase'], number> = {
  preparing: 0,
  copying: 10,
  verifying: 60,
  finishing: 90,
  done: 100,
  failed: 100,
};

export class BackupService {
  private current: BackupSettings = structuredClone(BACKUP_DEFAULTS);
  private readonly ctx: CoreContext;
  private readonly notify: Notify;
  private readonly pickPath: PathPicker;
  /** Runs, journals and audits each backup. */
  private readonly runner: BackupRunner;
  private readonly schedule: BackupSchedule;
  private readonly restores: BackupRestores;
  private readonly state: BackupStateFile;
  /** The free-space seam usage.ts reads (the real drive unless a test passes one). */
  private readonly io: BackupIo | undefined;
  /** A same-computer restore ends every session: that is not a sign-out backup moment. */
  private restoring = false;
  private progress: BackupProgress | null = null;

  constructor(
    ctx: CoreContext,
    deps: {
      notify: Notify;
      pickPath: PathPicker;
      auth: AuthService;
      /** Test seams (createCore's testSeams; the app passes neither). */
      io?: BackupIo | undefined;
      onStage?: ((stage: RunStage) => void) | undefined;
    },
  ) {
    this.ctx = ctx;
    this.notify = deps.notify;
    this.pickPath = deps.pickPath;
    this.io = deps.io;
    this.state = new BackupStateFile(ctx.vault.dataDir);
    this.runner = new BackupRunner(ctx, {
      journal: new BackupJournal(ctx, this.state),
      io: deps.io,
      settings: () => this.settings,
      onPhase: (phase, windows) => {
        this.setProgress(phase, windows);
      },
      onStage: deps.onStage,
    });
    this.schedule = new BackupSchedule(ctx, {
      state: this.state,
      settings: () => this.settings,
      start: (windows) => this.runner.start(windows),
      restoring: () => this.restoring,
    });
    this.restores = new BackupRestores(ctx, {
      notify: deps.notify,
      pickPath: deps.pickPath,
      auth: deps.auth,
      state: this.state,
      folder: () => this.settings.folder,
      whenIdle: () => this.whenIdle(),
      setRestoring: (on) => {
        this.restoring = on;
      },
    });
  }

  /**
   * Copies the files that must outlive every older backup (side-files.ts) into the backup folder
   * now, not only after the next backup: a destruction calls it, so that a computer lost before the
   * next backup still leaves its register beside the backups. Nothing to do without a folder.
   */
  carrySideFiles(): void {
    const folder = this.current.folder;
    if (!folder || !this.ctx.vault.isOpen) return;
    try {
      carryOut(this.ctx.vault.dataDir, folder);
    } catch (error) {
      this.ctx.logger.log('warn', 'backup.sideFilesFailed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  /** The settings in force: read at unlock, changed only through updateSettings and chooseFolder. */
  get settings(): BackupSettings {
    return this.current;
  }

  /**
   * At every unlock (the earliest moment the backup folder is known: its setting is in the
   * database): settings, runs a crash interrupted, audit entries kept while closed, the backup
   * folder's leftovers, the timer.
   */
  async onVaultOpened(): Promise<void> {
    const stored = await this.storedSettings();
    // Restored on a new computer: the old computer's folder is not this one's until chosen again.
    this.current = this.state.read().chooseFolderAgain ? { ...stored, folder: null } : stored;
    await this.runner.atUnlock();
    this.schedule.arm();
  }

  /** The stored settings; a row that does not parse leaves the defaults in force, and is audited. */
  private async storedSettings(): Promise<BackupSettings> {
    const raw = await readSettingsRow(readDb(this.ctx));
    try {
      return raw ? parseBackupSettings(raw) : structuredClone(BACKUP_DEFAULTS);
    } catch (error) {
      if (!(error instanceof UnreadableRecord)) throw error;
      await auditUnreadable(this.ctx, null, error.record, 'unlock');
      return structuredClone(BACKUP_DEFAULTS);
    }
  }

  /** Resolves when no backup is running (app quit waits for a sign-out backup to finish). */
  whenIdle(): Promise<void> {
    return this.runner.whenIdle();
  }

  private setProgress(phase: BackupProgress['phase'], windows: string[]): void {
    this.progress = phase === 'done' || phase === 'failed' ? null : { phase, percent: PERCENT[phase] };
    const payload = { phase, percent: PERCENT[phase] };
    for (const w of new Set([...windows, ...this.schedule.ownerWindows()]))
      this.notify(w, 'backup.progress', payload);
  }

  list(): BackupGeneration[] {
    return this.settings.folder ? listGenerations(this.settings.folder) : [];
  }

  /** The folder's backup size and free space, and whether retention would fill it (usage.ts). */
  folderUsage(): Promise<BackupFolderUsage> {
    return folderUsage(this.settings, this.io);
  }

  status(): BackupStatus {
    return backupStatus(this.state.read(), this.settings, this.progress, this.ctx.clock.now());
  }

  private async saveSettings(session: Session, next: BackupSettings): Promise<BackupSettings> {
    const before = this.settings;
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await writeSettingsRow(trx, JSON.stringify(next), now);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'backup.settingsUpdate',
        detail: {
          folderChanged: before.folder !== next.folder,
          schedule: { ...next.schedule },
          retention: { ...next.retention },
          maxAgeDays: next.maxAgeDays,
        },
      });
    });
    this.current = next;
    this.schedule.arm();
    return next;
  }

  updateSettings(session: Session, input: BackupSettingsInput): Promise<BackupSettings> {
    return this.saveSettings(session, { ...input, folder: this.settings.folder });
  }

  async chooseFolder(session: Session, windowId: string): Promise<BackupSettings> {
    const folder = await this.pickPath(windowId, 'backup-folder');
    if (folder === null) return this.settings;
    // Backup files may live on a network share (only the live database may not).
    try {
      checkFolder(folder);
    } catch (error) {
      if (error instanceof BackupFailure) throw new AppError('CONFLICT', error.message);
      throw error;
    }
    if (folder === this.ctx.vault.dataDir || folder.startsWith(join(this.ctx.vault.dataDir, '/')))
      throw new AppError(
        'CONFLICT',
        'Choose a folder on another drive: a backup beside the database is lost with it.',
      );
    const saved = await this.saveSettings(session, { ...this.settings, folder });
    // Restored on a new computer: the first backup here runs as soon as the folder is chosen.
    if (this.state.read().chooseFolderAgain) {
      this.state.update((s) => ({ ...s, chooseFolderAgain: false }));
      void this.runner.start([windowId]);
    }
    return saved;
  }

  async runNow(windowId: string): Promise<BackupStatus> {
    await this.runner.start([windowId]);
    return this.status();
  }

  restoreHere(
    session: Session,
    windowId: string,
    input: { name: string; confirmDate: string },
  ): Promise<{ keptAside: string; session: SessionInfo }> {
    return this.restores.restoreHere(session, windowId, input);
  }

  chooseRestoreFile(windowId: string): Promise<BackupSummary | null> {
    return this.restores.chooseRestoreFile(windowId);
  }

  restoreFirstRun(
    windowId: string,
    input: { recoveryKey: string; username: string; newPassword: string },
  ): Promise<SessionInfo> {
    return this.restores.restoreFirstRun(windowId, input);
  }
}
