// Treatment plans (issue 20): a draft (the first plan, or a revision of the current signed one),
// saved as it is typed; signed by the clinician (content hashed and locked), then by the client or
// their representative (signed by both: the plan in force, the previous version superseded);
// reviews (continue, with the next date; or revise). One rule per step, each step and each read
// audited in the same transaction as its change.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB, TreatmentPlanRow } from '../../../db/schema.ts';
import { todayIso } from '../../../preload/contract/clients.ts';
import type { FieldIssue } from '../../../preload/contract/common.ts';
import type {
  ClientPlans,
  PlanSettings,
  PlanView,
  RecordClientSignatureInput,
  PlanReviewDue,
  RecordPlanReviewInput,
  SavePlanDraftInput,
} from '../../../preload/contract/plan-channels.ts';
import { duplicateIds, planIssues, type PlanContent } from '../../../preload/contract/plans.ts';
import { chartAccessOrNull, clinicalAccess, ListReadLog, type ChartAccess } from '../access/index.ts';
import { clientLabels } from '../clients/index.ts';
import { addDays, DUE_SOON_DAYS, dueUrgency } from '../clock.ts';
import { actorOf, inTransaction, nowIso, readDb, todayLocal, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { writeSetting } from '../settings-store.ts';
import { parsePlanContent } from './codecs.ts';
import { planContentHash, planSignatureHash } from './content-hash.ts';
import {
  deleteDraftPlan,
  getPlan,
  insertPlan,
  insertReview,
  plansOfClient,
  reviewsDueBy,
  reviewsOfClient,
  updatePlanFrom,
} from './queries.ts';
import { mayEditDraft, mayReadPlan, maySignAsClinician, readablePlan } from './rules.ts';
import { planSettings, SETTINGS_KEY } from './settings.ts';
import { clientPlans, isCurrentDiagnosis, planView, readableDiagnoses } from './view.ts';

const invalid = (message: string, fields: FieldIssue[]) => new AppError('INVALID_INPUT', message, { fields });
const signedLocked = () =>
  new AppError(
    'LOCKED',
    'This plan is signed and can no longer be changed. Record a review and revise it to make a new version.',
  );

/** A new plan's starting rows: one problem with one goal and one objective, one intervention. */
function blankContent(): PlanContent {
  const problemId = randomUUID();
  return {
    problems: [
      {
        id: problemId,
        text: '',
        diagnosisIds: [],
        goals: [
          {
            id: randomUUID(),
            text: '',
            objectives: [
              {
                id: randomUUID(),
                text: '',
                measure: 'phq9',
                measureLabel: null,
                baseline: null,
                target: null,
                targetDate: null,
              },
            ],
          },
        ],
      },
    ],
    interventions: [{ id: randomUUID(), text: '', modality: '', frequency: '', problemIds: [problemId] }],
  };
}

export class PlansService {
  private readonly ctx: CoreContext;
  private readonly listLog: ListReadLog;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
    this.listLog = new ListReadLog(ctx, 'plan.reviewsDue');
  }

  private get db(): Kysely<DB> {
    return readDb(this.ctx);
  }

  private async audit(
    trx: Kysely<DB>,
    session: Session,
    action: Parameters<CoreContext['audit']['append']>[2]['action'],
    row: Pick<TreatmentPlanRow, 'id' | 'client_id' | 'version'>,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await this.ctx.audit.append(trx, actorOf(session), {
      action,
      targetType: 'client',
      targetId: row.client_id,
      detail: { planId: row.id, version: row.version, ...extra },
    });
  }

  /** The view of one plan; a plan whose hashes do not match is flagged in the audit log and the diagnostic log. */
  private async view(session: Session, row: TreatmentPlanRow, access: ChartAccess): Promise<PlanView> {
    const db = this.db;
    const rows = await plansOfClient(db, row.client_id);
    const view = await planView(db, session, row, access, rows, await reviewsOfClient(db, row.client_id));
    if (view.plan.integrity === 'altered') {
      await inTransaction(this.ctx, (trx) => this.audit(trx, session, 'plan.integrityFailed', row));
      this.ctx.logger.log('error', 'plans.integrityFailed');
    }
    return view;
  }

  async ofClient(session: Session, clientId: string): Promise<ClientPlans> {
    const db = this.db;
    const access = await clinicalAccess(db, session, clientId);
    const out = await clientPlans(
      db,
      access,
      await plansOfClient(db, clientId),
      await reviewsOfClient(db, clientId),
    );
    await inTransaction(this.ctx, (trx) =>
      this.ctx.audit.append(trx, actorOf(session), {
        action: 'plan.list',
        targetType: 'client',
        targetId: clientId,
        detail: { count: out.plans.length },
      }),
    );
    for (const p of out.plans.filter((x) => x.integrity === 'altered')) {
      await inTransaction(this.ctx, (trx) =>
        this.audit(trx, session, 'plan.integrityFailed', {
          id: p.id,
          client_id: clientId,
          version: p.version,
        }),
      );
      this.ctx.logger.log('error', 'plans.integrityFailed');
    }
    return out;
  }

  async get(session: Session, planId: string): Promise<PlanView> {
    const { row, access } = await readablePlan(this.db, session, planId);
    await inTransaction(this.ctx, (trx) => this.audit(trx, session, 'plan.view', row));
    return this.view(session, row, access);
  }

  /** The diagnoses a plan may name: the client's current ones this reader sees. */
  private async diagnosisIssues(content: PlanContent, access: ChartAccess): Promise<FieldIssue[]> {
    const current = new Set(
      (await readableDiagnoses(this.db, access.client.id, access))
        .filter(isCurrentDiagnosis)
        .map((d) => d.id),
    );
    const issues: FieldIssue[] = [];
    content.problems.forEach((p, i) => {
      if (p.diagnosisIds.some((id) => !current.has(id)))
        issues.push({
          path: `problems.${String(i)}.diagnosisIds`,
          message: `Problem ${String(i + 1)} names a diagnosis that is not one of the client’s current diagnoses.`,
        });
    });
    return issues;
  }

  /** A new version in the caller's transaction: the first plan, or a revision of the current one. */
  private async startVersion(
    trx: Kysely<DB>,
    session: Session,
    access: ChartAccess,
    rows: readonly TreatmentPlanRow[],
  ): Promise<TreatmentPlanRow> {
    if (rows.some((r) => r.status === 'draft' || r.status === 'awaiting_client'))
      throw new AppError(
        'CONFLICT',
        'A plan for this client is already being drawn up or is awaiting the client’s signature. Finish or discard it first.',
      );
    const current = rows.find((r) => r.status === 'signed');
    const now = nowIso(this.ctx);
    const { reviewDays } = await planSettings(trx);
    let content = blankContent();
    if (current) {
      // A revision carries the signed content forward with its ids, so notes' marks follow the goals.
      const signed = parsePlanContent(current);
      const diagnoses = new Set(
        (await readableDiagnoses(trx, access.client.id, access)).filter(isCurrentDiagnosis).map((d) => d.id),
      );
      content = {
        ...signed,
        problems: signed.problems.map((p) => ({
          ...p,
          diagnosisIds: p.diagnosisIds.filter((id) => diagnoses.has(id)),
        })),
      };
    }
    const row: TreatmentPlanRow = {
      id: randomUUID(),
      client_id: access.client.id,
      version: (rows[0]?.version ?? 0) + 1,
      previous_id: current?.id ?? null,
      status: 'draft',
      content: JSON.stringify(content),
      part2: current?.part2 ?? 0,
      review_due_on: addDays(todayLocal(this.ctx), reviewDays),
      created_by: session.userId,
      created_at: now,
      updated_at: now,
      clinician_signed_by: null,
      clinician_signed_at: null,
      content_hash: null,
      client_signer_name: null,
      client_signer: null,
      client_authority: null,
      client_signed_on: null,
      client_recorded_by: null,
      client_recorded_at: null,
      signature_hash: null,
      superseded_at: null,
    };
    await insertPlan(trx, row);
    await this.audit(trx, session, 'plan.draftCreate', row, { previousId: row.previous_id });
    return row;
  }

  async createDraft(session: Session, clientId: string): Promise<PlanView> {
    const access = await clinicalAccess(this.db, session, clientId);
    const row = await inTransaction(this.ctx, async (trx) =>
      this.startVersion(trx, session, access, await plansOfClient(trx, clientId)),
    );
    return this.view(session, row, access);
  }

  /** Saves a draft as it is typed: an incomplete plan is kept; signing asks for the rest. */
  async saveDraft(
    session: Session,
    input: z.output<typeof SavePlanDraftInput>,
  ): Promise<{ savedAt: string }> {
    const { row, access } = await readablePlan(this.db, session, input.planId);
    if (row.status !== 'draft') throw signedLocked();
    if (!mayEditDraft(session, row))
      throw new AppError('FORBIDDEN', 'Only the clinician who started this draft can change it.');
    const twice = duplicateIds(input.content);
    if (twice.length)
      throw invalid('Each problem, goal, objective and intervention needs its own identifier.', []);
    const issues = await this.diagnosisIssues(input.content, access);
    if (issues.length) throw invalid('Some details need attention.', issues);
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      const changed = await updatePlanFrom(trx, row.id, 'draft', {
        content: JSON.stringify(input.content),
        review_due_on: input.reviewDueOn,
        part2: input.part2 ? 1 : 0,
        updated_at: now,
      });
      if (changed === 0) throw signedLocked();
      await this.audit(trx, session, 'plan.draftSave', row);
    });
    return { savedAt: now };
  }

  async discardDraft(session: Session, planId: string): Promise<null> {
    const { row } = await readablePlan(this.db, session, planId);
    if (row.status !== 'draft') throw signedLocked();
    if (!mayEditDraft(session, row))
      throw new AppError('FORBIDDEN', 'Only the clinician who started this draft can discard it.');
    await inTransaction(this.ctx, async (trx) => {
      if ((await deleteDraftPlan(trx, row.id)) === 0) throw signedLocked();
      await this.audit(trx, session, 'plan.discard', row);
    });
    return null;
  }

  async signAsClinician(session: Session, planId: string): Promise<PlanView> {
    const { row, access } = await readablePlan(this.db, session, planId);
    if (row.status !== 'draft') throw signedLocked();
    if (!maySignAsClinician(session, row, access))
      throw new AppError(
        'FORBIDDEN',
        'The plan is signed by its author or by the client’s primary clinician.',
      );
    const content = parsePlanContent(row);
    const issues = [
      ...planIssues(content, row.review_due_on, todayLocal(this.ctx)),
      ...(await this.diagnosisIssues(content, access)),
    ];
    if (issues.length) throw invalid('The plan is not ready to sign.', issues);
    const at = nowIso(this.ctx);
    const signed = { ...row, clinician_signed_by: session.userId, clinician_signed_at: at };
    await inTransaction(this.ctx, async (trx) => {
      const changed = await updatePlanFrom(trx, row.id, 'draft', {
        status: 'awaiting_client',
        clinician_signed_by: session.userId,
        clinician_signed_at: at,
        content_hash: planContentHash(signed, row.content),
        updated_at: at,
      });
      if (changed === 0) throw signedLocked();
      await this.audit(trx, session, 'plan.signClinician', row);
    });
    return this.reread(session, row.id, access);
  }

  /** The client's (or representative's) signature: the plan is then signed by both and in force. */
  async recordClientSignature(
    session: Session,
    input: z.output<typeof RecordClientSignatureInput>,
  ): Promise<PlanView> {
    const { row, access } = await readablePlan(this.db, session, input.planId);
    if (row.status === 'draft')
      throw new AppError(
        'CONFLICT',
        'The clinician signs the plan before the client’s signature is recorded.',
      );
    if (row.status !== 'awaiting_client') throw signedLocked();
    const today = todayLocal(this.ctx);
    const clinicianDay = todayIso(new Date(row.clinician_signed_at ?? ''));
    if (input.signedOn > today)
      throw invalid('Some details need attention.', [
        { path: 'signedOn', message: 'The date signed cannot be in the future.' },
      ]);
    if (input.signedOn < clinicianDay)
      throw invalid('Some details need attention.', [
        { path: 'signedOn', message: 'The client signs on or after the day the clinician signed.' },
      ]);
    const at = nowIso(this.ctx);
    const fields = {
      client_signer_name: input.signerName,
      client_signer: input.signer,
      // A representative signs with the authority recorded; the client's own signature has none.
      client_authority: input.signer === 'representative' ? (input.authority ?? null) : null,
      client_signed_on: input.signedOn,
      client_recorded_by: session.userId,
      client_recorded_at: at,
    };
    const signatureHash = planSignatureHash({ content_hash: row.content_hash, ...fields });
    await inTransaction(this.ctx, async (trx) => {
      const changed = await updatePlanFrom(trx, row.id, 'awaiting_client', {
        ...fields,
        signature_hash: signatureHash,
        status: 'signed',
        updated_at: at,
      });
      if (changed === 0) throw signedLocked();
      // Signed by both: the version it revises (any earlier one in force) is superseded, kept readable.
      const superseded: string[] = [];
      for (const older of await plansOfClient(trx, row.client_id)) {
        if (older.id === row.id || older.status !== 'signed') continue;
        await updatePlanFrom(trx, older.id, 'signed', {
          status: 'superseded',
          superseded_at: at,
          updated_at: at,
        });
        superseded.push(older.id);
      }
      await this.audit(trx, session, 'plan.signClient', row, { signer: input.signer, superseded });
    });
    return this.reread(session, row.id, access);
  }

  async recordReview(session: Session, input: z.output<typeof RecordPlanReviewInput>): Promise<PlanView> {
    const { row, access } = await readablePlan(this.db, session, input.planId);
    if (row.status !== 'signed')
      throw new AppError(
        'CONFLICT',
        'Only the plan in force (signed by the clinician and the client) is reviewed.',
      );
    if (input.reviewedOn > todayLocal(this.ctx))
      throw invalid('Some details need attention.', [
        { path: 'reviewedOn', message: 'The review date cannot be in the future.' },
      ]);
    const at = nowIso(this.ctx);
    const next = await inTransaction(this.ctx, async (trx) => {
      await insertReview(trx, {
        id: randomUUID(),
        plan_id: row.id,
        client_id: row.client_id,
        reviewed_on: input.reviewedOn,
        outcome: input.outcome,
        next_review_on: input.outcome === 'continue' ? (input.nextReviewOn ?? null) : null,
        comment: input.comment ?? null,
        reviewed_by: session.userId,
        recorded_at: at,
      });
      await this.audit(trx, session, 'plan.review', row, { outcome: input.outcome });
      if (input.outcome === 'continue') {
        await updatePlanFrom(trx, row.id, 'signed', { review_due_on: input.nextReviewOn, updated_at: at });
        return row.id;
      }
      // Revise: the review starts the revision, a new draft with the plan's content.
      return (await this.startVersion(trx, session, access, await plansOfClient(trx, row.client_id))).id;
    });
    return this.reread(session, next, access);
  }

  private async reread(session: Session, planId: string, access: ChartAccess): Promise<PlanView> {
    const row = await getPlan(this.db, planId);
    if (!row) throw new AppError('NOT_FOUND', 'That treatment plan does not exist.');
    return this.view(session, row, access);
  }

  /**
   * The home screen's "Treatment plan reviews": plans in force of the clients on the reader's own
   * caseload (primary clinician or care team) whose review is due soon or overdue, overdue first.
   * Each plan passes the chart's rule (chartRights) before it is listed; the list is audited naming
   * the clients it showed.
   */
  async reviewsDue(session: Session): Promise<PlanReviewDue[]> {
    const db = this.db;
    const today = todayLocal(this.ctx);
    const rows = await reviewsDueBy(db, addDays(today, DUE_SOON_DAYS), session.userId);
    const labels = await clientLabels(
      db,
      rows.map((r) => r.client_id),
    );
    const out: PlanReviewDue[] = [];
    for (const r of rows) {
      const access = await chartAccessOrNull(db, session, r.client_id);
      if (!access?.clinical || !mayReadPlan(r, access)) continue;
      const urgency = dueUrgency(r.review_due_on, today, true);
      const label = labels.get(r.client_id);
      if (!urgency || !label) continue;
      out.push({
        planId: r.id,
        clientId: r.client_id,
        clientName: `${label.legal_first_name} ${label.legal_last_name}${label.preferred_name ? ` (${label.preferred_name})` : ''}`,
        version: r.version,
        reviewDueOn: r.review_due_on,
        urgency,
        href: `#/clients/${r.client_id}/plan`,
      });
    }
    await this.listLog.record(
      session,
      out.map((r) => r.clientId),
    );
    return out;
  }

  settings(): Promise<PlanSettings> {
    return planSettings(this.db);
  }

  async updateSettings(session: Session, input: PlanSettings): Promise<PlanSettings> {
    const before = await planSettings(this.db);
    await inTransaction(this.ctx, async (trx) => {
      await writeSetting(trx, SETTINGS_KEY, JSON.stringify(input), nowIso(this.ctx));
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'plan.settingsUpdate',
        targetType: 'settings',
        targetId: SETTINGS_KEY,
        detail: { before: before.reviewDays, after: input.reviewDays },
      });
    });
    return this.settings();
  }
}
