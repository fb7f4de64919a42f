// Staff accounts: add, change role, reset password (deactivation: deactivation.ts). Owner-only (enforced by the router).
import { randomUUID } from 'node:crypto';
import type { CreateStaffInput, StaffMember } from '../../../preload/contract/staff.ts';
import type { Role } from '../../../preload/contract/common.ts';
import type { UserRow } from '../../../db/schema.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertStrongPassword } from '../password-policy.ts';
import type { Session } from '../sessions/index.ts';
import { requireUser, staffMember, staffMembers } from './members.ts';
import { countActiveOwners, getUserByUsername, insertUser, listUsers, updateUser } from './queries.ts';
import type { z } from 'zod';

type CreateInput = z.output<typeof CreateStaffInput>;

export class StaffService {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  async list(): Promise<StaffMember[]> {
    return staffMembers(this.ctx);
  }

  /** Active staff, for choosing a primary clinician or a care-team member. No account details. */
  async directory(): Promise<{ id: string; displayName: string; role: Role }[]> {
    return (await listUsers(readDb(this.ctx)))
      .filter((u) => u.active === 1)
      .map((u) => ({ id: u.id, displayName: u.display_name, role: u.role }));
  }

  private member(id: string): Promise<StaffMember> {
    return staffMember(this.ctx, id);
  }

  private requireUser(id: string): Promise<UserRow> {
    return requireUser(this.ctx, id);
  }

  async create(session: Session, input: CreateInput): Promise<StaffMember> {
    const db = readDb(this.ctx);
    if (await getUserByUsername(db, input.username)) {
      throw new AppError('CONFLICT', 'That username is already taken. Choose another.', {
        fields: [{ path: 'username', message: 'That username is already taken.' }],
      });
    }
    assertStrongPassword(input.temporaryPassword, [input.username, input.displayName]);
    const id = randomUUID();
    const now = nowIso(this.ctx);
    // The key slot is written first; if the database step fails, the slot is taken back.
    await this.ctx.vault.setUserSlot({
      userId: id,
      username: input.username,
      password: input.temporaryPassword,
    });
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
        await this.ctx.audit.append(trx, actorOf(session), {
          action: 'staff.create',
          targetType: 'user',
          targetId: id,
          detail: { role: input.role, username: input.username },
        });
      });
    } catch (error) {
      this.ctx.vault.removeUserSlot(id);
      throw error;
    }
    return this.member(id);
  }

  async changeRole(session: Session, userId: string, role: Role): Promise<StaffMember> {
    const row = await this.requireUser(userId);
    if (!row.active)
      throw new AppError('CONFLICT', 'This person was deactivated; their role can no longer be changed.');
    if (row.role === role) return this.member(userId);
    await inTransaction(this.ctx, async (trx) => {
      // Keep at least one active owner, or nobody could manage staff, settings or the audit log.
      if (row.role === 'owner' && (await countActiveOwners(trx)) <= 1) {
        throw new AppError(
          'CONFLICT',
          'The practice needs at least one owner. Make someone else an owner first.',
        );
      }
      await updateUser(trx, userId, { role, updated_at: nowIso(this.ctx) });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'staff.changeRole',
        targetType: 'user',
        targetId: userId,
        detail: { from: row.role, to: role },
      });
    });
    for (const s of this.ctx.sessions.forUser(userId)) s.role = role;
    return this.member(userId);
  }

  async resetPassword(session: Session, userId: string, temporaryPassword: string): Promise<StaffMember> {
    const row = await this.requireUser(userId);
    if (userId === session.userId) {
      throw new AppError('CONFLICT', 'Use "Change password" in Settings to change your own password.');
    }
    if (!row.active) throw new AppError('CONFLICT', 'This person was deactivated and cannot sign in.');
    assertStrongPassword(temporaryPassword, [row.username, row.display_name]);
    await this.ctx.vault.setUserSlot({ userId, username: row.username, password: temporaryPassword });
    await inTransaction(this.ctx, async (trx) => {
      await updateUser(trx, userId, { must_change_password: 1, updated_at: nowIso(this.ctx) });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'staff.resetPassword',
        targetType: 'user',
        targetId: userId,
        detail: {},
      });
    });
    return this.member(userId);
  }
}
