// The one check of a second-factor code, for every path that asks for one (the sign-in step,
// replacing or turning off your own factor): the shared sign-in back-off first, then an
// authenticator code (checkCode's window, never the same step twice) or a recovery code (once).
// A wrong code is counted with wrong passwords and copied to the audit log like them; a right one
// is used up in the same transaction as the caller's audit entry.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { UnreadableRecord, unreadableMessage } from '../stored-json.ts';
import { advanceStep, getFactor, useRecoveryCode } from './queries.ts';
import { hashRecoveryCode } from './recovery-codes.ts';
import { checkCode } from './totp.ts';

/** A stored secret: base32 (RFC 4648), as newSecret writes it. Anything else is refused. */
const StoredSecret = z.string().regex(/^[A-Z2-7]{16,128}$/);

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

const WRONG_CODE =
  'That code is not correct. Check that your phone’s clock is right, and enter the newest code.';
const USED_CODE = 'That code was used already. Wait for the next code in your app.';
const WRONG_RECOVERY_CODE = 'That recovery code is not correct, or it was used already.';

export type CodeKind = 'authenticator' | 'recovery-code';

export interface CodeUser {
  readonly userId: string;
  readonly username: string;
}

const codeField = (message: string): AppError =>
  new AppError('INVALID_CREDENTIALS', message, { fields: [{ path: 'code', message }] });

/** The stored secret, read through its codec: a secret edited into another shape is refused. */
export function storedSecret(userId: string, secret: string): string {
  const parsed = StoredSecret.safeParse(secret);
  if (!parsed.success) {
    throw new UnreadableRecord(
      { type: 'second factor', id: userId },
      unreadableMessage('second factor', 'Sign-in with it is refused until the owner resets it.'),
    );
  }
  return parsed.data;
}

export class SecondFactorCodes {
  private readonly ctx: CoreContext;
  private readonly flushFailures: () => Promise<void>;

  constructor(ctx: CoreContext, flushFailures: () => Promise<void>) {
    this.ctx = ctx;
    this.flushFailures = flushFailures;
  }

  /** Whether the person has a factor (a row, whatever its content). */
  async has(userId: string): Promise<boolean> {
    return (await getFactor(readDb(this.ctx), userId)) !== undefined;
  }

  /**
   * Uses up `code` (already shaped by the contract: 6 digits or 10 recovery characters) for `user`,
   * and runs `then` in the same transaction. Throws INVALID_CREDENTIALS (counted) when it is wrong,
   * RATE_LIMITED while backed off, NOT_FOUND when the person has no factor.
   */
  async consume<T>(
    user: CodeUser,
    code: string,
    then: (trx: Kysely<DB>, kind: CodeKind) => Promise<T>,
  ): Promise<T> {
    await this.ctx.vault.assertSignInNotBackedOff(user.username);
    const row = await getFactor(readDb(this.ctx), user.userId);
    if (!row) throw new AppError('NOT_FOUND', 'There is no second factor set up for this account.');
    const kind: CodeKind = /^\d{6}$/.test(code) ? 'authenticator' : 'recovery-code';
    const outcome: Outcome<T> =
      kind === 'authenticator'
        ? await this.authenticator(
            user.userId,
            storedSecret(user.userId, row.secret),
            row.last_used_step,
            code,
            then,
          )
        : await this.recovery(user.userId, code, then);
    if (!outcome.ok) {
      await this.ctx.vault.recordSignInFailure(user);
      await this.flushFailures();
      throw codeField(outcome.message);
    }
    return outcome.value;
  }

  private async authenticator<T>(
    userId: string,
    secret: string,
    lastUsedStep: number,
    code: string,
    then: (trx: Kysely<DB>, kind: CodeKind) => Promise<T>,
  ): Promise<Outcome<T>> {
    const check = checkCode(secret, code, this.ctx.clock.now(), lastUsedStep);
    if (check.kind === 'wrong') return { ok: false, message: WRONG_CODE };
    if (check.kind === 'replay') return { ok: false, message: USED_CODE };
    return inTransaction(this.ctx, async (trx): Promise<Outcome<T>> => {
      // Conditional: a call with the same code that got in first has used the step.
      if (!(await advanceStep(trx, userId, check.step))) return { ok: false, message: USED_CODE };
      return { ok: true, value: await then(trx, 'authenticator') };
    });
  }

  private recovery<T>(
    userId: string,
    code: string,
    then: (trx: Kysely<DB>, kind: CodeKind) => Promise<T>,
  ): Promise<Outcome<T>> {
    const hash = hashRecoveryCode(userId, code);
    return inTransaction(this.ctx, async (trx): Promise<Outcome<T>> => {
      if (!(await useRecoveryCode(trx, userId, hash, nowIso(this.ctx))))
        return { ok: false, message: WRONG_RECOVERY_CODE };
      return { ok: true, value: await then(trx, 'recovery-code') };
    });
  }
}
