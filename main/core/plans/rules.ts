// Who may open and work a treatment plan (issue 20). The chart's own rule decides first
// (clinicalAccess: the owner and the care team, never front desk); a plan of the Part 2 program goes
// only to those who read the chart's Part 2 records (42 CFR 2.12(c)(3)), as a Part 2 note does.
// Every plan path (list, open, draft, sign, review, the home-screen list) asks here.
import type { Kysely } from 'kysely';
import type { DB, TreatmentPlanRow } from '../../../db/schema.ts';
import type { PlanRights } from '../../../preload/contract/plan-channels.ts';
import { clinicalAccess, type ChartAccess, type ChartUse } from '../access/index.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { getPlan } from './queries.ts';

export const planNotFound = (options: { exists?: boolean } = {}): AppError =>
  new AppError('NOT_FOUND', 'That treatment plan does not exist or is not yours to open.', {
    refused: options.exists === true,
  });

/** The one rule for a plan, once the chart's access is known. */
export const mayReadPlan = (
  plan: Pick<TreatmentPlanRow, 'part2'>,
  chart: Pick<ChartAccess, 'part2'>,
): boolean => plan.part2 !== 1 || chart.part2;

/**
 * Loads a plan the session may read with its chart's access; otherwise NOT_FOUND or FORBIDDEN.
 * `use` says whether the caller only reads it (a read-only emergency grant allows that alone).
 */
export async function readablePlan(
  db: Kysely<DB>,
  session: Session,
  planId: string,
  use: ChartUse = {},
): Promise<{ row: TreatmentPlanRow; access: ChartAccess }> {
  const row = await getPlan(db, planId);
  if (!row) throw planNotFound();
  const access = await clinicalAccess(db, session, row.client_id, use);
  if (!mayReadPlan(row, access)) throw planNotFound({ exists: true });
  return { row, access };
}

/** The clinician who signs a plan: its author, or the client's primary clinician. */
export const maySignAsClinician = (
  session: Pick<Session, 'userId'>,
  row: Pick<TreatmentPlanRow, 'created_by'>,
  access: ChartAccess,
): boolean => row.created_by === session.userId || access.client.primary_clinician_id === session.userId;

/** A draft is its author's to edit and discard (as a note's draft is). */
export const mayEditDraft = (
  session: Pick<Session, 'userId'>,
  row: Pick<TreatmentPlanRow, 'created_by' | 'status'>,
): boolean => row.status === 'draft' && row.created_by === session.userId;

export function planRights(
  session: Pick<Session, 'userId'>,
  row: TreatmentPlanRow,
  access: ChartAccess,
  openVersion: boolean,
): PlanRights {
  return {
    edit: mayEditDraft(session, row),
    signAsClinician: row.status === 'draft' && maySignAsClinician(session, row, access),
    recordClientSignature: row.status === 'awaiting_client',
    review: row.status === 'signed',
    revise: row.status === 'signed' && !openVersion,
  };
}
