// Planned cover (issue 21): grant, end early, list. Who may grant: the owner for any clinician's
// caseload, a clinician for their own. The coverer is an active clinician or the owner, never front
// desk, never the absent clinician. The window is bounded (at most MAX_COVER_DAYS, not in the past)
// and judged by main's clock; what the coverer reads is decided in main/core/access/chart.ts.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { UserRow } from '../../../db/schema.ts';
import {
  MAX_COVER_DAYS,
  type Cover,
  type CoverList,
  type GrantCoverInput,
} from '../../../preload/contract/cover.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { getUser, staffNames } from '../staff/index.ts';
import { getGrant, insertEnd, insertGrant, listGrants, type CoverGrantRow } from './queries.ts';

type GrantInput = z.output<typeof GrantCoverInput>;

const DAY_MS = 86_400_000;
/** A start a little in the past (the form's "now", a slow click) is taken as now. */
const START_SLACK_MS = 10 * 60_000;
/** How long an ended cover stays on the home screens' list. */
const RECENT_MS = 14 * DAY_MS;

const mayCover = (u: UserRow | undefined): u is UserRow =>
  u?.active === 1 && (u.role === 'clinician' || u.role === 'owner');

export class CoverService {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  async grant(session: Session, input: GrantInput): Promise<Cover> {
    const db = readDb(this.ctx);
    if (session.role === 'clinician' && input.absentId !== session.userId)
      throw new AppError(
        'FORBIDDEN',
        'You can arrange cover for your own caseload only. Ask the practice owner.',
      );
    if (session.role !== 'owner' && session.role !== 'clinician')
      throw new AppError('FORBIDDEN', 'Only the owner or a clinician can arrange cover.');
    const absent = await getUser(db, input.absentId);
    if (!absent || absent.active !== 1 || (absent.role !== 'clinician' && absent.role !== 'owner'))
      throw new AppError('NOT_FOUND', 'Choose an active clinician whose caseload is to be covered.');
    if (input.covererId === input.absentId)
      throw new AppError('INVALID_INPUT', 'Choose a colleague other than the clinician who will be away.');
    if (!mayCover(await getUser(db, input.covererId)))
      throw new AppError('INVALID_INPUT', 'Cover can be given only to an active clinician or the owner.');
    const now = this.ctx.clock.now();
    let startsMs = Date.parse(input.startsAt);
    const endsMs = Date.parse(input.endsAt);
    if (startsMs < now - START_SLACK_MS)
      throw new AppError('INVALID_INPUT', 'The cover cannot start in the past. Choose now or a later time.');
    startsMs = Math.max(startsMs, now);
    if (endsMs <= startsMs) throw new AppError('INVALID_INPUT', 'The cover must end after it starts.');
    if (endsMs - startsMs > MAX_COVER_DAYS * DAY_MS)
      throw new AppError('INVALID_INPUT', `A cover lasts ${String(MAX_COVER_DAYS)} days at most.`);
    const id = randomUUID();
    await inTransaction(this.ctx, async (trx) => {
      await insertGrant(trx, {
        id,
        absent_id: input.absentId,
        coverer_id: input.covererId,
        granted_by: session.userId,
        starts_ms: startsMs,
        ends_ms: endsMs,
        reason: input.reason,
        granted_at: nowIso(this.ctx),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'cover.grant',
        targetType: 'cover',
        targetId: id,
        detail: {
          userId: input.absentId,
          covererId: input.covererId,
          startsAt: new Date(startsMs).toISOString(),
          endsAt: new Date(endsMs).toISOString(),
        },
      });
    });
    return this.view(session, await this.load(id));
  }

  async end(session: Session, grantId: string): Promise<Cover> {
    const row = await this.load(grantId);
    if (!this.involves(session, row)) throw new AppError('NOT_FOUND', 'That cover does not exist.');
    if (this.status(row) === 'ended') throw new AppError('CONFLICT', 'This cover has already ended.');
    if (!this.mayEnd(session, row))
      throw new AppError('FORBIDDEN', 'Only the person who arranged this cover, or the owner, can end it.');
    await inTransaction(this.ctx, async (trx) => {
      await insertEnd(trx, {
        grant_id: grantId,
        ended_ms: this.ctx.clock.now(),
        ended_by: session.userId,
        ended_at: nowIso(this.ctx),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'cover.end',
        targetType: 'cover',
        targetId: grantId,
        detail: { userId: row.absent_id, covererId: row.coverer_id },
      });
    });
    return this.view(session, await this.load(grantId));
  }

  async list(session: Session): Promise<CoverList> {
    const rows = await listGrants(readDb(this.ctx), {
      userId: session.role === 'owner' ? undefined : session.userId,
      sinceMs: this.ctx.clock.now() - RECENT_MS,
    });
    const names = await staffNames(
      readDb(this.ctx),
      rows.flatMap((r) => [r.absent_id, r.coverer_id, r.granted_by, r.ended_by ?? r.granted_by]),
    );
    return { covers: rows.map((r) => this.toCover(session, r, names)) };
  }

  private async load(id: string): Promise<CoverGrantRow> {
    const row = await getGrant(readDb(this.ctx), id);
    if (!row) throw new AppError('NOT_FOUND', 'That cover does not exist.');
    return row;
  }

  private involves(session: Session, r: CoverGrantRow): boolean {
    return session.role === 'owner' || [r.absent_id, r.coverer_id, r.granted_by].includes(session.userId);
  }

  private mayEnd(session: Session, r: CoverGrantRow): boolean {
    return this.status(r) !== 'ended' && (session.role === 'owner' || r.granted_by === session.userId);
  }

  private status(r: CoverGrantRow): Cover['status'] {
    const now = this.ctx.clock.now();
    if (r.ended_ms !== null || r.ends_ms <= now) return 'ended';
    return r.starts_ms > now ? 'upcoming' : 'in_force';
  }

  private async view(session: Session, r: CoverGrantRow): Promise<Cover> {
    const names = await staffNames(readDb(this.ctx), [
      r.absent_id,
      r.coverer_id,
      r.granted_by,
      r.ended_by ?? r.granted_by,
    ]);
    return this.toCover(session, r, names);
  }

  private toCover(session: Session, r: CoverGrantRow, names: Map<string, string>): Cover {
    const ref = (id: string) => ({ id, displayName: names.get(id) ?? '' });
    return {
      id: r.id,
      absent: ref(r.absent_id),
      coverer: ref(r.coverer_id),
      grantedBy: ref(r.granted_by),
      startsAt: new Date(r.starts_ms).toISOString(),
      endsAt: new Date(r.ends_ms).toISOString(),
      reason: r.reason,
      status: this.status(r),
      endedEarly:
        r.ended_ms !== null && r.ended_by !== null
          ? { at: new Date(r.ended_ms).toISOString(), by: ref(r.ended_by) }
          : null,
      mayEnd: this.mayEnd(session, r),
    };
  }
}
