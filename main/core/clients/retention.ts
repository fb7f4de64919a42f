// What the retention room asks of the clients room (issue 19): the facts a chart's retention date
// is computed from, and the removal of a destroyed chart's rows. Only the destruction calls
// purgeClient, inside its own transaction and under its permit (db/migrations/0015-retention.ts).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

export interface ChartFacts {
  id: string;
  chartNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  registeredAt: string;
  status: 'active' | 'inactive' | 'discharged';
}

const factColumns = [
  'id',
  'chart_number',
  'legal_first_name',
  'legal_last_name',
  'date_of_birth',
  'created_at',
  'status',
] as const;

type FactRow = Pick<DB['clients'], (typeof factColumns)[number]>;

const toFacts = (r: FactRow): ChartFacts => ({
  id: r.id,
  chartNumber: r.chart_number,
  firstName: r.legal_first_name,
  lastName: r.legal_last_name,
  dateOfBirth: r.date_of_birth,
  registeredAt: r.created_at,
  status: r.status,
});

/** Every chart's retention facts (registration, birth date, status), in chart-number order. */
export async function chartFacts(db: Kysely<DB>): Promise<ChartFacts[]> {
  const rows = await db.selectFrom('clients').select(factColumns).orderBy('chart_number').execute();
  return rows.map(toFacts);
}

export async function chartFactsOf(db: Kysely<DB>, clientId: string): Promise<ChartFacts | undefined> {
  const row = await db
    .selectFrom('clients')
    .select(factColumns)
    .where('id', '=', clientId)
    .executeTakeFirst();
  return row ? toFacts(row) : undefined;
}

/** Row counts of what a destruction removes from this room (for the certificate). */
export async function chartContents(db: Kysely<DB>, clientId: string): Promise<Record<string, number>> {
  const count = async (table: 'consents' | 'screenings' | 'client_guardians' | 'intakes') =>
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('client_id', '=', clientId)
        .executeTakeFirstOrThrow()
    ).n;
  return {
    intake: await count('intakes'),
    consents: await count('consents'),
    screenings: await count('screenings'),
    guardians: await count('client_guardians'),
  };
}

/**
 * Removes every row of the client's chart this room holds, the search index's row included (with
 * FTS5's secure-delete, so no word stays in the index's pages). Call only from a destruction.
 */
export async function purgeClient(trx: Kysely<DB>, clientId: string): Promise<void> {
  const client = await trx.selectFrom('clients').select('seq').where('id', '=', clientId).executeTakeFirst();
  if (!client) return;
  const consentIds = trx.selectFrom('consents').select('id').where('client_id', '=', clientId);
  await trx.deleteFrom('consent_signatures').where('consent_id', 'in', consentIds).execute();
  await trx.deleteFrom('consents').where('client_id', '=', clientId).execute();
  await trx.deleteFrom('screenings').where('client_id', '=', clientId).execute();
  await trx.deleteFrom('intakes').where('client_id', '=', clientId).execute();
  await trx.deleteFrom('care_team').where('client_id', '=', clientId).execute();
  await trx.deleteFrom('client_guardians').where('client_id', '=', clientId).execute();
  await trx.deleteFrom('client_status_history').where('client_id', '=', clientId).execute();
  await sql`INSERT INTO clients_fts (clients_fts, rank) VALUES ('secure-delete', 1)`.execute(trx);
  await sql`DELETE FROM clients_fts WHERE rowid = ${client.seq}`.execute(trx);
  await trx.deleteFrom('clients').where('id', '=', clientId).execute();
}
