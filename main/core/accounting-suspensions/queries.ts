// The accounting_suspensions table: the room's only SQL.
import type { Kysely, Selectable } from 'kysely';
import type { AccountingSuspensionsTable, DB } from '../../../db/schema.ts';

export type SuspensionRow = Selectable<AccountingSuspensionsTable>;

export async function insertSuspension(db: Kysely<DB>, row: AccountingSuspensionsTable): Promise<void> {
  await db.insertInto('accounting_suspensions').values(row).execute();
}

export async function suspensionsOfClient(db: Kysely<DB>, clientId: string): Promise<SuspensionRow[]> {
  return db
    .selectFrom('accounting_suspensions')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('stated_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
}
