// What the retention room asks of the restrictions room (issue 19): whether a chart has a
// restriction request awaiting a decision, the latest day of its restriction documentation (kept
// six years, 45 CFR 164.522(a)(3) and 164.530(j)(2)), and the removal of a destroyed chart's
// register. Only the destruction calls purgeClient, under its permit.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

export async function openRestrictions(db: Kysely<DB>, clientId: string): Promise<number> {
  const r = await db
    .selectFrom('restriction_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .where('status', '=', 'requested')
    .executeTakeFirstOrThrow();
  return r.n;
}

/** The latest day a restriction was received, decided or ended; an agreed one in force counts as today. */
export async function latestRestrictionDocumentation(
  db: Kysely<DB>,
  clientId: string,
  today: string,
): Promise<string | null> {
  const rows = await db
    .selectFrom('restriction_requests')
    .select(['received_on', 'decided_on', 'terminated_on', 'status'])
    .where('client_id', '=', clientId)
    .execute();
  const days = rows.flatMap((r) => [
    r.received_on.slice(0, 10),
    ...(r.decided_on ? [r.decided_on.slice(0, 10)] : []),
    ...(r.terminated_on ? [r.terminated_on.slice(0, 10)] : []),
    ...(r.status === 'agreed' ? [today] : []),
  ]);
  return days.length ? days.reduce((a, b) => (b > a ? b : a)) : null;
}

export async function purgeClient(trx: Kysely<DB>, clientId: string): Promise<void> {
  await trx.deleteFrom('restriction_requests').where('client_id', '=', clientId).execute();
}
