// 0003: session notes (progress and psychotherapy), addenda, supervision, and the notes search
// index. A signed note's content columns cannot change (trigger), and addenda cannot change at all.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notes')
    // Integer key: the search index's rowid, so "newest first" walks the index in order.
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('progress', 'psychotherapy')`))
    .addColumn('template', 'text', (c) => c.notNull().check(sql`template IN ('soap', 'dap', 'birp', 'free')`))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('end_time', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('service_code', 'text')
    .addColumn('modality', 'text')
    .addColumn('location', 'text')
    .addColumn('participants', 'text')
    .addColumn('risk_level', 'text')
    .addColumn('risk_plan', 'text')
    .addColumn('sections', 'text', (c) => c.notNull())
    // 42 CFR Part 2 per record: this note is substance-use information of the Part 2 program.
    .addColumn('part2', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'signed')`))
    .addColumn('signed_at', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('cosign_by', 'text', (c) => c.references('users.id'))
    .addColumn('cosigned_by', 'text', (c) => c.references('users.id'))
    .addColumn('cosigned_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notes_by_client')
    .on('notes')
    .columns(['client_id', 'service_date', 'seq'])
    .execute();
  await db.schema
    .createIndex('notes_by_author_status')
    .on('notes')
    .columns(['author_id', 'status', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('notes_by_cosigner')
    .on('notes')
    .columns(['cosign_by', 'cosigned_at'])
    .execute();

  // Signed means immutable: only the co-signature may still be added (DESIGN.md section 4).
  await sql`CREATE TRIGGER notes_signed_immutable
    BEFORE UPDATE OF id, client_id, author_id, kind, template, service_date, start_time, end_time,
      duration_minutes, service_code, modality, location, participants, risk_level, risk_plan,
      sections, part2, status, signed_at, content_hash, cosign_by ON notes
    WHEN OLD.status = 'signed'
    BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed'); END`.execute(db);
  await sql`CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes WHEN OLD.status = 'signed'
    BEGIN SELECT RAISE(ABORT, 'a signed note cannot be deleted'); END`.execute(db);

  await db.schema
    .createTable('note_addenda')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('note_id', 'text', (c) => c.notNull().references('notes.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('addenda_by_note')
    .on('note_addenda')
    .columns(['note_id', 'signed_at'])
    .execute();
  await sql`CREATE TRIGGER note_addenda_immutable BEFORE UPDATE ON note_addenda
    BEGIN SELECT RAISE(ABORT, 'an addendum cannot be changed'); END`.execute(db);
  await sql`CREATE TRIGGER note_addenda_no_delete BEFORE DELETE ON note_addenda
    BEGIN SELECT RAISE(ABORT, 'an addendum cannot be deleted'); END`.execute(db);

  await db.schema
    .createTable('supervision')
    .addColumn('supervisee_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('supervisor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('set_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();

  // Full-text search of note content, inside the encrypted file. rowid = notes.seq. Who may see a
  // hit is decided from the copied columns before any snippet is made.
  await sql`CREATE VIRTUAL TABLE notes_fts USING fts5(
    client_id UNINDEXED, author_id UNINDEXED, kind UNINDEXED, status UNINDEXED, body,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')`.execute(db);
}
