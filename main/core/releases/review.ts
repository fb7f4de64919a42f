// Review and approval: the clinician previews exactly what would leave (and what would not, and
// why), approves it — which freezes those records, each with its content hash, in append-only
// rows — or denies the request. Only the client's assigned clinician or the owner decides
// (DESIGN.md section 5); psychotherapy notes only by their author or the custodian (plan.ts).
import { randomUUID } from 'node:crypto';
import {
  DENIAL_GROUNDS,
  type DenialGround,
  type ReleasePreview,
  type ReleaseRecord,
  type Selection,
  withAddenda,
} from '../../../preload/contract/releases.ts';
import { clinicalAccess, mayReadPsychotherapyNote } from '../access/index.ts';
import { actorOf, inTransaction, nowIso, recordAudit } from '../context.ts';
import { AppError } from '../errors.ts';
import { getPractice } from '../practice/index.ts';
import { recordOverrides, restrictedRecords } from '../restrictions/index.ts';
import type { Session } from '../sessions/index.ts';
import { previewAmendments } from './amendment-sections.ts';
import { amendedSince } from './amendments.ts';
import { parseDetails } from './codecs.ts';
import { documentFrom } from './compose-package.ts';
import { OPEN, type ReleaseDesk } from './desk.ts';
import { PART2_READER_RULE, planRelease, PSYCHOTHERAPY_RULE, type Plan } from './plan.ts';
import { alteredAmong, refuseAlteredPlans } from './plan-integrity.ts';
import { warmExportWorker } from './package-writer.ts';
import { insertApproval, updateRequest, type RequestRow } from './queries.ts';
import {
  candidatesOf,
  changedSince,
  integrityFailures,
  readForSelection,
  readItems,
  releaseRecords,
  type ChartRecords,
  type ItemRef,
} from './records.ts';

/** The notes among these items whose signed hash no longer recomputes. */
function tamperedAmong(chart: ChartRecords, items: readonly ItemRef[]): string[] {
  const ids = new Set(items.map((i) => i.id));
  return integrityFailures({
    ...chart,
    notes: chart.notes.filter((n) => ids.has(n.id)),
    addenda: chart.addenda.filter((a) => ids.has(a.id)),
  });
}

/**
 * The selection as it is planned and frozen: addenda go with the notes chosen, ticked or not.
 * Addenda chosen without notes stay as asked, for the plan to refuse.
 */
function withTheirAddenda(s: Selection): Selection {
  const notes = s.recordTypes.includes('progress_notes') || s.recordTypes.includes('psychotherapy_notes');
  return notes ? { ...s, recordTypes: withAddenda(s.recordTypes) } : s;
}

/** The reviewer's note on what goes with the records (164.526(c)(3), (d)(4)-(5)). */
function amendmentsNote(n: number): string {
  return `${String(n)} amendment request${n === 1 ? '' : 's'} by the client go${n === 1 ? 'es' : ''} with these records, with the practice’s decision and any statement of disagreement and rebuttal (45 CFR 164.526): see “Amendments and disagreements” in the document. One decided or filed after approval sends the request back to review.`;
}

export class ReviewRoom {
  private readonly desk: ReleaseDesk;
  constructor(desk: ReleaseDesk) {
    this.desk = desk;
  }

  /** Plans a selection for this reviewer; refuses one the request's authority does not allow. */
  private async plan(session: Session, r: RequestRow, asked: Selection, part2: boolean) {
    const { db } = this.desk;
    const selection = withTheirAddenda(asked);
    const chart = await readForSelection(db, r.client_id, selection);
    const auths = await this.desk.authorizations(r.id);
    const details = parseDetails(r.details);
    const candidates = candidatesOf(chart);
    const plan = planRelease(candidates, {
      details,
      restrictions: await restrictedRecords(db, r.client_id, details, candidates),
      selection,
      authorizations: auths.map((a) => a.view),
      today: this.desk.today(),
      reader: { userId: session.userId, role: session.role, part2 },
    });
    if (plan.problems.length > 0) {
      throw new AppError('CONFLICT', plan.problems.join(' '), {
        fields: plan.problems.map((message) => ({ path: 'selection', message })),
      });
    }
    const tampered = tamperedAmong(chart, plan.included);
    if (tampered.length > 0) await this.desk.refuseTampered(session, r, tampered);
    const altered = alteredAmong(chart, plan.included);
    if (altered.length > 0) await refuseAlteredPlans(this.desk.ctx, session, r, altered);
    const used = new Set(plan.used.map((a) => a.id));
    return {
      chart,
      plan,
      selection,
      authRows: auths.filter((a) => used.has(a.view.id)).map((a) => a.row),
    };
  }

