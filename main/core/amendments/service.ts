// Amendment requests (45 CFR 164.526): recording the client's written request, the clock and its
// one extension, the decision by someone entitled to make it, the statement of disagreement, the
// rebuttal, whom to tell of an accepted amendment, and the letters. Every change is one transaction
// with its audit entry; the original records are never edited (an amendment is linked to them).
import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import type { AmendmentRequestsTable, DB } from '../../../db/schema.ts';
import type {
  AcceptAmendmentInput,
  AgreeNoticesInput,
  AmendmentView,
  CreateAmendmentInput,
  DenyAmendmentInput,
  ExtendAmendmentInput,
  IncludeInput,
  ProposedNotice,
  RebuttalInput,
  StatementInput,
} from '../../../preload/contract/amendments.ts';
import { chartAccess, clinicalAccess, type ChartAccess } from '../access/index.ts';
import type { AuditEvent } from '../audit/index.ts';
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
import { staffNames } from '../staff/index.ts';
import { dueOf, extendedDueOn, firstDueOn } from './clock.ts';
import { deciderRole, NOT_A_DECIDER } from './decider.ts';
import {
  acceptedFor,
  acceptedOfClient,
  getRequest,
  insertRequest,
  recordsOf,
  requestsOfClient,
  updateRequest,
  type AmendmentRow,
} from './queries.ts';
import { chartRecords, resolveNamed } from './records.ts';
import { agreeNotices, proposeNotices } from './notices.ts';
import { viewsOf } from './view.ts';

type Parsed<T extends z.ZodType> = z.output<T>;

const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', message, { fields: [{ path, message }] });

export class AmendmentsService {
  readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  get db(): Kysely<DB> {
    return readDb(this.ctx);
  }

  today(): string {
    return todayLocal(this.ctx);
  }

  /** The request, if the person may open its client's chart; NOT_FOUND otherwise (as for an unknown id). */
  async load(session: Session, requestId: string): Promise<{ r: AmendmentRow; access: ChartAccess }> {
    const r = await getRequest(this.db, requestId);
    if (!r) throw new AppError('NOT_FOUND', 'That amendment request does not exist.');
    const access = await chartAccess(this.db, session, r.client_id);
    return { r, access };
  }

  async view(session: Session, access: ChartAccess, id: string): Promise<AmendmentView> {
    const r = await getRequest(this.db, id);
    if (!r) throw new AppError('NOT_FOUND', 'That amendment request does not exist.');
    const [v] = await viewsOf(this.db, session, access, [r], this.today());
    if (!v) throw new AppError('NOT_FOUND', 'That amendment request does not exist.');
    return v;
  }

  async list(session: Session, clientId: string): Promise<AmendmentView[]> {
    const access = await chartAccess(this.db, session, clientId);
    const rows = await requestsOfClient(this.db, clientId);
    const views = await viewsOf(this.db, session, access, rows, this.today());
    await recordAudit(this.ctx, actorOf(session), {
      action: 'amendment.list',
      targetType: 'client',
      targetId: clientId,
      detail: { requests: rows.length },
    });
    return views;
  }

  async records(session: Session, clientId: string) {
    const access = await chartAccess(this.db, session, clientId);
    const records = (await chartRecords(this.db, session, access)).map(({ authorId: _a, ...r }) => r);
    await this.auditRead(session, clientId, 'records', records.length);
    return records;
  }

  /** A read of a chart's amendment data, audited as one entry naming the client (DESIGN.md section 7). */
  async auditRead(
    session: Session,
    clientId: string,
    what: 'records' | 'record' | 'amended' | 'notices',
    count: number,
  ): Promise<void> {
    await recordAudit(this.ctx, actorOf(session), {
      action: 'amendment.view',
      targetType: 'client',
      targetId: clientId,
      detail: { what, count },
    });
  }

