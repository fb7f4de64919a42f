// Sign-in, sign-out, recovery and password change. Opens the vault on the first sign-in and
// closes it (zeroing the data key) when the last session ends.
import type { SessionInfo } from '../../../preload/contract/auth.ts';
import type { LockReason } from '../../../preload/contract.ts';
import type { UserRow } from '../../../db/schema.ts';
import { SYSTEM_ACTOR } from '../audit/index.ts';
import { actorOf, inTransaction, nowIso, readDb, recordAudit, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertStrongPassword } from '../password-policy.ts';
import { getUser, getUserByUsername, updateUser } from '../staff/index.ts';
import type { Notify } from './auto-lock.ts';
import type { Session } from './session-manager.ts';

/** Ends of a session that are locks (the person may come straight back), not sign-outs. */
const LOCK_REASONS = new Set<LockReason>(['inactivity', 'manual', 'screen-locked', 'suspend']);

export class AuthService {
  private readonly ctx: CoreContext;
  private readonly notify: Notify;
  private readonly onVaultOpened: () => Promise<void>;
  private readonly onVaultClosing: () => void;

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
      auditAlarm: session.role === 'owner' && this.ctx.vault.auditAlarm() !== null,
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
          detail: { knownUser: f.userId !== null, recordedAt: f.at },
        });
      }
    });
    this.ctx.vault.clearPendingFailures(pending.length);
  }

  /** Called with the vault already open: starts the session or closes the vault again on failure. */
  private async startSession(
    windowId: string,
    row: UserRow | undefined,
    action: 'auth.signIn' | 'auth.recoveryUsed',
  ): Promise<SessionInfo> {
    try {
      await this.flushPendingFailures();
      await this.onVaultOpened();
      if (!row?.active) throw new AppError('INVALID_CREDENTIALS', 'The username or password is not correct.');
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
      };
      await recordAudit(this.ctx, actorOf(session), { action, targetType: 'user', targetId: row.id });
      this.ctx.sessions.start(session);
      return this.info(session);
    } catch (error) {
      if (this.ctx.sessions.count === 0) await this.closeVault();
      throw error;
    }
  }

  /**
   * The vault is already open (right after setup, a restore, or a one-time code with its new
   * password): `userId` is signed in at this window without typing a password again.
   */
  async startSessionAfterUnlock(windowId: string, userId: string): Promise<SessionInfo> {
    return this.startSession(windowId, await getUser(readDb(this.ctx), userId), 'auth.signIn');
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
      await this.ctx.vault.setUserSlot({ userId: row.id, username: row.username, password: newPassword });
      await inTransaction(this.ctx, (trx) =>
        updateUser(trx, (row as UserRow).id, { must_change_password: 0, updated_at: nowIso(this.ctx) }),
      );
      row = { ...row, must_change_password: 0 };
    } catch (error) {
      if (this.ctx.sessions.count === 0) await this.closeVault();
      throw error;
    }
    return this.startSession(windowId, row, 'auth.recoveryUsed');
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
    if (this.ctx.vault.isOpen) {
      await recordAudit(this.ctx, actorOf(session), {
        action: LOCK_REASONS.has(reason) ? 'auth.locked' : 'auth.signOut',
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
