// Emergency ("break-glass") access (issue 21; DESIGN.md section 3, LEGAL.md 2.51). The one rule for
// when a grant is in force is `inForce`: from its stored start for its stored minutes (the practice
// setting captured when it was opened), by main's clock. Nothing the renderer says moves it, and a
// grant row cannot be changed (migration 0021's triggers), so an expiry edited in the database is
// refused, not believed. chartAccess reaches it through the session's temporaryAccess lookup.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import {
  EMERGENCY_MINUTES,
  EMERGENCY_REASON_LABELS,
  EmergencySettings,
  type EmergencyCandidate,
  type EmergencyEvent,
  type EmergencyGrant,
  type FindEmergencyInput,
  type OpenEmergencyInput,
} from '../../../preload/contract/emergency-access.ts';
import { chartRights, ListReadLog, type TemporaryGrant } from '../access/index.ts';
import { clientByChartAndBirth, clientLabels, getClient, onCareTeamOf } from '../clients/index.ts';
import { actorOf, inTransaction, nowIso, readDb, todayLocal, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { insertDisclosure } from '../releases/index.ts';
import type { Session } from '../sessions/index.ts';
import { readSetting, writeSetting } from '../settings-store.ts';
import { staffNames } from '../staff/index.ts';
import {
  getGrant,
  grantsOf,
  insertAcknowledgement,
  insertGrant,
  unacknowledgedFor,
  type GrantRow,
} from './queries.ts';

type OpenInput = z.output<typeof OpenEmergencyInput>;
type FindInput = z.output<typeof FindEmergencyInput>;

const SETTING_KEY = 'emergencyAccess';

/** When a grant ends: its stored start plus its stored minutes (never a stored expiry). */
export const endOf = (row: Pick<GrantRow, 'started_at' | 'duration_minutes'>): number =>
  Date.parse(row.started_at) + row.duration_minutes * 60_000;

/** The one rule: a grant is in force from its start until its end, by main's clock. */
export const inForce = (row: Pick<GrantRow, 'started_at' | 'duration_minutes'>, now: number): boolean => {
  const start = Date.parse(row.started_at);
  return Number.isFinite(start) && start <= now && now < endOf(row);
};

export class EmergencyAccessService {
  private readonly ctx: CoreContext;
  /** The home-screen list names clients: each read is audited, per client (read-log.ts). */
  private readonly listLog: ListReadLog;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
    this.listLog = new ListReadLog(ctx, 'emergency.list');
    // Every session gets the lookup chartAccess asks (main's clock, this room's rule).
    ctx.sessions.onStart((session) => {
      session.temporaryAccess = (db, clientId) => this.lookup(db, session.userId, clientId);
    });
  }

  private get db() {
    return readDb(this.ctx);
  }

  /** The grant in force now for this person on this client, as chartAccess sees it. */
  async lookup(db: Kysely<DB>, userId: string, clientId: string): Promise<TemporaryGrant | null> {
    const row = await this.current(db, userId, clientId);
    if (!row) return null;
    return {
      kind: 'emergency',
      grantId: row.id,
      readOnly: true,
      part2: row.reason === 'medical_emergency',
      expiresAt: new Date(endOf(row)).toISOString(),
    };
  }

  private async current(db: Kysely<DB>, userId: string, clientId: string): Promise<GrantRow | null> {
    const now = this.ctx.clock.now();
    return (await grantsOf(db, userId, clientId)).find((r) => inForce(r, now)) ?? null;
  }

  private view(row: GrantRow): EmergencyGrant {
    const end = endOf(row);
    return {
      id: row.id,
      clientId: row.client_id,
      reason: row.reason,
      startedAt: row.started_at,
      expiresAt: new Date(end).toISOString(),
      remainingSeconds: Math.max(0, Math.ceil((end - this.ctx.clock.now()) / 1000)),
      part2: row.reason === 'medical_emergency',
    };
  }

  async minutes(db: Kysely<DB> = this.db): Promise<number> {
    const raw = await readSetting(db, SETTING_KEY);
    if (raw === undefined) return EMERGENCY_MINUTES.default;
    try {
      const parsed = EmergencySettings.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data.minutes : EMERGENCY_MINUTES.default;
    } catch {
      return EMERGENCY_MINUTES.default;
    }
  }

  async getSettings(): Promise<EmergencySettings> {
    return { minutes: await this.minutes() };
  }

  async setSettings(session: Session, input: EmergencySettings): Promise<EmergencySettings> {
    await inTransaction(this.ctx, async (trx) => {
      const before = await this.minutes(trx);
      await writeSetting(trx, SETTING_KEY, JSON.stringify({ minutes: input.minutes }), nowIso(this.ctx));
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'emergency.settings',
        detail: { from: before, to: input.minutes },
      });
    });
    return this.getSettings();
  }

  /**
   * The client to break the glass on, found by chart number and date of birth together. A find
   * names a client to someone off the care team, so it is audited; a miss says nothing about which
   * of the two was wrong, and is audited as a denied access (someone trying combinations shows).
   */
  async find(session: Session, input: FindInput): Promise<EmergencyCandidate> {
    if (session.role === 'front_desk')
      throw new AppError(
        'FORBIDDEN',
        'Emergency access is for clinicians; front desk cannot open clinical records.',
      );
    const db = this.db;
    const found = await clientByChartAndBirth(db, input.chartNumber, input.dateOfBirth);
    if (!found)
      throw new AppError(
        'NOT_FOUND',
        'No client has that chart number and date of birth. Check both against the client’s records.',
        { refused: true },
      );
    const alreadyOpen = session.role === 'owner' || (await onCareTeamOf(db, found, session.userId));
    await inTransaction(this.ctx, async (trx) => {
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'emergency.find',
        targetType: 'client',
        targetId: found.id,
      });
    });
    return {
      clientId: found.id,
      name: `${found.label.legal_first_name} ${found.label.legal_last_name}`,
      chartNumber: found.label.chart_number,
      dateOfBirth: found.dateOfBirth,
      alreadyOpen,
    };
  }

  /** Break the glass. Refused to front desk, to whoever the care team already includes. */
  async open(session: Session, input: OpenInput): Promise<EmergencyGrant> {
    if (session.role === 'front_desk')
      throw new AppError(
        'FORBIDDEN',
        'Emergency access is for clinicians; front desk cannot open clinical records.',
      );
    const db = this.db;
    const client = await getClient(db, input.clientId);
    if (!client) throw new AppError('NOT_FOUND', 'That client record does not exist.');
    if (await onCareTeamOf(db, client, session.userId))
      throw new AppError(
        'CONFLICT',
        'You are on this client’s care team and can open the chart already; emergency access is not needed.',
      );
    // The owner reads every chart but Part 2 records; only a 2.51 medical emergency adds those.
    if (chartRights(session.role, false) && input.reason !== 'medical_emergency')
      throw new AppError(
        'CONFLICT',
        'As the owner you can open this chart already. Emergency access adds only Part 2 records, in a medical emergency (42 CFR 2.51).',
      );
    const existing = await this.current(db, session.userId, client.id);
    if (existing) return this.view(existing);
    const id = randomUUID();
    const startedAt = nowIso(this.ctx);
    const minutes = await this.minutes();
    const details = input.details?.trim() ? input.details.trim() : null;
    const medical = input.reason === 'medical_emergency';
    const disclosureId = medical ? randomUUID() : null;
    await inTransaction(this.ctx, async (trx) => {
      if (medical && disclosureId) {
        // 42 CFR 2.51(c): the disclosure of Part 2 records in a medical emergency, in the accounting.
        await insertDisclosure(trx, {
          id: disclosureId,
          client_id: client.id,
          request_id: null,
          disclosed_on: todayLocal(this.ctx),
          recipient_name: input.recipientName ?? session.displayName,
          recipient_address: input.recipientFacility ?? null,
          description: 'Part 2 records opened under emergency access',
          purpose: `Medical emergency (42 CFR 2.51), at ${startedAt}, disclosed by ${session.displayName}: ${details ?? ''}`,
          basis: 'emergency',
          manual: 0,
          manifest_sha256: null,
          package_name: null,
          recorded_by: session.userId,
          recorded_at: startedAt,
        });
      }
      await insertGrant(trx, {
        id,
        client_id: client.id,
        user_id: session.userId,
        reason: input.reason,
        reason_text: details,
        started_at: startedAt,
        duration_minutes: minutes,
        recipient_name: medical ? (input.recipientName ?? null) : null,
        recipient_facility: medical ? (input.recipientFacility ?? null) : null,
        disclosure_id: disclosureId,
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'emergency.open',
        targetType: 'client',
        targetId: client.id,
        detail: { grantId: id, reason: input.reason, minutes, startedAt, disclosureId },
      });
    });
    const row = await getGrant(db, id);
    if (!row) throw new AppError('INTERNAL', 'The emergency access was not recorded.');
    return this.view(row);
  }

  /** The caller's grant in force on a client, or null (expired, never opened). */
  async status(
    session: Session,
    clientId: string,
  ): Promise<{ grant: EmergencyGrant | null; minutes: number; endedAt: string | null }> {
    const db = this.db;
    const now = this.ctx.clock.now();
    const rows = await grantsOf(db, session.userId, clientId);
    const row = rows.find((r) => inForce(r, now));
    const last = rows[0];
    const endedAt = !row && last && endOf(last) <= now ? new Date(endOf(last)).toISOString() : null;
    return { grant: row ? this.view(row) : null, minutes: await this.minutes(db), endedAt };
  }

  async listUnacknowledged(session: Session): Promise<{ events: EmergencyEvent[] }> {
    const rows = await unacknowledgedFor(this.db, {
      userId: session.userId,
      owner: session.role === 'owner',
    });
    const now = this.ctx.clock.now();
    const labels = await clientLabels(
      this.db,
      rows.map((r) => r.client_id),
    );
    const names = await staffNames(
      this.db,
      rows.map((r) => r.user_id),
    );
    await this.listLog.record(
      session,
      rows.map((r) => r.client_id),
    );
    return {
      events: rows.map((r) => ({
        id: r.id,
        clientId: r.client_id,
        clientName: `${labels.get(r.client_id)?.legal_first_name ?? ''} ${labels.get(r.client_id)?.legal_last_name ?? ''}`,
        chartNumber: labels.get(r.client_id)?.chart_number ?? '',
        byName: names.get(r.user_id) ?? '',
        reason: r.reason,
        details: r.reason_text,
        startedAt: r.started_at,
        expiresAt: new Date(endOf(r)).toISOString(),
        active: inForce(r, now),
      })),
    };
  }

  async acknowledge(session: Session, grantId: string): Promise<null> {
    const mine = (
      await unacknowledgedFor(this.db, { userId: session.userId, owner: session.role === 'owner' })
    ).some((e) => e.id === grantId);
    if (!mine) throw new AppError('NOT_FOUND', 'That emergency access is not on your list to acknowledge.');
    const row = await getGrant(this.db, grantId);
    await inTransaction(this.ctx, async (trx) => {
      await insertAcknowledgement(trx, {
        grant_id: grantId,
        user_id: session.userId,
        acknowledged_at: nowIso(this.ctx),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'emergency.acknowledge',
        targetType: 'client',
        targetId: row?.client_id,
        detail: { grantId },
      });
    });
    return null;
  }
}

export const reasonLabel = (r: GrantRow['reason']): string => EMERGENCY_REASON_LABELS[r];
