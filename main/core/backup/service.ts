// Backups (issue 9, 45 CFR 164.308(a)(7)): the owner's settings, the schedule (when the last person
// signs out or the app closes, and every N hours while open, through the injected clock), "Back up
// now" with progress events, status with a warning in plain words, and the restores. Each run, its
// audit entry and pruning are runner.ts's.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
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
import { todayIso } from '../../../preload/contract/clients.ts';
import { LATEST_SCHEMA_VERSION } from '../../../db/migrations/index.ts';
import { openKeyed } from '../../../db/connection.ts';
import { type AuditActor, auditUnreadable } from '../audit/index.ts';
import type { TimerHandle } from '../clock.ts';
import { actorOf, inTransaction, nowIso, readDb, recordAudit, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertStrongPassword } from '../password-policy.ts';
import type { AuthService, Notify, Session } from '../sessions/index.ts';
import { DATABASE_FILE } from '../vault/index.ts';
import { listGenerations } from './folder.ts';
import { BackupProblem, NAME_PATTERN, type ManifestBody } from './format.ts';
import { BackupJournal } from './journal.ts';
import { UnreadableRecord } from '../stored-json.ts';
import { parseBackupSettings } from './codecs.ts';
import { changedSince, readSettingsRow, restoredOwner, writeSettingsRow } from './queries.ts';
import { keepAside, placeDatabase } from './restore.ts';
import { BackupRunner, type RunStage } from './runner.ts';
import { BackupStateFile } from './state-file.ts';
import { folderUsage } from './usage.ts';
import { backupDirOf, dataKeyFromRecovery, keyMatches, readManifest } from './verify.ts';
import { BackupFailure, checkFolder, FAILURE_MESSAGES, runBackupWorker, type BackupIo } from './writer.ts';

export type PathPicker = (
  windowId: string,
  purpose: 'backup-folder' | 'restore-file',
) => Promise<string | null>;

const HOUR = 3_600_000;
/** How often the open app checks whether a backup is due (and retries after a failure). */
export const CHECK_INTERVAL_MS = HOUR;

const PERCENT: Record<BackupProgress['phase'], number> = {
  preparing: 0,
  copying: 10,
  verifying: 60,
  finishing: 90,
  done: 100,
  failed: 100,
};

/** A BackupProblem as the renderer sees it: one code per kind, the problem's own words. */
export function problemToAppError(p: BackupProblem): AppError {
  switch (p.kind) {
    case 'wrong-key':
      return new AppError('INVALID_CREDENTIALS', p.message);
    case 'too-new':
      return new AppError('DATABASE_TOO_NEW', p.message);
    case 'not-a-backup':
      return new AppError('INVALID_INPUT', p.message);
    case 'incomplete':
    case 'damaged':
      return new AppError('DATABASE_DAMAGED', p.message);
  }
}

async function guardProblems<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw error instanceof BackupProblem ? problemToAppError(error) : error;
  }
}

export class BackupService {
  private current: BackupSettings = structuredClone(BACKUP_DEFAULTS);
  private readonly ctx: CoreContext;
  private readonly notify: Notify;
  private readonly pickPath: PathPicker;
  private readonly auth: AuthService;
  /** Runs, journals and audits each backup. */
  private readonly runner: BackupRunner;
  private readonly state: BackupStateFile;
  /** A same-computer restore ends every session: that is not a sign-out backup moment. */
  private restoring = false;
  private progress: BackupProgress | null = null;
  private timer: TimerHandle | null = null;
  private readonly restoreChoice = new Map<string, string>();
  /** The free-space seam usage.ts reads (the real drive unless a test passes one). */
  private readonly io: BackupIo | undefined;

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
    this.auth = deps.auth;
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
    // The last session ending (sign-out, window closed, app quit) is a backup moment.
    ctx.sessions.onEnd(() => {
      if (ctx.sessions.count === 0) this.onLastSessionEnding();
    });
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
    this.current = await this.storedSettings();
    await this.runner.atUnlock();
    this.arm();
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

  private arm(): void {
    this.timer?.cancel();
    this.timer = this.ctx.clock.setTimeout(() => {
      this.timer = null;
      if (!this.ctx.vault.isOpen) return;
      if (this.due()) void this.start(this.ownerWindows());
      this.arm();
    }, CHECK_INTERVAL_MS);
  }

  private due(): boolean {
    if (!this.settings.folder) return false;
    const last = this.state.read().lastSuccess;
    return !last || this.ctx.clock.now() - Date.parse(last.at) >= this.settings.schedule.everyHours * HOUR;
  }

  private ownerWindows(): string[] {
    return this.ctx.sessions
      .all()
      .filter((s) => s.role === 'owner')
      .map((s) => s.windowId);
  }

  private onLastSessionEnding(): void {
    this.timer?.cancel();
    this.timer = null;
    if (
      this.restoring ||
      !this.ctx.vault.isOpen ||
      !this.settings.folder ||
      !this.settings.schedule.onSignOut
    )
      return;
    const last = this.state.read().lastSuccess;
    if (last && !changedSince(this.ctx.vault.db.sqlite, last.auditCount)) return;
    void this.start([]);
  }

