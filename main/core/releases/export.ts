// Export: writes exactly what was approved, if it may still leave. Before anything is written
// the approved records are read as they are now and planned again — for the person who approved
// them, under today's authorizations (164.508(b)(5) revocation, (b)(2)(i) expiry; recipient and
// purpose) — and a record changed since approval sends the request back to review. The export
// worker then composes from the same records, checking each hash again as it reads.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, DisclosuresTable } from '../../../db/schema.ts';
import {
  RECORD_TYPE_LABELS,
  type RecordType,
  type ReleaseDetails,
} from '../../../preload/contract/releases.ts';
import { readsPart2Now } from '../access/index.ts';
import { actorOf, nowIso } from '../context.ts';
import { AppError } from '../errors.ts';
import { getPractice } from '../practice/index.ts';
import { recordOverrides, restrictedRecords } from '../restrictions/index.ts';
import type { Session } from '../sessions/index.ts';
import { getUser } from '../staff/index.ts';
import { parseDetails } from './codecs.ts';
import type { ReleaseDesk } from './desk.ts';
import {
  ChangedRecords,
  TamperedNotes,
  warmExportWorker,
  writePackage,
  type Stage,
} from './package-writer.ts';
import { amendedSince } from './amendments.ts';
import { approvalStanding, planRelease } from './plan.ts';
import { insertDisclosure, updateRequest, type RequestRow } from './queries.ts';
import { candidatesOf, changedSince, readItems, type Candidate, type ItemRef } from './records.ts';
import { purposeOf, recipientName } from './document.ts';

/** Found inside the export's recording transaction: the approval no longer stands (it rolls back). */
class StandingLost extends Error {
  readonly reasons: readonly string[];
  constructor(reasons: readonly string[]) {
    super('approval no longer stands');
    this.name = 'StandingLost';
    this.reasons = reasons;
  }
}

export class ExportRoom {
  private readonly desk: ReleaseDesk;
  /** Test seam (createCore's testSeams; the app never passes it): called at each stage of the write. */
  private readonly onExportStage: ((stage: Stage) => void) | undefined;

  constructor(desk: ReleaseDesk, onExportStage?: (stage: Stage) => void) {
    this.desk = desk;
    this.onExportStage = onExportStage;
  }

  /** The approval no longer stands (a restriction, a revoked or expired authority): back to review, with why. */
  private async standingLost(session: Session, r: RequestRow, reasons: readonly string[]): Promise<never> {
    const message = `Nothing was exported. ${reasons.join(' ')} The request is back with the reviewer.`;
    await this.desk.backToReview(session, r, message, 'authority');
    throw new AppError('CONFLICT', message);
  }

  private async changedRefusal(
    session: Session,
    r: RequestRow,
    changed: readonly ItemRef[],
    now: readonly Candidate[],
  ): Promise<never> {
    const labels = new Map(now.map((c) => [`${c.kind}:${c.id}`, c.label]));
    const approvedKeys = new Set((await this.desk.approval(r))?.items.map((i) => `${i.kind}:${i.id}`) ?? []);
    const label = (i: ItemRef) => labels.get(`${i.kind}:${i.id}`) ?? 'A record no longer in the chart';
    const list = (items: readonly ItemRef[]) =>
      `${items.slice(0, 5).map(label).join('; ')}${items.length > 5 ? '; …' : ''}`;
    // 164.526(c)(3), (d)(4)-(5): amendment material decided or filed since approval must go with its
    // record, and the reviewer approves it as part of what leaves (amendments.ts).
    const amended = new Set(amendedSince(changed, now).map((i) => `${i.kind}:${i.id}`));
    const edited = changed.filter(
      (i) => approvedKeys.has(`${i.kind}:${i.id}`) && !amended.has(`${i.kind}:${i.id}`),
    );
    const withAmendments = changed.filter((i) => amended.has(`${i.kind}:${i.id}`));
    // An addendum signed since approval: its note may not leave without it (records.ts, addendaWith).
    const added = changed.filter((i) => !approvedKeys.has(`${i.kind}:${i.id}`));
    const parts = [
      ...(edited.length > 0
        ? [
            `${String(edited.length)} approved record${edited.length === 1 ? ' has' : 's have'} changed since approval (${list(edited)}).`,
          ]
        : []),
      ...(withAmendments.length > 0
        ? [
            `Since approval, an amendment decision, a statement of disagreement or a rebuttal was recorded about ${String(withAmendments.length)} approved record${withAmendments.length === 1 ? '' : 's'} (${list(withAmendments)}); it must go with ${withAmendments.length === 1 ? 'that record' : 'those records'} (45 CFR 164.526).`,
          ]
        : []),
      ...(added.length > 0
        ? [
            `${String(added.length)} addend${added.length === 1 ? 'um was' : 'a were'} signed to an approved note since approval (${list(added)}); a note leaves only with its addenda.`,
          ]
        : []),
    ];
    const message = `${parts.join(' ')} Nothing was exported: the request is back with the reviewer to approve what is in the chart now.`;
    await this.desk.backToReview(session, r, message, 'changed');
    throw new AppError('CONFLICT', message);
  }

