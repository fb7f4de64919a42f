// 0011: a client's requests to amend their record (45 CFR 164.526, issue 19). A request names the
// records it concerns (amendment_records), carries its clock (60 days, one 30-day extension), the
// decision (the amendment appended, or a denial with its basis), the client's statement of
// disagreement and the practice's rebuttal, the people to tell of an accepted amendment
// (amendment_notices) and every letter written about it (amendment_letters). The original records
// are never edited: an amendment is linked to them. Decisions, statements and rebuttals are written
// once; the records named, the notices' recipients and the letters are append-only.
import { sql, type Kysely } from 'kysely';

const raise = (message: string) => sql.raw(`SELECT RAISE(ABORT, '${message}');`);

/** Refuses UPDATE, DELETE and any INSERT that would replace an existing row. */
async function appendOnly(db: Kysely<unknown>, table: string, keys: readonly string[], message: string) {
  const clash = `EXISTS (SELECT 1 FROM ${table} WHERE ${keys.map((k) => `${k} = NEW.${k}`).join(' AND ')})`;
  await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE ON ${sql.table(table)} BEGIN ${raise(message)} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${sql.table(table)} BEGIN ${raise(message)} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER ${sql.raw(`${table}_no_replace`)} BEFORE INSERT ON ${sql.table(table)} WHEN ${sql.raw(clash)} BEGIN ${raise(message)} END`.execute(
    db,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('amendment_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    // What the client asked to change, in their words (the written request, 164.526(b)(1)).
    .addColumn('request_text', 'text', (c) => c.notNull())
    // 164.526(d)(1)(iii): without a statement, the request and denial go with later disclosures
    // only when the client asked for that; the day they asked.
    .addColumn('include_if_denied', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('include_asked_on', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('extended_due_on', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('extension_notified_on', 'text')
    .addColumn('extended_by', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('open', 'accepted', 'denied')`))
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_as', 'text', (c) => c.check(sql`decided_as IN ('author', 'primary', 'custodian')`))
    .addColumn('amendment_text', 'text')
    .addColumn('denial_basis', 'text', (c) =>
      c.check(
        sql`denial_basis IN ('not_created_here', 'not_in_record_set', 'not_open_to_access', 'accurate_complete')`,
      ),
    )
    .addColumn('denial_explanation', 'text')
    .addColumn('statement_text', 'text')
    .addColumn('statement_filed_on', 'text')
    .addColumn('statement_recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('rebuttal_text', 'text')
    .addColumn('rebuttal_written_on', 'text')
    .addColumn('rebuttal_by', 'text', (c) => c.references('users.id'))
    // People the client named at the request to be told of an accepted amendment (JSON list).
    .addColumn('notify_named', 'text', (c) => c.notNull().defaultTo('[]'))
    // The day the client agreed to the list of people to notify (164.526(c)(3)).
    .addColumn('notify_agreed_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('amendments_by_client')
    .on('amendment_requests')
    .columns(['client_id', 'received_on'])
    .execute();
  await db.schema
    .createIndex('amendments_by_status')
    .on('amendment_requests')
    .columns(['status', 'due_on'])
    .execute();

  await db.schema
    .createTable('amendment_records')
    .addColumn('request_id', 'text', (c) => c.notNull().references('amendment_requests.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`item_kind IN ('demographics', 'intake', 'substance_use', 'consent', 'screening', 'note', 'addendum')`,
        ),
    )
    .addColumn('record_id', 'text', (c) => c.notNull())
    // In words as the request was recorded ("Progress note of 2026-01-12").
    .addColumn('label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('amendment_records_pk', ['request_id', 'position'])
    .execute();
  await db.schema
    .createIndex('amendment_records_by_record')
    .on('amendment_records')
    .columns(['record_id', 'item_kind'])
    .execute();

  await db.schema
    .createTable('amendment_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('amendment_requests.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_address', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('client', 'disclosure_log')`))
    .addColumn('disclosure_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('amendment_notices_by_request')
    .on('amendment_notices')
    .columns(['request_id', 'position'])
    .execute();

  await db.schema
    .createTable('amendment_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('amendment_requests.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('denial', 'acceptance', 'notice', 'rebuttal', 'extension')`),
    )
    .addColumn('notice_id', 'text', (c) => c.references('amendment_notices.id'))
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('manifest_sha256', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('written_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('amendment_letters_by_request')
    .on('amendment_letters')
    .columns(['request_id', 'written_at'])
    .execute();

  await appendOnly(
    db,
    'amendment_records',
    ['request_id', 'position'],
    'an amendment request cannot be changed',
  );
  await appendOnly(db, 'amendment_notices', ['id'], 'a notice cannot be changed');
  await appendOnly(db, 'amendment_letters', ['id'], 'a letter cannot be changed');

  // The request as received is fixed, and a request is never deleted.
  await sql`CREATE TRIGGER amendment_requests_no_delete BEFORE DELETE ON amendment_requests BEGIN ${raise('an amendment request cannot be deleted')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER amendment_requests_no_replace BEFORE INSERT ON amendment_requests WHEN EXISTS (SELECT 1 FROM amendment_requests WHERE id = NEW.id) BEGIN ${raise('an amendment request cannot be changed')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER amendment_requests_fixed BEFORE UPDATE OF id, client_id, received_on, request_text, due_on, created_by, created_at ON amendment_requests BEGIN ${raise('an amendment request cannot be changed')} END`.execute(
    db,
  );
  // One extension, written once (164.526(b)(2)(ii)).
  await sql`CREATE TRIGGER amendment_requests_extended_once BEFORE UPDATE OF extended_due_on, extension_reason, extension_notified_on, extended_by ON amendment_requests WHEN OLD.extended_due_on IS NOT NULL OR OLD.extension_reason IS NOT NULL OR OLD.extension_notified_on IS NOT NULL OR OLD.extended_by IS NOT NULL BEGIN ${raise('an extension is given once')} END`.execute(
    db,
  );
  // A decision is made once: the amendment as appended or the denial's basis never change.
  await sql`CREATE TRIGGER amendment_requests_decided_once BEFORE UPDATE OF status, decided_on, decided_by, decided_as, amendment_text, denial_basis, denial_explanation ON amendment_requests WHEN OLD.status IS NOT 'open' BEGIN ${raise('a decision cannot be changed')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER amendment_requests_statement_once BEFORE UPDATE OF statement_text, statement_filed_on, statement_recorded_by ON amendment_requests WHEN OLD.statement_text IS NOT NULL OR OLD.statement_filed_on IS NOT NULL OR OLD.statement_recorded_by IS NOT NULL BEGIN ${raise('a statement of disagreement cannot be changed')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER amendment_requests_rebuttal_once BEFORE UPDATE OF rebuttal_text, rebuttal_written_on, rebuttal_by ON amendment_requests WHEN OLD.rebuttal_text IS NOT NULL OR OLD.rebuttal_written_on IS NOT NULL OR OLD.rebuttal_by IS NOT NULL BEGIN ${raise('a rebuttal cannot be changed')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER amendment_requests_agreed_once BEFORE UPDATE OF notify_agreed_on ON amendment_requests WHEN OLD.notify_agreed_on IS NOT NULL BEGIN ${raise('the list of people to notify is agreed once')} END`.execute(
    db,
  );
}
