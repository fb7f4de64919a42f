// The clinical intake, consents and screening measures. Clinicians on the care team and the
// owner only: the router refuses front desk by role, and clinicalAccess refuses it again here.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { IntakeRow } from '../../../db/schema.ts';
import { isMinor } from '../../../preload/contract/clients.ts';
import type {
  ConsentInput,
  ConsentRecord,
  IntakeInput,
  IntakeRecord,
  RiskScreening,
  ScreeningInput,
  ScreeningRecord,
} from '../../../preload/contract/intake.ts';
import { score, type Severity } from '../../../preload/contract/screening.ts';
import {
  actorOf,
  inTransaction,
  nowIso,
  readDb,
  recordAudit,
  todayLocal,
  type CoreContext,
} from '../context.ts';
import { AppError } from '../errors.ts';
import type { FieldIssue } from '../../../preload/contract/common.ts';
import type { Session } from '../sessions/index.ts';
import { getUser } from '../staff/index.ts';
import { clinicalAccess } from '../access/index.ts';
import { parseItems, parseRisk } from './codecs.ts';
import { episodeOn, isConfidentialBasis, listEpisodes } from './episodes.ts';
import { listGuardians } from './queries.ts';
import {
  getIntake,
  insertConsent,
  insertScreening,
  listConsents,
  listScreenings,
  markIntakeCompleted,
  upsertIntake,
} from './intake-queries.ts';

/** `part2`: whether the reader may see Part 2 records of this chart (chartAccess); if not, a Part 2 section is left out. */
const toIntake = (row: IntakeRow, names: Map<string, string>, part2: boolean): IntakeRecord => ({
  clientId: row.client_id,
  presentingConcern: row.presenting_concern,
  psychiatricHistory: row.psychiatric_history,
  medicalHistory: row.medical_history,
  medications: row.medications,
  pcpName: row.pcp_name,
  pcpPhone: row.pcp_phone,
  substanceUse: row.substance_use_part2 === 1 && !part2 ? null : row.substance_use,
  substanceUsePart2: row.substance_use_part2 === 1,
  risk: parseRisk(row.risk, row.client_id),
  status: row.status,
  completedAt: row.completed_at,
  completedBy: row.completed_by ? (names.get(row.completed_by) ?? 'Unknown') : null,
  updatedAt: row.updated_at,
  updatedBy: names.get(row.updated_by) ?? 'Unknown',
});

const riskColumn = (r: z.output<typeof RiskScreening>): string =>
  JSON.stringify({
    suicidalIdeation: r.suicidalIdeation,
    suicidePlan: r.suicidePlan,
    suicideIntent: r.suicideIntent,
    accessToMeans: r.accessToMeans,
    selfHarmHistory: r.selfHarmHistory,
    homicidalIdeation: r.homicidalIdeation,
    protectiveFactors: r.protectiveFactors ?? null,
    level: r.level,
    safetyPlan: r.safetyPlan ?? null,
  });

export class IntakeService {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  private async names(ids: (string | null)[]): Promise<Map<string, string>> {
    const db = readDb(this.ctx);
    const map = new Map<string, string>();
    for (const id of new Set(ids.filter((x): x is string => x !== null))) {
      const u = await getUser(db, id);
      if (u) map.set(id, u.display_name);
    }
    return map;
  }

  async get(
    session: Session,
    clientId: string,
  ): Promise<{ intake: IntakeRecord | null; consents: ConsentRecord[] }> {
    const db = readDb(this.ctx);
    const access = await clinicalAccess(db, session, clientId, { reading: true });
    const row = await getIntake(db, clientId);
    const consents = await listConsents(db, clientId);
    await recordAudit(this.ctx, actorOf(session), {
      action: 'intake.view',
      targetType: 'client',
      targetId: clientId,
    });
    const names = await this.names([row?.updated_by ?? null, row?.completed_by ?? null]);
    return {
      intake: row ? toIntake(row, names, access.part2) : null,
      consents: consents.map((c) => ({
        id: c.id,
        kind: c.kind,
        givenOn: c.given_on,
        basis: c.basis,
        confidentialFromGuardian: isConfidentialBasis(c.basis),
        legalBasis: c.legal_basis,
        notes: c.notes,
        recordedBy: c.recorded_by_name,
        recordedAt: c.recorded_at,
        signatures: c.signatures.map((s) => ({
          signerName: s.signer_name,
          signerRole: s.signer_role as ConsentRecord['signatures'][number]['signerRole'],
          authority: s.authority,
          signedOn: s.signed_on,
          witnessName: s.witness_name,
        })),
      })),
    };
  }