  /** Resolves when no backup is running (app quit waits for a sign-out backup to finish). */
  whenIdle(): Promise<void> {
    return this.runner.whenIdle();
  }

  private start(windows: string[]): Promise<void> {
    return this.runner.start(windows);
  }

  private setProgress(phase: BackupProgress['phase'], windows: string[]): void {
    this.progress = phase === 'done' || phase === 'failed' ? null : { phase, percent: PERCENT[phase] };
    const payload = { phase, percent: PERCENT[phase] };
    for (const w of new Set([...windows, ...this.ownerWindows()])) this.notify(w, 'backup.progress', payload);
  }

  list(): BackupGeneration[] {
    return this.settings.folder ? listGenerations(this.settings.folder) : [];
  }

  /** The folder's backup size and free space, and whether retention would fill it (usage.ts). */
  folderUsage(): Promise<BackupFolderUsage> {
    return folderUsage(this.settings, this.io);
  }

  status(): BackupStatus {
    const s = this.state.read();
    const now = this.ctx.clock.now();
    const lastVerified = s.lastSuccess
      ? {
          name: s.lastSuccess.name,
          at: s.lastSuccess.at,
          ageHours: Math.max(0, Math.round(((now - Date.parse(s.lastSuccess.at)) / HOUR) * 10) / 10),
        }
      : null;
    const failedLast = s.lastFailure && (!s.lastSuccess || s.lastFailure.at > s.lastSuccess.at);
    const lastFailure =
      s.lastFailure && failedLast
        ? {
            at: s.lastFailure.at,
            reason: s.lastFailure.reason,
            message: FAILURE_MESSAGES[s.lastFailure.reason],
          }
        : null;
    let warning: string | null = null;
    if (!this.settings.folder) warning = FAILURE_MESSAGES['not-configured'];
    else if (lastFailure) warning = `The last backup failed. ${lastFailure.message}`;
    else if (!lastVerified) warning = 'No backup has been made yet. Use "Back up now" in Settings → Backups.';
    else if (lastVerified.ageHours > this.settings.maxAgeDays * 24)
      warning = `The newest verified backup is ${String(Math.floor(lastVerified.ageHours / 24))} days old.`;
    return {
      configured: this.settings.folder !== null,
      folder: this.settings.folder,
      running: this.progress,
      lastVerified,
      lastFailure,
      warning,
    };
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
    this.arm();
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
    return this.saveSettings(session, { ...this.settings, folder });
  }

  async runNow(windowId: string): Promise<BackupStatus> {
    await this.start([windowId]);
    return this.status();
  }

  /** Same-computer restore (owner): verify, end every session, keep the current files aside, copy in. */
  async restoreHere(
    session: Session,
    windowId: string,
    input: { name: string; confirmDate: string },
  ): Promise<{ keptAside: string; session: SessionInfo }> {
    const folder = this.settings.folder;
    if (!folder || !NAME_PATTERN.test(input.name))
      throw new AppError('NOT_FOUND', 'That backup is not in the backup folder.');
    const dir = join(folder, input.name);
    const { body } = await guardProblems(() => Promise.resolve(readManifest(dir)));
    const created = new Date(body.createdAt);
    if (input.confirmDate !== todayIso(created) && input.confirmDate !== body.createdAt.slice(0, 10)) {
      throw new AppError('INVALID_INPUT', 'The date you confirmed is not this backup’s date.', {
        fields: [{ path: 'confirmDate', message: `This backup is from ${todayIso(created)}.` }],
      });
    }
    const liveKey = this.ctx.vault.copyDataKey();
    if (!keyMatches(body, liveKey) || body.practiceId !== this.ctx.vault.practiceId) {
      liveKey.fill(0);
      throw new AppError(
        'WRONG_KEY',
        'This backup belongs to another practice key. Restore it on a new computer with its recovery key.',
      );
    }
    await guardProblems(() => runBackupWorker({ kind: 'verify', dir, key: new Uint8Array(liveKey) }));
    await this.whenIdle();
    const actor: AuditActor = actorOf(session);
    // Everyone else is signed out; the owner's own window is answered by this call (signed back
    // in below), so it does not flash the sign-in screen. No sign-out backup: it would copy the
    // database being replaced, record it in the restored one, and prune the very generation
    // being restored from.
    this.restoring = true;
    try {
      for (const s of this.ctx.sessions.all())
        await this.auth.end(s.windowId, 'signed-out', {
          keepVaultOpen: true,
          quiet: s.windowId === windowId,
        });
    } finally {
      this.restoring = false;
    }
    await this.auth.closeVault();
    let kept: string;
    try {
      kept = keepAside(this.ctx.vault.dataDir, this.ctx.clock.now());
      // The keyring comes back as a copy: the kept-aside folder stays whole.
      copyFileSync(
        join(this.ctx.vault.dataDir, kept, 'keyring.json'),
        join(this.ctx.vault.dataDir, 'keyring.json'),
      );
      placeDatabase(this.ctx.vault.dataDir, dir);
      await this.ctx.vault.adoptRestoredDatabase(body.keys.databaseSalt, body.auditHead, liveKey);
      await this.ctx.vault.openWithKey(liveKey);
    } catch (error) {
      // The restore did not finish: this window is signed out like the others.
      this.notify(windowId, 'session.locked', { reason: 'signed-out' });
      throw error;
    } finally {
      liveKey.fill(0);
    }
    const info = await this.auth.startSessionAfterUnlock(windowId, session.userId);
    await this.auditRestore(actor, body, { sameComputer: true, keptAside: kept });
    return { keptAside: kept, session: info };
  }