  private composeInput(
    session: Session,
    r: RequestRow,
    selection: Selection,
    items: ItemRef[],
    authRows: Awaited<ReturnType<ReviewRoom['plan']>>['authRows'],
  ) {
    return {
      clientId: r.client_id,
      details: parseDetails(r.details),
      selection,
      items,
      authorizations: authRows,
      preparedBy: session.displayName,
      preparedOn: this.desk.today(),
      disclosedBy: null,
      now: nowIso(this.desk.ctx),
    };
  }

  async preview(
    session: Session,
    requestId: string,
    selection: Selection | undefined,
  ): Promise<ReleasePreview> {
    const { db, ctx } = this.desk;
    const loaded = await this.desk.load(session, requestId);
    // Access before refreshStatus, which may write: a refused call leaves nothing behind.
    const access = await clinicalAccess(db, session, loaded.client_id);
    const r = await this.desk.refreshStatus(session, loaded);
    this.desk.assertStatus(r, ['authorized', 'approved', 'exported'], 'previewed');
    const practice = await getPractice(db);
    let result: ReleasePreview;
    if (r.status === 'authorized') {
      if (!selection) throw new AppError('INVALID_INPUT', 'Choose the records to release first.');
      const planned = await this.plan(session, r, selection, access.part2);
      const document = documentFrom(
        practice,
        planned.chart,
        this.composeInput(session, r, planned.selection, planned.plan.included, planned.authRows),
      );
      const amendments = previewAmendments(releaseRecords(planned.chart, planned.plan.included).amendments);
      result = {
        document,
        withheld: planned.plan.withheld,
        notes: this.previewNotes(planned.plan, planned.selection, amendments.length),
        amendments,
      };
    } else {
      result = await this.approvedPreview(session, r, access.part2);
    }
    await recordAudit(ctx, actorOf(session), {
      action: 'release.preview',
      targetType: 'release',
      targetId: r.id,
      detail: { clientId: r.client_id },
    });
    return result;
  }

  private previewNotes(plan: Plan, selection: Selection, amendments: number): string[] {
    const notes = [
      'Approving freezes exactly these records: anything signed or changed afterwards is not sent, and a changed record (or an addendum signed to an approved note) sends the request back to review.',
    ];
    if (amendments > 0) notes.push(amendmentsNote(amendments));
    const addenda = plan.included.filter((i) => i.kind === 'addendum').length;
    if (addenda > 0)
      notes.push(
        `Each note goes with every addendum signed to it (${String(addenda)} here): an addendum is part of the note it corrects.`,
      );
    // The rule, once: said with the withheld notes when there are any.
    if (
      selection.recordTypes.includes('psychotherapy_notes') &&
      !plan.withheld.some((w) => w.reason.includes(PSYCHOTHERAPY_RULE))
    )
      notes.unshift(PSYCHOTHERAPY_RULE);
    notes.push(...plan.overridden.map((o) => o.note));
    if (plan.used.length > 0)
      notes.push(
        `The package names only the authorizations these records leave under (${String(plan.used.length)}).`,
      );
    return notes;
  }

