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
import { duplicateIds, planIssues } from '../../../preload/contract/plans.ts';
import { clinicalAccess, ListReadLog, type ChartAccess } from '../access/index.ts';
import { actorOf, inTransaction, nowIso, readDb, todayLocal, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { parsePlanContent } from './codecs.ts';
import { planContentHash, planSignatureHash } from './content-hash.ts';
import {
  deleteDraftPlan,
  getPlan,
  insertReview,
  plansOfClient,
  reviewsOfClient,
  updatePlanFrom,
} from './queries.ts';
import { mayEditDraft, maySignAsClinician, readablePlan } from './rules.ts';
import { reviewsDue } from './reviews-due.ts';
import { planSettings, updatePlanSettings } from './settings.ts';
import { auditPlan, diagnosisIssues, startVersion } from './versions.ts';
import { clientPlans, planView } from './view.ts';

const invalid = (message: string, fields: FieldIssue[]) => new AppError('INVALID_INPUT', message, { fields });
const signedLocked = () =>
  new AppError(
    'LOCKED',
    'This plan is signed and can no longer be changed. Record a review and revise it to make a new version.',
  );

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

  /** The view of one plan; a plan whose hashes do not match is flagged in the audit log and the diagnostic log. */
  private async view(session: Session, row: TreatmentPlanRow, access: ChartAccess): Promise<PlanView> {
    const db = this.db;
    const rows = await plansOfClient(db, row.client_id);
    const view = await planView(db, session, row, access, rows, await reviewsOfClient(db, row.client_id));
    if (view.plan.integrity === 'altered') {
      await inTransaction(this.ctx, (trx) => auditPlan(this.ctx, trx, session, 'plan.integrityFailed', row));
      this.ctx.logger.log('error', 'plans.integrityFailed');
    }
    return view;
  }

  async ofClient(session: Session, clientId: string): Promise<ClientPlans> {
    const db = this.db;
    const access = await clinicalAccess(db, session, clientId, { reading: true });
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
        auditPlan(this.ctx, trx, session, 'plan.integrityFailed', {
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
    const { row, access } = await readablePlan(this.db, session, planId, { reading: true });
    await inTransaction(this.ctx, (trx) => auditPlan(this.ctx, trx, session, 'plan.view', row));
    return this.view(session, row, access);
  }

  async createDraft(session: Session, clientId: string): Promise<PlanView> {
    const access = await clinicalAccess(this.db, session, clientId);
    const row = await inTransaction(this.ctx, async (trx) =>
      startVersion(this.ctx, trx, session, access, await plansOfClient(trx, clientId)),
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
    const issues = await diagnosisIssues(this.db, input.content, access);
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
      await auditPlan(this.ctx, trx, session, 'plan.draftSave', row);
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
      await auditPlan(this.ctx, trx, session, 'plan.discard', row);
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
      ...(await diagnosisIssues(this.db, content, access)),
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
      await auditPlan(this.ctx, trx, session, 'plan.signClinician', row);
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
      await auditPlan(this.ctx, trx, session, 'plan.signClient', row, { signer: input.signer, superseded });
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
      await auditPlan(this.ctx, trx, session, 'plan.review', row, { outcome: input.outcome });
      if (input.outcome === 'continue') {
        await updatePlanFrom(trx, row.id, 'signed', { review_due_on: input.nextReviewOn, updated_at: at });
        return row.id;
      }
      // Revise: the review starts the revision, a new draft with the plan's content.
      return (await startVersion(this.ctx, trx, session, access, await plansOfClient(trx, row.client_id))).id;
    });
    return this.reread(session, next, access);
  }

  private async reread(session: Session, planId: string, access: ChartAccess): Promise<PlanView> {
    const row = await getPlan(this.db, planId);
    if (!row) throw new AppError('NOT_FOUND', 'That treatment plan does not exist.');
    return this.view(session, row, access);
  }

  /** The home screen's "Treatment plan reviews" (reviews-due.ts). */
  reviewsDue(session: Session): Promise<PlanReviewDue[]> {
    return reviewsDue(this.ctx, this.listLog, session);
  }

  settings(): Promise<PlanSettings> {
    return planSettings(this.db);
  }

  updateSettings(session: Session, input: PlanSettings): Promise<PlanSettings> {
    return updatePlanSettings(this.ctx, session, input);
  }
}
