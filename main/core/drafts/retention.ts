// What the retention room asks of the drafts room (issue 19): a destroyed chart's form drafts go
// with it. A draft about a record is keyed by that record's id (`intake:<client id>`,
// `addendum:<note id>`); a draft of a new form (a new release request) names the client in its data.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

/**
 * Removes every person's drafts keyed by one of `recordIds` or whose data names `clientId`.
 * Call only from a destruction (inside its transaction).
 */
export async function purgeClient(
  trx: Kysely<DB>,
  clientId: string,
  recordIds: readonly string[],
): Promise<void> {
  const ids = [clientId, ...recordIds];
  for (let i = 0; i < ids.length; i += 400) {
    const chunk = ids.slice(i, i + 400);
    await trx
      .deleteFrom('drafts')
      .where((eb) => eb.or(chunk.map((id) => eb('draft_key', 'like', `%:${id}`))))
      .execute();
  }
  await trx.deleteFrom('drafts').where('data', 'like', `%${clientId}%`).execute();
}