  private async auditRestore(
    actor: AuditActor,
    body: ManifestBody,
    extra: Record<string, string | boolean>,
  ): Promise<void> {
    await recordAudit(this.ctx, actor, {
      action: 'backup.restore',
      detail: {
        backupCreatedAt: body.createdAt,
        backupAuditEntries: body.auditHead.count,
        fromSchema: body.schemaVersion,
        toSchema: LATEST_SCHEMA_VERSION,
        ...extra,
      },
    });
  }

  /** First run: the person picks a backup; only its clear summary comes back. */
  async chooseRestoreFile(windowId: string): Promise<BackupSummary | null> {
    this.assertFirstRun();
    const path = await this.pickPath(windowId, 'restore-file');
    if (path === null) return null;
    try {
      const { body } = readManifest(path);
      this.restoreChoice.set(windowId, path);
      return {
        createdAt: body.createdAt,
        schemaVersion: body.schemaVersion,
        sizeBytes: body.files.reduce((n, f) => n + f.bytes, 0),
        records: {
          clients: body.counts.clients ?? 0,
          notes: body.counts.notes ?? 0,
          releases: body.counts.release_requests ?? 0,
          disclosures: body.counts.disclosures ?? 0,
          staff: body.counts.users ?? 0,
          auditEntries: body.auditHead.count,
        },
        newerVersion: false,
      };
    } catch (error) {
      if (error instanceof BackupProblem) throw problemToAppError(error);
      throw error;
    }
  }

  private assertFirstRun(): void {
    if (this.ctx.vault.status() !== 'not-set-up')
      throw new AppError('ALREADY_SET_UP', 'A practice is already set up on this computer. Sign in instead.');
  }

  /** First run on a new computer: backup + recovery key + the owner's new password. */
  async restoreFirstRun(
    windowId: string,
    input: { recoveryKey: string; username: string; newPassword: string },
  ): Promise<SessionInfo> {
    this.assertFirstRun();
    const path = this.restoreChoice.get(windowId);
    if (!path) throw new AppError('INVALID_INPUT', 'Choose the backup to restore first.');
    assertStrongPassword(input.newPassword, [input.username]);
    const dataDir = this.ctx.vault.dataDir;
    const { body, key } = await guardProblems(async () => {
      const manifest = readManifest(path);
      const k = dataKeyFromRecovery(manifest.body, input.recoveryKey);
      try {
        await runBackupWorker({ kind: 'verify', dir: path, key: new Uint8Array(k) });
      } catch (error) {
        k.fill(0);
        throw error;
      }
      return { body: manifest.body, key: k };
    });
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      // Leftovers of an earlier attempt are kept aside, not overwritten.
      if (readdirSync(dataDir).some((f) => f.startsWith(DATABASE_FILE)))
        keepAside(dataDir, this.ctx.clock.now());
      placeDatabase(dataDir, backupDirOf(path));
      const copy = openKeyed(join(dataDir, DATABASE_FILE), key, { readonly: true });
      let owner: ReturnType<typeof restoredOwner>;
      try {
        owner = restoredOwner(copy, input.username);
      } finally {
        copy.close();
      }
      if (!owner) {
        throw new AppError('NOT_FOUND', 'No active owner has that username in this backup.', {
          fields: [{ path: 'username', message: 'No active owner has that username in this backup.' }],
        });
      }
      assertStrongPassword(input.newPassword, [input.username, owner.displayName]);
      await this.ctx.vault.installFromBackup(
        {
          practiceId: body.practiceId,
          practiceName: owner.practiceName.slice(0, 200),
          keyCheck: body.keys.keyCheck,
          databaseSalt: body.keys.databaseSalt,
          recovery: body.keys.recovery,
          auditHead: body.auditHead,
        },
        key,
        { userId: owner.id, username: input.username, password: input.newPassword },
      );
      await this.ctx.vault.openWithKey(key);
      this.restoreChoice.delete(windowId);
      const info = await this.auth.startSessionAfterUnlock(windowId, owner.id);
      await this.auditRestore(actorOf({ userId: owner.id, username: input.username }), body, {
        sameComputer: false,
        staffNeedCodes: true,
      });
      return info;
    } catch (error) {
      if (this.ctx.sessions.count === 0) {
        await this.auth.closeVault();
        if (this.ctx.vault.status() === 'not-set-up') {
          for (const f of readdirSync(dataDir))
            if (f.startsWith(DATABASE_FILE)) rmSync(join(dataDir, f), { force: true });
        }
      }
      throw error;
    } finally {
      key.fill(0);
    }
  }
}
