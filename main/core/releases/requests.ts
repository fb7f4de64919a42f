// Requests and their clocks: taking a request (who asked, how they were verified, on what
// basis), the list with overdue ones first, opening one, and the one 30-day extension of a
// client's own request (45 CFR 164.524(b)(2)).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  CreateReleaseInput,
  ReleaseRecord,
  ReleaseStatus,
  ReleaseSummary,
  ReviewQueueItem,
} from '../../../preload/contract/releases.ts';
import { caseloadOf, chartAccess, chartAccessOrNull, ListReadLog } from '../access/index.ts';
import { listGuardians } from '../clients/index.ts';
import { actorOf, inTransaction, nowIso, recordAudit } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { legalDeadlines } from '../practice/index.ts';
import { getUser } from '../staff/index.ts';
import { parseDetails } from './codecs.ts';
import type { ReleaseDesk } from './desk.ts';
import { notOnFileMessage, representativeOnFile } from './parties.ts';
import { warmExportWorker } from './package-writer.ts';
import { insertRequest, listRequests, updateRequest } from './queries.ts';
import { addDays } from './rules.ts';

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);

/** Overdue first, then due soon, then the rest. */
const rank = (s: ReleaseSummary): number => (s.urgency === 'overdue' ? 0 : s.urgency === 'due-soon' ? 1 : 2);

