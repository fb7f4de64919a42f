// createCore: the whole application without Electron. A test builds one with a temp folder,
// a keychain and a clock; the Electron shell builds one with the user-data folder and keytar.
import type { LockReason } from '../../preload/contract.ts';
import { ListReadLog, recordDenial } from './access/index.ts';
import { AuditIntegrity, AuditReader, AuditService, recordUnreadable } from './audit/index.ts';
import {
  type BackupIo,
  type BackupRunStage,
  BackupService,
  CheckpointThread,
  type PathPicker,
} from './backup/index.ts';
import { systemClock, type Clock } from './clock.ts';
import { readDb, todayLocal, type CoreContext } from './context.ts';
import { createHandlers } from './handlers.ts';
import { silentLogger, type Logger } from './logger.ts';
import { PracticeService } from './practice/index.ts';
import { createRouter, type CallContext, type Router } from './router.ts';
import {
  AuthService,
  AutoLock,
  type IdleSource,
  type Notify,
  OneTimeCodes,
  SessionManager,
  SessionSettingsService,
} from './sessions/index.ts';
import { ClientsService, IntakeService } from './clients/index.ts';
import { CoverService, installClockFunction } from './cover/index.ts';
import { DiagnosesService } from './diagnoses/index.ts';
import { DraftsService } from './drafts/index.ts';
import {
  ChartPrint,
  NoteSearchService,
  NotesService,
  notesPerTemplateVersion,
  SupervisionService,
  TimelineService,
} from './notes/index.ts';
import { NoteTemplatesService } from './note-templates/index.ts';
import { SuspensionsService } from './accounting-suspensions/index.ts';
import { DenialReviewsService, denialReviewDue } from './denial-reviews/index.ts';
import {
  disclosureRecipients,
  type ExportStage,
  type FolderPicker,
  recoverExports,
  ReleasesService,
} from './releases/index.ts';
import { PlansService } from './plans/index.ts';
import { SecondFactorService } from './second-factor/index.ts';
import { RestrictionsService } from './restrictions/index.ts';
import { AmendmentLetters, AmendmentsService, amendmentDueSource } from './amendments/index.ts';
import { Custodians, Deactivation, Invitations, StaffService } from './staff/index.ts';
import { DueService } from './due/index.ts';
import { EmergencyAccessService } from './emergency-access/index.ts';
import { createRetention, type RetentionRoom } from './retention/index.ts';
import {
  assertLocalFolder,
  DataKeyService,
  IdleCheckpointer,
  type Keychain,
  type RotateStage,
  Vault,
} from './vault/index.ts';

/**
 * What only tests pass, to steer or watch what cannot be made on demand (a full disk, a crash at a
 * given moment, the key buffer itself). The app (main/electron) never passes them; a test fails if
 * it does (tests/unit/core/no-test-hooks.test.ts), and no shipped class has a test-only member instead.
 */
export interface TestSeams {
  /** Backups' free space and manifest writes (a full disk cannot be made on demand). */
  backupIo?: BackupIo;
  /** Called at each stage of a backup run (a crash test's child process kills itself there). */
  onBackupStage?: (stage: BackupRunStage) => void;
  /** Called at each stage of a release export (a crash test kills itself or unplugs the drive there). */
  onExportStage?: (stage: ExportStage) => void;
  /** Sees each data key the vault comes to hold, so a test can check that buffer is zeroed at close. */
  onDataKeyHeld?: (key: Buffer) => void;
  /** Called at each stage of a data-key rotation (a crash test's child process kills itself there). */
  onRotateStage?: (stage: RotateStage) => void;
}

export interface CoreOptions {
  dataDir: string;
  keychain: Keychain;
  clock?: Clock;
  logger?: Logger;
  /** Origins allowed to call the router: the app's custom protocol, or the test harness. */
  allowedOrigins: readonly string[];
  /**
   * Main's events to a window's renderer: the session ended (drop all record data), the lock
   * warning, "save now" before a lock.
   */
  onEvent?: Notify;
  /** Asks the person at a window to choose a folder (a native dialog in the app). */
  pickFolder?: FolderPicker;
  /** Asks for the backup folder or a backup to restore (a native dialog in the app). */
  pickPath?: PathPicker;
  /** Only tests pass these. */
  testSeams?: TestSeams;
  /**
   * The OS idle time (Electron's powerMonitor): a renderer's activity report extends a session only
   * up to the last real input. Without it reports extend nothing (fail-closed); the app always passes it.
   */
  idle?: IdleSource;
}

