// 0002: clients (demographics, guardians, status history, care team), the clinical intake,
// consents with their signatures, PHQ-9/GAD-7 screenings, per-user form drafts, and the
// client search index (FTS5, inside the encrypted file).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clients')
    // Integer key: the search index's rowid (VACUUM never renumbers an INTEGER PRIMARY KEY).
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('chart_number', 'text', (c) => c.notNull().unique())
    .addColumn('legal_first_name', 'text', (c) => c.notNull())
    .addColumn('legal_last_name', 'text', (c) => c.notNull())
    // Lower-cased, accent-folded "last first chart": one order for lists and search results.
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('preferred_name', 'text')
    .addColumn('pronouns', 'text')
    .addColumn('date_of_birth', 'text', (c) => c.notNull())
    .addColumn('gender_identity', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('voicemail_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('voicemail_number', 'text')
    .addColumn('text_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text_number', 'text')
    .addColumn('email_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_address', 'text')
    .addColumn('insurance_carrier', 'text')
    .addColumn('insurance_member_id', 'text')
    .addColumn('insurance_group', 'text')
    .addColumn('insurance_subscriber_name', 'text')
    .addColumn('insurance_subscriber_relation', 'text')
    .addColumn('emergency_name', 'text')
    .addColumn('emergency_relation', 'text')
    .addColumn('emergency_phone', 'text')
    .addColumn('referral_source', 'text')
    .addColumn('primary_clinician_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('minor_self_consent_basis', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status IN ('active', 'inactive', 'discharged')`),
    )
    .addColumn('status_date', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clients_by_sort_key').on('clients').column('sort_key').execute();
  await db.schema
    .createIndex('clients_by_clinician')
    .on('clients')
    .columns(['primary_clinician_id', 'status'])
    .execute();
  await db.schema.createIndex('clients_by_status').on('clients').column('status').execute();

  await db.schema
    .createTable('client_guardians')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('legal_authority', 'text', (c) => c.notNull())
    .addColumn('authority_note', 'text')
    .execute();
  await db.schema
    .createIndex('guardians_by_client')
    .on('client_guardians')
    .columns(['client_id', 'position'])
    .execute();

  await db.schema
    .createTable('client_status_history')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('status_history_by_client')
    .on('client_status_history')
    .column('client_id')
    .execute();

  await db.schema
    .createTable('care_team')
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('added_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('care_team_pk', ['client_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('care_team_by_user')
    .on('care_team')
    .columns(['user_id', 'client_id'])
    .execute();

  await db.schema
    .createTable('intakes')
    .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id'))
    .addColumn('presenting_concern', 'text')
    .addColumn('psychiatric_history', 'text')
    .addColumn('medical_history', 'text')
    .addColumn('medications', 'text')
    .addColumn('pcp_name', 'text')
    .addColumn('pcp_phone', 'text')
    .addColumn('substance_use', 'text')
    // 42 CFR Part 2 is decided per record: this marks the substance-use section as a record of
    // the practice's Part 2 program (DESIGN.md section 5).
    .addColumn('substance_use_part2', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('in_progress', 'completed')`))
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('treatment', 'privacy_notice', 'telehealth', 'communications')`),
    )
    .addColumn('given_on', 'text', (c) => c.notNull())
    .addColumn('minor_consented_alone', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('legal_basis', 'text')
    .addColumn('notes', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consents_by_client').on('consents').columns(['client_id', 'kind']).execute();

  await db.schema
    .createTable('consent_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consent_id', 'text', (c) => c.notNull().references('consents.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signer_role', 'text', (c) => c.notNull())
    .addColumn('authority', 'text')
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('witness_name', 'text')
    .execute();
  await db.schema
    .createIndex('signatures_by_consent')
    .on('consent_signatures')
    .columns(['consent_id', 'position'])
    .execute();

  await db.schema
    .createTable('screenings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('instrument', 'text', (c) => c.notNull().check(sql`instrument IN ('phq9', 'gad7')`))
    .addColumn('administered_on', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('item9_positive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('difficulty', 'integer')
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('administered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('screenings_by_client')
    .on('screenings')
    .columns(['client_id', 'instrument', 'administered_on'])
    .execute();

  await db.schema
    .createTable('drafts')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('draft_key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('drafts_pk', ['user_id', 'draft_key'])
    .execute();

  // Type-ahead search over names, date of birth, phone and chart number; rowid = clients.seq.
  // Written by the clients service in the same transaction as the client row; prefix indexes
  // keep short prefixes fast.
  await sql`CREATE VIRTUAL TABLE clients_fts USING fts5(
    terms, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')`.execute(db);
}
