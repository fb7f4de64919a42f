// SQL of the plans room: treatment-plan versions and their reviews. Only this room names the tables.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, PlanReviewRow, TreatmentPlanRow } from '../../../db/schema.ts';
import { onCaseloadOf } from '../clients/index.ts';

export async function plansOfClient(db: Kysely<DB>, clientId: string): Promise<TreatmentPlanRow[]> {
  return db
    .selectFrom('treatment_plans')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('version', 'desc')
    .execute();
}

export async function getPlan(db: Kysely<DB>, planId: string): Promise<TreatmentPlanRow | undefined> {
  return db.selectFrom('treatment_plans').selectAll().where('id', '=', planId).executeTakeFirst();
}

/** The newest version signed by both (status 'signed'). */
export async function currentPlanRow(
  db: Kysely<DB>,
  clientId: string,
): Promise<TreatmentPlanRow | undefined> {
  return db
    .selectFrom('treatment_plans')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('status', '=', 'signed')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest version of any status (a draft or one awaiting the client's signature included). */
export async function latestPlanRow(db: Kysely<DB>, clientId: string): Promise<TreatmentPlanRow | undefined> {
  return db
    .selectFrom('treatment_plans')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertPlan(db: Kysely<DB>, row: Insertable<DB['treatment_plans']>): Promise<void> {
  await db.insertInto('treatment_plans').values(row).execute();
}

/** Changes a row only while it has the status the caller read; 0 when it moved on meanwhile. */
export async function updatePlanFrom(
  db: Kysely<DB>,
  planId: string,
  status: TreatmentPlanRow['status'],
  values: Updateable<DB['treatment_plans']>,
): Promise<number> {
  const r = await db
    .updateTable('treatment_plans')
    .set(values)
    .where('id', '=', planId)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteDraftPlan(db: Kysely<DB>, planId: string): Promise<number> {
  const r = await db
    .deleteFrom('treatment_plans')
    .where('id', '=', planId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function reviewsOfClient(db: Kysely<DB>, clientId: string): Promise<PlanReviewRow[]> {
  return db
    .selectFrom('plan_reviews')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('reviewed_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
}

export async function insertReview(db: Kysely<DB>, row: Insertable<DB['plan_reviews']>): Promise<void> {
  await db.insertInto('plan_reviews').values(row).execute();
}

/** Signed plans whose review falls on or before `until`, of the clients on this person's caseload. */
export async function reviewsDueBy(
  db: Kysely<DB>,
  until: string,
  userId: string,
): Promise<Pick<TreatmentPlanRow, 'id' | 'client_id' | 'version' | 'review_due_on' | 'part2'>[]> {
  return db
    .selectFrom('treatment_plans')
    .select(['id', 'client_id', 'version', 'review_due_on', 'part2'])
    .where('status', '=', 'signed')
    .where('review_due_on', '<=', until)
    .where(onCaseloadOf('treatment_plans.client_id', userId))
    .orderBy('review_due_on')
    .execute();
}

/** A destroyed chart's plans and reviews (only under the destruction's permit, 0015). */
export async function purgeClient(trx: Kysely<DB>, clientId: string): Promise<void> {
  await trx.deleteFrom('plan_reviews').where('client_id', '=', clientId).execute();
  await trx.deleteFrom('treatment_plans').where('client_id', '=', clientId).execute();
}