/** The queue's order: overdue, due soon, the nearest legal due date, then the longest waiting. */
const queueOrder = (a: ReleaseSummary, b: ReleaseSummary): number =>
  rank(a) - rank(b) ||
  (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
  a.receivedOn.localeCompare(b.receivedOn);

export class RequestsRoom {
  private readonly desk: ReleaseDesk;
  private readonly listLog: ListReadLog;
  constructor(desk: ReleaseDesk) {
    this.desk = desk;
    this.listLog = new ListReadLog(desk.ctx, 'release.list');
  }

  async list(
    session: Session,
    filter: { clientId?: string | undefined; status?: ReleaseStatus | undefined },
  ): Promise<ReleaseSummary[]> {
    // Only requests of charts chartAccess would open; each client listed is a read (audited).
    const rows = await listRequests(this.desk.db, { ...filter, caseloadOf: caseloadOf(session) });
    await this.listLog.record(
      session,
      rows.map((r) => r.client_id),
      filter.clientId ? { targetType: 'client', targetId: filter.clientId } : {},
    );
    return rows.map((r) => this.desk.summary(r)).sort((a, b) => rank(a) - rank(b));
  }

  /**
   * The requests waiting for this person's decision: authorized, on a chart they may open, and
   * theirs to decide (desk.mayDecide: the assigned clinician, or the owner for every one). Each
   * is made current first (a lapsed authorization closes it), and each client listed is a read.
   */
  async reviewQueue(session: Session): Promise<ReviewQueueItem[]> {
    const { db } = this.desk;
    const rows = await listRequests(db, { status: 'authorized', caseloadOf: caseloadOf(session) });
    const waiting: typeof rows = [];
    for (const row of rows) {
      if (!(await this.desk.mayDecide(session, row))) continue;
      if (!(await chartAccessOrNull(db, session, row.client_id))) continue;
      const now = await this.desk.refreshStatus(session, row);
      if (now.status === 'authorized') waiting.push({ ...row, ...now });
    }
    await this.listLog.record(
      session,
      waiting.map((r) => r.client_id),
    );
    return waiting
      .map((r) => ({ ...this.desk.summary(r), sentBack: r.review_note !== null }))
      .sort(queueOrder);
  }

  async create(session: Session, input: z.output<typeof CreateReleaseInput>): Promise<ReleaseRecord> {
    const { ctx, db } = this.desk;
    const { client } = await chartAccess(db, session, input.clientId);
    const d = input.details;
    if (d.kind === 'emergency') {
      const clinician = await getUser(db, d.clinicianId);
      if (!clinician?.active || clinician.role === 'front_desk') {
        throw new AppError('INVALID_INPUT', 'Name the clinician who decided on the disclosure.', {
          fields: [{ path: 'details.clinicianId', message: 'Choose an active clinician.' }],
        });
      }
    }
    // 164.502(g), 164.514(h): a representative asks only with authority recorded on the chart.
    if (d.kind === 'access' && d.requesterIsRepresentative) {
      const guardians = await listGuardians(db, client.id);
      if (!representativeOnFile(client, guardians, d.requesterName, d.receivedOn)) {
        throw new AppError('INVALID_INPUT', notOnFileMessage(d.requesterName), {
          fields: [{ path: 'details.requesterName', message: notOnFileMessage(d.requesterName) }],
        });
      }
    }
    const id = randomUUID();
    const now = nowIso(ctx);
    await inTransaction(ctx, async (trx) => {
      // The deadline in force when the request is recorded, stored with it (practice/state-law.ts).
      const { accessDays } = await legalDeadlines(trx);
      await insertRequest(trx, {
        id,
        client_id: client.id,
        kind: d.kind,
        status: 'draft',
        received_on: d.receivedOn,
        // 45 CFR 164.524(b)(2): act on an access request within 30 days of receipt, or the
        // shorter deadline state law sets.
        due_on: d.kind === 'access' ? addDays(d.receivedOn, accessDays) : null,
        extension: null,
        details: JSON.stringify(d),
        assigned_clinician_id: d.kind === 'emergency' ? d.clinicianId : client.primary_clinician_id,
        selection: null,
        approved_by: null,
        approved_at: null,
        denial: null,
        denied_by: null,
        denied_at: null,
        created_by: session.userId,
        created_at: now,
        updated_at: now,
        approval_id: null,
        denied_role: null,
        review_note: null,
        review_reversed_at: null,
      });
      await ctx.audit.append(trx, actorOf(session), {
        action: 'release.create',
        targetType: 'release',
        targetId: id,
        detail: { clientId: client.id, kind: d.kind },
      });
    });
    return this.desk.view(session, id);
  }

  async get(session: Session, requestId: string): Promise<ReleaseRecord> {
    // Access first: a refused or unknown id leaves no "view" entry. The entry names the client.
    const r = await this.desk.load(session, requestId);
    await recordAudit(this.desk.ctx, actorOf(session), {
      action: 'release.view',
      targetType: 'release',
      targetId: requestId,
      detail: { clientId: r.client_id },
    });
    // An approved release is opened to be exported: its thread starts while the person reads.
    if (r.status === 'approved') warmExportWorker();
    return this.desk.view(session, requestId);
  }

  /**
   * 164.524(b)(2)(ii): one 30-day extension (or state law's shorter one), with the reason given to
   * the client before the original due date.
   */
  async extend(
    session: Session,
    input: { requestId: string; reason: string; notifiedOn: string },
  ): Promise<ReleaseRecord> {
    const { ctx } = this.desk;
    const r = await this.desk.load(session, input.requestId);
    if (r.kind !== 'access')
      throw new AppError('CONFLICT', 'Only a client’s own access request has a legal due date to extend.');
    this.desk.assertStatus(r, ['draft', 'authorized', 'approved'], 'extended');
    if (r.extension)
      throw new AppError('CONFLICT', 'The one extension the rule allows has already been used.');
    if (input.notifiedOn < parseDetails(r.details).receivedOn) {
      throw new AppError(
        'INVALID_INPUT',
        'The client cannot have been told before the request was received.',
        {
          fields: [{ path: 'notifiedOn', message: `The request was received on ${r.received_on}.` }],
        },
      );
    }
    const deadlines = await legalDeadlines(this.desk.db);
    const due = r.due_on ?? addDays(r.received_on, deadlines.accessDays);
    if (this.desk.today() > due || input.notifiedOn > due) {
      throw new AppError(
        'CONFLICT',
        `An extension must be given to the client in writing within the first ${daysBetween(r.received_on, due)} days.`,
        {
          fields: [{ path: 'notifiedOn', message: 'The client must be told before the original due date.' }],
        },
      );
    }
    // The extension's length in force when it is given; the new date is stored and never moves.
    const newDueOn = addDays(due, deadlines.accessExtensionDays);
    await inTransaction(ctx, async (trx) => {
      await updateRequest(trx, r.id, {
        due_on: newDueOn,
        extension: JSON.stringify({ reason: input.reason, notifiedOn: input.notifiedOn, newDueOn }),
        updated_at: nowIso(ctx),
      });
      await ctx.audit.append(trx, actorOf(session), {
        action: 'release.extend',
        targetType: 'release',
        targetId: r.id,
        detail: { newDueOn },
      });
    });
    return this.desk.view(session, r.id);
  }
}
