// What the retention room asks of the denial-reviews room (issue 19): whether a chart has a review
// of a denial still undecided, the latest day of its review documentation (six years, 45 CFR
// 164.530(j)(2)), and the removal of a destroyed chart's reviews (before its release requests, which
// they name). Only the destruction calls purgeClient, under its permit.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

export async function openReviews(db: Kysely<DB>, clientId: string): Promise<number> {
  const r = await db
    .selectFrom('denial_reviews')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .where('outcome', 'is', null)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function latestReviewDocumentation(db: Kysely<DB>, clientId: string): Promise<string | null> {
  const rows = await db
    .selectFrom('denial_reviews')
    .select(['received_on', 'decided_on'])
    .where('client_id', '=', clientId)
    .execute();
  const days = rows.flatMap((r) => [
    r.received_on.slice(0, 10),
    ...(r.decided_on ? [r.decided_on.slice(0, 10)] : []),
  ]);
  return days.length ? days.reduce((a, b) => (b > a ? b : a)) : null;
}

export async function purgeClient(trx: Kysely<DB>, clientId: string): Promise<void> {
  await trx.deleteFrom('denial_reviews').where('client_id', '=', clientId).execute();
}
