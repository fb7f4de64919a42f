// One backup run from start to its audit entry, and what a crash may have left: every run is
// journalled in backup-state.json before it writes anything, so a run the app did not live to
// finish is resolved at the next unlock (its finished generation recorded, or the run recorded as
// failed); the backup folder is tidied at unlock and before each run (partial copies and pruned
// generations of interrupted runs removed); pruning moves generations out of sight before it
// deletes them, and records what it pruned once.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupProgress, BackupSettings } from '../../../preload/contract/backup.ts';
import type { CoreContext } from '../context.ts';
import { DATABASE_FILE } from '../vault/index.ts';
import { findGeneration, listGenerations, moveOutOfSight, removeLeftovers } from './folder.ts';
import { carryOut } from './side-files.ts';
import type { BackupJournal } from './journal.ts';
import { planPrune } from './retention.ts';
import type { BackupState } from './state-file.ts';
import { BackupFailure, writeBackup, type BackupIo, type Stage } from './writer.ts';

/** Points a test process may stop itself at (a power cut there). */
export type RunStage = 'copying' | Stage | 'recorded' | 'prune-planned' | 'prune-moved';

interface Job {
  dataKey: Buffer;
  keyring: ReturnType<CoreContext['vault']['keyringData']>;
  folder: string | null;
  retention: BackupSettings['retention'];
  windows: string[];
}

const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'unknown');

export class BackupRunner {
  private readonly ctx: CoreContext;
  private readonly journal: BackupJournal;
  private readonly io: BackupIo | undefined;
  private readonly settings: () => BackupSettings;
  private readonly onPhase: (phase: BackupProgress['phase'], windows: string[]) => void;
  /** Test seam (createCore's testSeams; the app never passes it): called at each stage of a run. */
  private readonly onStage: ((stage: RunStage) => void) | undefined;
  private running: Promise<void> | null = null;
  /** The unlock-time tidy of the backup folder; a run waits for it before writing. */
  private housekeeping: Promise<void> = Promise.resolve();

  constructor(
    ctx: CoreContext,
    deps: {
      journal: BackupJournal;
      io?: BackupIo | undefined;
      settings: () => BackupSettings;
      onPhase: (phase: BackupProgress['phase'], windows: string[]) => void;
      onStage?: ((stage: RunStage) => void) | undefined;
    },
  ) {
    this.ctx = ctx;
    this.journal = deps.journal;
    this.io = deps.io;
    this.settings = deps.settings;
    this.onPhase = deps.onPhase;
    this.onStage = deps.onStage;
  }

