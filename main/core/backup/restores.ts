// The two restores (issue 9). On this computer (owner): verify the chosen generation while the
// practice stays open, end every session, keep the current files aside, put the checked copy in
// place. On a new computer (first run): the backup, its recovery key and the owner's new password;
// the old computer's backup folder is not carried over (the owner chooses it again here). The copy
// and every check of it run in the backup worker (restore.ts), never on the event loop.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackupSummary } from '../../../preload/contract/backup.ts';
import type { SessionInfo } from '../../../preload/contract/auth.ts';
import { todayIso } from '../../../preload/contract/clients.ts';
import { LATEST_SCHEMA_VERSION } from '../../../db/migrations/index.ts';
import type { AuditActor } from '../audit/index.ts';
import { actorOf, recordAudit, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { AuthService, Notify, Session } from '../sessions/index.ts';
import { DATABASE_FILE } from '../vault/index.ts';
import { BackupProblem, NAME_PATTERN, type ManifestBody } from './format.ts';
import { copyInChecked, keepAside, placeDatabase, restoringFile } from './restore.ts';
import { carryIn } from './side-files.ts';
import type { BackupStateFile } from './state-file.ts';
import { backupDirOf, dataKeyFromRecovery, keyMatches, readManifest } from './verify.ts';
import { truncateLogAside } from './writer.ts';
import type { PathPicker } from './service.ts';

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

export class BackupRestores {
  private readonly ctx: CoreContext;
  private readonly notify: Notify;
  private readonly pickPath: PathPicker;
  private readonly auth: AuthService;
  private readonly state: BackupStateFile;
  private readonly folder: () => string | null;
  private readonly whenIdle: () => Promise<void>;
  private readonly setRestoring: (on: boolean) => void;
  private readonly restoreChoice = new Map<string, string>();

  constructor(
    ctx: CoreContext,
    deps: {
      notify: Notify;
      pickPath: PathPicker;
      auth: AuthService;
      state: BackupStateFile;
      folder: () => string | null;
      whenIdle: () => Promise<void>;
      setRestoring: (on: boolean) => void;
    },
  ) {
    this.ctx = ctx;
    this.notify = deps.notify;
    this.pickPath = deps.pickPath;
    this.auth = deps.auth;
    this.state = deps.state;
    this.folder = deps.folder;
    this.whenIdle = deps.whenIdle;
    this.setRestoring = deps.setRestoring;
  }

  /** Same-computer restore (owner): copy in and check, end every session, keep the current files aside, rename. */
  async restoreHere(
    session: Session,
    windowId: string,
    input: { name: string; confirmDate: string },
  ): Promise<{ keptAside: string; session: SessionInfo }> {
    const folder = this.folder();
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
    const dataDir = this.ctx.vault.dataDir;
    // The copy is made and proved whole beside the live database while everyone keeps working.
    try {
      await guardProblems(() => copyInChecked(dataDir, dir, liveKey));
      await this.whenIdle();
    } catch (error) {
      liveKey.fill(0);
      rmSync(restoringFile(dataDir), { force: true });
      throw error;
    }
    const actor: AuditActor = actorOf(session);
    // Everyone else is signed out; the owner's own window is answered by this call (signed back
    // in below), so it does not flash the sign-in screen. No sign-out backup: it would copy the
    // database being replaced, record it in the restored one, and prune the very generation
    // being restored from.
    this.setRestoring(true);
    try {
      for (const s of this.ctx.sessions.all())
        await this.auth.end(s.windowId, 'signed-out', {
          keepVaultOpen: true,
          quiet: s.windowId === windowId,
        });
    } finally {
      this.setRestoring(false);
    }
    // Closing folds the WAL into the database file; after a busy day that is a long synchronous
    // write, so the worker checkpoints first and the close finds little left to do.
    try {
      await truncateLogAside(join(dataDir, DATABASE_FILE), Buffer.from(liveKey));
    } catch (error) {
      // Only an optimisation: the close checkpoints anyway.
      this.ctx.logger.log('warn', 'backup.checkpointFailed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
    await this.auth.closeVault();
    let kept: string;
    try {
      kept = keepAside(dataDir, this.ctx.clock.now());
      // The keyring comes back as a copy: the kept-aside folder stays whole.
      copyFileSync(join(dataDir, kept, 'keyring.json'), join(dataDir, 'keyring.json'));
      placeDatabase(dataDir);
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
    const dataDir = this.ctx.vault.dataDir;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // The worker judges the new password (before copying, and again with the owner's name), copies
    // and checks the backup, and finds the owner in the copy.
    const { body, key, owner } = await guardProblems(async () => {
      const manifest = readManifest(path);
      const k = dataKeyFromRecovery(manifest.body, input.recoveryKey);
      try {
        const checked = await copyInChecked(dataDir, backupDirOf(path), k, {
          username: input.username,
          newPassword: input.newPassword,
        });
        return { body: manifest.body, key: k, owner: checked.owner };
      } catch (error) {
        k.fill(0);
        throw error;
      }
    });
    try {
      if (!owner) {
        throw new AppError('NOT_FOUND', 'No active owner has that username in this backup.', {
          fields: [{ path: 'username', message: 'No active owner has that username in this backup.' }],
        });
      }
      // Leftovers of an earlier attempt are kept aside, not overwritten.
      if (readdirSync(dataDir).some((f) => f === DATABASE_FILE || f.startsWith(`${DATABASE_FILE}-`)))
        keepAside(dataDir, this.ctx.clock.now());
      placeDatabase(dataDir);
      // The destruction register beside the backups comes too, before the database opens: a chart
      // destroyed after this backup was made is destroyed again at the unlock (side-files.ts).
      try {
        carryIn(dirname(backupDirOf(path)), dataDir);
      } catch (error) {
        this.ctx.logger.log('error', 'backup.sideFilesFailed', {
          errorName: error instanceof Error ? error.name : 'unknown',
        });
      }
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
      // The restored settings name the old computer's backup folder, which this computer may not
      // reach (or reaches as another drive). The database keeps them as they were; the backup
      // room treats the folder as not chosen until the owner chooses it here (no scheduled or
      // sign-out backup goes to the old path), and the status asks for it.
      this.state.update((s) => ({ ...s, chooseFolderAgain: true }));
      this.restoreChoice.delete(windowId);
      const info = await this.auth.startSessionAfterUnlock(windowId, owner.id);
      await this.auditRestore(actorOf({ userId: owner.id, username: input.username }), body, {
        sameComputer: false,
        staffNeedCodes: true,
        backupFolderToChooseAgain: true,
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