  async export(session: Session, windowId: string, requestId: string, password: string | undefined) {
    const { ctx, db } = this.desk;
    const r = await this.desk.refreshStatus(session, await this.desk.load(session, requestId));
    if (r.status === 'revoked' || r.status === 'expired') {
      throw new AppError(
        'CONFLICT',
        `The authorization behind this release is ${r.status}: nothing more can be exported under it.`,
      );
    }
    // Sent back to review (now, or before): say why rather than only that it is not approved.
    if (r.status === 'authorized' && r.review_note)
      throw new AppError('CONFLICT', `Nothing was exported. ${r.review_note}`);
    this.desk.assertStatus(r, ['approved', 'exported'], 'exported');
    const approval = await this.desk.approval(r);
    if (!approval) throw new AppError('CONFLICT', 'This release has no approved selection.');
    const details = parseDetails(r.details);
    // The thread starts while the records are checked and the person picks a folder.
    warmExportWorker();
    const chart = await readItems(db, r.client_id, approval.items);
    const candidates = candidatesOf(chart);
    const changed = changedSince(approval.items, candidates);
    if (changed.length > 0) await this.changedRefusal(session, r, changed, candidates);
    const auths = await this.desk.authorizations(r.id);
    // The approver's right to read Part 2 records is asked again now (not only at approval).
    const approver = await getUser(db, approval.row.approved_by);
    const approverPart2 = await readsPart2Now(
      db,
      { userId: approval.row.approved_by, role: approver?.active ? approver.role : null },
      r.client_id,
    );
    const planNow = async (reader: Kysely<DB>) =>
      planRelease(candidates, {
        details,
        // Read again now: a restriction agreed since approval stops the export (164.522(a)).
        restrictions: await restrictedRecords(reader, r.client_id, details, candidates),
        selection: approval.selection,
        authorizations: auths.map((a) => a.view),
        today: this.desk.today(),
        reader: { userId: approval.row.approved_by, role: approval.row.approver_role, part2: approverPart2 },
      });
    const now = await planNow(db);
    const standing = approvalStanding(approval.items, now);
    if (standing.length > 0) await this.standingLost(session, r, standing);
    const used = new Set(now.used.map((a) => a.id));
    const destDir = await this.desk.pickFolder(windowId, 'export');
    if (!destDir) return null;
    const client = chart.client;
    const practice = await getPractice(db);
    const wantsFhir = details.kind !== 'access' || details.format !== 'pdf';
    const at = nowIso(ctx);
    const disclosedBy =
      details.kind === 'emergency' ? ((await getUser(db, details.clinicianId))?.display_name ?? null) : null;
    // A copy of the data key for the worker's read-only connection, moved (not copied) to it.
    const copy = ctx.vault.copyDataKey();
    const key = new Uint8Array(copy.length);
    key.set(copy);
    copy.fill(0);
    let written;
    try {
      written = await writePackage(ctx, {
        requestId: r.id,
        actor: actorOf(session),
        destDir,
        baseName: `Stillwater-release-${client.chart_number}-${this.desk.today()}`,
        job: {
          content: {
            kind: 'compose',
            dbFile: ctx.vault.databaseFile,
            key,
            input: {
              clientId: r.client_id,
              details,
              selection: approval.selection,
              items: approval.items.map(({ kind, id, hash }) => ({ kind, id, hash })),
              authorizations: auths.filter((a) => used.has(a.view.id)).map((a) => a.row),
              // Prepared as the approving clinician saw it (front desk may export, but not read it).
              preparedBy: session.displayName,
              preparedOn: this.desk.today(),
              disclosedBy,
              now: at,
            },
            withFhir: wantsFhir,
          },
          practiceName: practice?.name ?? 'Practice',
          password,
          pdfName: 'records.pdf',
          createdAt: at,
        },
        onStage: this.onExportStage,
        commit: async (trx, res, name) => {
          // The folder dialog and the writing take time: a restriction agreed meanwhile (164.522(a))
          // is read again inside the transaction that records the export, which it would otherwise miss.
          const late = approvalStanding(approval.items, await planNow(trx));
          if (late.length > 0) throw new StandingLost(late);
          // The release is marked exported, and the disclosure and audit entries appended, in one transaction.
          await updateRequest(trx, r.id, { status: 'exported', updated_at: at });
          await insertDisclosure(trx, {
            id: randomUUID(),
            client_id: r.client_id,
            request_id: r.id,
            disclosed_on: this.desk.today(),
            recipient_name: recipientName(details, `${client.legal_first_name} ${client.legal_last_name}`),
            recipient_address: recipientAddress(details),
            description: describe(now.included, approval.selection, chart.amendments.length),
            purpose: purposeOf(details),
            basis: basisOf(details),
            manual: 0,
            manifest_sha256: res.manifestSha256,
            package_name: name,
            recorded_by: session.userId,
            recorded_at: at,
          });
          await ctx.audit.append(trx, actorOf(session), {
            action: 'release.export',
            targetType: 'release',
            targetId: r.id,
            detail: {
              manifestSha256: res.manifestSha256,
              packageName: name,
              encrypted: Boolean(password),
              from: r.status,
              approvalId: approval.row.id,
              records: approval.items.length,
            },
          });
          const release = { id: r.id, clientId: r.client_id, stage: 'export' as const };
          await recordOverrides(trx, ctx.audit, actorOf(session), release, now.overridden);
        },
      });
    } catch (error) {
      if (error instanceof StandingLost) await this.standingLost(session, r, error.reasons);
      if (error instanceof TamperedNotes) await this.desk.refuseTampered(session, r, error.noteIds);
      if (error instanceof ChangedRecords) {
        // The worker read the chart after this check: what it found changed is read again here.
        const later = candidatesOf(await readItems(db, r.client_id, approval.items));
        await this.changedRefusal(session, r, error.items, later);
      }
      throw error;
    } finally {
      // Transferred to the worker, the buffer is detached here (length 0); if it never left, zero it.
      if (key.byteLength > 0) key.fill(0);
    }
    const { packageName, result } = written;
    return { packageName, manifestSha256: result.manifestSha256, files: result.files.map((f) => f.name) };
  }
}

