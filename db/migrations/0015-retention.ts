// 0015: retention and destruction of records (issue 19). Legal holds on charts, the tombstone a
// destroyed chart leaves behind, a client's requests to delete their record, and the permit that
// lets one destruction remove rows the append-only triggers otherwise protect. The permit holds a
// row only inside the destruction's own transaction, so outside it every delete is refused as before;
// the audit log's triggers are left exactly as they are (the chain is never rewritten).
import { sql, type Kysely } from 'kysely';

const raise = (message: string) => sql.raw(`SELECT RAISE(ABORT, '${message}');`);

/** `CREATE TRIGGER x BEFORE DELETE ON t [WHEN cond] BEGIN … END`: its parts, to add the permit's condition. */
const DELETE_TRIGGER =
  /^(CREATE TRIGGER\s+\S+\s+BEFORE DELETE ON\s+\S+)(?:\s+WHEN\s+([\s\S]*?))?\s+BEGIN\s+([\s\S]*)$/i;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chart_purge_permits')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .execute();

  // Every delete guard of a record table (this migration's predecessors, the issue-19 rooms
  // included) gives way to a permit; the audit log's does not.
  const triggers = await sql<{ name: string; sql: string }>`
    SELECT name, sql FROM sqlite_master
    WHERE type = 'trigger' AND tbl_name != 'audit_log' AND sql LIKE '%BEFORE DELETE ON%'
    ORDER BY name`.execute(db);
  for (const t of triggers.rows) {
    const m = DELETE_TRIGGER.exec(t.sql);
    if (!m) throw new Error(`0015: unexpected delete trigger ${t.name}`);
    const [, head = '', when, body = ''] = m;
    const permit = 'NOT EXISTS (SELECT 1 FROM chart_purge_permits)';
    const condition = when ? `(${when}) AND ${permit}` : permit;
    await sql`DROP TRIGGER ${sql.raw(t.name)}`.execute(db);
    await sql.raw(`${head} WHEN ${condition} BEGIN ${body}`).execute(db);
  }

  // The full-text indexes forget a deleted row's words at once from now on (FTS5 'secure-delete',
  // SQLite 3.42+): without it a delete only adds a marker and the words stay in older segments
  // until a merge. One 'optimize' merges away what earlier deletes and updates left behind.
  for (const fts of ['notes_fts', 'clients_fts']) {
    await sql.raw(`INSERT INTO ${fts} (${fts}, rank) VALUES ('secure-delete', 1)`).execute(db);
    await sql.raw(`INSERT INTO ${fts} (${fts}) VALUES ('optimize')`).execute(db);
  }

  await db.schema
    .createTable('retention_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('placed_by', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('lifted_by', 'text')
    .addColumn('lifted_at', 'text')
    .addColumn('lift_reason', 'text')
    .execute();
  await db.schema.createIndex('retention_holds_client').on('retention_holds').column('client_id').execute();

  // What stays of a destroyed chart: its identifier, its dates, the rule, the reason, who approved
  // it and the certificate written. No name, date of birth or clinical word.
  await db.schema
    .createTable('chart_tombstones')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('chart_number', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('last_visit_on', 'text')
    .addColumn('retention_until', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('approved_by_name', 'text', (c) => c.notNull())
    .addColumn('destroyed_at', 'text', (c) => c.notNull())
    .addColumn('certificate_folder', 'text', (c) => c.notNull())
    .addColumn('certificate_sha256', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE TRIGGER chart_tombstones_no_update BEFORE UPDATE ON chart_tombstones
    BEGIN ${raise('a tombstone cannot be changed')} END`.execute(db);
  await sql`CREATE TRIGGER chart_tombstones_no_delete BEFORE DELETE ON chart_tombstones
    BEGIN ${raise('a tombstone cannot be changed')} END`.execute(db);

  await db.schema
    .createTable('deletion_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('request_text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('letter_folder', 'text')
    .addColumn('letter_sha256', 'text')
    .execute();
  await db.schema
    .createIndex('deletion_requests_client')
    .on('deletion_requests')
    .column('client_id')
    .execute();
}
