// Sign-in, sign-out, recovery and password change. Opens the vault on the first sign-in and
// closes it (zeroing the data key) when the last session ends.
import type { SessionInfo } from '../../../preload/contract/auth.ts';
import type { LockReason } from '../../../preload/contract.ts';
import type { UserRow } from '../../../db/schema.ts';
import { SYSTEM_ACTOR } from '../audit/index.ts';
import { actorOf, inTransaction, nowIso, readDb, recordAudit, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertStrongPassword } from '../password-policy.ts';
import type { TimerHandle } from '../clock.ts';
import { SecondFactorCodes, signInStep } from '../second-factor/index.ts';
import { getUser, getUserByUsername, updateUser } from '../staff/index.ts';
import type { Notify } from './auto-lock.ts';
import type { Session } from './session-manager.ts';

/** Ends of a session that are locks (the person may come straight back), not sign-outs. */
const LOCK_REASONS = new Set<LockReason>(['inactivity', 'manual', 'screen-locked', 'suspend']);

/** How long the step between the password and the second-factor code stays open (main's clock). */
export const SECOND_FACTOR_STEP_MS = 5 * 60 * 1000;

type StartAction = 'auth.signIn' | 'auth.recoveryUsed' | 'backup.codeRedeemed';
/** A change a sign-in makes (a new password), made only once the person is proven. */
type Commit = () => Promise<void>;

export class AuthService {
  private readonly ctx: CoreContext;
  private readonly notify: Notify;
  private readonly onVaultOpened: () => Promise<void>;
  private readonly onVaultClosing: () => void;
  /** The one check of a second-factor code (second-factor/codes.ts). */
  readonly secondFactorCodes: SecondFactorCodes;
  /**
   * Per window in the second-factor step: how it started (audited once the code is right), its
   * timer, and what the sign-in changes once the person is proven (a new password chosen with the
   * recovery key or a one-time code is set only then).
   */
  private readonly factorSteps = new Map<
    string,
    { action: StartAction; timer: TimerHandle; commit: Commit | undefined }
  >();

  constructor(
    ctx: CoreContext,
    notify: Notify,
    onVaultOpened: () => Promise<void>,
    onVaultClosing: () => void = () => undefined,
  ) {
    this.ctx = ctx;
    this.notify = notify;
    this.onVaultOpened = onVaultOpened;
    this.onVaultClosing = onVaultClosing;
    this.secondFactorCodes = new SecondFactorCodes(ctx, () => this.flushPendingFailures());
  }

  info(session: Session): SessionInfo {
    return {
      user: {
        id: session.userId,
        username: session.username,
        displayName: session.displayName,
        role: session.role,
      },
      mustChangePassword: session.mustChangePassword,
      recoveryKeyUnconfirmed: session.role === 'owner' && !this.ctx.vault.recoveryConfirmed(),
      auditAlarm:
        session.secondFactor !== 'needed' && session.role === 'owner' && this.ctx.vault.auditAlarm() !== null,
      secondFactor: session.secondFactor ?? null,
    };
  }

  /** Copies failed sign-ins recorded while the database was closed into the audit log. */
  async flushPendingFailures(): Promise<void> {
    const pending = this.ctx.vault.pendingFailures();
    if (pending.length === 0) return;
    await inTransaction(this.ctx, async (trx) => {
      for (const f of pending) {
        await this.ctx.audit.append(trx, SYSTEM_ACTOR, {
          action: f.via === 'recovery' ? 'auth.recoveryFailed' : 'auth.signInFailed',
          targetType: f.userId ? 'user' : undefined,
          targetId: f.userId ?? undefined,
          // The entry is dated when the attempt happened, not when it was copied here.
          at: f.at,
          detail: {
            knownUser: f.userId !== null,
            recordedAt: f.at,
            ...(f.via === 'second-factor' ? { secondFactor: true } : {}),
          },
        });
      }
    });
    this.ctx.vault.clearPendingFailures(pending.length);
  }

