// 0014: the review of a reviewable denial of access (45 CFR 164.524(a)(4), (d)(4), issue 19) and
// the suspension of a client's accounting of disclosures at an agency's or official's statement
// (164.528(a)(2)). A review keeps who was designated to review it at the moment it was referred
// (the practice setting may change later), its clock (a practice-set target: the rule has no day
// count), the reviewer's determination and the notice sent. A suspension is written once: a written
// statement that follows an oral one is a row of its own that names it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('denial_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('release_requests.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    // The denial under review, as it stood (the request may be denied again after a reversal).
    .addColumn('denied_at', 'text', (c) => c.notNull())
    .addColumn('denied_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('received_how', 'text', (c) => c.notNull().check(sql`received_how IN ('written', 'oral')`))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    // The designated reviewing official it was referred to: a staff member, or an outside one.
    .addColumn('reviewer_kind', 'text', (c) => c.notNull().check(sql`reviewer_kind IN ('staff', 'outside')`))
    .addColumn('reviewer_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('reviewer_credentials', 'text')
    .addColumn('reviewer_contact', 'text')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome IN ('upheld', 'reversed')`))
    .addColumn('reasons', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decision_recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('decision_recorded_at', 'text')
    .addColumn('notice_folder', 'text')
    .addColumn('notice_manifest_sha256', 'text')
    .addColumn('notice_written_at', 'text')
    .addColumn('notice_written_by', 'text', (c) => c.references('users.id'))
    .execute();
  // One review per denial.
  await db.schema
    .createIndex('denial_reviews_one_per_denial')
    .unique()
    .on('denial_reviews')
    .columns(['request_id', 'denied_at'])
    .execute();
  await db.schema.createIndex('denial_reviews_client').on('denial_reviews').column('client_id').execute();
  // A determination is made once (164.524(d)(4): the practice follows it).
  await sql`CREATE TRIGGER denial_reviews_decided_once BEFORE UPDATE OF outcome, reasons, decided_on ON denial_reviews
    WHEN OLD.outcome IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a review determination cannot be changed'); END`.execute(db);

  // When a reviewing official reversed the request's denial: the practice must then provide access,
  // and no later denial may rest on a reviewable ground again (164.524(d)(4)).
  await db.schema.alterTable('release_requests').addColumn('review_reversed_at', 'text').execute();

  await db.schema
    .createTable('accounting_suspensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    // Exactly as the disclosure log stores the recipient: only disclosures to it are left out.
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('written', 'oral')`))
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('official', 'text', (c) => c.notNull())
    .addColumn('stated_on', 'text', (c) => c.notNull())
    // The last day the accounting is suspended (written: the period stated; oral: 30 days at most).
    .addColumn('ends_on', 'text', (c) => c.notNull())
    // A written statement that follows an oral one names it; the written period then applies.
    .addColumn('follows_id', 'text', (c) => c.references('accounting_suspensions.id'))
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('accounting_suspensions_client')
    .on('accounting_suspensions')
    .column('client_id')
    .execute();
}
