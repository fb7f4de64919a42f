// 0022: planned cover (issue 21). The owner, or a clinician for their own caseload, grants a
// colleague time-boxed access to the caseload of an absent clinician (holiday, sick leave). A grant
// is written once and never changed: its window (epoch milliseconds, compared with main's clock) is
// what main trusts, so an edited end date is refused by the database rather than believed. Ending a
// cover early is a second row, also never changed or removed.
import { sql, type Kysely } from 'kysely';

const raise = (message: string) => sql.raw(`SELECT RAISE(ABORT, '${message}');`);
const NINETY_ONE_DAYS_MS = 91 * 86_400_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cover_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Whose caseload: the clients whose primary clinician this is.
    .addColumn('absent_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('coverer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('starts_ms', 'integer', (c) => c.notNull().check(sql`starts_ms > 0`))
    .addColumn('ends_ms', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) BETWEEN 1 AND 500`))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addCheckConstraint('cover_grants_not_self', sql`absent_id <> coverer_id`)
    .addCheckConstraint(
      'cover_grants_window',
      sql`ends_ms > starts_ms AND ends_ms - starts_ms <= ${sql.lit(NINETY_ONE_DAYS_MS)}`,
    )
    .execute();
  await db.schema
    .createIndex('cover_grants_coverer')
    .on('cover_grants')
    .columns(['coverer_id', 'ends_ms'])
    .execute();
  await db.schema
    .createIndex('cover_grants_absent')
    .on('cover_grants')
    .columns(['absent_id', 'ends_ms'])
    .execute();
  await db.schema
    .createTable('cover_ends')
    .addColumn('grant_id', 'text', (c) => c.primaryKey().references('cover_grants.id'))
    .addColumn('ended_ms', 'integer', (c) => c.notNull())
    .addColumn('ended_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .execute();
  for (const table of ['cover_grants', 'cover_ends']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE ON ${sql.raw(table)}
      BEGIN ${raise('a cover grant is never changed: end it and grant a new one')} END`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${sql.raw(table)}
      BEGIN ${raise('a cover grant is never removed')} END`.execute(db);
  }
}
