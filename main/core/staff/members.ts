// What the owner's Staff page shows of each person: the account, whether they can sign in on this
// computer, an outstanding invitation (when its code expires, never the code) and the records
// custodian named for them. The one place a StaffMember is built.
import type { StaffMember } from '../../../preload/contract/staff.ts';
import type { UserRow } from '../../../db/schema.ts';
import { readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { getUser, listCustodians, listInvitations, listUsers, staffLabel } from './queries.ts';

export { staffLabel };

export async function staffMembers(ctx: CoreContext, only?: string): Promise<StaffMember[]> {
  const db = readDb(ctx);
  const users = await listUsers(db);
  const byId = new Map(users.map((u) => [u.id, u]));
  const slots = ctx.vault.slotUserIds();
  const invitations = new Map((await listInvitations(db)).map((i) => [i.user_id, i]));
  const custodians = new Map((await listCustodians(db)).map((c) => [c.clinician_id, c.custodian_id]));
  const now = ctx.clock.now();
  const view = (row: UserRow): StaffMember => {
    const invitation = row.active === 1 ? invitations.get(row.id) : undefined;
    const custodian = byId.get(custodians.get(row.id) ?? '');
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
      invitation: invitation
        ? { expiresAt: invitation.expires_at, expired: Date.parse(invitation.expires_at) <= now }
        : null,
      custodian: custodian
        ? { id: custodian.id, displayName: staffLabel(custodian.display_name, custodian.active) }
        : null,
    };
  };
  return users.filter((u) => only === undefined || u.id === only).map(view);
}

export async function staffMember(ctx: CoreContext, id: string): Promise<StaffMember> {
  const [member] = await staffMembers(ctx, id);
  if (!member) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
  return member;
}

export async function requireUser(ctx: CoreContext, id: string): Promise<UserRow> {
  const row = await getUser(readDb(ctx), id);
  if (!row) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
  return row;
}
