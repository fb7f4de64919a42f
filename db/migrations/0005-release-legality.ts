// 0005: what makes a release lawful at every step (issue 14, LEGAL.md). A treatment consent
// records its basis (an episode of care the minor may have consented to alone, 164.502(g)(3)),
// notes and screenings are marked with the episode they belong to at creation, an approval
// freezes the exact records it approved (each with its content hash) in append-only tables, a
// revocation records when it was entered and by whom, and a request sent back to review says why.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Consent basis of an episode of care: the client as an adult, a parent or guardian, the minor
  // alone under state law, a court, or a parent's confidentiality agreement (LEGAL.md, minors).
  await db.schema
    .alterTable('consents')
    .addColumn('basis', 'text', (c) =>
      c.check(sql`basis IN ('client', 'guardian', 'minor_alone', 'court', 'confidentiality_agreement')`),
    )
    .execute();
  await sql`UPDATE consents SET basis = 'minor_alone' WHERE minor_consented_alone = 1`.execute(db);

  // The episode (treatment consent) a note or screening belongs to, set when it is made.
  await db.schema
    .alterTable('notes')
    .addColumn('episode_id', 'text', (c) => c.references('consents.id'))
    .execute();
  await db.schema
    .alterTable('screenings')
    .addColumn('episode_id', 'text', (c) => c.references('consents.id'))
    .execute();
  // Fixed once signed, like the rest of a signed note (and covered by its content hash).
  await sql`CREATE TRIGGER notes_signed_episode_fixed BEFORE UPDATE OF episode_id ON notes
    WHEN OLD.status = 'signed' AND OLD.episode_id IS NOT NEW.episode_id
    BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed'); END`.execute(db);
  await sql`CREATE TRIGGER screenings_episode_fixed BEFORE UPDATE OF episode_id ON screenings
    WHEN OLD.episode_id IS NOT NEW.episode_id
    BEGIN SELECT RAISE(ABORT, 'a screening cannot be changed'); END`.execute(db);

  await db.schema.alterTable('release_authorizations').addColumn('revoked_at', 'text').execute();
  await db.schema
    .alterTable('release_authorizations')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema.alterTable('release_requests').addColumn('approval_id', 'text').execute();
  await db.schema.alterTable('release_requests').addColumn('denied_role', 'text').execute();
  // Why the request went back to review (an approved record changed, an authorization lapsed).
  await db.schema.alterTable('release_requests').addColumn('review_note', 'text').execute();

  // An approval: who approved, in which role, the selection, and the exact records it froze.
  await db.schema
    .createTable('release_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('release_requests.id'))
    .addColumn('approved_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('approver_role', 'text', (c) =>
      c.notNull().check(sql`approver_role IN ('owner', 'clinician')`),
    )
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addColumn('selection', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('approvals_by_request')
    .on('release_approvals')
    .columns(['request_id', 'approved_at'])
    .execute();
  await db.schema
    .createTable('release_approval_items')
    .addColumn('approval_id', 'text', (c) => c.notNull().references('release_approvals.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`item_kind IN ('demographics', 'intake', 'substance_use', 'consent', 'screening', 'note', 'addendum')`,
        ),
    )
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    // The authorizations (ids) this record leaves under; empty when the request itself is the basis.
    .addColumn('authorities', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_items_pk', ['approval_id', 'position'])
    .execute();
  for (const table of ['release_approvals', 'release_approval_items']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE ON ${sql.table(table)}
      BEGIN SELECT RAISE(ABORT, 'an approval cannot be changed'); END`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${sql.table(table)}
      BEGIN SELECT RAISE(ABORT, 'an approval cannot be changed'); END`.execute(db);
  }
}
