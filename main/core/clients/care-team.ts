// The care team: who besides the primary clinician may open a chart. Every grant and removal
// of access is audited in the same transaction (DESIGN.md section 3).
import type { ClientRecord } from '../../../preload/contract/clients.ts';
import { chartAccess } from '../access/index.ts';
import { actorOf, inTransaction, nowIso, readDb, todayLocal, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { addCareTeam, getClient, removeCareTeam } from './queries.ts';
import { loadClientRecord } from './record.ts';
import { assertClinician } from './rules.ts';

export class CareTeam {
  private readonly ctx: CoreContext;
  /** Reads the chart back for the answer, without a second "viewed" entry. */
  private readonly read: (session: Session, clientId: string) => Promise<ClientRecord>;
  constructor(ctx: CoreContext, read: (session: Session, clientId: string) => Promise<ClientRecord>) {
    this.ctx = ctx;
    this.read = read;
  }

  async addCareTeamMember(session: Session, clientId: string, userId: string): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    const access = await chartAccess(db, session, clientId);
    if (!access.manageCareTeam) throw new AppError('FORBIDDEN', 'Your role cannot change the care team.');
    await assertClinician(db, userId, 'userId');
    if (userId === access.client.primary_clinician_id) {
      throw new AppError('CONFLICT', 'That person is already the primary clinician.');
    }
    await inTransaction(this.ctx, async (trx) => {
      await addCareTeam(trx, {
        client_id: clientId,
        user_id: userId,
        added_by: session.userId,
        added_at: nowIso(this.ctx),
      });
      // Grants of access to a chart are audited (DESIGN.md section 3).
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'careTeam.add',
        targetType: 'client',
        targetId: clientId,
        detail: { userId },
      });
    });
    return this.read(session, clientId);
  }

  async removeCareTeamMember(session: Session, clientId: string, userId: string): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    const access = await chartAccess(db, session, clientId);
    if (!access.manageCareTeam) throw new AppError('FORBIDDEN', 'Your role cannot change the care team.');
    if (userId === access.client.primary_clinician_id) {
      throw new AppError(
        'CONFLICT',
        'The primary clinician cannot be removed; assign a different primary clinician first.',
      );
    }
    await inTransaction(this.ctx, async (trx) => {
      if ((await removeCareTeam(trx, clientId, userId)) === 0) {
        throw new AppError('NOT_FOUND', 'That person is not on this client’s care team.');
      }
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'careTeam.remove',
        targetType: 'client',
        targetId: clientId,
        detail: { userId },
      });
    });
    // A clinician who removes themselves no longer has access: answer with what they may still see.
    if (session.role === 'clinician' && userId === session.userId) {
      const row = await getClient(db, clientId);
      if (row)
        return loadClientRecord(
          db,
          {
            client: row,
            clinical: false,
            part2: false,
            onCareTeam: false,
            editDemographics: false,
            manageCareTeam: false,
            via: 'standing',
            readOnly: false,
            grant: null,
          },
          todayLocal(this.ctx),
        );
    }
    return this.read(session, clientId);
  }
}