  /** Exactly what was approved, with psychotherapy notes shown only to whoever may read them. */
  private async approvedPreview(session: Session, r: RequestRow, part2: boolean): Promise<ReleasePreview> {
    const { db } = this.desk;
    const approval = await this.desk.approval(r);
    if (!approval) throw new AppError('CONFLICT', 'This release has no approved selection.');
    const chart = await readItems(db, r.client_id, approval.items);
    const tampered = tamperedAmong(chart, approval.items);
    if (tampered.length > 0) await this.desk.refuseTampered(session, r, tampered);
    const altered = alteredAmong(chart, approval.items);
    if (altered.length > 0) await refuseAlteredPlans(this.desk.ctx, session, r, altered);
    const candidates = candidatesOf(chart);
    const hidden = candidates.filter(
      (c) =>
        c.psychotherapy &&
        c.author &&
        !mayReadPsychotherapyNote(session, { author_id: c.author.id }, c.author.active),
    );
    // Part 2 records approved by the care team are not shown to a reader outside it (the owner).
    const hiddenPart2 = part2 ? [] : candidates.filter((c) => c.part2 && !hidden.includes(c));
    const hiddenIds = new Set([...hidden, ...hiddenPart2].map((c) => c.id));
    const visible = approval.items.filter((i) => !hiddenIds.has(i.id));
    const used = new Set(approval.items.flatMap((i) => i.authorities));
    const authRows = (await this.desk.authorizations(r.id))
      .filter((a) => used.has(a.view.id))
      .map((a) => a.row);
    const document = documentFrom(
      await getPractice(db),
      chart,
      this.composeInput(session, r, approval.selection, visible, authRows),
    );
    const byAuthor = new Map<string, number>();
    for (const c of hidden)
      if (c.kind === 'note')
        byAuthor.set(c.author?.name ?? '', (byAuthor.get(c.author?.name ?? '') ?? 0) + 1);
    const changed = changedSince(approval.items, candidates);
    // 164.522(a): a restriction agreed since approval stops the export; the reviewer is told first.
    const check = await restrictedRecords(db, r.client_id, parseDetails(r.details), candidates);
    const restricted = approval.items.filter((i) => check.withheld.has(`${i.kind}:${i.id}`)).length;
    const amended = amendedSince(changed, candidates);
    const edited = changed.length - amended.length;
    const shown = releaseRecords(
      {
        ...chart,
        amendments: chart.amendments.filter((a) => !a.concerns.some((c) => hiddenIds.has(c.recordId))),
      },
      visible,
    ).amendments;
    const amendments = previewAmendments(shown);
    return {
      document,
      withheld: [
        ...[...byAuthor].map(([author, n]) => ({
          what: `${String(n)} psychotherapy note${n === 1 ? '' : 's'} by ${author}`,
          reason: `Approved for release by their author; ${PSYCHOTHERAPY_RULE.charAt(0).toLowerCase()}${PSYCHOTHERAPY_RULE.slice(1)} Their content is not shown here.`,
        })),
        ...(hiddenPart2.length > 0
          ? [
              {
                what: `${String(hiddenPart2.length)} record${hiddenPart2.length === 1 ? '' : 's'} of the Part 2 program`,
                reason: `Approved for release by the care team; ${PART2_READER_RULE.charAt(0).toLowerCase()}${PART2_READER_RULE.slice(1)} Their content is not shown here.`,
              },
            ]
          : []),
      ],
      notes: [
        `This is exactly what ${approval.row.approver_name} approved on ${approval.row.approved_at.slice(0, 10)}; records signed or changed later are not included.`,
        ...(edited > 0
          ? [
              `${String(edited)} approved record${edited === 1 ? ' has' : 's have'} changed since approval: export will send the request back to review.`,
            ]
          : []),
        ...(amended.length > 0
          ? [
              `Since approval, an amendment decision, a statement of disagreement or a rebuttal was recorded about ${String(amended.length)} approved record${amended.length === 1 ? '' : 's'}: it must go with ${amended.length === 1 ? 'it' : 'them'} (45 CFR 164.526), so export will send the request back to review. The document shows it as it is now.`,
            ]
          : []),
        ...(amendments.length > 0 ? [amendmentsNote(amendments.length)] : []),
        ...(restricted > 0
          ? [
              `${String(restricted)} approved record${restricted === 1 ? ' is' : 's are'} now under a restriction the practice agreed to since approval (45 CFR 164.522(a)): export will send the request back to review.`,
            ]
          : []),
      ],
      amendments,
    };
  }

