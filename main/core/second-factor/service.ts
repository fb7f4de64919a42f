// Enrolling, replacing and turning off your own second factor; the practice's policy; the Staff
// page's view and the owner's reset. The sign-in step itself is in sessions/auth-service.ts; every
// code is checked by codes.ts.
import QRCode from 'qrcode';
import type { SessionInfo } from '../../../preload/contract/auth.ts';
import type {
  EnrolmentStart,
  MySecondFactor,
  SecondFactorPolicy,
  StaffSecondFactor,
} from '../../../preload/contract/second-factor.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { AuthService, Session } from '../sessions/index.ts';
import { getUser } from '../staff/index.ts';
import { currentPolicy, requiredFor } from './policy.ts';
import {
  deleteFactor,
  getFactor,
  insertFactor,
  listFactors,
  unusedRecoveryCodes,
  writePolicy,
} from './queries.ts';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.ts';
import { checkCode, groupSecret, newSecret, otpauthUri } from './totp.ts';

const codeUser = (s: Session) => ({ userId: s.userId, username: s.username });

/** How long a scanned secret waits for its first code. */
const ENROLMENT_MS = 10 * 60 * 1000;

interface PendingEnrolment {
  readonly secret: string;
  readonly windowId: string;
  readonly expiresAt: number;
}

export class SecondFactorService {
  private readonly ctx: CoreContext;
  private readonly auth: AuthService;
  /** Secrets shown and not yet confirmed, by user: in memory only, never written until confirmed. */
  private readonly pending = new Map<string, PendingEnrolment>();

  constructor(ctx: CoreContext, auth: AuthService) {
    this.ctx = ctx;
    this.auth = auth;
  }

  async mine(session: Session): Promise<MySecondFactor> {
    const db = readDb(this.ctx);
    const row = await getFactor(db, session.userId);
    return {
      enrolled: row !== undefined,
      enrolledAt: row?.enrolled_at ?? null,
      recoveryCodesLeft: row ? await unusedRecoveryCodes(db, session.userId) : 0,
      required: requiredFor(await currentPolicy(db), session.role),
    };
  }

  /**
   * A new secret to scan. Replacing a factor needs the password and a current code; a first
   * factor needs the password too, except in the enrolment the policy forces right after sign-in.
   */
  async startEnrolment(
    session: Session,
    input: { currentPassword?: string | undefined; code?: string | undefined },
  ): Promise<EnrolmentStart> {
    const has = await this.auth.secondFactorCodes.has(session.userId);
    if (has || session.secondFactor !== 'enrol') {
      if (input.currentPassword === undefined) {
        throw new AppError('INVALID_INPUT', 'Enter your password to continue.', {
          fields: [{ path: 'currentPassword', message: 'Enter your password to continue.' }],
        });
      }
      await this.ctx.vault.verifyPassword(session.userId, input.currentPassword);
    }
    if (has) {
      if (input.code === undefined) {
        throw new AppError('INVALID_INPUT', 'Enter a code from your current authenticator app.', {
          fields: [{ path: 'code', message: 'Enter a code from your current authenticator app.' }],
        });
      }
      await this.auth.secondFactorCodes.consume(codeUser(session), input.code, () => Promise.resolve());
    }
    const secret = newSecret();
    const expiresAt = this.ctx.clock.now() + ENROLMENT_MS;
    this.pending.set(session.userId, { secret, windowId: session.windowId, expiresAt });
    const uri = otpauthUri(secret, session.username, 'Stillwater');
    const qr = QRCode.create(uri, { errorCorrectionLevel: 'M' });
    const modules = Array.from(qr.modules.data, (bit) => (bit ? '1' : '0')).join('');
    return {
      secret,
      secretGrouped: groupSecret(secret),
      otpauthUri: uri,
      qr: { size: qr.modules.size, modules },
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  /** The first code from the app confirms the secret; ten recovery codes, shown this once. */
  async confirmEnrolment(
    session: Session,
    code: string,
  ): Promise<{ recoveryCodes: string[]; session: SessionInfo }> {
    const pending = this.pending.get(session.userId);
    if (!pending || pending.windowId !== session.windowId || pending.expiresAt <= this.ctx.clock.now()) {
      this.pending.delete(session.userId);
      throw new AppError('CONFLICT', 'The setup took too long or was started elsewhere. Start again.');
    }
    const check = checkCode(pending.secret, code, this.ctx.clock.now(), -1);
    if (check.kind !== 'ok') {
      const message =
        'That code is not correct. Check that your phone’s clock is right, and enter the newest code.';
      throw new AppError('INVALID_CREDENTIALS', message, { fields: [{ path: 'code', message }] });
    }
    const recoveryCodes = newRecoveryCodes();
    await inTransaction(this.ctx, async (trx) => {
      const replaced = await deleteFactor(trx, session.userId);
      await insertFactor(
        trx,
        {
          user_id: session.userId,
          secret: pending.secret,
          // The code just typed is used: it cannot also sign anyone in.
          last_used_step: check.step,
          enrolled_at: nowIso(this.ctx),
        },
        recoveryCodes.map((c) => hashRecoveryCode(session.userId, c)),
      );
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'secondFactor.enrol',
        targetType: 'user',
        targetId: session.userId,
        detail: { replaced, forced: session.secondFactor === 'enrol' },
      });
    });
    this.pending.delete(session.userId);
    if (session.secondFactor === 'enrol') session.secondFactor = null;
    return { recoveryCodes, session: this.auth.info(session) };
  }

