// The restriction register of a chart (45 CFR 164.522(a)): record a client's request, agree or
// decline it, end it. Anyone who works the chart records a request and reads the register; the
// client's primary clinician or the owner decides and ends one. Every change is audited with it.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  DecideRestrictionInput,
  RecordRestrictionInput,
  Restriction,
  RestrictionList,
  TerminateRestrictionInput,
} from '../../../preload/contract/restrictions.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import { chartAccess } from '../access/index.ts';
import { actorOf, inTransaction, nowIso, readDb, recordAudit, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { signedNotesByIds } from '../notes/index.ts';
import type { Session } from '../sessions/index.ts';
import { staffNames } from '../staff/index.ts';
import {
  clientRestrictions,
  getRestriction,
  insertRestriction,
  parseRestriction,
  updateRestriction,
  type RestrictionRow,
} from './queries.ts';
import { recipientWords, restrictionWords, type RestrictionView } from './rules.ts';

// The router hands over parsed input.
type RecordInput = z.output<typeof RecordRestrictionInput>;
type DecideInput = z.output<typeof DecideRestrictionInput>;
type TerminateInput = z.output<typeof TerminateRestrictionInput>;

const SELF_PAY_RULE =
  'The practice must agree not to disclose to a health plan, for payment or health care operations, care the client paid for in full out of pocket (45 CFR 164.522(a)(1)(vi)).';

function effectOf(v: RestrictionView, row: RestrictionRow): string {
  switch (v.status) {
    case 'requested':
      return 'Waiting for a decision: releases are not limited until the practice agrees.';
    case 'declined':
      return 'Declined: releases are not limited by it.';
    case 'agreed':
      return `In force: releases to ${recipientWords(v.recipient)} leave these records out, except emergency treatment and disclosures the law requires.`;
    case 'terminated':
      return row.terminated_how === 'practice_notice'
        ? `Ended by the practice on ${usDate(row.terminated_on ?? '')}: records created from then on are not covered; earlier records still are (45 CFR 164.522(a)(2)(iii)).`
        : `Ended on ${usDate(row.terminated_on ?? '')} at the client’s request: releases are no longer limited by it.`;
  }
}

export class RestrictionsService {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  private get db() {
    return readDb(this.ctx);
  }

  /** The client's primary clinician or the owner decides (as for a release, DESIGN.md section 5). */
  private async mayDecide(session: Session, clientId: string): Promise<boolean> {
    if (session.role === 'owner') return true;
    if (session.role !== 'clinician') return false;
    const { client } = await chartAccess(this.db, session, clientId);
    return client.primary_clinician_id === session.userId;
  }

  private async loadForDecision(session: Session, id: string): Promise<RestrictionRow> {
    const row = await getRestriction(this.db, id);
    if (!row) throw new AppError('NOT_FOUND', 'That restriction request does not exist.');
    await chartAccess(this.db, session, row.client_id);
    if (!(await this.mayDecide(session, row.client_id)))
      throw new AppError(
        'FORBIDDEN',
        'Only the client’s primary clinician or the practice owner can decide on or end a restriction.',
      );
    return row;
  }

  private async views(clientId: string, rows: RestrictionRow[]): Promise<Restriction[]> {
    const parsed = rows.map((row) => ({ row, v: parseRestriction(row) }));
    const names = await staffNames(
      this.db,
      rows.flatMap((r) =>
        [r.created_by, r.decided_by, r.terminated_by].filter((x): x is string => x !== null),
      ),
    );
    const noteIds = [...new Set(parsed.flatMap((p) => p.v.scope.noteIds))];
    const notes = new Map(
      (await signedNotesByIds(this.db, clientId, noteIds)).map((n) => [
        n.id,
        `${n.kind === 'psychotherapy' ? 'Psychotherapy note' : 'Progress note'} of ${usDate(n.service_date)}`,
      ]),
    );
    const name = (id: string | null) => (id ? (names.get(id) ?? 'A former staff member') : '');
    return parsed.map(({ row, v }) => ({
      id: row.id,
      clientId: row.client_id,
      receivedOn: row.received_on,
      request: row.request_text,
      selfPay: v.selfPay,
      scope: v.scope,
      recipient: v.recipient,
      purposes: v.purposes,
      summary: restrictionWords(v),
      notes: v.scope.noteIds.map((id) => ({ id, label: notes.get(id) ?? 'A note no longer on file' })),
      status: v.status,
      decision: row.decided_on
        ? { on: row.decided_on, by: name(row.decided_by), reason: row.decision_reason }
        : null,
      termination:
        row.terminated_on && row.terminated_how
          ? {
              how: row.terminated_how,
              on: row.terminated_on,
              by: name(row.terminated_by),
              note: row.termination_note ?? '',
            }
          : null,
      effect: effectOf(v, row),
      recordedBy: name(row.created_by),
      recordedAt: row.created_at,
    }));
  }

  private async one(clientId: string, id: string): Promise<Restriction> {
    const row = await getRestriction(this.db, id);
    if (!row) throw new AppError('NOT_FOUND', 'That restriction request does not exist.');
    const [view] = await this.views(clientId, [row]);
    if (!view) throw new AppError('NOT_FOUND', 'That restriction request does not exist.');
    return view;
  }

  async list(session: Session, clientId: string): Promise<RestrictionList> {
    const access = await chartAccess(this.db, session, clientId);
    const restrictions = await this.views(clientId, await clientRestrictions(this.db, clientId));
    await recordAudit(this.ctx, actorOf(session), {
      action: 'restriction.view',
      targetType: 'client',
      targetId: clientId,
      detail: { count: restrictions.length },
    });
    return {
      restrictions,
      mayDecide: await this.mayDecide(session, clientId),
      mayNameNotes: access.clinical,
    };
  }

  async record(session: Session, input: RecordInput): Promise<Restriction> {
    const access = await chartAccess(this.db, session, input.clientId);
    const noteIds = [...new Set(input.scope.noteIds)];
    if (noteIds.length > 0) {
      // Naming notes means reading which notes there are: clinical access (front desk never).
      if (!access.clinical)
        throw new AppError(
          'FORBIDDEN',
          'Only a clinician can name specific notes; choose kinds of record and dates.',
        );
      const found = await signedNotesByIds(this.db, input.clientId, noteIds);
      if (found.length !== noteIds.length) {
        const message = 'Name only signed notes in this client’s chart.';
        throw new AppError('INVALID_INPUT', message, { fields: [{ path: 'scope.noteIds', message }] });
      }
    }
    const id = randomUUID();
    const now = nowIso(this.ctx);
    const scope = { ...input.scope, noteIds };
    await inTransaction(this.ctx, async (trx) => {
      await insertRestriction(trx, {
        id,
        client_id: input.clientId,
        received_on: input.receivedOn,
        request_text: input.request,
        self_pay: input.selfPay ? 1 : 0,
        scope: JSON.stringify(scope),
        recipient: JSON.stringify(input.recipient),
        purposes: JSON.stringify([...new Set(input.purposes)]),
        status: 'requested',
        decided_on: null,
        decided_by: null,
        decision_reason: null,
        terminated_on: null,
        terminated_how: null,
        termination_note: null,
        terminated_by: null,
        created_by: session.userId,
        created_at: now,
        updated_at: now,
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'restriction.record',
        targetType: 'client',
        targetId: input.clientId,
        detail: { restrictionId: id, selfPay: input.selfPay, recipient: input.recipient.kind },
      });
    });
    return this.one(input.clientId, id);
  }

  async decide(session: Session, input: DecideInput): Promise<Restriction> {
    const row = await this.loadForDecision(session, input.restrictionId);
    if (row.status !== 'requested')
      throw new AppError('CONFLICT', `This restriction was already ${row.status}; a decision is made once.`);
    if (row.self_pay === 1 && input.decision === 'decline')
      throw new AppError('CONFLICT', `A self-pay restriction cannot be declined. ${SELF_PAY_RULE}`, {
        fields: [{ path: 'decision', message: 'A self-pay restriction cannot be declined.' }],
      });
    if (input.decidedOn < row.received_on) {
      const message = 'The decision cannot come before the request was received.';
      throw new AppError('INVALID_INPUT', message, { fields: [{ path: 'decidedOn', message }] });
    }
    const status = input.decision === 'agree' ? 'agreed' : 'declined';
    await inTransaction(this.ctx, async (trx) => {
      await updateRestriction(trx, row.id, {
        status,
        decided_on: input.decidedOn,
        decided_by: session.userId,
        decision_reason: input.reason ?? null,
        updated_at: nowIso(this.ctx),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'restriction.decide',
        targetType: 'client',
        targetId: row.client_id,
        detail: { restrictionId: row.id, to: status, selfPay: row.self_pay === 1 },
      });
    });
    return this.one(row.client_id, row.id);
  }

  async terminate(session: Session, input: TerminateInput): Promise<Restriction> {
    const row = await this.loadForDecision(session, input.restrictionId);
    if (row.status !== 'agreed')
      throw new AppError('CONFLICT', `Only an agreed restriction can be ended; this one is ${row.status}.`);
    // 164.522(a)(2)(iii): the practice may not end a self-pay restriction on its own.
    if (row.self_pay === 1 && input.how === 'practice_notice')
      throw new AppError(
        'CONFLICT',
        `The practice cannot end a self-pay restriction; only the client can. ${SELF_PAY_RULE}`,
        { fields: [{ path: 'how', message: 'Only the client can end a self-pay restriction.' }] },
      );
    if (row.decided_on && input.on < row.decided_on) {
      const message = 'A restriction cannot end before it was agreed.';
      throw new AppError('INVALID_INPUT', message, { fields: [{ path: 'on', message }] });
    }
    await inTransaction(this.ctx, async (trx) => {
      await updateRestriction(trx, row.id, {
        status: 'terminated',
        terminated_on: input.on,
        terminated_how: input.how,
        termination_note: input.note,
        terminated_by: session.userId,
        updated_at: nowIso(this.ctx),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'restriction.terminate',
        targetType: 'client',
        targetId: row.client_id,
        detail: { restrictionId: row.id, how: input.how, on: input.on },
      });
    });
    return this.one(row.client_id, row.id);
  }
}
