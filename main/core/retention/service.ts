// The owner's retention desk (issue 19): the practice's retention setting, the charts past
// retention with their dates, and legal holds. Destruction is destroy.ts; deletion requests are
// deletion-requests.ts.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import {
  DEFAULT_RETENTION,
  HIPAA_DOCUMENTATION_YEARS,
  type LegalHold,
  type RetentionOverview,
  type RetentionSettings,
  type RetentionSettingsInput,
  type Tombstone,
} from '../../../preload/contract/retention.ts';
import { actorOf, inTransaction, nowIso, readDb, todayLocal, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { readSetting, writeSetting } from '../settings-store.ts';
import { staffNames } from '../staff/index.ts';
import { assessChart, chartsForReview, type ChartAssessment } from './assess.ts';
import { parseRetentionSetting, parseTombstoneRule } from './codecs.ts';
import { getHold, insertHold, liftHold, listTombstones, type HoldRow, type TombstoneRow } from './queries.ts';

const KEY = 'retention';

export async function readRetentionSetting(db: Kysely<DB>): Promise<RetentionSettingsInput> {
  const value = await readSetting(db, KEY);
  return value === undefined ? { ...DEFAULT_RETENTION } : parseRetentionSetting(value);
}

const withHipaa = (s: RetentionSettingsInput): RetentionSettings => ({
  ...s,
  hipaaYears: HIPAA_DOCUMENTATION_YEARS,
});

/** Only the owner, as the practice's records custodian, decides on retention (checked again here). */
export function assertOwner(session: Session): void {
  if (session.role !== 'owner')
    throw new AppError('FORBIDDEN', 'Only the practice owner can manage retention and destroy records.');
}

export const toTombstone = (t: TombstoneRow): Tombstone => ({
  clientId: t.client_id,
  chartNumber: t.chart_number,
  registeredOn: t.registered_on,
  lastVisitOn: t.last_visit_on,
  retainUntil: t.retention_until,
  rule: parseTombstoneRule(t.rule, t.client_id).text,
  reason: t.reason,
  approvedBy: t.approved_by_name,
  destroyedAt: t.destroyed_at,
  certificateFolder: t.certificate_folder,
  certificateSha256: t.certificate_sha256,
});

export class RetentionService {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  today(): string {
    return todayLocal(this.ctx);
  }

  async settings(): Promise<RetentionSettings> {
    return withHipaa(await readRetentionSetting(readDb(this.ctx)));
  }

  async updateSettings(session: Session, input: RetentionSettingsInput): Promise<RetentionSettings> {
    assertOwner(session);
    const before = await readRetentionSetting(readDb(this.ctx));
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await writeSetting(trx, KEY, JSON.stringify(input), now);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'retention.settingsUpdate',
        targetType: 'settings',
        targetId: KEY,
        detail: { before: { ...before }, after: { ...input } },
      });
    });
    return withHipaa(input);
  }

  /** The chart's retention date and what stands in the way of its destruction; null: no such chart. */
  async assessOrNull(db: Kysely<DB>, clientId: string): Promise<ChartAssessment | null> {
    return assessChart(db, clientId, this.today(), await readRetentionSetting(db));
  }

  async assess(db: Kysely<DB>, clientId: string): Promise<ChartAssessment> {
    const a = await this.assessOrNull(db, clientId);
    if (!a)
      throw new AppError('NOT_FOUND', 'That client record does not exist (it may have been destroyed).');
    return a;
  }

  async overview(session: Session): Promise<RetentionOverview> {
    assertOwner(session);
    const db = readDb(this.ctx);
    const rule = await readRetentionSetting(db);
    const today = this.today();
    const charts = await chartsForReview(db, today, rule);
    const names = await staffNames(
      db,
      charts.flatMap((c) => (c.hold ? [c.hold.placed_by] : [])),
    );
    const tombstones = await listTombstones(db);
    await inTransaction(this.ctx, (trx) =>
      this.ctx.audit.append(trx, actorOf(session), {
        action: 'retention.overview',
        detail: { clientIds: charts.map((c) => c.facts.id), count: charts.length },
      }),
    );
    return {
      settings: withHipaa(rule),
      today,
      charts: charts.map((c) => ({
        clientId: c.facts.id,
        chartNumber: c.facts.chartNumber,
        name: `${c.facts.lastName}, ${c.facts.firstName}`,
        status: c.facts.status,
        registeredOn: c.facts.registeredAt.slice(0, 10),
        lastVisitOn: c.lastVisitOn,
        dateOfBirth: c.facts.dateOfBirth,
        retainUntil: c.retainUntil,
        basis: c.basis,
        hold: c.hold ? toHold(c.hold, names) : null,
        blockers: c.blockers,
      })),
      tombstones: tombstones.map(toTombstone),
    };
  }

  async placeHold(session: Session, input: { clientId: string; reason: string }): Promise<LegalHold> {
    assertOwner(session);
    const id = randomUUID();
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      const a = await this.assess(trx, input.clientId);
      if (a.hold) throw new AppError('CONFLICT', 'This chart is already under a legal hold.');
      await insertHold(trx, {
        id,
        client_id: input.clientId,
        reason: input.reason,
        placed_by: session.userId,
        placed_at: now,
        lifted_by: null,
        lifted_at: null,
        lift_reason: null,
      });
      // The reason stays in the hold's row (it may name a case); the log keeps the hold's id.
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'retention.holdPlaced',
        targetType: 'client',
        targetId: input.clientId,
        detail: { holdId: id },
      });
    });
    return { id, reason: input.reason, placedOn: now.slice(0, 10), placedBy: session.displayName };
  }

  async liftHold(session: Session, input: { holdId: string; reason: string }): Promise<null> {
    assertOwner(session);
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      const hold = await getHold(trx, input.holdId);
      if (!hold || hold.lifted_at !== null)
        throw new AppError('NOT_FOUND', 'That legal hold does not exist or was already lifted.');
      await liftHold(trx, hold.id, session.userId, now, input.reason);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'retention.holdLifted',
        targetType: 'client',
        targetId: hold.client_id,
        detail: { holdId: hold.id },
      });
    });
    return null;
  }
}

function toHold(h: HoldRow, names: Map<string, string>): LegalHold {
  return {
    id: h.id,
    reason: h.reason,
    placedOn: h.placed_at.slice(0, 10),
    placedBy: names.get(h.placed_by) ?? 'Unknown',
  };
}