  /** Turns your own factor off: password and a current code; refused when your role requires one. */
  async disable(session: Session, input: { currentPassword: string; code: string }): Promise<MySecondFactor> {
    if (requiredFor(await currentPolicy(readDb(this.ctx)), session.role)) {
      throw new AppError(
        'CONFLICT',
        'The practice requires a second factor for your role. You can replace it, but not turn it off.',
      );
    }
    await this.ctx.vault.verifyPassword(session.userId, input.currentPassword);
    await this.auth.secondFactorCodes.consume(codeUser(session), input.code, async (trx) => {
      await deleteFactor(trx, session.userId);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'secondFactor.disable',
        targetType: 'user',
        targetId: session.userId,
      });
    });
    return this.mine(session);
  }

  async policy(): Promise<{ policy: SecondFactorPolicy }> {
    return { policy: await currentPolicy(readDb(this.ctx)) };
  }

  /** Takes effect at each person's next sign-in. */
  async setPolicy(session: Session, policy: SecondFactorPolicy): Promise<{ policy: SecondFactorPolicy }> {
    let from: SecondFactorPolicy | 'unreadable';
    try {
      from = await currentPolicy(readDb(this.ctx));
    } catch {
      from = 'unreadable';
    }
    if (from === policy) return { policy };
    await inTransaction(this.ctx, async (trx) => {
      await writePolicy(trx, JSON.stringify(policy), nowIso(this.ctx));
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'secondFactor.policy',
        targetType: 'setting',
        targetId: 'secondFactor',
        detail: { from, to: policy },
      });
    });
    return { policy };
  }

  async staff(): Promise<StaffSecondFactor[]> {
    return (await listFactors(readDb(this.ctx))).map((r) => ({
      userId: r.user_id,
      enrolled: true,
      enrolledAt: r.enrolled_at,
    }));
  }

  /** Owner only (the contract): removes someone else's factor and recovery codes, audited. */
  async reset(session: Session, userId: string): Promise<StaffSecondFactor> {
    if (userId === session.userId)
      throw new AppError('CONFLICT', 'To replace your own second factor, use My account in Settings.');
    const row = await getUser(readDb(this.ctx), userId);
    if (!row) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
    await inTransaction(this.ctx, async (trx) => {
      if (!(await deleteFactor(trx, userId)))
        throw new AppError('CONFLICT', `${row.display_name} has no second factor to reset.`);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'secondFactor.reset',
        targetType: 'user',
        targetId: userId,
      });
    });
    this.pending.delete(userId);
    return { userId, enrolled: false, enrolledAt: null };
  }
}
