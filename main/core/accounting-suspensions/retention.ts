// What the retention room asks of the accounting-suspensions room (issue 19): a destroyed chart's
// suspension statements go with its disclosure log. Only the destruction calls purgeClient, inside
// its transaction and under its permit.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

export async function purgeClient(trx: Kysely<DB>, clientId: string): Promise<void> {
  // A later statement names the one it follows: those go first.
  await trx
    .deleteFrom('accounting_suspensions')
    .where('client_id', '=', clientId)
    .where('follows_id', 'is not', null)
    .execute();
  await trx.deleteFrom('accounting_suspensions').where('client_id', '=', clientId).execute();
}
