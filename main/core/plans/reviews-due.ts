// The home screen's "Treatment plan reviews": plans in force of the clients on the reader's own
// caseload (primary clinician or care team) whose review is due soon or overdue (dueUrgency, the one
// due-soon rule), overdue first. Each plan passes the chart's rule and the plan's own (Part 2)
// before it is listed; the list is audited naming the clients it showed.
import type { PlanReviewDue } from '../../../preload/contract/plan-channels.ts';
import { chartAccessOrNull, type ListReadLog } from '../access/index.ts';
import { clientLabels } from '../clients/index.ts';
import { addDays, DUE_SOON_DAYS, dueUrgency } from '../clock.ts';
import { readDb, todayLocal, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import { reviewsDueBy } from './queries.ts';
import { mayReadPlan } from './rules.ts';

export async function reviewsDue(
  ctx: CoreContext,
  listLog: ListReadLog,
  session: Session,
): Promise<PlanReviewDue[]> {
  const db = readDb(ctx);
  const today = todayLocal(ctx);
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
  await listLog.record(
    session,
    out.map((r) => r.clientId),
  );
  return out;
}
