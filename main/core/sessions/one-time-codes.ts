// One-time sign-in codes: after a restore on a new computer, staff key slots do not come along, so
// the owner issues each person a code that opens their slot once (for 72 hours) and makes them
// choose a new password at once. The code is the slot's Argon2id secret; it is never stored.
import { randomBytes } from 'node:crypto';
import type { UserRow } from '../../../db/schema.ts';
import type { SessionInfo } from '../../../preload/contract/auth.ts';
import { actorOf, inTransaction, nowIso, readDb, recordAudit, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertStrongPassword } from '../password-policy.ts';
import { deleteInvitation, getUser, updateUser } from '../staff/index.ts';
import type { AuthService } from './auth-service.ts';
import type { Session } from './session-manager.ts';

export const CODE_LIFETIME_MS = 72 * 60 * 60 * 1000;
/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not misread. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh one-time code (80 random bits, groups of four) and when it stops working. */
export function newOneTimeCode(now: number): { code: string; expiresAt: string } {
  const bytes = randomBytes(16);
  const code = Array.from({ length: 16 }, (_, i) => CROCKFORD.charAt((bytes[i] ?? 0) & 31))
    .join('')
    .replace(/(.{4})(?=.)/g, '$1-');
  bytes.fill(0);
  return { code, expiresAt: new Date(now + CODE_LIFETIME_MS).toISOString() };
}

export class OneTimeCodes {
  private readonly ctx: CoreContext;
  private readonly auth: AuthService;

  constructor(ctx: CoreContext, auth: AuthService) {
    this.ctx = ctx;
    this.auth = auth;
  }

  /** A one-time sign-in code for one staff member (after a restore, their old slot is gone). */
  async issue(session: Session, userId: string): Promise<{ code: string; expiresAt: string }> {
    const row = await getUser(readDb(this.ctx), userId);
    if (!row?.active) throw new AppError('NOT_FOUND', 'That staff member is not active.');
    if (userId === session.userId)
      throw new AppError('CONFLICT', 'You are signed in already; use Change password.');
    const { code, expiresAt } = newOneTimeCode(this.ctx.clock.now());
    await this.ctx.vault.setOneTimeSlot({ userId, username: row.username }, code, expiresAt);
    await recordAudit(this.ctx, actorOf(session), {
      action: 'backup.codeIssued',
      targetType: 'user',
      targetId: userId,
      detail: { expiresAt },
    });
    return { code, expiresAt };
  }

  /** A staff member signs in with the code and sets a new password; the code is used up. */
  async redeem(
    windowId: string,
    input: { username: string; code: string; newPassword: string },
  ): Promise<SessionInfo> {
    assertStrongPassword(input.newPassword, [input.username]);
    const { userId } = await this.ctx.vault.unlockWithCode(input.username, input.code);
    let row: UserRow | undefined;
    try {
      row = await getUser(readDb(this.ctx), userId);
      if (!row?.active)
        throw new AppError('INVALID_CREDENTIALS', 'The username or one-time code is not correct.');
      assertStrongPassword(input.newPassword, [row.username, row.display_name]);
    } catch (error) {
      if (this.ctx.sessions.count === 0) await this.auth.closeVault();
      throw error;
    }
    // The new password is set, and the code used up, once the person is proven: at once, or after
    // their second factor (the code alone does not change the password of someone who has one).
    const username = row.username;
    return this.auth.startSessionAfterUnlock(windowId, userId, 'auth.signIn', async () => {
      await this.ctx.vault.setUserSlot({ userId, username, password: input.newPassword });
      await inTransaction(this.ctx, async (trx) => {
        await updateUser(trx, userId, { must_change_password: 0, updated_at: nowIso(this.ctx) });
        // An invitation redeemed is over: the Staff page stops showing its code as outstanding.
        await deleteInvitation(trx, userId);
        await this.ctx.audit.append(trx, actorOf({ userId, username }), {
          action: 'backup.codeRedeemed',
          targetType: 'user',
          targetId: userId,
        });
      });
    });
  }
}
