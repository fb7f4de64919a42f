// The steps every path of a plan's life shares: a new version (the first plan, or a revision of
// the one in force: content and ids carried, diagnoses no longer current dropped), the check that
// a plan names only the client's current diagnoses, and the audit entry of a step (about the
// client, naming the plan and its version, never its words).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, TreatmentPlanRow } from '../../../db/schema.ts';
import type { FieldIssue } from '../../../preload/contract/common.ts';
import type { PlanContent } from '../../../preload/contract/plans.ts';
import { actorOf, nowIso, todayLocal, type CoreContext } from '../context.ts';
import type { ChartAccess } from '../access/index.ts';
import { addDays } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { parsePlanContent } from './codecs.ts';
import { insertPlan } from './queries.ts';
import { planSettings } from './settings.ts';
import { isCurrentDiagnosis, readableDiagnoses } from './view.ts';

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

export async function auditPlan(
  ctx: CoreContext,
  trx: Kysely<DB>,
  session: Session,
  action: Parameters<CoreContext['audit']['append']>[2]['action'],
  row: Pick<TreatmentPlanRow, 'id' | 'client_id' | 'version'>,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await ctx.audit.append(trx, actorOf(session), {
    action,
    targetType: 'client',
    targetId: row.client_id,
    detail: { planId: row.id, version: row.version, ...extra },
  });
}

/** The diagnoses a plan may name: the client's current ones this reader sees. */
export async function diagnosisIssues(
  db: Kysely<DB>,
  content: PlanContent,
  access: ChartAccess,
): Promise<FieldIssue[]> {
  const current = new Set(
    (await readableDiagnoses(db, access.client.id, access)).filter(isCurrentDiagnosis).map((d) => d.id),
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
export async function startVersion(
  ctx: CoreContext,
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
  // 42 CFR 2.12(c)(3): a Part 2 plan's content goes only to the care team, a revision's copy too.
  if (current?.part2 === 1 && !access.part2)
    throw new AppError(
      'FORBIDDEN',
      'The plan in force is a record of the Part 2 program: only the client’s care team can revise it.',
    );
  const now = nowIso(ctx);
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
    review_due_on: addDays(todayLocal(ctx), reviewDays),
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
  await auditPlan(ctx, trx, session, 'plan.draftCreate', row, { previousId: row.previous_id });
  return row;
}
