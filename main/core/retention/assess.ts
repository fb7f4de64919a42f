// One function decides whether a chart may be destroyed today and says why not (STYLE.md rule 18):
// the list, the destruction and its second check inside the transaction all call assessChart.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { RetentionSettingsInput } from '../../../preload/contract/retention.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import { chartFacts, chartFactsOf, type ChartFacts } from '../clients/index.ts';
import { lastVisitOf, lastVisits } from '../notes/index.ts';
import { latestAmendmentDocumentation, openAmendments } from '../amendments/index.ts';
import { latestReviewDocumentation, openReviews } from '../denial-reviews/index.ts';
import { latestDocumentation, openReleases } from '../releases/index.ts';
import { latestRestrictionDocumentation, openRestrictions } from '../restrictions/index.ts';
import { activeHoldOf, activeHolds, openDeletionRequests, type HoldRow } from './queries.ts';
import { pastRetention, retentionDate, type RetentionDate } from './rules.ts';

export interface ChartAssessment extends RetentionDate {
  facts: ChartFacts;
  lastVisitOn: string | null;
  hold: HoldRow | null;
  blockers: string[];
}

const latest = (days: readonly (string | null)[]): string | null =>
  days.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);

/** Why a chart cannot be destroyed today, in words for the owner; empty when it can. */
function blockersOf(
  r: RetentionDate,
  today: string,
  facts: ChartFacts,
  hold: HoldRow | null,
  open: { releases: number; deletionRequests: number; otherRequests: number },
): string[] {
  const out: string[] = [];
  if (hold) out.push('The chart is under a legal hold. Lift the hold first.');
  if (!pastRetention(r, today))
    out.push(`The chart must be kept through ${usDate(r.retainUntil)} under the practice's retention rule.`);
  if (facts.status === 'active')
    out.push('The client is active. Discharge them or mark them inactive first.');
  // An open release still has to leave (or be closed) with the records it names: refuse until then.
  if (open.releases > 0)
    out.push('A release of this chart is still open or being exported. Finish, deny or close it first.');
  // The client is owed a written answer first; it goes to the address on the chart.
  if (open.deletionRequests > 0)
    out.push("The client's request to delete is not answered yet. Answer it first.");
  // An amendment, restriction or review of a denial the client is owed a decision on.
  if (open.otherRequests > 0)
    out.push(
      'A request of the client (amendment, restriction or review of a denial) awaits a decision. Decide it first.',
    );
  return out;
}

export async function assessChart(
  db: Kysely<DB>,
  clientId: string,
  today: string,
  rule: RetentionSettingsInput,
): Promise<ChartAssessment | null> {
  const facts = await chartFactsOf(db, clientId);
  if (!facts) return null;
  const lastVisitOn = await lastVisitOf(db, clientId);
  // 45 CFR 164.530(j)(2): every piece of the chart's HIPAA documentation, six years from when it
  // was created or last in effect (releases, amendments, restrictions, reviews of denials).
  const documentation = latest([
    (await latestDocumentation(db, clientId)).get(clientId) ?? null,
    await latestAmendmentDocumentation(db, clientId),
    await latestRestrictionDocumentation(db, clientId, today),
    await latestReviewDocumentation(db, clientId),
  ]);
  const r = retentionDate(
    {
      registeredOn: facts.registeredAt.slice(0, 10),
      lastVisitOn,
      dateOfBirth: facts.dateOfBirth,
      latestDocumentationOn: documentation,
    },
    rule,
  );
  const hold = (await activeHoldOf(db, clientId)) ?? null;
  const open = {
    releases: await openReleases(db, clientId),
    deletionRequests: (await openDeletionRequests(db)).filter((d) => d.client_id === clientId).length,
    otherRequests:
      (await openAmendments(db, clientId)) +
      (await openRestrictions(db, clientId)) +
      (await openReviews(db, clientId)),
  };
  return { ...r, facts, lastVisitOn, hold, blockers: blockersOf(r, today, facts, hold, open) };
}

/** Every chart past its retention date, and every chart under a legal hold. */
export async function chartsForReview(
  db: Kysely<DB>,
  today: string,
  rule: RetentionSettingsInput,
): Promise<ChartAssessment[]> {
  const visits = await lastVisits(db);
  const documentation = await latestDocumentation(db);
  const held = new Set((await activeHolds(db)).map((h) => h.client_id));
  const out: ChartAssessment[] = [];
  for (const facts of await chartFacts(db)) {
    const r = retentionDate(
      {
        registeredOn: facts.registeredAt.slice(0, 10),
        lastVisitOn: visits.get(facts.id) ?? null,
        dateOfBirth: facts.dateOfBirth,
        latestDocumentationOn: documentation.get(facts.id) ?? null,
      },
      rule,
    );
    if (!pastRetention(r, today) && !held.has(facts.id)) continue;
    // The full assessment adds the other rooms' documentation, which can only move the date later.
    const full = await assessChart(db, facts.id, today, rule);
    if (full && (pastRetention(full, today) || full.hold)) out.push(full);
  }
  return out;
}
