// Staff accounts: add, change role, deactivate, reset password. Owner-only (enforced by the router).
import { randomUUID } from 'node:crypto';
import type { CreateStaffInput, StaffMember } from '../../../preload/contract/staff.ts';
import type { Role } from '../../../preload/contract/common.ts';
import type { UserRow } from '../../../db/schema.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertStrongPassword } from '../password-policy.ts';
import type { Session } from '../sessions/index.ts';
import {
  countActiveOwners,
  getUser,
  getUserByUsername,
  insertUser,
  listUsers,
  updateUser,
} from './queries.ts';
import type { z } from 'zod';

type CreateInput = z.output<typeof CreateStaffInput>;

export function toStaffMember(row: UserRow, slots: Set<string>): StaffMember {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    canSignIn: row.active === 1 && slots.has(row.id),
    credentials: row.credentials,
    licenseNumber: row.license_number,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
  };
}

export class StaffService {
  private readonly ctx: CoreContext;
  private readonly endSession: (windowId: string) => Promise<void>;
  constructor(ctx: CoreContext, endSession: (windowId: string) => Promise<void>) {
    this.ctx = ctx;
    this.endSession = endSession;
  }

  async list(): Promise<StaffMember[]> {
    const slots = this.ctx.vault.slotUserIds();
    return (await listUsers(readDb(this.ctx))).map((r) => toStaffMember(r, slots));
  }

  /** Active staff, for choosing a primary clinician or a care-team member. No account details. */
  async directory(): Promise<{ id: string; displayName: string; role: Role }[]> {
    return (await listUsers(readDb(this.ctx)))
      .filter((u) => u.active === 1)
      .map((u) => ({ id: u.id, displayName: u.display_name, role: u.role }));
  }

  private async member(id: string): Promise<StaffMember> {
    const row = await getUser(readDb(this.ctx), id);
    if (!row) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
    return toStaffMember(row, this.ctx.vault.slotUserIds());
  }

  private async requireUser(id: string): Promise<UserRow> {
    const row = await getUser(readDb(this.ctx), id);
    if (!row) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
    return row;
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

  async deactivate(session: Session, userId: string): Promise<StaffMember> {
    const row = await this.requireUser(userId);
    if (userId === session.userId) {
      throw new AppError('CONFLICT', 'You cannot deactivate your own account.');
    }
    if (!row.active) return this.member(userId);
    await inTransaction(this.ctx, async (trx) => {
      if (row.role === 'owner' && (await countActiveOwners(trx)) <= 1) {
        throw new AppError('CONFLICT', 'The practice needs at least one active owner.');
      }
      const now = nowIso(this.ctx);
      await updateUser(trx, userId, { active: 0, deactivated_at: now, updated_at: now });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'staff.deactivate',
        targetType: 'user',
        targetId: userId,
        detail: {},
      });
    });
    // Their key slot goes: the data key can no longer be unwrapped with their password.
    this.ctx.vault.removeUserSlot(userId);
    // Their open windows are signed out (audited, and told to drop what they show).
    for (const s of this.ctx.sessions.forUser(userId)) await this.endSession(s.windowId);
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
