// 0020: a release's approval may freeze a diagnosis and a treatment plan version (issue 20). The
// approval items' kind is a CHECK constraint, which SQLite cannot alter: the table is rebuilt with
// the two kinds added, its rows copied as they are, and its triggers (append-only, 0005/0006; the
// chart destruction's permit, 0015) created again exactly as the file held them.
import { sql, type Kysely } from 'kysely';

const KINDS = [
  'demographics',
  'intake',
  'substance_use',
  'consent',
  'screening',
  'note',
  'addendum',
  'diagnosis',
  'treatment_plan',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const triggers = await sql<{ sql: string }>`SELECT sql FROM sqlite_master
    WHERE type = 'trigger' AND tbl_name = 'release_approval_items' ORDER BY name`.execute(db);
  await db.schema
    .createTable('release_approval_items_0020')
    .addColumn('approval_id', 'text', (c) => c.notNull().references('release_approvals.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) =>
      c.notNull().check(sql`item_kind IN (${sql.raw(KINDS.map((k) => `'${k}'`).join(', '))})`),
    )
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('authorities', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_items_pk', ['approval_id', 'position'])
    .execute();
  await sql`INSERT INTO release_approval_items_0020
    (approval_id, position, item_kind, record_id, content_hash, authorities)
    SELECT approval_id, position, item_kind, record_id, content_hash, authorities
    FROM release_approval_items`.execute(db);
  // DROP TABLE fires no trigger (the append-only ones go with the table and come back below).
  await sql`DROP TABLE release_approval_items`.execute(db);
  await sql`ALTER TABLE release_approval_items_0020 RENAME TO release_approval_items`.execute(db);
  for (const t of triggers.rows) await sql.raw(t.sql).execute(db);
}
