// A client's diagnoses on the chart (issue 20): read, add, change status or onset, reorder, and the
// history of one. Clinical records: the owner and clinicians on the care team (clinicalAccess, as
// intake and notes); front desk is refused by role at the router and again here. Each change is new
// version rows and its audit entry in one transaction; every read is audited (45 CFR 164.312(b)).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import {
  MAX_RANKED_DIAGNOSES,
  type AddDiagnosisInput,
  type ChangeDiagnosisInput,
  type Diagnosis,
  type DiagnosisHistory,
  type DiagnosisList,
  type ReorderDiagnosesInput,
} from '../../../preload/contract/diagnoses.ts';
import { clinicalAccess, type ChartAccess } from '../access/index.ts';
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
import type { Session } from '../sessions/index.ts';
import { ensureCodeSet } from './code-list.ts';
import { checkCode, primaryWarning } from './code-rule.ts';
import { searchCodes } from './code-search.ts';
import { getDiagnosis, insertDiagnosis, insertVersion } from './queries.ts';
import { fullList, ranked, renumber } from './ranking.ts';
import { diagnosesAsOf, diagnosisHistory } from './read.ts';

const notFound = (): AppError => new AppError('NOT_FOUND', 'That diagnosis does not exist.');

/** A Part 2 diagnosis is shown only to readers of the chart's Part 2 records (42 CFR 2.12(c)(3)). */
const visibleTo = (access: Pick<ChartAccess, 'part2'>, d: Pick<Diagnosis, 'part2'>): boolean =>
  access.part2 || !d.part2;

/** The warnings a list carries: today only a Z code as primary. */
export const listWarnings = (list: readonly Diagnosis[]): string[] => {
  const w = primaryWarning(list.find((d) => d.current.rank === 1));
  return w ? [w] : [];
};

export class DiagnosesService {
  private readonly ctx: CoreContext;
  /** Databases whose code list was checked against the shipped file since they were opened. */
  private readonly codesChecked = new WeakSet<Kysely<DB>>();

  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  /** Loads the shipped code list when the database holds another version (at unlock, or first use). */
  async ensureCodes(): Promise<void> {
    const db = readDb(this.ctx);
    if (this.codesChecked.has(db)) return;
    const loaded = await ensureCodeSet(db, (fn) => inTransaction(this.ctx, fn), nowIso(this.ctx));
    if (loaded) this.ctx.logger.log('info', 'diagnoses.codeListLoaded', {});
    this.codesChecked.add(db);
  }

  async searchCodes(query: string): Promise<{ matches: { code: string; description: string }[] }> {
    await this.ensureCodes();
    return { matches: await searchCodes(readDb(this.ctx), query) };
  }

  async list(session: Session, clientId: string, asOf?: string): Promise<DiagnosisList> {
    const db = readDb(this.ctx);
    const access = await clinicalAccess(db, session, clientId, { reading: true });
    await recordAudit(this.ctx, actorOf(session), {
      action: 'diagnosis.view',
      targetType: 'client',
      targetId: clientId,
      ...(asOf ? { detail: { asOf } } : {}),
    });
    return this.shown(db, access, clientId, asOf);
  }

  async history(session: Session, diagnosisId: string): Promise<DiagnosisHistory> {
    const db = readDb(this.ctx);
    const row = await getDiagnosis(db, diagnosisId);
    if (!row) throw notFound();
    const access = await clinicalAccess(db, session, row.client_id, { reading: true });
    // A Part 2 diagnosis is as absent to a reader who may not see it as one that does not exist.
    if (row.part2 === 1 && !access.part2) throw notFound();
    const diagnosis = (await diagnosesAsOf(db, row.client_id)).find((d) => d.id === diagnosisId);
    if (!diagnosis) throw notFound();
    await recordAudit(this.ctx, actorOf(session), {
      action: 'diagnosis.view',
      targetType: 'client',
      targetId: row.client_id,
      detail: { diagnosisId },
    });
    return { diagnosis, versions: await diagnosisHistory(db, diagnosisId) };
  }