  async save(session: Session, input: z.output<typeof IntakeInput>): Promise<IntakeRecord> {
    const db = readDb(this.ctx);
    const access = await clinicalAccess(db, session, input.clientId);
    const existing = await getIntake(db, input.clientId);
    // A Part 2 section the reader may not see (the owner off the care team) is kept as it is;
    // writing over it unseen is refused.
    const keepPart2 = existing?.substance_use_part2 === 1 && !access.part2;
    if (keepPart2 && (input.substanceUse ?? '') !== '') {
      throw new AppError(
        'FORBIDDEN',
        'The substance-use section is a Part 2 record, shown only to the client’s care team. Join the care team to change it.',
        {
          fields: [{ path: 'substanceUse', message: 'Only the client’s care team can change this section.' }],
        },
      );
    }
    const substance = keepPart2
      ? { substance_use: existing.substance_use, substance_use_part2: 1 }
      : { substance_use: input.substanceUse ?? null, substance_use_part2: input.substanceUsePart2 ? 1 : 0 };
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await upsertIntake(trx, {
        client_id: input.clientId,
        presenting_concern: input.presentingConcern ?? null,
        psychiatric_history: input.psychiatricHistory ?? null,
        medical_history: input.medicalHistory ?? null,
        medications: input.medications ?? null,
        pcp_name: input.pcpName ?? null,
        pcp_phone: input.pcpPhone ?? null,
        ...substance,
        risk: riskColumn(input.risk),
        status: existing?.status ?? 'in_progress',
        completed_at: existing?.completed_at ?? null,
        completed_by: existing?.completed_by ?? null,
        updated_at: now,
        updated_by: session.userId,
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'intake.save',
        targetType: 'client',
        targetId: input.clientId,
        detail: {
          part2: substance.substance_use_part2 === 1,
          riskLevel: input.risk.level,
          completed: existing?.status === 'completed',
        },
      });
    });
    const row = await getIntake(db, input.clientId);
    if (!row) throw new Error('intake vanished after save');
    return toIntake(row, await this.names([row.updated_by, row.completed_by]), access.part2);
  }

  /** Marks the intake complete once everything it needs is on file. */
  async complete(session: Session, clientId: string): Promise<IntakeRecord> {
    const db = readDb(this.ctx);
    const { client, part2 } = await clinicalAccess(db, session, clientId);
    const intake = await getIntake(db, clientId);
    const missing: FieldIssue[] = [];
    if (!intake) missing.push({ path: 'intake', message: 'Save the intake first.' });
    else if (!intake.presenting_concern)
      missing.push({ path: 'presentingConcern', message: 'Describe the presenting concern.' });
    const consents = await listConsents(db, clientId);
    for (const kind of ['treatment', 'privacy_notice'] as const) {
      if (!consents.some((c) => c.kind === kind)) {
        missing.push({
          path: `consents.${kind}`,
          message:
            kind === 'treatment'
              ? 'Record the consent to treatment.'
              : 'Record the notice of privacy practices acknowledgment.',
        });
      }
    }
    if (isMinor(client.date_of_birth, todayLocal(this.ctx)) && !client.minor_self_consent_basis) {
      if ((await listGuardians(db, clientId)).length === 0) {
        missing.push({
          path: 'guardians',
          message: 'A client under 18 needs a guardian on file before the intake is complete.',
        });
      }
    }
    if (missing.length > 0 || !intake) {
      throw new AppError('CONFLICT', 'The intake cannot be completed yet.', { fields: missing });
    }
    if (intake.status === 'completed') throw new AppError('CONFLICT', 'This intake is already complete.');
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await markIntakeCompleted(trx, clientId, session.userId, now);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'intake.complete',
        targetType: 'client',
        targetId: clientId,
      });
    });
    const row = await getIntake(db, clientId);
    if (!row) throw new Error('intake vanished after completion');
    return toIntake(row, await this.names([row.updated_by, row.completed_by]), part2);
  }

  async recordConsent(session: Session, input: z.output<typeof ConsentInput>): Promise<ConsentRecord> {
    const db = readDb(this.ctx);
    const { client } = await clinicalAccess(db, session, input.clientId);
    const minor = isMinor(client.date_of_birth, input.givenOn);
    // 45 CFR 164.502(g): a minor's guardian acts for them, except for care the minor lawfully
    // controls (LEGAL.md, minors); an adult consents for themselves or through a representative.
    if (!minor && isConfidentialBasis(input.basis)) {
      throw new AppError('INVALID_INPUT', 'The client was not a minor on this date.', {
        fields: [{ path: 'basis', message: 'Only a client under 18 can be recorded on this basis.' }],
      });
    }
    if (minor && input.basis === 'client') {
      throw new AppError('INVALID_INPUT', 'The client was a minor on this date: record who consented.', {
        fields: [
          {
            path: 'basis',
            message: 'Choose the parent or guardian, or the basis on which the minor consented.',
          },
        ],
      });
    }
    const id = randomUUID();
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await insertConsent(
        trx,
        {
          id,
          client_id: input.clientId,
          kind: input.kind,
          given_on: input.givenOn,
          minor_consented_alone: input.basis === 'minor_alone' ? 1 : 0,
          basis: input.basis,
          legal_basis: input.legalBasis ?? null,
          notes: input.notes ?? null,
          recorded_by: session.userId,
          recorded_at: now,
        },
        input.signatures.map((s) => ({
          id: randomUUID(),
          signer_name: s.signerName,
          signer_role: s.signerRole,
          authority: s.authority ?? null,
          signed_on: s.signedOn,
          witness_name: s.witnessName ?? null,
        })),
      );
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'consent.record',
        targetType: 'client',
        targetId: input.clientId,
        detail: {
          kind: input.kind,
          signatures: input.signatures.length,
          basis: input.basis,
        },
      });
    });
    const consents = (await this.get(session, input.clientId)).consents;
    const created = consents.find((c) => c.id === id);
    if (!created) throw new Error('consent vanished after save');
    return created;
  }

  async recordScreening(session: Session, input: z.output<typeof ScreeningInput>): Promise<ScreeningRecord> {
    const db = readDb(this.ctx);
    await clinicalAccess(db, session, input.clientId);
    const result = score(input.instrument, input.items);
    const id = randomUUID();
    // Marked with its episode of care when it is made (LEGAL.md, minors).
    const episode = episodeOn(await listEpisodes(db, input.clientId), input.administeredOn);
    await inTransaction(this.ctx, async (trx) => {
      await insertScreening(trx, {
        id,
        client_id: input.clientId,
        instrument: input.instrument,
        administered_on: input.administeredOn,
        items: JSON.stringify(input.items),
        total: result.total,
        severity: result.severity,
        item9_positive: result.item9Positive ? 1 : 0,
        difficulty: input.difficulty ?? null,
        context: input.context,
        administered_by: session.userId,
        created_at: nowIso(this.ctx),
        episode_id: episode?.id ?? null,
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'screening.record',
        targetType: 'client',
        targetId: input.clientId,
        detail: { instrument: input.instrument, followUpFlag: result.item9Positive },
      });
    });
    const list = await this.listScreenings(session, input.clientId, { audit: false });
    const created = list.find((s) => s.id === id);
    if (!created) throw new Error('screening vanished after save');
    return created;
  }

  async listScreenings(
    session: Session,
    clientId: string,
    options: { audit?: boolean } = {},
  ): Promise<ScreeningRecord[]> {
    const db = readDb(this.ctx);
    // A read: emergency access shows the screenings (item 9 of a PHQ-9 is what a crisis needs).
    await clinicalAccess(db, session, clientId, { reading: true });
    if (options.audit !== false) {
      await recordAudit(this.ctx, actorOf(session), {
        action: 'screening.view',
        targetType: 'client',
        targetId: clientId,
      });
    }
    return (await listScreenings(db, clientId)).map((s) => ({
      id: s.id,
      instrument: s.instrument,
      administeredOn: s.administered_on,
      items: parseItems(s.items, s.id),
      total: s.total,
      severity: s.severity as Severity,
      item9Positive: s.item9_positive === 1,
      difficulty: s.difficulty,
      context: s.context,
      administeredBy: s.administered_by_name,
    }));
  }
}
