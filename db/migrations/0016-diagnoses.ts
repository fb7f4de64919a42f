// 0016: diagnoses (issue 20). The ICD-10-CM code list the type-ahead searches (filled from the
// shipped data file at unlock, not here: a newer list replaces it without a migration) with its
// full-text index, and a client's diagnoses: a fixed identity (code, words, who recorded it, Part 2)
// and its versions (status, rank, onset, why), appended, never changed, so a note or a release of
// March shows March's list. Deleted only by a chart's destruction under its permit (0015).
import { sql, type Kysely } from 'kysely';

const raise = (message: string) => sql.raw(`SELECT RAISE(ABORT, '${message}');`);
const PURGE_PERMIT = sql.raw('NOT EXISTS (SELECT 1 FROM chart_purge_permits)');

export async function up(db: Kysely<unknown>): Promise<void> {
  // The shipped list: billable codes only (a category header is recognised as a prefix of these).
  await db.schema
    .createTable('icd10_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    // Upper case without the dot ("F411"), so "F411" and "f41.1" find the same prefix.
    .addColumn('compact', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE VIRTUAL TABLE icd10_codes_fts USING fts5(
    code, description, content='icd10_codes', content_rowid='rowid', tokenize='unicode61'
  )`.execute(db);
  // Which list is loaded (its file's name and SHA-256), so a newer app reloads it at unlock.
  await db.schema
    .createTable('icd10_code_set')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('codes', 'integer', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('diagnoses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('in_code_set', 'integer', (c) => c.notNull().check(sql`in_code_set IN (0, 1)`))
    .addColumn('part2', 'integer', (c) => c.notNull().check(sql`part2 IN (0, 1)`))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('diagnoses_client')
    .on('diagnoses')
    .columns(['client_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('diagnosis_versions')
    .addColumn('diagnosis_id', 'text', (c) => c.notNull().references('diagnoses.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('active', 'in_remission', 'resolved', 'entered_in_error')`),
    )
    // 1 is primary; NULL off the ranked list. A resolved or erroneous diagnosis is never ranked.
    .addColumn('rank', 'integer', (c) => c.check(sql`rank IS NULL OR rank BETWEEN 1 AND 12`))
    .addColumn('onset_date', 'text')
    .addColumn('reason', 'text')
    .addColumn('by_user', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('diagnosis_versions_pk', ['diagnosis_id', 'version'])
    .addCheckConstraint(
      'diagnosis_versions_unranked_when_closed',
      sql`status IN ('active', 'in_remission') OR rank IS NULL`,
    )
    .execute();
  await db.schema
    .createIndex('diagnosis_versions_client')
    .on('diagnosis_versions')
    .columns(['client_id', 'at'])
    .execute();

  // A diagnosis as recorded and each of its versions are records: a change is a new version.
  for (const table of ['diagnoses', 'diagnosis_versions']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE ON ${sql.table(table)}
      BEGIN ${raise('a diagnosis version cannot be changed')} END`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${sql.table(table)}
      WHEN ${PURGE_PERMIT}
      BEGIN ${raise('a diagnosis version cannot be changed')} END`.execute(db);
  }
}