  async add(session: Session, input: z.output<typeof AddDiagnosisInput>): Promise<DiagnosisList> {
    await this.ensureCodes();
    const db = readDb(this.ctx);
    const access = await clinicalAccess(db, session, input.clientId);
    if (input.part2 && !access.part2) {
      throw new AppError(
        'FORBIDDEN',
        'Part 2 records of this chart are shown only to the client’s care team. Join the care team to record one.',
        {
          fields: [{ path: 'part2', message: 'Only the client’s care team can record a Part 2 diagnosis.' }],
        },
      );
    }
    this.checkOnset(input.onsetDate, access.client.date_of_birth);
    const checked = await checkCode(db, input.code, input.description);
    const id = randomUUID();
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      const current = await diagnosesAsOf(trx, input.clientId);
      const open = current.filter((d) => ranked(d.current.status));
      if (open.some((d) => d.code === checked.code)) {
        throw new AppError('CONFLICT', `${checked.code} is already on this client’s list.`, {
          fields: [{ path: 'code', message: 'This code is already on the list.' }],
        });
      }
      const order = open.map((d) => d.id);
      if (order.length >= MAX_RANKED_DIAGNOSES) throw fullList();
      const at = Math.min(input.rank ?? order.length + 1, order.length + 1);
      order.splice(at - 1, 0, id);
      await insertDiagnosis(trx, {
        id,
        client_id: input.clientId,
        code: checked.code,
        description: checked.description,
        in_code_set: checked.inCodeSet ? 1 : 0,
        part2: input.part2 ? 1 : 0,
        recorded_by: session.userId,
        recorded_at: now,
      });
      await insertVersion(trx, {
        diagnosis_id: id,
        version: 1,
        client_id: input.clientId,
        status: input.status,
        rank: at,
        onset_date: input.onsetDate ?? null,
        reason: null,
        by_user: session.userId,
        at: now,
      });
      const moved = await renumber(trx, session.userId, current, order, id, now);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'diagnosis.add',
        targetType: 'client',
        targetId: input.clientId,
        detail: { diagnosisId: id, rank: at, inCodeSet: checked.inCodeSet, part2: input.part2, moved },
      });
    });
    return this.shown(db, access, input.clientId);
  }

  async change(session: Session, input: z.output<typeof ChangeDiagnosisInput>): Promise<DiagnosisList> {
    const db = readDb(this.ctx);
    const row = await getDiagnosis(db, input.diagnosisId);
    if (!row) throw notFound();
    const access = await clinicalAccess(db, session, row.client_id);
    if (row.part2 === 1 && !access.part2) throw notFound();
    this.checkOnset(input.onsetDate ?? undefined, access.client.date_of_birth);
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      const current = await diagnosesAsOf(trx, row.client_id);
      const d = current.find((x) => x.id === row.id);
      if (!d) throw notFound();
      const was = d.current;
      if (was.status === 'entered_in_error') {
        throw new AppError(
          'CONFLICT',
          'This diagnosis was marked entered in error; it stays in the history as it was. Add the right diagnosis instead.',
        );
      }
      if (was.status === input.status && was.onsetDate === input.onsetDate && !input.reason) {
        throw new AppError('CONFLICT', 'Nothing changed: choose another status or onset date.');
      }
      const order = current.filter((x) => ranked(x.current.status)).map((x) => x.id);
      const without = order.filter((x) => x !== d.id);
      let newOrder = order;
      if (!ranked(input.status)) newOrder = without;
      else if (!ranked(was.status)) {
        if (without.length >= MAX_RANKED_DIAGNOSES) throw fullList();
        newOrder = [...without, d.id];
      }
      const rank = ranked(input.status) ? newOrder.indexOf(d.id) + 1 : null;
      await insertVersion(trx, {
        diagnosis_id: d.id,
        version: was.version + 1,
        client_id: row.client_id,
        status: input.status,
        rank,
        onset_date: input.onsetDate,
        reason: input.reason ?? null,
        by_user: session.userId,
        at: now,
      });
      const moved = await renumber(trx, session.userId, current, newOrder, d.id, now);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'diagnosis.change',
        targetType: 'client',
        targetId: row.client_id,
        detail: {
          diagnosisId: d.id,
          from: was.status,
          to: input.status,
          onsetChanged: was.onsetDate !== input.onsetDate,
          moved,
        },
      });
    });
    return this.shown(db, access, row.client_id);
  }

  async reorder(session: Session, input: z.output<typeof ReorderDiagnosesInput>): Promise<DiagnosisList> {
    const db = readDb(this.ctx);
    const access = await clinicalAccess(db, session, input.clientId);
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      const current = await diagnosesAsOf(trx, input.clientId);
      const order = current.filter((d) => ranked(d.current.status));
      if (order.some((d) => !visibleTo(access, d))) {
        throw new AppError(
          'FORBIDDEN',
          'This list includes Part 2 diagnoses shown only to the client’s care team; only the care team can reorder it.',
        );
      }
      const wanted = new Set(input.order);
      if (
        wanted.size !== input.order.length ||
        wanted.size !== order.length ||
        order.some((d) => !wanted.has(d.id))
      ) {
        throw new AppError(
          'CONFLICT',
          'The list changed while you were reordering it. Reload the diagnoses and try again.',
        );
      }
      const moved = await renumber(trx, session.userId, current, input.order, null, now);
      if (moved === 0) return;
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'diagnosis.reorder',
        targetType: 'client',
        targetId: input.clientId,
        detail: { moved },
      });
    });
    return this.shown(db, access, input.clientId);
  }

  /** An onset is a day the client lived: not after today, not before their birth. */
  private checkOnset(onset: string | undefined, dateOfBirth: string): void {
    const problem =
      onset === undefined
        ? null
        : onset > todayLocal(this.ctx)
          ? 'The onset date cannot be in the future.'
          : onset < dateOfBirth
            ? 'The onset date cannot be before the client’s date of birth.'
            : null;
    if (problem)
      throw new AppError('INVALID_INPUT', problem, { fields: [{ path: 'onsetDate', message: problem }] });
  }

  private async shown(
    db: Kysely<DB>,
    access: ChartAccess,
    clientId: string,
    asOf?: string,
  ): Promise<DiagnosisList> {
    const all = await diagnosesAsOf(db, clientId, asOf);
    const diagnoses = all.filter((d) => visibleTo(access, d));
    return {
      clientId,
      diagnoses,
      // From what this reader sees: a warning must not name a hidden Part 2 diagnosis.
      warnings: listWarnings(diagnoses),
      hiddenPart2: all.length - diagnoses.length,
      asOf: asOf ?? null,
    };
  }
}
