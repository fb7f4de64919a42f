// Supervision: the owner marks a clinician as supervised by another; the supervisee's signed
// progress notes then wait in the supervisor's co-sign queue.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { getUser } from '../staff/index.ts';
import { listSupervision, setSupervision, supervisorOf } from './queries.ts';

export class SupervisionService {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  async list() {
    return (await listSupervision(readDb(this.ctx))).map((r) => ({
      supervisee: { id: r.supervisee_id, displayName: r.supervisee_name },
      supervisor: { id: r.supervisor_id, displayName: r.supervisor_name },
    }));
  }

  /**
   * A new clinician's supervisor, chosen with their invitation: checked now, written by `write`
   * inside the invitation's transaction. Front desk has no supervisor.
   */
  async forInvitation(
    role: 'clinician' | 'front_desk',
    supervisorId: string | undefined,
  ): Promise<((trx: Kysely<DB>, superviseeId: string, session: Session) => Promise<void>) | undefined> {
    if (!supervisorId) return undefined;
    if (role !== 'clinician')
      throw new AppError('INVALID_INPUT', 'Only a clinician has a supervisor.', {
        fields: [{ path: 'supervisorId', message: 'Only a clinician has a supervisor.' }],
      });
    const row = await getUser(readDb(this.ctx), supervisorId);
    if (!row?.active || row.role === 'front_desk')
      throw new AppError('INVALID_INPUT', 'Choose an active clinician as supervisor.', {
        fields: [{ path: 'supervisorId', message: 'Choose an active clinician.' }],
      });
    return async (trx, superviseeId, session) => {
      await setSupervision(trx, superviseeId, supervisorId, session.userId, nowIso(this.ctx));
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'staff.setSupervisor',
        targetType: 'user',
        targetId: superviseeId,
        detail: { supervisorId },
      });
    };
  }

  async set(session: Session, superviseeId: string, supervisorId: string | null) {
    const db = readDb(this.ctx);
    const supervisee = await getUser(db, superviseeId);
    if (!supervisee?.active || supervisee.role === 'front_desk') {
      throw new AppError('INVALID_INPUT', 'Only an active clinician can be supervised.', {
        fields: [{ path: 'superviseeId', message: 'Choose an active clinician.' }],
      });
    }
    let supervisor = null;
    if (supervisorId) {
      const row = await getUser(db, supervisorId);
      if (!row?.active || row.role === 'front_desk' || supervisorId === superviseeId) {
        throw new AppError('INVALID_INPUT', 'Choose another active clinician as supervisor.', {
          fields: [{ path: 'supervisorId', message: 'Choose another active clinician.' }],
        });
      }
      if ((await supervisorOf(db, supervisorId)) === superviseeId) {
        throw new AppError('CONFLICT', 'Two clinicians cannot supervise each other.');
      }
      supervisor = { id: row.id, displayName: row.display_name };
    }
    await inTransaction(this.ctx, async (trx) => {
      await setSupervision(trx, superviseeId, supervisorId, session.userId, nowIso(this.ctx));
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'staff.setSupervisor',
        targetType: 'user',
        targetId: superviseeId,
        detail: { supervisorId },
      });
    });
    return { superviseeId, supervisor };
  }
}