  /** Resolves when no backup runs and the folder is tidy (app quit waits for a sign-out backup). */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.housekeeping;
      if (!this.running) return;
      await this.running;
    }
  }

  /**
   * At every unlock, before anything else: a run a crash ended is resolved and audited, entries
   * kept while the vault was closed go into the log, and the backup folder is tidied (in the
   * background: deleting a large leftover must not hold up sign-in; a run waits for it).
   */
  async atUnlock(): Promise<void> {
    const folder = this.settings().folder;
    try {
      if (!this.running) await this.resolveInterrupted(folder, false);
    } catch (error) {
      // Bookkeeping never stops a sign-in; the run stays journalled and the next run decides.
      this.ctx.logger.log('warn', 'backup.resolveFailed', { errorName: errorName(error) });
    }
    await this.journal.flush();
    if (folder && !this.running) {
      this.housekeeping = this.housekeeping.then(() => this.tidy(folder));
    }
  }

  /** Starts a backup, or joins the one already running. Never rejects: a failure is recorded. */
  start(windows: string[]): Promise<void> {
    if (this.running) return this.running;
    const settings = this.settings();
    // Everything the run needs from the open vault is taken now, synchronously: the vault may
    // close (last sign-out) while the worker copies with its own key.
    const job: Job = {
      dataKey: this.ctx.vault.copyDataKey(),
      keyring: this.ctx.vault.keyringData(),
      folder: settings.folder,
      retention: settings.retention,
      windows,
    };
    const run = this.run(job)
      .catch((error: unknown) => {
        job.dataKey.fill(0);
        this.ctx.logger.log('error', 'backup.runFailed', { errorName: errorName(error) });
        this.onPhase('failed', job.windows);
      })
      .finally(() => {
        this.running = null;
      });
    this.running = run;
    return run;
  }

  private stage(stage: RunStage): void {
    this.onStage?.(stage);
  }

  private async run(job: Job): Promise<void> {
    const at = this.ctx.clock.now();
    const backupId = randomUUID();
    this.onPhase('preparing', job.windows);
    // Let the session-end audit entry commit first, so the snapshot includes it.
    await new Promise((resolve) => setImmediate(resolve));
    await this.housekeeping;
    await this.resolveInterrupted(job.folder, true);
    this.journal.state.update((s) => ({
      ...s,
      inFlight: { backupId, startedAt: new Date(at).toISOString() },
    }));
    // Leftovers of interrupted runs go first (they may be what fills the drive); a folder that
    // cannot be read is reported by the write below, in the owner's words.
    if (job.folder) await this.tidy(job.folder);
    let written: Awaited<ReturnType<typeof writeBackup>>;
    try {
      written = await writeBackup({
        databaseFile: join(this.ctx.vault.dataDir, DATABASE_FILE),
        dataKey: job.dataKey,
        keyring: job.keyring,
        folder: job.folder,
        now: at,
        backupId,
        io: this.io,
        onPhase: (phase) => {
          this.onPhase(phase, job.windows);
          if (phase === 'copying') this.stage('copying');
        },
        onStage: (stage) => {
          this.stage(stage);
        },
      });
    } catch (error) {
      const reason = error instanceof BackupFailure ? error.reason : 'write-failed';
      if (!(error instanceof BackupFailure))
        this.ctx.logger.log('error', 'backup.failed', { errorName: errorName(error) });
      await this.journal.commit(
        (s) => ({ ...s, inFlight: null, lastFailure: { at: new Date(at).toISOString(), reason } }),
        this.journal.entry('backup.failed', { backupId, reason }),
      );
      this.onPhase('failed', job.windows);
      return;
    }
    const { body } = written.manifest;
    await this.journal.commit(
      (s) => ({
        ...s,
        inFlight: null,
        lastSuccess: { name: written.name, at: body.createdAt, auditCount: body.auditHead.count },
      }),
      this.journal.entry('backup.create', {
        backupId,
        name: written.name,
        auditEntries: body.auditHead.count,
        sizeBytes: body.files.reduce((n, f) => n + f.bytes, 0),
      }),
    );
    this.stage('recorded');
    // Beside the backups, the files that must outlive every older one (side-files.ts).
    if (job.folder) {
      try {
        carryOut(this.ctx.vault.dataDir, job.folder);
      } catch (error) {
        this.ctx.logger.log('warn', 'backup.sideFilesFailed', { errorName: errorName(error) });
      }
    }
    // Pruning is housekeeping after the backup is safe and recorded: if it fails (a file held
    // open on the share), the backup still succeeded and the next run prunes again.
    if (job.folder) {
      try {
        await this.prune(job.folder, job.retention, written.name);
      } catch (error) {
        this.ctx.logger.log('warn', 'backup.pruneFailed', { errorName: errorName(error) });
      }
    }
    this.onPhase('done', job.windows);
  }

  /**
   * A run journalled as started that this process is not running ended with the app (killed, power
   * cut). If its generation is in the folder it finished: it is recorded now as the backup it is.
   * Otherwise it is recorded as failed; while the folder cannot be read, at unlock (`final` false)
   * the question waits, and the next run decides.
   */
  private async resolveInterrupted(folder: string | null, final: boolean): Promise<void> {
    const inFlight = this.journal.state.read().inFlight;
    if (!inFlight) return;
    const { backupId, startedAt } = inFlight;
    let found: ReturnType<typeof findGeneration> = null;
    if (folder) {
      try {
        found = findGeneration(folder, backupId);
      } catch {
        if (!final) return;
      }
    }
    if (found) {
      const g = found;
      const newer = (s: BackupState): boolean => !s.lastSuccess || s.lastSuccess.at < g.createdAt;
      await this.journal.commit(
        (s) => ({
          ...s,
          inFlight: null,
          lastSuccess: newer(s)
            ? { name: g.name, at: g.createdAt, auditCount: g.auditEntries }
            : s.lastSuccess,
        }),
        this.journal.entry('backup.create', {
          backupId,
          name: g.name,
          auditEntries: g.auditEntries,
          sizeBytes: g.sizeBytes,
          interrupted: true,
        }),
      );
      return;
    }
    await this.journal.commit(
      (s) => ({ ...s, inFlight: null, lastFailure: { at: startedAt, reason: 'write-failed' } }),
      this.journal.entry('backup.failed', { backupId, reason: 'write-failed', interrupted: true }),
    );
  }

  /** Finishes a pruning a crash interrupted, then removes what interrupted runs left. Never throws. */
  private async tidy(folder: string): Promise<void> {
    try {
      await this.finishPruning(folder);
      await removeLeftovers(folder);
    } catch (error) {
      this.ctx.logger.log('warn', 'backup.tidyFailed', { errorName: errorName(error) });
    }
  }

  /** Deletes generations the policy no longer keeps; never the newest verified one. */
  private async prune(folder: string, retention: BackupSettings['retention'], newest: string): Promise<void> {
    const doomed = planPrune(listGenerations(folder), retention).filter((n) => n !== newest);
    if (doomed.length === 0) return;
    this.journal.state.update((s) => ({ ...s, pruning: { pruneId: randomUUID(), names: doomed } }));
    this.stage('prune-planned');
    await this.finishPruning(folder);
    // Deleting a database of hundreds of megabytes takes a while on some file systems: it runs on
    // libuv's thread pool (fs/promises), not on the event loop that answers IPC calls.
    await removeLeftovers(folder);
  }

  /** The planned generations are moved out of sight (atomic renames), then the pruning is recorded. */
  private async finishPruning(folder: string): Promise<void> {
    const plan = this.journal.state.read().pruning;
    if (!plan) return;
    readdirSync(folder); // a drive that is not there: the plan waits for it
    const moved = moveOutOfSight(folder, plan.pruneId, plan.names);
    this.stage('prune-moved');
    await this.journal.commit(
      (s) => ({ ...s, pruning: null }),
      ...(moved.length > 0
        ? [this.journal.entry('backup.pruned', { pruneId: plan.pruneId, names: moved, count: moved.length })]
        : []),
    );
  }
}
