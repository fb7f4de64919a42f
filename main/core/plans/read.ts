// The reads other rooms make of a client's treatment plans (notes mark goals of the current plan;
// releases carry every version). No access check here: the caller has decided who reads the chart.
import type { Kysely } from 'kysely';
import type { DB, TreatmentPlanRow } from '../../../db/schema.ts';
import type { TreatmentPlan } from '../../../preload/contract/plans.ts';
import { staffNames } from '../staff/index.ts';
import { staffIdsOf, toPlan } from './codecs.ts';
import { currentPlanRow, plansOfClient } from './queries.ts';

export async function toPlans(db: Kysely<DB>, rows: readonly TreatmentPlanRow[]): Promise<TreatmentPlan[]> {
  const names = await staffNames(db, rows.flatMap(staffIdsOf));
  return rows.map((r) => toPlan(r, names));
}

/** Every version of the client's plan, newest first (drafts and superseded versions included). */
export async function plansOf(db: Kysely<DB>, clientId: string): Promise<TreatmentPlan[]> {
  return toPlans(db, await plansOfClient(db, clientId));
}

/** The newest version signed by both the clinician and the client: the plan a progress note marks goals against. */
export async function currentPlan(db: Kysely<DB>, clientId: string): Promise<TreatmentPlan | null> {
  const row = await currentPlanRow(db, clientId);
  return row ? ((await toPlans(db, [row]))[0] ?? null) : null;
}
