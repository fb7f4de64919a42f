// What the plan view and the Treatment plan tab show, built for one reader: the plan versions,
// their reviews, the diagnoses they name (code and words), the notes that addressed each goal and
// objective (the notes room's progressOnPlan, with the reader's own note rule) and the PHQ-9 and
// GAD-7 totals on the chart for the objectives measured by them.
import type { Kysely } from 'kysely';
import type { DB, PlanReviewRow, TreatmentPlanRow } from '../../../db/schema.ts';
import type { Diagnosis } from '../../../preload/contract/diagnoses.ts';
import type {
  ClientPlans,
  PlanDiagnosis,
  PlanReview,
  PlanView,
  ScoreTrends,
} from '../../../preload/contract/plan-channels.ts';
import type { PlanContent } from '../../../preload/contract/plans.ts';
import type { ChartAccess } from '../access/index.ts';
import { screeningRows } from '../clients/index.ts';
import { diagnosesAsOf } from '../diagnoses/index.ts';
import { progressOnPlan } from '../notes/index.ts';
import type { Session } from '../sessions/index.ts';
import { staffNames } from '../staff/index.ts';
import { toPlans } from './read.ts';
import { planRights, mayReadPlan } from './rules.ts';

/** A diagnosis a plan may address: on the chart now, active or in remission. */
export const isCurrentDiagnosis = (d: Diagnosis): boolean =>
  d.current.status === 'active' || d.current.status === 'in_remission';

/** The client's diagnoses this reader sees (a Part 2 diagnosis only where the chart's Part 2 records are read). */
export async function readableDiagnoses(
  db: Kysely<DB>,
  clientId: string,
  access: Pick<ChartAccess, 'part2'>,
  at?: string,
): Promise<Diagnosis[]> {
  return (await diagnosesAsOf(db, clientId, at)).filter((d) => !d.part2 || access.part2);
}

const toPlanDiagnosis = (d: Diagnosis): PlanDiagnosis => ({
  id: d.id,
  code: d.code,
  description: d.description,
  status: d.current.status,
});

export async function toReviews(
  db: Kysely<DB>,
  rows: readonly PlanReviewRow[],
  versions: ReadonlyMap<string, number>,
): Promise<PlanReview[]> {
  const names = await staffNames(
    db,
    rows.map((r) => r.reviewed_by),
  );
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    planVersion: versions.get(r.plan_id) ?? 1,
    reviewedOn: r.reviewed_on,
    outcome: r.outcome,
    nextReviewOn: r.next_review_on,
    comment: r.comment,
    reviewedBy: { id: r.reviewed_by, displayName: names.get(r.reviewed_by) ?? 'A former staff member' },
    recordedAt: r.recorded_at,
  }));
}

export async function scoreTrends(db: Kysely<DB>, clientId: string): Promise<ScoreTrends> {
  const rows = await screeningRows(db, clientId);
  const of = (instrument: 'phq9' | 'gad7') =>
    rows.filter((r) => r.instrument === instrument).map((r) => ({ on: r.administered_on, score: r.total }));
  return { phq9: of('phq9'), gad7: of('gad7') };
}

const goalIdsOf = (content: PlanContent): Set<string> =>
  new Set(content.problems.flatMap((p) => p.goals.map((g) => g.id)));

/** The plan view of one version. `rows` are the client's versions this reader may read. */
export async function planView(
  db: Kysely<DB>,
  session: Session,
  row: TreatmentPlanRow,
  access: ChartAccess,
  rows: readonly TreatmentPlanRow[],
  reviewRows: readonly PlanReviewRow[],
): Promise<PlanView> {
  const [plan] = await toPlans(db, [row]);
  if (!plan) throw new Error('plan view: no plan');
  // A signed plan names its diagnoses as they stood when it was signed; a draft, as they are now.
  const at = row.clinician_signed_at ?? undefined;
  const named = new Set(plan.content.problems.flatMap((p) => p.diagnosisIds));
  const [then, now] = await Promise.all([
    readableDiagnoses(db, row.client_id, access, at),
    at ? readableDiagnoses(db, row.client_id, access) : Promise.resolve(null),
  ]);
  const statusNow = new Map((now ?? then).map((d) => [d.id, d.current.status]));
  const diagnoses = then
    .filter((d) => named.has(d.id))
    .map((d) => ({ ...toPlanDiagnosis(d), status: statusNow.get(d.id) ?? null }));
  const goals = goalIdsOf(plan.content);
  const marks = (await progressOnPlan(db, row.client_id, session)).filter((m) => goals.has(m.goalId));
  const open = rows.some((r) => r.status === 'draft' || r.status === 'awaiting_client');
  const versions = new Map(rows.map((r) => [r.id, r.version]));
  return {
    plan,
    reviews: await toReviews(
      db,
      reviewRows.filter((r) => r.plan_id === row.id),
      versions,
    ),
    diagnoses,
    marks,
    trends: await scoreTrends(db, row.client_id),
    rights: planRights(session, row, access, open),
  };
}

/** The Treatment plan tab: the versions this reader may read, newest first, and what drafting offers. */
export async function clientPlans(
  db: Kysely<DB>,
  access: ChartAccess,
  allRows: readonly TreatmentPlanRow[],
  reviewRows: readonly PlanReviewRow[],
): Promise<ClientPlans> {
  const rows = allRows.filter((r) => mayReadPlan(r, access));
  const readable = new Set(rows.map((r) => r.id));
  const trends = await scoreTrends(db, access.client.id);
  const last = <T>(xs: readonly T[]): T | null => xs[xs.length - 1] ?? null;
  return {
    plans: await toPlans(db, rows),
    reviews: await toReviews(
      db,
      reviewRows.filter((r) => readable.has(r.plan_id)),
      new Map(rows.map((r) => [r.id, r.version])),
    ),
    diagnoses: (await readableDiagnoses(db, access.client.id, access))
      .filter(isCurrentDiagnosis)
      .map(toPlanDiagnosis),
    latestScores: { phq9: last(trends.phq9), gad7: last(trends.gad7) },
    canStart: !allRows.some((r) => r.status === 'draft' || r.status === 'awaiting_client'),
  };
}
