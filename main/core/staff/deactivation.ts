// Deactivation with hand-over (issue 21). One transaction: the receiver the owner chose becomes
// primary clinician of the person's clients and joins those care teams; the person leaves every
// care team, supervision pairing and professional will; the account is closed; audited with counts.
// Then their key slot goes (their password no longer unwraps the data key) and their open windows
// are signed out, so their very next call is refused. Their signed work stays theirs; the owner
// becomes custodian of their psychotherapy notes (access/notes.ts mayReadPsychotherapyNote).
import type { z } from 'zod';
import type { DeactivationPlan, StaffMember } from '../../../preload/contract/staff.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { caseloadCounts, handOverClients } from '../clients/index.ts';
import { AppError } from '../errors.ts';
import { endSupervisionOf } from '../notes/index.ts';
import type { Session } from '../sessions/index.ts';
import { requireUser, staffLabel, staffMember } from './members.ts';
import {
  countActiveOwners,
  deleteCustodiansOf,
  deleteInvitation,
  getCustodianId,
  getUser,
  listUsers,
  updateUser,
} from './queries.ts';

type Plan = z.infer<typeof DeactivationPlan>;

export class Deactivation {
  private readonly ctx: CoreContext;
  private readonly endSession: (windowId: string) => Promise<void>;
  constructor(ctx: CoreContext, endSession: (windowId: string) => Promise<void>) {
    this.ctx = ctx;
    this.endSession = endSession;
  }

  /** What the dialog shows before the owner confirms: the caseload and who may receive it. */
  async plan(userId: string): Promise<Plan> {
    const db = readDb(this.ctx);
    await requireUser(this.ctx, userId);
    const receivers = (await listUsers(db))
      .filter((u) => u.active === 1 && u.role !== 'front_desk' && u.id !== userId)
      .map((u) => ({ id: u.id, displayName: staffLabel(u.display_name, u.active) }));
    const custodianId = await getCustodianId(db, userId);
    return {
      ...(await caseloadCounts(db, userId)),
      receivers,
      custodianId: receivers.some((r) => r.id === custodianId) ? custodianId : null,
    };
  }

  async deactivate(session: Session, userId: string, receiverId: string | undefined): Promise<StaffMember> {
    const row = await requireUser(this.ctx, userId);
    if (userId === session.userId) throw new AppError('CONFLICT', 'You cannot deactivate your own account.');
    if (!row.active) return staffMember(this.ctx, userId);
    await inTransaction(this.ctx, async (trx) => {
      if (row.role === 'owner' && (await countActiveOwners(trx)) <= 1) {
        throw new AppError('CONFLICT', 'The practice needs at least one active owner.');
      }
      const load = await caseloadCounts(trx, userId);
      const needsReceiver = load.clients > 0;
      if (needsReceiver && receiverId === undefined) {
        throw new AppError('INVALID_INPUT', 'Choose the clinician who receives their clients.', {
          fields: [{ path: 'receiverId', message: 'Choose who receives their clients.' }],
        });
      }
      if (receiverId !== undefined) {
        const receiver = await getUser(trx, receiverId);
        if (!receiver?.active || receiver.role === 'front_desk' || receiverId === userId) {
          throw new AppError(
            'INVALID_INPUT',
            'Their clients can go only to another active clinician or owner.',
            {
              fields: [{ path: 'receiverId', message: 'Choose another active clinician or owner.' }],
            },
          );
        }
      }
      const now = nowIso(this.ctx);
      const handedOver = {
        ...(await handOverClients(trx, userId, receiverId ?? userId, session.userId, now)),
        supervision: await endSupervisionOf(trx, userId),
      };
      const wills = await deleteCustodiansOf(trx, userId);
      await deleteInvitation(trx, userId);
      await updateUser(trx, userId, { active: 0, deactivated_at: now, updated_at: now });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'staff.deactivate',
        targetType: 'user',
        targetId: userId,
        detail: {
          receiverId: receiverId ?? null,
          clients: handedOver.clients,
          careTeams: handedOver.careTeams,
          supervision: handedOver.supervision,
          custodianships: wills,
        },
      });
    });
    // Their key slot goes: the data key can no longer be unwrapped with their password.
    this.ctx.vault.removeUserSlot(userId);
    // Their open windows are signed out (audited, and told to drop what they show).
    for (const s of this.ctx.sessions.forUser(userId)) await this.endSession(s.windowId);
    return staffMember(this.ctx, userId);
  }
}
