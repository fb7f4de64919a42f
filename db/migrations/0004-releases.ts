// 0004: release requests (records release / release of information), their authorizations and
// consents, export jobs (crash-safe package writing) and the disclosure log behind the
// accounting of disclosures (45 CFR 164.528). The disclosure log is append-only.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('release_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('access', 'third_party', 'legal_order', 'emergency')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status IN ('draft', 'authorized', 'approved', 'exported', 'denied', 'revoked', 'expired')`,
        ),
    )
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('extension', 'text')
    // The request as taken (requester, recipient, purpose, verification, order or emergency details).
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('assigned_clinician_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('selection', 'text')
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('denial', 'text')
    .addColumn('denied_by', 'text', (c) => c.references('users.id'))
    .addColumn('denied_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('releases_by_client')
    .on('release_requests')
    .columns(['client_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('releases_by_status')
    .on('release_requests')
    .columns(['status', 'due_on'])
    .execute();

  await db.schema
    .createTable('release_authorizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('release_requests.id'))
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type IN ('hipaa', 'psychotherapy_notes', 'part2')`),
    )
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('revoked_on', 'text')
    .addColumn('revocation_note', 'text')
    .addColumn('attachment_name', 'text')
    .addColumn('attachment_type', 'text')
    .addColumn('attachment', 'blob')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('authorizations_by_request')
    .on('release_authorizations')
    .column('request_id')
    .execute();

  await db.schema
    .createTable('export_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('release_requests.id'))
    .addColumn('temp_dir', 'text', (c) => c.notNull())
    .addColumn('final_dir', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state IN ('writing', 'committed', 'done', 'abandoned')`),
    )
    .addColumn('manifest_sha256', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  await db.schema
    .createTable('disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('request_id', 'text', (c) => c.references('release_requests.id'))
    .addColumn('disclosed_on', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_address', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`basis IN ('access', 'authorization', 'legal_order', 'emergency', 'mandated_report', 'required_by_law', 'other')`,
        ),
    )
    .addColumn('manual', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('manifest_sha256', 'text')
    .addColumn('package_name', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosures_by_client')
    .on('disclosures')
    .columns(['client_id', 'disclosed_on'])
    .execute();
  await db.schema
    .createIndex('disclosures_by_manifest')
    .on('disclosures')
    .column('manifest_sha256')
    .execute();
  await sql`CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures
    BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
    BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END`.execute(db);
}
