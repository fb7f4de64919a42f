// A client's request to delete their record (issue 19). HIPAA gives no right to have a record
// deleted before its retention ends; the practice records the request and answers it in writing
// with the retention rule that applies. A request to delete is answered on the amendment clock
// (45 CFR 164.526(b)(2): 60 days, or the practice's shorter state-law deadline), since a client
// who asks to delete is often asking to correct, and the answer tells them how to ask for that.
import { randomUUID } from 'node:crypto';
import type { DeletionRequest, DeletionRequestInput } from '../../../preload/contract/retention.ts';
import type { DueRequest } from '../../../preload/contract/due.ts';
import { chartAccess } from '../access/index.ts';
import { clientLabels, letterAddress } from '../clients/index.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { addDays, dueUrgency } from '../clock.ts';
import type { DueSource } from '../due/index.ts';
import { AppError } from '../errors.ts';
import { getPractice, legalDeadlines, stateNotice } from '../practice/index.ts';
import { writeLetter, type FolderPicker } from '../releases/index.ts';
import type { Session } from '../sessions/index.ts';
import { staffNames } from '../staff/index.ts';
import { deletionAnswer } from './documents.ts';
import {
  deletionRequestsOf,
  getDeletionRequest,
  insertDeletionRequest,
  markAnswered,
  openDeletionRequests,
  type DeletionRow,
} from './queries.ts';
import { ruleInWords } from './rules.ts';
import { assertOwner, readRetentionSetting, type RetentionService } from './service.ts';

export function deletionUrgency(row: DeletionRow, today: string): 'overdue' | 'due-soon' | null {
  return dueUrgency(row.due_on, today, row.answered_at === null);
}

export class DeletionRequests {
  private readonly ctx: CoreContext;
  private readonly desk: RetentionService;
  private readonly pickFolder: FolderPicker;

  constructor(ctx: CoreContext, desk: RetentionService, pickFolder: FolderPicker) {
    this.ctx = ctx;
    this.desk = desk;
    this.pickFolder = pickFolder;
  }

  private async view(row: DeletionRow, names: Map<string, string>): Promise<DeletionRequest> {
    const a = await this.desk.assess(readDb(this.ctx), row.client_id);
    const rule = await readRetentionSetting(readDb(this.ctx));
    return {
      id: row.id,
      clientId: row.client_id,
      receivedOn: row.received_on,
      dueOn: row.due_on,
      requestText: row.request_text,
      recordedBy: names.get(row.recorded_by) ?? 'Unknown',
      answeredAt: row.answered_at,
      letterFolder: row.letter_folder,
      ruleText: ruleInWords(rule, a),
      retainUntil: a.retainUntil,
    };
  }

  async record(session: Session, input: DeletionRequestInput): Promise<DeletionRequest> {
    const db = readDb(this.ctx);
    await chartAccess(db, session, input.clientId);
    const days = (await legalDeadlines(db)).amendmentDays;
    const row: DeletionRow = {
      id: randomUUID(),
      client_id: input.clientId,
      received_on: input.receivedOn,
      due_on: addDays(input.receivedOn, days),
      request_text: input.requestText,
      recorded_by: session.userId,
      recorded_at: nowIso(this.ctx),
      answered_at: null,
      answered_by: null,
      letter_folder: null,
      letter_sha256: null,
    };
    await inTransaction(this.ctx, async (trx) => {
      await insertDeletionRequest(trx, row);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'deletionRequest.record',
        targetType: 'client',
        targetId: input.clientId,
        detail: { requestId: row.id, dueOn: row.due_on },
      });
    });
    return this.view(row, new Map([[session.userId, session.displayName]]));
  }

  async list(session: Session, clientId: string): Promise<DeletionRequest[]> {
    const db = readDb(this.ctx);
    await chartAccess(db, session, clientId);
    const rows = await deletionRequestsOf(db, clientId);
    const names = await staffNames(
      db,
      rows.map((r) => r.recorded_by),
    );
    await inTransaction(this.ctx, (trx) =>
      this.ctx.audit.append(trx, actorOf(session), {
        action: 'deletionRequest.list',
        targetType: 'client',
        targetId: clientId,
        detail: { count: rows.length },
      }),
    );
    const out: DeletionRequest[] = [];
    for (const r of rows) out.push(await this.view(r, names));
    return out;
  }

  /** The written answer: the rule that applies to this chart and the date through which it is kept. */
  async answer(session: Session, windowId: string, requestId: string) {
    assertOwner(session);
    const db = readDb(this.ctx);
    const row = await getDeletionRequest(db, requestId);
    if (!row) throw new AppError('NOT_FOUND', 'That deletion request does not exist.');
    if (row.answered_at !== null) throw new AppError('CONFLICT', 'This request was already answered.');
    const a = await this.desk.assess(db, row.client_id);
    const rule = await readRetentionSetting(db);
    const practice = await getPractice(db);
    const address = practice
      ? `${practice.address_line1}, ${practice.city}, ${practice.region} ${practice.postal_code}`
      : '';
    const destDir = await this.pickFolder(windowId, 'export');
    if (!destDir) return null;
    const document = deletionAnswer({
      practice: {
        name: practice?.name ?? 'Practice',
        address,
        privacyContact: practice?.privacy_contact ?? null,
      },
      to: await letterAddress(db, row.client_id),
      chartNumber: a.facts.chartNumber,
      receivedOn: row.received_on,
      ruleText: ruleInWords(rule, a),
      retainUntil: a.retainUntil,
      signedBy: session.displayName,
      date: this.desk.today(),
      stateNotice: await stateNotice(db),
    });
    return writeLetter(this.ctx, {
      destDir,
      baseName: `Stillwater-deletion-answer-${a.facts.chartNumber}-${this.desk.today()}`,
      pdfName: 'deletion-request-answer.pdf',
      document,
      commit: async (trx, letter) => {
        const changed = await markAnswered(trx, row.id, {
          at: nowIso(this.ctx),
          by: session.userId,
          folder: letter.folder,
          sha256: letter.manifestSha256,
        });
        if (changed !== 1) throw new AppError('CONFLICT', 'This request was already answered.');
        await this.ctx.audit.append(trx, actorOf(session), {
          action: 'deletionRequest.answer',
          targetType: 'client',
          targetId: row.client_id,
          detail: { requestId: row.id, manifestSha256: letter.manifestSha256, folder: letter.folder },
        });
      },
    });
  }

  /** Open deletion requests on the due list: the owner and front desk see all, a clinician their caseload. */
  readonly dueSource: DueSource = async (session: Session, today: string): Promise<DueRequest[]> => {
    const db = readDb(this.ctx);
    const rows = await openDeletionRequests(db);
    const labels = await clientLabels(
      db,
      rows.map((r) => r.client_id),
    );
    const out: DueRequest[] = [];
    for (const r of rows) {
      if (session.role === 'clinician') {
        try {
          await chartAccess(db, session, r.client_id);
        } catch {
          continue;
        }
      }
      const label = labels.get(r.client_id);
      out.push({
        kind: 'deletion',
        id: r.id,
        clientId: r.client_id,
        clientName: label ? `${label.legal_first_name} ${label.legal_last_name}` : 'Unknown client',
        summary: 'Request to delete the record',
        receivedOn: r.received_on,
        dueOn: r.due_on,
        urgency: deletionUrgency(r, today),
        href: `#/clients/${r.client_id}/rights`,
      });
    }
    return out;
  };
}
