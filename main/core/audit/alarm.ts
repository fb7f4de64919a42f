// The audit alarm: what the check at unlock and the full check find, recorded in the log, kept
// until the owner acknowledges it, and shown on the owner's screens. While an alarm is pending
// the audit head outside the database does not move (vault/audit-head.ts).
import type { AuditStatus, AuditVerification } from '../../../preload/contract/audit.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { actorOf, inTransaction, readDb, recordAudit, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import type { FullCheck } from '../vault/index.ts';
import { SYSTEM_ACTOR, type AuditActor } from './service.ts';
import { startFullCheck, type RunningCheck } from './full-check.ts';
import type { Finding, FullCheckResult } from './integrity.ts';

/** How often the full check runs while the practice is open (and at unlock when it is older). */
export const FULL_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Problems inside the chain (not at its head): acknowledging one lets later checks read past it. */
const CHAIN_KINDS = new Set<Finding['kind']>(['missing', 'out-of-order', 'chain-break', 'edited']);

export class AuditIntegrity {
  private readonly ctx: CoreContext;
  private readonly clock: Clock;
  private running: { check: RunningCheck; done: Promise<FullCheckResult | null> } | null = null;
  private background: Promise<void> | null = null;
  private timer: TimerHandle | null = null;

  constructor(ctx: CoreContext) {
    this.ctx = ctx;
    this.clock = ctx.clock;
  }

  /** Runs right after every unlock, before anything else is written. */
  async afterUnlock(finding: Finding | null): Promise<void> {
    if (finding) await this.record(finding, 'unlock', SYSTEM_ACTOR);
    const last = this.ctx.vault.lastFullCheck();
    if (!last || this.clock.now() - Date.parse(last.at) >= FULL_CHECK_INTERVAL_MS)
      void this.runInBackground();
    this.arm();
  }

  /** Records a finding once: the alarm is kept outside the database and entered in the log. */
  private async record(
    finding: Finding,
    source: 'unlock' | 'full-check' | 'verify',
    actor: AuditActor,
  ): Promise<void> {
    const tail = await this.ctx.audit.head(readDb(this.ctx));
    // At unlock a finding is always new (with an alarm pending, the check starts where it was raised).
    if (!this.ctx.vault.raiseAuditAlarm(finding, tail, source !== 'unlock')) return;
    this.ctx.logger.log('error', 'audit.alarm', { kind: finding.kind, seq: finding.seq, source });
    await recordAudit(this.ctx, actor, {
      action: 'audit.alarm',
      detail: { kind: finding.kind, seq: finding.seq, source, message: finding.message },
    });
  }

  private arm(): void {
    this.timer?.cancel();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (!this.ctx.vault.isOpen) return;
      void this.runInBackground();
      this.arm();
    }, FULL_CHECK_INTERVAL_MS);
  }

  /** The full check in its worker thread; one at a time. Null when the vault closed meanwhile. */
  private run(): Promise<FullCheckResult | null> {
    if (this.running) return this.running.done;
    const check = startFullCheck(
      this.ctx.vault.databaseFile,
      this.ctx.vault.copyDataKey(),
      this.ctx.vault.auditHead(),
    );
    const done = check.result
      .then((result) => {
        if (!this.ctx.vault.isOpen) return null;
        const saved: FullCheck = {
          at: new Date(this.clock.now()).toISOString(),
          ok: result.ok,
          checked: result.checked,
          problemKind: result.problem?.kind ?? null,
          problemSeq: result.problem?.seq ?? null,
        };
        this.ctx.vault.saveFullCheck(saved);
        return result;
      })
      .finally(() => {
        if (this.running?.done === done) this.running = null;
      });
    this.running = { check, done };
    return done;
  }

  /** The scheduled check: its result is logged, and a problem raises the alarm. */
  runInBackground(): Promise<void> {
    this.background ??= this.checkAndRecord().finally(() => {
      this.background = null;
    });
    return this.background;
  }

  private async checkAndRecord(): Promise<void> {
    try {
      const result = await this.run();
      if (!result || !this.ctx.vault.isOpen) return;
      await recordAudit(this.ctx, SYSTEM_ACTOR, {
        action: 'audit.verify',
        detail: {
          ok: result.ok,
          checked: result.checked,
          problem: result.problem?.kind ?? null,
          scheduled: true,
        },
      });
      if (result.problem) await this.record(result.problem, 'full-check', SYSTEM_ACTOR);
    } catch (error) {
      if (!this.ctx.vault.isOpen) return;
      this.ctx.logger.log('warn', 'audit.fullCheckFailed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  /** The owner's "Verify": the full check, awaited, logged; a problem raises the alarm too. */
  async verify(session: Session): Promise<AuditVerification> {
    const result = await this.run();
    if (!result) throw new AppError('VAULT_LOCKED', 'Stillwater is locked. Sign in to continue.');
    await recordAudit(this.ctx, actorOf(session), {
      action: 'audit.verify',
      detail: { ok: result.ok, checked: result.checked, problem: result.problem?.kind ?? null },
    });
    if (result.problem) await this.record(result.problem, 'verify', actorOf(session));
    return {
      ok: result.ok,
      checked: result.checked,
      problem: result.problem,
      acknowledged: result.acknowledged,
    };
  }

  status(): AuditStatus {
    const alarm = this.ctx.vault.auditAlarm();
    const last = this.ctx.vault.lastFullCheck();
    return {
      alarm: alarm
        ? { kind: alarm.kind, seq: alarm.seq, message: alarm.message, detectedAt: alarm.detectedAt }
        : null,
      lastCheck: last
        ? {
            at: last.at,
            ok: last.ok,
            checked: last.checked,
            problemKind: last.problemKind,
            problemSeq: last.problemSeq,
          }
        : null,
      checking: this.running !== null,
    };
  }

  /**
   * The owner has seen what failed. The acknowledgement is entered in the log (naming the entry a
   * chain break was found at, so later checks read past it and show it as acknowledged), and the
   * head is sealed again at the log's newest entry.
   */
  async acknowledge(session: Session): Promise<AuditStatus> {
    const alarm = this.ctx.vault.auditAlarm();
    if (!alarm) throw new AppError('CONFLICT', 'There is no audit alarm to acknowledge.');
    const head = await inTransaction(this.ctx, async (trx) => {
      const entry = await this.ctx.audit.append(trx, actorOf(session), {
        action: 'audit.alarmAcknowledged',
        detail: {
          kind: alarm.kind,
          seq: alarm.seq,
          detectedAt: alarm.detectedAt,
          ...(CHAIN_KINDS.has(alarm.kind) ? { acceptedSeq: alarm.seq } : {}),
        },
      });
      return { count: entry.seq, hash: entry.hash };
    });
    await this.ctx.vault.acknowledgeAuditAlarm(head);
    void this.runInBackground();
    return this.status();
  }

  /** The vault is closing: the running check and the schedule stop. */
  stop(): void {
    this.timer?.cancel();
    this.timer = null;
    this.running?.check.stop();
    this.running = null;
  }
}
