// What the retention room asks of the amendments room (issue 19): whether a chart has an amendment
// request still open, the latest day of its amendment documentation (kept six years, 45 CFR
// 164.526(j) and 164.530(j)(2)), and the removal of a destroyed chart's requests with their
// records, notices and letters. Only the destruction calls purgeClient, under its permit.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

export async function openAmendments(db: Kysely<DB>, clientId: string): Promise<number> {
  const r = await db
    .selectFrom('amendment_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return r.n;
}

/** The latest day a request was received, decided, disagreed with or rebutted. */
export async function latestAmendmentDocumentation(db: Kysely<DB>, clientId: string): Promise<string | null> {
  const rows = await db
    .selectFrom('amendment_requests')
    .select(['received_on', 'decided_on', 'statement_filed_on', 'rebuttal_written_on'])
    .where('client_id', '=', clientId)
    .execute();
  const days = rows.flatMap((r) =>
    [r.received_on, r.decided_on, r.statement_filed_on, r.rebuttal_written_on].flatMap((d) =>
      d ? [d.slice(0, 10)] : [],
    ),
  );
  return days.length ? days.reduce((a, b) => (b > a ? b : a)) : null;
}

export async function purgeClient(trx: Kysely<DB>, clientId: string): Promise<string[]> {
  const ids = (
    await trx.selectFrom('amendment_requests').select('id').where('client_id', '=', clientId).execute()
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  await trx.deleteFrom('amendment_letters').where('request_id', 'in', ids).execute();
  await trx.deleteFrom('amendment_notices').where('request_id', 'in', ids).execute();
  await trx.deleteFrom('amendment_records').where('request_id', 'in', ids).execute();
  await trx.deleteFrom('amendment_requests').where('id', 'in', ids).execute();
  return ids;
}