  async approve(session: Session, requestId: string, asked: Selection): Promise<ReleaseRecord> {
    const { db, ctx } = this.desk;
    const loaded = await this.desk.load(session, requestId);
    // Who may decide before refreshStatus, which may write: a refused call leaves nothing behind.
    await this.desk.assertMayDecide(session, loaded);
    const access = await clinicalAccess(db, session, loaded.client_id);
    const r = await this.desk.refreshStatus(session, loaded);
    this.desk.assertStatus(r, ['authorized'], 'approved');
    const { plan, selection } = await this.plan(session, r, asked, access.part2);
    if (plan.included.length === 0) {
      const message =
        'Nothing in this selection can leave: no record matches it, or every record is withheld (see the preview).';
      throw new AppError('CONFLICT', message, { fields: [{ path: 'selection', message }] });
    }
    const approvalId = randomUUID();
    const now = nowIso(ctx);
    const role = session.role === 'owner' ? 'owner' : 'clinician';
    await inTransaction(ctx, async (trx) => {
      await insertApproval(
        trx,
        {
          id: approvalId,
          request_id: r.id,
          approved_by: session.userId,
          approver_role: role,
          approved_at: now,
          selection: JSON.stringify(selection),
        },
        plan.included.map((i) => ({
          item_kind: i.kind,
          record_id: i.id,
          content_hash: i.hash,
          authorities: JSON.stringify(i.authorities),
        })),
      );
      await updateRequest(trx, r.id, {
        status: 'approved',
        approval_id: approvalId,
        selection: JSON.stringify(selection),
        approved_by: session.userId,
        approved_at: now,
        review_note: null,
        updated_at: now,
      });
      await ctx.audit.append(trx, actorOf(session), {
        action: 'release.statusChange',
        targetType: 'release',
        targetId: r.id,
        detail: {
          from: r.status,
          to: 'approved',
          approvalId,
          role,
          records: plan.included.length,
          withheld: plan.withheld.length,
          recordTypes: selection.recordTypes.join(','),
          from_date: selection.from,
          to_date: selection.to,
          part2: selection.includePart2,
        },
      });
      const release = { id: r.id, clientId: r.client_id, stage: 'approval' as const };
      await recordOverrides(trx, ctx.audit, actorOf(session), release, plan.overridden);
    });
    // Approved: an export comes next. Its thread (PDF fonts, the FHIR writer) starts now.
    warmExportWorker();
    return this.desk.view(session, r.id);
  }

  async deny(
    session: Session,
    input: { requestId: string; ground?: DenialGround | undefined; explanation: string },
  ): Promise<ReleaseRecord> {
    const r = await this.desk.load(session, input.requestId);
    await this.desk.assertMayDecide(session, r);
    await clinicalAccess(this.desk.db, session, r.client_id);
    this.desk.assertStatus(r, OPEN, 'denied');
    if (r.kind === 'access' && !input.ground) {
      throw new AppError(
        'INVALID_INPUT',
        'A denial of a client’s own request states its ground (45 CFR 164.524(a)).',
        { fields: [{ path: 'ground', message: 'Choose the ground for the denial.' }] },
      );
    }
    // 164.524(d)(4): the practice follows the reviewing official's determination; after a reversal
    // only an unreviewable ground (psychotherapy notes, say) may still be given.
    if (r.review_reversed_at && input.ground && DENIAL_GROUNDS[input.ground].reviewable) {
      throw new AppError(
        'CONFLICT',
        'A reviewing official reversed the denial of this request: the practice must provide access, and cannot deny it again on a reviewable ground.',
      );
    }
    const denial = {
      ground: input.ground ?? null,
      reviewable: input.ground ? DENIAL_GROUNDS[input.ground].reviewable : false,
      explanation: input.explanation,
    };
    const role = session.role === 'owner' ? 'owner' : 'clinician';
    await this.desk.transition(
      session,
      r,
      'denied',
      {
        denial: JSON.stringify(denial),
        denied_by: session.userId,
        denied_at: nowIso(this.desk.ctx),
        denied_role: role,
        approval_id: null,
      },
      { ground: denial.ground, reviewable: denial.reviewable, role },
    );
    return this.desk.view(session, r.id);
  }
}
