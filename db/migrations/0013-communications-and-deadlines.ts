// 0013: confidential communications on the chart (issue 19, 45 CFR 164.522(b)): where and how a
// client asked to be reached instead of the home address and phone. Columns of the client's own
// row, so that they are read with the chart, go wherever the chart goes and are destroyed with it.
// No column for a reason: the practice may not ask why. The state-law deadlines and notice need no
// table (settings, key 'state-law').
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of [
    'confidential_address_line1',
    'confidential_address_line2',
    'confidential_city',
    'confidential_region',
    'confidential_postal_code',
    'confidential_phone',
    'confidential_note',
    // When the request was recorded; NULL while none is on file.
    'confidential_since',
  ]) {
    await db.schema.alterTable('clients').addColumn(column, 'text').execute();
  }
  await db.schema
    .alterTable('clients')
    .addColumn('confidential_no_voicemail', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`confidential_no_voicemail IN (0, 1)`),
    )
    .execute();
}
