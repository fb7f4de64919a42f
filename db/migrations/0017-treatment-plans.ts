// 0017: treatment plans (issue 20). One row per version of a client's plan: drafted, signed by the
// clinician (the content is then hashed and locked), signed by the client or their representative
// (the signature is hashed with the content's hash), and superseded when a revision is signed by
// both. A revision is a new row; the old one is kept, readable. Only the review date moves after
// signing (a review recorded). plan_reviews keeps every review. Nothing signed is deleted, except
// by a chart's destruction under its permit (0015).
import { sql, type Kysely } from 'kysely';

const raise = (message: string) => sql.raw(`SELECT RAISE(ABORT, '${message}');`);
const NO_PERMIT = sql.raw('NOT EXISTS (SELECT 1 FROM chart_purge_permits)');

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('treatment_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('previous_id', 'text', (c) => c.references('treatment_plans.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('draft', 'awaiting_client', 'signed', 'superseded')`),
    )
    // JSON: PlanContent (problems → goals → objectives; interventions), read through the room's codec.
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('part2', 'integer', (c) => c.notNull().check(sql`part2 IN (0, 1)`))
    .addColumn('review_due_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('clinician_signed_by', 'text', (c) => c.references('users.id'))
    .addColumn('clinician_signed_at', 'text')
    // SHA-256 over the canonical JSON of the content and the clinician's signature (plans/content-hash.ts).
    .addColumn('content_hash', 'text')
    .addColumn('client_signer_name', 'text')
    .addColumn('client_signer', 'text', (c) => c.check(sql`client_signer IN ('client', 'representative')`))
    .addColumn('client_authority', 'text')
    .addColumn('client_signed_on', 'text')
    .addColumn('client_recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('client_recorded_at', 'text')
    // SHA-256 over the content hash and the client's signature.
    .addColumn('signature_hash', 'text')
    .addColumn('superseded_at', 'text')
    .addUniqueConstraint('treatment_plans_client_version', ['client_id', 'version'])
    .execute();
  await db.schema
    .createIndex('treatment_plans_by_client')
    .on('treatment_plans')
    .columns(['client_id', 'version'])
    .execute();
  await db.schema
    .createIndex('treatment_plans_review_due')
    .on('treatment_plans')
    .columns(['status', 'review_due_on'])
    .execute();

  await sql`CREATE TRIGGER treatment_plans_no_replace BEFORE INSERT ON treatment_plans WHEN EXISTS (SELECT 1 FROM treatment_plans WHERE id = NEW.id) BEGIN ${raise('a treatment plan cannot be changed')} END`.execute(
    db,
  );
  // A draft may be discarded; a plan signed by anyone is kept.
  await sql`CREATE TRIGGER treatment_plans_no_delete BEFORE DELETE ON treatment_plans WHEN OLD.status != 'draft' AND ${NO_PERMIT} BEGIN ${raise('a signed treatment plan cannot be deleted')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER treatment_plans_fixed BEFORE UPDATE OF id, client_id, version, previous_id, created_by, created_at ON treatment_plans BEGIN ${raise('a treatment plan cannot be changed')} END`.execute(
    db,
  );
  // Signed by the clinician: the content, its Part 2 mark and its hash are locked.
  await sql`CREATE TRIGGER treatment_plans_signed_locked BEFORE UPDATE OF content, part2, content_hash, clinician_signed_by, clinician_signed_at ON treatment_plans WHEN OLD.status != 'draft' BEGIN ${raise('a signed treatment plan cannot be changed')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER treatment_plans_client_signed_once BEFORE UPDATE OF client_signer_name, client_signer, client_authority, client_signed_on, client_recorded_by, client_recorded_at, signature_hash ON treatment_plans WHEN OLD.status != 'awaiting_client' BEGIN ${raise('a signed treatment plan cannot be changed')} END`.execute(
    db,
  );
  // draft -> awaiting_client -> signed -> superseded. Nothing else.
  await sql`CREATE TRIGGER treatment_plans_status BEFORE UPDATE OF status ON treatment_plans WHEN NEW.status != OLD.status AND NOT ((OLD.status = 'draft' AND NEW.status = 'awaiting_client' AND NEW.content_hash IS NOT NULL) OR (OLD.status = 'awaiting_client' AND NEW.status = 'signed' AND NEW.signature_hash IS NOT NULL) OR (OLD.status = 'signed' AND NEW.status = 'superseded')) BEGIN ${raise('a signed treatment plan cannot be changed')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER treatment_plans_superseded_once BEFORE UPDATE OF superseded_at ON treatment_plans WHEN OLD.superseded_at IS NOT NULL BEGIN ${raise('a signed treatment plan cannot be changed')} END`.execute(
    db,
  );

  // A plan's reviews: continued (with the next review date) or revised (a revision was started).
  await db.schema
    .createTable('plan_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('treatment_plans.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome IN ('continue', 'revise')`))
    .addColumn('next_review_on', 'text')
    .addColumn('comment', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_reviews_by_plan').on('plan_reviews').columns(['plan_id']).execute();
  await sql`CREATE TRIGGER plan_reviews_no_update BEFORE UPDATE ON plan_reviews BEGIN ${raise('a plan review cannot be changed')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER plan_reviews_no_delete BEFORE DELETE ON plan_reviews WHEN ${NO_PERMIT} BEGIN ${raise('a plan review cannot be deleted')} END`.execute(
    db,
  );
}
