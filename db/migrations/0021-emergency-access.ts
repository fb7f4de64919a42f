// 0021: emergency ("break-glass") access to a chart (issue 21; DESIGN.md section 3, LEGAL.md 2.51).
// A grant is a fact, never changed: who broke the glass on which chart, why, when, and for how many
// minutes (the practice setting captured at that moment). Its end is derived from the stored start
// and duration, by main's clock; nothing stores an expiry that an edit could extend. Rows are
// append-only (triggers), and so are the acknowledgements of the owner and the assigned clinician.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('emergency_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason IN ('danger', 'covering', 'medical_emergency', 'other')`),
    )
    // Required for 'other'; the nature of the emergency for a 42 CFR 2.51 medical emergency.
    .addColumn('reason_text', 'text', (c) => c.check(sql`reason_text IS NULL OR length(reason_text) <= 2000`))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) =>
      c.notNull().check(sql`duration_minutes BETWEEN 15 AND 240`),
    )
    // 42 CFR 2.51(c): who received the Part 2 records, at which facility (medical emergency only).
    .addColumn('recipient_name', 'text')
    .addColumn('recipient_facility', 'text')
    .addColumn('disclosure_id', 'text')
    .addCheckConstraint(
      'emergency_grants_reason_text',
      sql`reason NOT IN ('other', 'medical_emergency') OR (reason_text IS NOT NULL AND length(trim(reason_text)) > 0)`,
    )
    .addCheckConstraint(
      'emergency_grants_recipient',
      sql`reason <> 'medical_emergency' OR (recipient_name IS NOT NULL AND recipient_facility IS NOT NULL AND disclosure_id IS NOT NULL)`,
    )
    .execute();
  await db.schema
    .createIndex('emergency_grants_by_user_client')
    .on('emergency_grants')
    .columns(['user_id', 'client_id'])
    .execute();
  await db.schema
    .createTable('emergency_acknowledgements')
    .addColumn('grant_id', 'text', (c) => c.notNull().references('emergency_grants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('emergency_acknowledgements_pk', ['grant_id', 'user_id'])
    .execute();
  for (const table of ['emergency_grants', 'emergency_acknowledgements']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE ON ${sql.raw(table)} BEGIN SELECT RAISE(ABORT, 'emergency access records are never changed'); END`.execute(
      db,
    );
    // Deleted only with the chart, when retention destroys it (under its purge permit).
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${sql.raw(table)} WHEN NOT EXISTS (SELECT 1 FROM chart_purge_permits) BEGIN SELECT RAISE(ABORT, 'emergency access records are never deleted'); END`.execute(
      db,
    );
  }
}