  /**
   * Called with the vault already open: starts the session or closes the vault again on failure.
   * Every path into a session comes here (password, recovery key, one-time code, setup, restore),
   * and here the second factor is asked of everyone who has one (signInStep): until the code is
   * right the window holds only that step (the router refuses everything else), for
   * SECOND_FACTOR_STEP_MS by main's clock; the sign-in itself is audited when the code is right.
   */
  private async startSession(
    windowId: string,
    found: UserRow | undefined,
    action: StartAction,
    commit?: Commit,
  ): Promise<SessionInfo> {
    let row = found;
    try {
      await this.flushPendingFailures();
      await this.onVaultOpened();
      if (!row?.active) throw new AppError('INVALID_CREDENTIALS', 'The username or password is not correct.');
      const step = await signInStep(readDb(this.ctx), row);
      // Without a second factor to ask, the person is proven already: the change is made now.
      if (commit && step !== 'needed') {
        await commit();
        row = (await getUser(readDb(this.ctx), row.id)) ?? row;
      }
      // Someone else signing in at this window replaces the session there (the vault stays open).
      if (this.ctx.sessions.get(windowId)) await this.end(windowId, 'signed-out', { keepVaultOpen: true });
      const session: Session = {
        windowId,
        userId: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        mustChangePassword: row.must_change_password === 1,
        startedAt: this.ctx.clock.now(),
        secondFactor: step,
      };
      if (session.secondFactor === 'needed') {
        session.secondFactorDeadline = session.startedAt + SECOND_FACTOR_STEP_MS;
        await recordAudit(this.ctx, actorOf(session), {
          action: 'auth.secondFactorAsked',
          targetType: 'user',
          targetId: row.id,
          detail: { via: action },
        });
        this.ctx.sessions.start(session);
        const timer = this.ctx.clock.setTimeout(() => {
          void this.abandonFactorStep(session);
        }, SECOND_FACTOR_STEP_MS);
        this.factorSteps.set(windowId, { action, timer, commit });
        return this.info(session);
      }
      await recordAudit(this.ctx, actorOf(session), {
        action,
        targetType: 'user',
        targetId: row.id,
        ...(session.secondFactor === 'enrol' ? { detail: { secondFactor: 'enrol' } } : {}),
      });
      this.ctx.sessions.start(session);
      await this.ctx.vault.clearSignInFailures(row.username);
      return this.info(session);
    } catch (error) {
      if (this.ctx.sessions.count === 0) await this.closeVault();
      throw error;
    }
  }

  /**
   * The vault is already open (right after setup, a restore, or a one-time code with its new
   * password): `userId` is signed in at this window without typing a password again (the second
   * factor is still asked of a person who has one).
   */
  async startSessionAfterUnlock(
    windowId: string,
    userId: string,
    action: StartAction = 'auth.signIn',
    commit?: Commit,
  ): Promise<SessionInfo> {
    return this.startSession(windowId, await getUser(readDb(this.ctx), userId), action, commit);
  }

  /** The step after the password: an authenticator or recovery code completes the sign-in. */
  async verifySecondFactor(session: Session, code: string): Promise<SessionInfo> {
    const step = this.factorSteps.get(session.windowId);
    if (session.secondFactor !== 'needed' || !step)
      throw new AppError('CONFLICT', 'You are signed in already.');
    if ((session.secondFactorDeadline ?? 0) <= this.ctx.clock.now()) {
      await this.end(session.windowId, 'signed-out', { quiet: true });
      throw new AppError('NOT_SIGNED_IN', 'The sign-in took too long. Sign in again.');
    }
    if (!(await this.secondFactorCodes.has(session.userId))) {
      // The owner reset the factor meanwhile: the sign-in starts again, under today's rule.
      await this.end(session.windowId, 'signed-out', { quiet: true });
      throw new AppError('NOT_SIGNED_IN', 'Your second factor was reset. Sign in again.');
    }
    const user = { userId: session.userId, username: session.username };
    await this.secondFactorCodes.consume(user, code, (trx, kind) =>
      this.ctx.audit.append(trx, actorOf(session), {
        action: step.action,
        targetType: 'user',
        targetId: session.userId,
        detail: { secondFactor: kind },
      }),
    );
    step.timer.cancel();
    this.factorSteps.delete(session.windowId);
    if (step.commit) {
      await step.commit();
      session.mustChangePassword =
        (await getUser(readDb(this.ctx), session.userId))?.must_change_password === 1;
    }
    session.secondFactor = null;
    session.secondFactorDeadline = undefined;
    await this.ctx.vault.clearSignInFailures(session.username);
    return this.info(session);
  }