export interface CoreServices {
  auth: AuthService;
  oneTimeCodes: OneTimeCodes;
  /** Break-glass: read-only, time-limited emergency access to a chart (issue 21). */
  emergencyAccess: EmergencyAccessService;
  /** A second factor at sign-in: enrolment, policy, the owner's reset (issue 21). */
  secondFactor: SecondFactorService;
  integrity: AuditIntegrity;
  /** The owner's rotation of the data key (issue 21). */
  dataKey: DataKeyService;
  auditReader: AuditReader;
  autoLock: AutoLock;
  sessionSettings: SessionSettingsService;
  practice: PracticeService;
  staff: StaffService;
  /** Issue 21, the staff lifecycle: invitations, deactivation with hand-over, the professional will. */
  invitations: Invitations;
  deactivation: Deactivation;
  custodians: Custodians;
  clients: ClientsService;
  intake: IntakeService;
  /** A client's ICD-10-CM diagnoses and the shipped code list (issue 20). */
  diagnoses: DiagnosesService;
  /** Planned cover of an absent clinician's caseload (issue 21). */
  cover: CoverService;
  drafts: DraftsService;
  notes: NotesService;
  noteTemplates: NoteTemplatesService;
  timeline: TimelineService;
  chartPrint: ChartPrint;
  noteSearch: NoteSearchService;
  supervision: SupervisionService;
  releases: ReleasesService;
  /** A chart's restriction requests (45 CFR 164.522(a)); releases enforce the agreed ones. */
  restrictions: RestrictionsService;
  plans: PlansService;
  /** The review of a reviewable denial of access (45 CFR 164.524(a)(4)). */
  denialReviews: DenialReviewsService;
  /** Suspensions of a client's accounting of disclosures (45 CFR 164.528(a)(2)). */
  suspensions: SuspensionsService;
  /** The open client-rights requests with a clock, from every domain that has them (issue 19). */
  /** A client's requests to amend their record (45 CFR 164.526), and their letters. */
  amendments: AmendmentsService;
  amendmentLetters: AmendmentLetters;
  due: DueService;
  /** Retention, legal holds, destruction of charts, clients' requests to delete (issue 19). */
  retention: RetentionRoom;
  backup: BackupService;
}

