// The SQL of emergency access: grants and acknowledgements are only ever inserted (the triggers of
// migration 0021 refuse changing or deleting them, except with a destroyed chart).
import { sql, type Kysely } from 'kysely';
import type { DB, EmergencyAcknowledgementsTable, EmergencyGrantsTable } from '../../../db/schema.ts';
import { clientsOfClinicians } from '../clients/index.ts';

export type GrantRow = EmergencyGrantsTable;

export async function insertGrant(db: Kysely<DB>, row: GrantRow): Promise<void> {
  await db.insertInto('emergency_grants').values(row).execute();
}

export async function getGrant(db: Kysely<DB>, id: string): Promise<GrantRow | undefined> {
  return db.selectFrom('emergency_grants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's grants on a client, newest first (the one in force, if any, is among the first). */
export async function grantsOf(db: Kysely<DB>, userId: string, clientId: string): Promise<GrantRow[]> {
  return db
    .selectFrom('emergency_grants')
    .selectAll()
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId)
    .orderBy('started_at', 'desc')
    .execute();
}

/**
 * The grants a person has not acknowledged, on any client (owner) or on clients whose primary
 * clinician they are; never their own breaks of the glass.
 */
export async function unacknowledgedFor(
  db: Kysely<DB>,
  user: { userId: string; owner: boolean },
): Promise<GrantRow[]> {
  let q = db
    .selectFrom('emergency_grants as g')
    .selectAll('g')
    .where('g.user_id', '<>', user.userId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('emergency_acknowledgements as a')
            .select('a.grant_id')
            .whereRef('a.grant_id', '=', 'g.id')
            .where('a.user_id', '=', user.userId),
        ),
      ),
    );
  // The clients room knows whose primary clinician is whom.
  if (!user.owner) q = q.where(clientsOfClinicians('g.client_id', sql`SELECT ${user.userId}`));
  return q.orderBy('g.started_at', 'desc').execute();
}

export async function insertAcknowledgement(
  db: Kysely<DB>,
  row: EmergencyAcknowledgementsTable,
): Promise<void> {
  await db
    .insertInto('emergency_acknowledgements')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** With a destroyed chart (retention's purge permit): its grants and their acknowledgements. */
export async function purgeClientEmergencyAccess(trx: Kysely<DB>, clientId: string): Promise<void> {
  const ids = trx.selectFrom('emergency_grants').select('id').where('client_id', '=', clientId);
  await trx.deleteFrom('emergency_acknowledgements').where('grant_id', 'in', ids).execute();
  await trx.deleteFrom('emergency_grants').where('client_id', '=', clientId).execute();
}