  /** The code was never entered: the step ends (and the vault closes if nobody else is signed in). */
  private async abandonFactorStep(session: Session): Promise<void> {
    if (this.ctx.sessions.get(session.windowId) !== session || session.secondFactor !== 'needed') return;
    try {
      await this.end(session.windowId, 'signed-out');
    } catch (error) {
      this.ctx.logger.log('warn', 'auth.factorStepEndFailed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  async signIn(windowId: string, username: string, password: string): Promise<SessionInfo> {
    try {
      const { userId } = await this.ctx.vault.unlockWithPassword(username, password);
      return await this.startSession(windowId, await getUser(readDb(this.ctx), userId), 'auth.signIn');
    } catch (error) {
      // When someone else keeps the database open, the failure goes to the audit log at once.
      if (this.ctx.vault.isOpen) await this.flushPendingFailures();
      throw error;
    }
  }

  /** Forgotten password: the recovery key opens the practice and sets a new password for `username`. */
  async recover(
    windowId: string,
    recoveryKey: string,
    username: string,
    newPassword: string,
  ): Promise<SessionInfo> {
    assertStrongPassword(newPassword, [username]);
    await this.ctx.vault.unlockWithRecovery(recoveryKey);
    let row: UserRow | undefined;
    try {
      row = await getUserByUsername(readDb(this.ctx), username);
      if (!row?.active) {
        throw new AppError('NOT_FOUND', 'No active staff member has that username.', {
          fields: [{ path: 'username', message: 'No active staff member has that username.' }],
        });
      }
      assertStrongPassword(newPassword, [row.username, row.display_name]);
    } catch (error) {
      if (this.ctx.sessions.count === 0) await this.closeVault();
      throw error;
    }
    // The new password is set once the person is proven: at once, or after their second factor
    // (the recovery key alone does not change the password of someone who has one).
    const { id, username: name } = row;
    return this.startSession(windowId, row, 'auth.recoveryUsed', async () => {
      await this.ctx.vault.setUserSlot({ userId: id, username: name, password: newPassword });
      await inTransaction(this.ctx, (trx) =>
        updateUser(trx, id, { must_change_password: 0, updated_at: nowIso(this.ctx) }),
      );
    });
  }

  async changePassword(session: Session, current: string, next: string): Promise<SessionInfo> {
    await this.ctx.vault.verifyPassword(session.userId, current);
    if (current === next) {
      throw new AppError('INVALID_INPUT', 'Choose a password different from the current one.', {
        fields: [{ path: 'newPassword', message: 'Choose a password different from the current one.' }],
      });
    }
    assertStrongPassword(next, [session.username, session.displayName]);
    await this.ctx.vault.setUserSlot({ userId: session.userId, username: session.username, password: next });
    await inTransaction(this.ctx, async (trx) => {
      await updateUser(trx, session.userId, { must_change_password: 0, updated_at: nowIso(this.ctx) });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'auth.passwordChanged',
        targetType: 'user',
        targetId: session.userId,
        detail: { wasTemporary: session.mustChangePassword },
      });
    });
    session.mustChangePassword = false;
    return this.info(session);
  }

  /** Ends a window's session; the last one to end closes the vault and zeroes the key. */
  async end(
    windowId: string,
    reason: LockReason,
    options: { keepVaultOpen?: boolean; quiet?: boolean } = {},
  ): Promise<void> {
    // The session ends first: from here on every call from this window is refused.
    const session = this.ctx.sessions.end(windowId, reason);
    if (!session) return;
    this.factorSteps.get(windowId)?.timer.cancel();
    this.factorSteps.delete(windowId);
    if (this.ctx.vault.isOpen) {
      await recordAudit(this.ctx, actorOf(session), {
        action:
          session.secondFactor === 'needed'
            ? 'auth.secondFactorAbandoned'
            : LOCK_REASONS.has(reason)
              ? 'auth.locked'
              : 'auth.signOut',
        targetType: 'user',
        targetId: session.userId,
        detail: { reason },
      });
    }
    if (this.ctx.sessions.count === 0 && !options.keepVaultOpen) await this.closeVault();
    // quiet: the caller answers this window itself (a restore signs its owner straight back in).
    if (!options.quiet) this.notify(windowId, 'session.locked', { reason });
  }

  async confirmRecoveryKey(session: Session, recoveryKey: string): Promise<SessionInfo> {
    await this.ctx.vault.checkRecoveryKey(recoveryKey);
    this.ctx.vault.confirmRecovery();
    await recordAudit(this.ctx, actorOf(session), { action: 'vault.recoveryKeyConfirmed' });
    return this.info(session);
  }

  async rotateRecoveryKey(session: Session): Promise<{ recoveryKey: string }> {
    const recoveryKey = this.ctx.vault.rotateRecovery();
    await recordAudit(this.ctx, actorOf(session), { action: 'vault.recoveryKeyRotated' });
    return { recoveryKey };
  }

  /** Saves the audit head outside the database, checkpoints, closes, zeroes the key. */
  async closeVault(): Promise<void> {
    this.ctx.checkpointer.cancel();
    // A checkpoint running aside has the file open: it ends before the database closes.
    await this.ctx.checkpointer.settled();
    this.onVaultClosing();
    if (this.ctx.vault.isOpen) {
      try {
        await this.ctx.vault.saveAuditHead(await this.ctx.audit.head(readDb(this.ctx)));
      } finally {
        this.ctx.vault.close();
      }
    }
  }
}
