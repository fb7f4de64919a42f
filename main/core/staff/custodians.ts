// The professional will (issue 21; LEGAL.md on custodianship): the owner names, in advance, the
// records custodian of each clinician, an active clinician or owner who receives their caseload
// through the owner when they leave (Deactivation.plan preselects them; the owner still confirms).
import type { StaffMember } from '../../../preload/contract/staff.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { requireUser, staffMember } from './members.ts';
import { clearCustodian, getUser, putCustodian } from './queries.ts';

export class Custodians {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  async set(session: Session, clinicianId: string, custodianId: string | null): Promise<StaffMember> {
    const clinician = await requireUser(this.ctx, clinicianId);
    if (!clinician.active || clinician.role === 'front_desk') {
      throw new AppError('INVALID_INPUT', 'A records custodian is named for an active clinician or owner.', {
        fields: [{ path: 'clinicianId', message: 'Choose an active clinician or owner.' }],
      });
    }
    if (custodianId !== null) {
      const custodian = await getUser(readDb(this.ctx), custodianId);
      if (!custodian?.active || custodian.role === 'front_desk' || custodianId === clinicianId) {
        throw new AppError('INVALID_INPUT', 'The custodian must be another active clinician or owner.', {
          fields: [{ path: 'custodianId', message: 'Choose another active clinician or owner.' }],
        });
      }
    }
    await inTransaction(this.ctx, async (trx) => {
      if (custodianId === null) await clearCustodian(trx, clinicianId);
      else
        await putCustodian(trx, {
          clinician_id: clinicianId,
          custodian_id: custodianId,
          named_at: nowIso(this.ctx),
          named_by: session.userId,
        });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'staff.setCustodian',
        targetType: 'user',
        targetId: clinicianId,
        detail: { custodianId },
      });
    });
    return staffMember(this.ctx, clinicianId);
  }
}