export interface Core {
  readonly ctx: CoreContext;
  readonly services: CoreServices;
  readonly router: Router;
  /** Ends one window's session at once (sign-out, window closed: no renderer left to save). */
  endSession(windowId: string, reason: LockReason): Promise<void>;
  /** Locks a window: its last draft is saved (briefly awaited), then the session ends. */
  lock(windowId: string, reason: LockReason): Promise<void>;
  /** Ends every session and closes the vault (app quit). */
  shutdown(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  assertLocalFolder(options.dataDir);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const vault = new Vault({
    dataDir: options.dataDir,
    keychain: options.keychain,
    clock,
    logger,
    onDataKeyHeld: options.testSeams?.onDataKeyHeld,
  });
  return assembleCore(vault, { ...options, clock, logger });
}

/** Builds the services and router over a vault (createCore's second half; the benchmark uses it too). */
export function assembleCore(
  vault: Vault,
  options: Pick<
    CoreOptions,
    'allowedOrigins' | 'onEvent' | 'pickFolder' | 'pickPath' | 'testSeams' | 'idle'
  > & {
    clock: Clock;
    logger: Logger;
  },
): Core {
  const { clock, logger } = options;
  const audit = new AuditService(clock);
  /** The checkpointer's thread for folds aside, kept between them (backup/checkpoint-thread.ts). */
  let asideThread: CheckpointThread | null = null;
  const ctx: CoreContext = {
    vault,
    audit,
    sessions: new SessionManager(),
    clock,
    logger,
    checkpointer: new IdleCheckpointer(
      clock,
      async () => {
        if (!vault.isOpen) return;
        try {
          vault.db.checkpoint();
          await vault.saveAuditHead(await audit.head(readDb(ctx)));
        } catch (error) {
          logger.log('warn', 'vault.checkpointFailed', {
            errorName: error instanceof Error ? error.name : 'unknown',
          });
        }
      },
      async () => {
        if (!vault.isOpen) return;
        try {
          if (!asideThread?.usable)
            asideThread = new CheckpointThread(vault.databaseFile, vault.copyDataKey());
          await asideThread.fold();
        } catch (error) {
          logger.log('warn', 'vault.checkpointFailed', {
            errorName: error instanceof Error ? error.name : 'unknown',
          });
        }
      },
      // Before the database closes (or its key changes): the thread's connection with it.
      async () => {
        const thread = asideThread;
        asideThread = null;
        await thread?.close();
      },
    ),
  };
  const notify: Notify = options.onEvent ?? (() => undefined);
  // The timer and the settings refer to each other through these late-bound references.
  const late: {
    autoLock?: AutoLock;
    settings?: SessionSettingsService;
    backup?: BackupService;
    retention?: RetentionRoom;
  } = {};
  // The log is checked against its head at every unlock, before anything is written.
  const integrity = new AuditIntegrity(ctx);
  const diagnoses = new DiagnosesService(ctx);
  vault.onOpened((finding) => integrity.afterUnlock(finding));
  // Everything an unlock sets up on the newly opened database (and again after the data key is
  // rotated, which reopens it: vault/data-key-service.ts).
  const vaultOpened = async (): Promise<void> => {
    ctx.checkpointer.resume();
    // main's clock inside SQLite, for the cover windows (cover/clock.ts), on this connection.
    installClockFunction(ctx);
    await late.settings?.load();
    // A crash in the middle of an export is cleaned up as soon as the data is readable again.
    await recoverExports(ctx);
    // The shipped ICD-10-CM list, loaded when the database holds another version (or none). A
    // failure does not keep anyone out of the records: the code search tries again and says so.
    await diagnoses.ensureCodes().catch((error: unknown) => {
      logger.log('error', 'diagnoses.codeListFailed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    });
    // A chart destroyed after the backup now in place was restored from is destroyed again.
    await late.retention?.destruction.reapplyAtUnlock();
    await late.backup?.onVaultOpened();
  };
  const auth = new AuthService(ctx, notify, vaultOpened, () => {
    integrity.stop();
  });
  const sessionSettings = new SessionSettingsService(ctx, () => late.autoLock?.rescheduleAll());
  const autoLock = new AutoLock({
    clock,
    idle: options.idle,
    sessions: ctx.sessions,
    settings: () => sessionSettings.current,
    notify,
    end: (windowId, reason) => auth.end(windowId, reason),
  });
  late.autoLock = autoLock;
  late.settings = sessionSettings;
  const backup = new BackupService(ctx, {
    notify,
    auth,
    pickPath: options.pickPath ?? (() => Promise.resolve(null)),
    io: options.testSeams?.backupIo,
    onStage: options.testSeams?.onBackupStage,
  });
  late.backup = backup;
  const clients = new ClientsService(ctx);
  const retention = createRetention(ctx, options.pickFolder ?? (() => Promise.resolve(null)), () => {
    backup.carrySideFiles();
  });
  late.retention = retention;
  const timeline = new TimelineService(ctx);
  const amendments = new AmendmentsService(ctx);
  const services: CoreServices = {
    auth,
    oneTimeCodes: new OneTimeCodes(ctx, auth),
    emergencyAccess: new EmergencyAccessService(ctx),
    secondFactor: new SecondFactorService(ctx, auth),
    integrity,
    dataKey: new DataKeyService(ctx, {
      whenBackupIdle: () => backup.whenIdle(),
      stopIntegrity: () => {
        integrity.stop();
      },
      afterReopen: vaultOpened,
      onStage: options.testSeams?.onRotateStage,
    }),
    auditReader: new AuditReader(ctx, options.pickFolder ?? (() => Promise.resolve(null))),
    autoLock,
    sessionSettings,
    practice: new PracticeService(ctx),
    staff: new StaffService(ctx),
    invitations: new Invitations(ctx),
    deactivation: new Deactivation(ctx, (windowId) => auth.end(windowId, 'signed-out')),
    custodians: new Custodians(ctx),
    clients,
    intake: new IntakeService(ctx),
    diagnoses,
    cover: new CoverService(ctx),
    drafts: new DraftsService(ctx),
    notes: new NotesService(ctx),
    noteTemplates: new NoteTemplatesService(ctx, notesPerTemplateVersion),
    timeline,
    chartPrint: new ChartPrint(ctx, clients, timeline),
    noteSearch: new NoteSearchService(ctx),
    supervision: new SupervisionService(ctx),
    releases: new ReleasesService(ctx, options.pickFolder ?? (() => Promise.resolve(null)), {
      onExportStage: options.testSeams?.onExportStage,
    }),
    restrictions: new RestrictionsService(ctx),
    plans: new PlansService(ctx),
    denialReviews: new DenialReviewsService(ctx, options.pickFolder ?? (() => Promise.resolve(null))),
    suspensions: new SuspensionsService(ctx, disclosureRecipients),
    amendments,
    amendmentLetters: new AmendmentLetters(amendments, options.pickFolder ?? (() => Promise.resolve(null))),
    backup,
    // Each issue-19 domain adds its source of open requests with a clock here.
    due: new DueService(
      [denialReviewDue(ctx), amendmentDueSource(() => readDb(ctx)), retention.deletions.dueSource],
      () => todayLocal(ctx),
      new ListReadLog(ctx, 'due.list'),
    ),
    retention,
  };
  const router = createRouter({
    handlers: createHandlers(ctx, services),
    sessions: ctx.sessions,
    allowedOrigins: options.allowedOrigins,
    logger,
    isLocking: (windowId) => autoLock.isLocking(windowId),
    onDenied: recordDenial(ctx),
    onUnreadable: recordUnreadable(ctx),
  });
  return {
    ctx,
    services,
    router,
    endSession: (windowId: string, reason: LockReason) => services.auth.end(windowId, reason),
    lock: (windowId: string, reason: LockReason) => autoLock.lock(windowId, reason),
    async shutdown() {
      for (const s of ctx.sessions.all()) await services.auth.end(s.windowId, 'app-quit');
      await services.auth.closeVault();
      // A backup started by the last sign-out finishes before the app goes.
      await services.backup.whenIdle();
    },
  };
}

export type { CallContext, Clock, Keychain, Logger };
