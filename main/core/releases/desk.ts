// What every room of the release workflow shares: loading a request the person may see, its
// authorizations read through their codec, who may decide on it, moving it between states (and
// back to review), and the request as the app shows it (ReleaseRecord).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import {
  type AuthorizationRecord,
  type ReleaseRecord,
  type ReleaseStatus,
  type ReleaseSummary,
} from '../../../preload/contract/releases.ts';
import { chartAccess } from '../access/index.ts';
import { getClient } from '../clients/index.ts';
import { actorOf, inTransaction, nowIso, readDb, todayLocal, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { staffNames } from '../staff/index.ts';
import {
  parseAuthorities,
  parseAuthorizationFields,
  parseDenial,
  parseDetails,
  parseExtension,
  parseSelection,
} from './codecs.ts';
import {
  approvalItems,
  disclosuresOfRequest,
  getApproval,
  getRequest,
  listAuthorizations,
  listRequests,
  updateRequest,
  type RequestRow,
} from './queries.ts';
import { recipientName } from './document.ts';
import { defaultsFor } from './defaults.ts';
import type { ItemKind, ItemRef } from './records.ts';
import {
  authorizationBlockers,
  authorizationIssues,
  authorizationState,
  describeAuthorization,
  urgency,
  usableAuthorizations,
  type AuthorizationView,
} from './rules.ts';

export const OPEN: ReleaseStatus[] = ['draft', 'authorized', 'approved'];

/** Asks the person at the window for a folder (a dialog in the app): a release package's destination,
 * one to verify, or where the audit log's CSV goes. */
export type FolderPicker = (
  windowId: string,
  purpose: 'export' | 'verify' | 'audit-export',
) => Promise<string | null>;

export type AuthorizationRow = Awaited<ReturnType<typeof listAuthorizations>>[number];

export interface ApprovedItem extends ItemRef {
  authorities: string[];
}

export class ReleaseDesk {
  readonly ctx: CoreContext;
  readonly pickFolder: FolderPicker;

  constructor(ctx: CoreContext, pickFolder: FolderPicker) {
    this.ctx = ctx;
    this.pickFolder = pickFolder;
  }

  get db(): Kysely<DB> {
    return readDb(this.ctx);
  }

  today(): string {
    return todayLocal(this.ctx);
  }

  /** The request, if the person may see its client's chart (clinicians: their caseload). */
  async load(session: Session, requestId: string): Promise<RequestRow> {
    const r = await getRequest(this.db, requestId);
    if (!r) throw new AppError('NOT_FOUND', 'That release request does not exist.');
    await chartAccess(this.db, session, r.client_id);
    return r;
  }

  async authorizations(requestId: string): Promise<{ row: AuthorizationRow; view: AuthorizationView }[]> {
    return (await listAuthorizations(this.db, requestId)).map((row) => ({
      row,
      view: {
        id: row.id,
        type: row.type,
        fields: parseAuthorizationFields(row.type, row.fields),
        expiresOn: row.expires_on,
        revokedOn: row.revoked_on,
      },
    }));
  }

  /**
   * Only the client's assigned clinician or the owner approves or denies (DESIGN.md section 5);
   * front desk never. The request's assigned clinician, or the client's primary clinician now.
   */
  async mayDecide(session: Session, r: RequestRow): Promise<boolean> {
    if (session.role === 'owner') return true;
    if (session.role !== 'clinician') return false;
    if (session.userId === r.assigned_clinician_id) return true;
    return (await getClient(this.db, r.client_id))?.primary_clinician_id === session.userId;
  }

  async assertMayDecide(session: Session, r: RequestRow): Promise<void> {
    if (!(await this.mayDecide(session, r))) {
      throw new AppError(
        'FORBIDDEN',
        'Only the client’s assigned clinician or the practice owner can approve or deny a release.',
      );
    }
  }

  assertStatus(r: RequestRow, allowed: ReleaseStatus[], action: string): void {
    if (!allowed.includes(r.status)) {
      throw new AppError('CONFLICT', `A release that is ${r.status} cannot be ${action}.`);
    }
  }

  async transition(
    session: Session,
    r: RequestRow,
    to: ReleaseStatus,
    patch: Parameters<typeof updateRequest>[2],
    detail: Record<string, string | number | boolean | null> = {},
  ): Promise<void> {
    await inTransaction(this.ctx, async (trx) => {
      await updateRequest(trx, r.id, { ...patch, status: to, updated_at: nowIso(this.ctx) });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.statusChange',
        targetType: 'release',
        targetId: r.id,
        detail: { from: r.status, to, ...detail },
      });
    });
  }

  /**
   * An approval that no longer holds (a record changed, an authorization lapsed) goes back to the
   * reviewer, with the reason; nothing more leaves under it.
   */
  async backToReview(session: Session, r: RequestRow, note: string, cause: string): Promise<void> {
    await this.transition(
      session,
      r,
      'authorized',
      { approval_id: null, review_note: note },
      { cause, approvalId: r.approval_id },
    );
  }

  /** A note changed after signing never leaves the practice: the attempt is audited and refused. */
  async refuseTampered(session: Session, r: RequestRow, noteIds: string[]): Promise<never> {
    await inTransaction(this.ctx, async (trx) => {
      for (const noteId of noteIds) {
        await this.ctx.audit.append(trx, actorOf(session), {
          action: 'note.integrityFailed',
          targetType: 'note',
          targetId: noteId,
          detail: { clientId: r.client_id, releaseId: r.id },
        });
      }
    });
    this.ctx.logger.log('error', 'releases.integrityFailed', { count: noteIds.length });
    throw new AppError(
      'CONFLICT',
      `${String(noteIds.length)} note${noteIds.length === 1 ? '' : 's'} in this selection failed the integrity check (changed after signing). Nothing can be released until the practice owner has looked into it.`,
    );
  }

  /**
   * What time and revocations have done to a request, made true before anyone acts on it:
   * - a third-party release stands on its authorizations: when none is valid any more, an open or
   *   exported request becomes revoked or expired (persisted and audited), and blocks export;
   * - an approval holds only while every approved record still has a valid authority for it
   *   (164.508(b)(5): a revocation takes effect once recorded): otherwise the request goes back to
   *   the reviewer at once, saying which authorization lapsed and how.
   */
  async refreshStatus(session: Session, r: RequestRow): Promise<RequestRow> {
    if (!['authorized', 'approved', 'exported'].includes(r.status)) return r;
    const auths = await this.authorizations(r.id);
    if (r.kind === 'third_party') {
      const states = auths
        .filter((a) => a.view.type !== 'part2')
        .map((a) => authorizationState(a.view, this.today()));
      if (!states.includes('valid')) {
        const status: ReleaseStatus = states.includes('revoked') ? 'revoked' : 'expired';
        await this.transition(session, r, status, {});
        return { ...r, status };
      }
    }
    if (r.status !== 'approved') return r;
    const approval = await this.approval(r);
    if (!approval) return r;
    const lapsed = this.authorityBlockers(
      approval.items,
      auths.map((a) => a.view),
      parseDetails(r.details),
    );
    if (lapsed.length === 0) return r;
    const note = `The approval no longer holds: ${lapsed.join(' ')} Review and approve again what may still leave.`;
    await this.backToReview(session, r, note, 'authority');
    return { ...r, status: 'authorized', approval_id: null, review_note: note };
  }

  async approval(r: RequestRow) {
    if (!r.approval_id) return null;
    const row = await getApproval(this.db, r.approval_id);
    if (!row) return null;
    const items: ApprovedItem[] = (await approvalItems(this.db, row.id)).map((i) => ({
      kind: i.item_kind,
      id: i.record_id,
      hash: i.content_hash,
      authorities: parseAuthorities(i.authorities),
    }));
    return { row, selection: parseSelection(row.selection), items };
  }

  summary(
    r: RequestRow & {
      legal_first_name: string;
      legal_last_name: string;
      chart_number: string;
      assigned_name: string;
    },
  ): ReleaseSummary {
    const d = parseDetails(r.details);
    const clientName = `${r.legal_first_name} ${r.legal_last_name}`;
    return {
      id: r.id,
      clientId: r.client_id,
      clientName,
      chartNumber: r.chart_number,
      kind: r.kind,
      status: r.status,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      urgency: urgency(r.due_on, this.today(), OPEN.includes(r.status)),
      recipientName: recipientName(d, clientName),
      assignedClinician: { id: r.assigned_clinician_id, displayName: r.assigned_name },
      updatedAt: r.updated_at,
    };
  }

  private authRecord(a: { row: AuthorizationRow; view: AuthorizationView }): AuthorizationRecord {
    const f = a.view.fields;
    return {
      id: a.row.id,
      type: a.row.type,
      recordTypes: f.recordTypes,
      recordsFrom: f.recordsFrom ?? null,
      recordsTo: f.recordsTo ?? null,
      description: f.description,
      disclosingParty: f.disclosingParty,
      recipientName: f.recipientName,
      purpose: f.purpose,
      expiresOn: f.expiresOn ?? null,
      expiryEvent: f.expiryEvent ?? null,
      signedBy: f.signedBy,
      signedOn: f.signedOn,
      signerIsRepresentative: f.signerIsRepresentative,
      representativeAuthority: f.representativeAuthority ?? null,
      revokedOn: a.row.revoked_on,
      revokedAt: a.row.revoked_at,
      attachmentName: a.row.attachment_name,
      state: authorizationState(a.view, this.today()),
    };
  }

  private names(ids: (string | null)[]): Promise<Map<string, string>> {
    return staffNames(
      this.db,
      ids.filter((id): id is string => id !== null),
    );
  }

  /** The request as the app shows it, with what may happen next decided here. */
  async view(session: Session, requestId: string): Promise<ReleaseRecord> {
    const r = await this.refreshStatus(session, await this.load(session, requestId));
    const [row] = (await listRequests(this.db, { clientId: r.client_id })).filter((x) => x.id === r.id);
    if (!row) throw new AppError('NOT_FOUND', 'That release request does not exist.');
    const details = parseDetails(r.details);
    const auths = await this.authorizations(r.id);
    const usable = usableAuthorizations(
      auths.map((a) => a.view),
      details,
      this.today(),
    );
    const approval = await this.approval(r);
    const names = await this.names([r.denied_by]);
    const decider = await this.mayDecide(session, r);
    const denial = r.denial ? parseDenial(r.denial) : null;
    const blockers =
      r.status === 'draft'
        ? authorizationBlockers(details, usable)
        : approval && ['approved', 'exported'].includes(r.status)
          ? this.authorityBlockers(
              approval.items,
              auths.map((a) => a.view),
              details,
            )
          : [];
    const previous = r.selection ? parseSelection(r.selection) : null;
    const start = { details, authorizations: auths.map((a) => a.view), previous, today: this.today() };
    const defaults = r.status === 'authorized' ? await defaultsFor(this.db, r.client_id, start) : null;
    const counts = new Map<ItemKind, number>();
    for (const i of approval?.items ?? []) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
    return {
      summary: this.summary(row),
      details,
      extension: r.extension ? parseExtension(r.extension) : null,
      authorizations: auths.map((a) => this.authRecord(a)),
      selection: approval?.selection ?? previous,
      reviewDefaults: defaults,
      approvedBy: approval ? { id: approval.row.approved_by, displayName: approval.row.approver_name } : null,
      approvedAt: approval?.row.approved_at ?? null,
      approval: approval
        ? {
            approvedBy: { id: approval.row.approved_by, displayName: approval.row.approver_name },
            role: approval.row.approver_role,
            approvedAt: approval.row.approved_at,
            records: [...counts].map(([kind, count]) => ({ label: ITEM_LABELS[kind], count })),
          }
        : null,
      reviewNote: r.status === 'authorized' ? r.review_note : null,
      reviewers: `${row.assigned_name} (assigned clinician) or the practice owner`,
      denial: denial
        ? {
            ...denial,
            deniedBy: names.get(r.denied_by ?? '') ?? 'Unknown',
            deniedRole: r.denied_role,
            deniedAt: r.denied_at ?? '',
          }
        : null,
      exports: (await disclosuresOfRequest(this.db, r.id)).map((e) => ({
        disclosedOn: e.disclosed_on,
        packageName: e.package_name,
        manifestSha256: e.manifest_sha256,
      })),
      next: {
        canAuthorize: r.status === 'draft' && blockers.length === 0,
        canApprove: r.status === 'authorized' && decider,
        canDeny: OPEN.includes(r.status) && decider,
        canExport: (r.status === 'approved' || r.status === 'exported') && blockers.length === 0,
        blockers,
      },
    };
  }

  /** Approved records left without a valid authority of a kind they need (revoked, expired, no longer matching). */
  authorityBlockers(
    items: readonly ApprovedItem[],
    auths: readonly AuthorizationView[],
    details: Parameters<typeof authorizationIssues>[1],
  ): string[] {
    const byId = new Map(auths.map((a) => [a.id, a]));
    const lapsed = new Map<string, number>();
    for (const i of items) {
      // Each kind of authority a record needs (a HIPAA authorization and a Part 2 consent, say)
      // must still have one that holds.
      const byType = new Map<string, string[]>();
      for (const id of i.authorities) {
        const type = byId.get(id)?.type ?? 'missing';
        byType.set(type, [...(byType.get(type) ?? []), id]);
      }
      for (const ids of byType.values()) {
        const holds = ids.some((id) => {
          const a = byId.get(id);
          return a !== undefined && authorizationIssues(a, details, this.today()).length === 0;
        });
        if (!holds) for (const id of ids) lapsed.set(id, (lapsed.get(id) ?? 0) + 1);
      }
    }
    return [...lapsed].map(([id, n]) => {
      const a = byId.get(id);
      const what = a ? describeAuthorization(a) : 'an authorization no longer on file';
      const why = a ? authorizationIssues(a, details, this.today()).join('; ') : 'it is missing';
      return `${String(n)} approved record${n === 1 ? '' : 's'} relied only on ${what}: ${why}.`;
    });
  }
}

const ITEM_LABELS: Record<ItemKind, string> = {
  demographics: 'Identification and contact',
  intake: 'Intake assessment',
  substance_use: 'Intake: substance use',
  consent: 'Consents',
  screening: 'Assessments',
  note: 'Notes',
  addendum: 'Addenda',
  diagnosis: 'Diagnoses',
  treatment_plan: 'Treatment plan versions',
};