  /** 164.526(b)(1): the client's written request, naming records of the designated record set. */
  async create(session: Session, input: Parsed<typeof CreateAmendmentInput>): Promise<AmendmentView> {
    const access = await chartAccess(this.db, session, input.clientId);
    if (input.receivedOn > this.today())
      throw invalid('receivedOn', 'The date received cannot be in the future.');
    const available = await chartRecords(this.db, session, access);
    const found = resolveNamed(available, input.records);
    const missing = found.findIndex((f) => f === undefined);
    if (missing >= 0)
      // Psychotherapy notes are not offered (164.501: not part of the designated record set), nor is a
      // record the person may not see; an id outside the list is refused without saying which it is.
      throw invalid(
        `records.${String(missing)}`,
        'Choose the records from the list. Only records of the designated record set can be amended (psychotherapy notes are not part of it).',
      );
    const records = [
      ...new Map(found.flatMap((f) => (f ? [[`${f.itemKind}:${f.recordId}`, f]] : []))).values(),
    ];
    const id = randomUUID();
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      // 164.526(b)(2): the due date from the deadline in force today, stored with the request.
      const dueOn = await firstDueOn(trx, input.receivedOn);
      await insertRequest(
        trx,
        {
          id,
          client_id: input.clientId,
          received_on: input.receivedOn,
          request_text: input.requestText,
          include_if_denied: input.includeIfDenied ? 1 : 0,
          include_asked_on: input.includeIfDenied ? input.receivedOn : null,
          due_on: dueOn,
          status: 'open',
          notify_named: JSON.stringify(
            input.notify.map((n) => ({ name: n.name, address: n.address ?? null })),
          ),
          created_by: session.userId,
          created_at: now,
          updated_at: now,
        },
        records.map((r) => ({ item_kind: r.itemKind, record_id: r.recordId, label: r.label })),
      );
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'amendment.record',
        targetType: 'client',
        targetId: input.clientId,
        detail: { requestId: id, records: records.length, receivedOn: input.receivedOn, dueOn },
      });
    });
    return this.view(session, access, id);
  }

  /** 164.526(b)(2)(ii): the one extension, told to the client in writing within the first period. */
  async extend(session: Session, input: Parsed<typeof ExtendAmendmentInput>): Promise<AmendmentView> {
    const { r, access } = await this.load(session, input.requestId);
    const newDueOn = await extendedDueOn(this.db, r, input.notifiedOn, this.today());
    return this.change(
      session,
      access,
      r,
      {
        extended_due_on: newDueOn,
        extension_reason: input.reason,
        extension_notified_on: input.notifiedOn,
        extended_by: session.userId,
      },
      'amendment.extend',
      { newDueOn, notifiedOn: input.notifiedOn },
    );
  }

  /** One change to a request with its audit entry, in one transaction; answers with the request as it now stands. */
  private async change(
    session: Session,
    access: ChartAccess,
    r: AmendmentRow,
    patch: Updateable<AmendmentRequestsTable>,
    action: AuditEvent['action'],
    detail: NonNullable<AuditEvent['detail']>,
  ): Promise<AmendmentView> {
    await inTransaction(this.ctx, async (trx) => {
      await updateRequest(trx, r.id, { ...patch, updated_at: nowIso(this.ctx) });
      await this.ctx.audit.append(trx, actorOf(session), {
        action,
        targetType: 'client',
        targetId: r.client_id,
        detail: { ...detail },
      });
    });
    return this.view(session, access, r.id);
  }

  /** Loads an open request and the decider's standing, or refuses (front desk never decides). */
  async decision(session: Session, requestId: string) {
    const { r, access } = await this.load(session, requestId);
    const as = await deciderRole(this.db, session, access, await recordsOf(this.db, [r.id]));
    if (!as) throw NOT_A_DECIDER();
    return { r, access, as };
  }

  private assertOpen(r: AmendmentRow): void {
    if (r.status !== 'open')
      throw new AppError(
        'CONFLICT',
        `This request was already ${r.status} on ${r.decided_on ?? ''}; a decision is final.`,
      );
  }

  /** 164.526(c)(1): the amendment is appended and linked to each record named; the records stay as they were. */
  async accept(session: Session, input: Parsed<typeof AcceptAmendmentInput>): Promise<AmendmentView> {
    const { r, access, as } = await this.decision(session, input.requestId);
    this.assertOpen(r);
    const today = this.today();
    return this.change(
      session,
      access,
      r,
      {
        status: 'accepted',
        decided_on: today,
        decided_by: session.userId,
        decided_as: as,
        amendment_text: input.amendmentText,
      },
      'amendment.accept',
      { as, late: today > dueOf(r) },
    );
  }

  /** 164.526(a)(2), (d)(1): a denial on one of the four bases, with the explanation for the letter. */
  async deny(session: Session, input: Parsed<typeof DenyAmendmentInput>): Promise<AmendmentView> {
    const { r, access, as } = await this.decision(session, input.requestId);
    this.assertOpen(r);
    const today = this.today();
    return this.change(
      session,
      access,
      r,
      {
        status: 'denied',
        decided_on: today,
        decided_by: session.userId,
        decided_as: as,
        denial_basis: input.basis,
        denial_explanation: input.explanation,
      },
      'amendment.deny',
      { as, basis: input.basis, late: today > dueOf(r) },
    );
  }

  /** 164.526(d)(2)-(4): the client's statement of disagreement, after a denial; front desk may take it in. */
  async recordStatement(session: Session, input: Parsed<typeof StatementInput>): Promise<AmendmentView> {
    const { r, access } = await this.load(session, input.requestId);
    if (r.status !== 'denied')
      throw new AppError(
        'CONFLICT',
        'A statement of disagreement answers a denial; this request was not denied.',
      );
    if (r.statement_text !== null)
      throw new AppError('CONFLICT', 'A statement of disagreement is already on file for this request.');
    if (input.filedOn < (r.decided_on ?? r.received_on) || input.filedOn > this.today())
      throw invalid(
        'filedOn',
        `The statement is filed between the denial (${r.decided_on ?? ''}) and today.`,
      );
    return this.change(
      session,
      access,
      r,
      {
        statement_text: input.text,
        statement_filed_on: input.filedOn,
        statement_recorded_by: session.userId,
      },
      'amendment.statement',
      { filedOn: input.filedOn },
    );
  }

  /** 164.526(d)(3): the practice's rebuttal to a statement, by someone who may decide. */
  async recordRebuttal(session: Session, input: Parsed<typeof RebuttalInput>): Promise<AmendmentView> {
    const { r, access } = await this.decision(session, input.requestId);
    if (r.statement_text === null)
      throw new AppError('CONFLICT', 'A rebuttal answers a statement of disagreement; none is on file.');
    if (r.rebuttal_text !== null)
      throw new AppError('CONFLICT', 'A rebuttal is already on file for this request.');
    if (input.writtenOn < (r.statement_filed_on ?? r.received_on) || input.writtenOn > this.today())
      throw invalid(
        'writtenOn',
        `The rebuttal is written between the statement (${r.statement_filed_on ?? ''}) and today.`,
      );
    return this.change(
      session,
      access,
      r,
      {
        rebuttal_text: input.text,
        rebuttal_written_on: input.writtenOn,
        rebuttal_by: session.userId,
      },
      'amendment.rebuttal',
      { writtenOn: input.writtenOn },
    );
  }

  /** 164.526(d)(1)(iii): whether the client asked that the request and denial go with later disclosures. */
  async setInclude(session: Session, input: Parsed<typeof IncludeInput>): Promise<AmendmentView> {
    const { r, access } = await this.load(session, input.requestId);
    if (r.status === 'accepted')
      throw new AppError('CONFLICT', 'An accepted amendment always goes with later disclosures.');
    if (input.askedOn < r.received_on || input.askedOn > this.today())
      throw invalid('askedOn', `The client asks between the request (${r.received_on}) and today.`);
    return this.change(
      session,
      access,
      r,
      {
        include_if_denied: input.include ? 1 : 0,
        include_asked_on: input.askedOn,
      },
      'amendment.include',
      { include: input.include, askedOn: input.askedOn },
    );
  }

  /** 164.526(c)(3): whom to tell of an accepted amendment (notices.ts). */
  proposeNotices(session: Session, requestId: string): Promise<ProposedNotice[]> {
    return proposeNotices(this, session, requestId);
  }

  /** 164.526(c)(3)(i): the list the client agreed to, recorded once (notices.ts). */
  agreeNotices(session: Session, input: Parsed<typeof AgreeNoticesInput>): Promise<AmendmentView> {
    return agreeNotices(this, session, input);
  }

  /** Which of the chart's records carry an accepted amendment (the timeline marks them). */
  async amended(session: Session, clientId: string) {
    await clinicalAccess(this.db, session, clientId, { reading: true });
    const rows = await acceptedOfClient(this.db, clientId);
    await this.auditRead(session, clientId, 'amended', rows.length);
    return rows.map((x) => ({ itemKind: x.item_kind, recordId: x.record_id, decidedOn: x.decided_on ?? '' }));
  }

  /** The accepted amendments linked to one record (the note view shows them with the note). */
  async ofRecord(session: Session, input: { clientId: string; itemKind: string; recordId: string }) {
    // The amendment is part of the record (164.526(c)(1)): read wherever the record itself is,
    // emergency access included.
    const access = await clinicalAccess(this.db, session, input.clientId, { reading: true });
    const readable = await chartRecords(this.db, session, access);
    if (!readable.some((r) => r.itemKind === input.itemKind && r.recordId === input.recordId))
      throw new AppError('NOT_FOUND', 'That record does not exist or is not yours to open.');
    const rows = await acceptedFor(this.db, input.clientId, [input.recordId]);
    const mine = rows.filter((x) => x.item_kind === input.itemKind);
    const names = await staffNames(
      this.db,
      mine.flatMap((x) => (x.decided_by ? [x.decided_by] : [])),
    );
    await this.auditRead(session, input.clientId, 'record', mine.length);
    return mine.map((x) => ({
      requestId: x.id,
      decidedOn: x.decided_on ?? '',
      decidedBy: (x.decided_by && names.get(x.decided_by)) ?? 'Unknown',
      amendmentText: x.amendment_text ?? '',
    }));
  }
}