/**
 * 164.528(b)(2)(iii): a brief description of what was disclosed, with the amendment material that
 * went with the records (164.526(c)(3), (d)(4)-(5)).
 */
function describe(items: readonly Candidate[], s: { from: string; to: string }, amendments: number): string {
  const counts = new Map<RecordType, number>();
  for (const i of items)
    if (i.kind !== 'substance_use') counts.set(i.recordType, (counts.get(i.recordType) ?? 0) + 1);
  const parts = [...counts].map(([t, n]) =>
    t === 'demographics' || t === 'intake'
      ? RECORD_TYPE_LABELS[t]
      : `${RECORD_TYPE_LABELS[t]} (${String(n)})`,
  );
  const amended =
    amendments > 0
      ? `, with ${String(amendments)} amendment request${amendments === 1 ? '' : 's'} and the practice’s decision${amendments === 1 ? '' : 's'}`
      : '';
  return `${parts.join(', ')} from ${s.from} to ${s.to}${amended}`;
}

function recipientAddress(d: ReleaseDetails): string | null {
  return d.kind === 'access' ? (d.directedTo?.address ?? null) : d.recipient.address;
}

function basisOf(d: ReleaseDetails): DisclosuresTable['basis'] {
  switch (d.kind) {
    case 'access':
      return 'access';
    case 'third_party':
      return 'authorization';
    case 'legal_order':
      return 'legal_order';
    case 'emergency':
      return d.situation === 'mandated_report' ? 'mandated_report' : 'emergency';
  }
}
