// Invitations (issue 21): the owner adds a person without choosing a password for them. Main
// issues a one-time code (the key slot's Argon2id secret, 72 hours, sessions/one-time-codes.ts)
// that the person redeems at the sign-in page to set their own password; redeeming it ends the
// invitation. Only the code's expiry is stored (staff_invitations), so the Staff page can show
// what is outstanding; the owner may issue a new code or withdraw the invitation.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { z } from 'zod';
import type { InviteStaffInput, StaffMember } from '../../../preload/contract/staff.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { newOneTimeCode, type Session } from '../sessions/index.ts';
import { requireUser, staffMember } from './members.ts';
import {
  deleteInvitation,
  getInvitation,
  getUserByUsername,
  insertUser,
  putInvitation,
  updateUser,
} from './queries.ts';

type InviteInput = z.output<typeof InviteStaffInput>;
type InvitationCode = { member: StaffMember; code: string; expiresAt: string };

export class Invitations {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  /**
   * `alsoInside` runs in the same transaction once the account exists (the supervision pairing
   * chosen with the invitation): all of it is written, or none.
   */
  async invite(
    session: Session,
    input: InviteInput,
    alsoInside?: (trx: Kysely<DB>, userId: string) => Promise<void>,
  ): Promise<InvitationCode> {
    if (await getUserByUsername(readDb(this.ctx), input.username)) {
      throw new AppError('CONFLICT', 'That username is already taken. Choose another.', {
        fields: [{ path: 'username', message: 'That username is already taken.' }],
      });
    }
    const id = randomUUID();
    const now = nowIso(this.ctx);
    const { code, expiresAt } = newOneTimeCode(this.ctx.clock.now());
    // The slot is written first; if the database step fails, it is taken back.
    await this.ctx.vault.setOneTimeSlot({ userId: id, username: input.username }, code, expiresAt);
    try {
      await inTransaction(this.ctx, async (trx) => {
        await insertUser(trx, {
          id,
          username: input.username,
          display_name: input.displayName,
          role: input.role,
          active: 1,
          must_change_password: 1,
          credentials: input.credentials ?? null,
          license_number: input.licenseNumber ?? null,
          created_at: now,
          updated_at: now,
          deactivated_at: null,
        });
        await putInvitation(trx, {
          user_id: id,
          issued_at: now,
          issued_by: session.userId,
          expires_at: expiresAt,
        });
        await this.ctx.audit.append(trx, actorOf(session), {
          action: 'staff.invite',
          targetType: 'user',
          targetId: id,
          detail: { role: input.role, username: input.username, expiresAt },
        });
        if (alsoInside) await alsoInside(trx, id);
      });
    } catch (error) {
      this.ctx.vault.removeUserSlot(id);
      throw error;
    }
    return { member: await staffMember(this.ctx, id), code, expiresAt };
  }

  /** The invitation still open for this person, or CONFLICT (redeemed, withdrawn, deactivated). */
  private async openInvitation(userId: string) {
    const row = await requireUser(this.ctx, userId);
    const invitation = await getInvitation(readDb(this.ctx), userId);
    if (!row.active || !invitation) {
      throw new AppError(
        'CONFLICT',
        row.active
          ? `${row.display_name} has already accepted their invitation.`
          : 'This invitation was withdrawn or the person deactivated.',
      );
    }
    return row;
  }

  /** A new code; the previous one stops working at once (the slot is replaced). */
  async reissue(session: Session, userId: string): Promise<InvitationCode> {
    const row = await this.openInvitation(userId);
    const { code, expiresAt } = newOneTimeCode(this.ctx.clock.now());
    await this.ctx.vault.setOneTimeSlot({ userId, username: row.username }, code, expiresAt);
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await putInvitation(trx, {
        user_id: userId,
        issued_at: now,
        issued_by: session.userId,
        expires_at: expiresAt,
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'staff.invitationReissued',
        targetType: 'user',
        targetId: userId,
        detail: { expiresAt },
      });
    });
    return { member: await staffMember(this.ctx, userId), code, expiresAt };
  }

  /** The code stops working and the account is closed (it never held any work). */
  async withdraw(session: Session, userId: string): Promise<StaffMember> {
    await this.openInvitation(userId);
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await deleteInvitation(trx, userId);
      await updateUser(trx, userId, { active: 0, deactivated_at: now, updated_at: now });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'staff.invitationWithdrawn',
        targetType: 'user',
        targetId: userId,
        detail: {},
      });
    });
    this.ctx.vault.removeUserSlot(userId);
    return staffMember(this.ctx, userId);
  }
}
