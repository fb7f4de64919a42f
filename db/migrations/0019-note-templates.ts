// 0019: the practice's own note templates (issue 20), versioned. A template's version is never
// changed or deleted (triggers): editing a template adds the next version, which supersedes it,
// and a note written in a version keeps it. A template is retired once (no new notes in it).
//
// notes.template gains 'custom' (a note in a practice template, with its template_version_id).
// The CHECK written by 0003 cannot be altered in place. sqlite.org/lang_altertable.html offers
// two procedures. Its shorter one edits the CREATE text in sqlite_schema with PRAGMA
// writable_schema, documented as appropriate for removing CHECK constraints: this one only widens
// the list, so every existing row would still satisfy it. But better-sqlite3 opens every
// connection with SQLITE_DBCONFIG_DEFENSIVE, which refuses writable_schema and schema_version=N
// ("table sqlite_master may not be modified"); turning it off (unsafeMode) for the migration would
// lift, for the app's own connection, the guard against SQL that corrupts the file. So this
// follows the general 12-step rebuild, inside the migrator's transaction: foreign_keys cannot be
// turned off there, so they are deferred (as 0007 did for clients): the notes are copied aside,
// the table is dropped (the addenda's references wait), created again with the wider CHECK and
// written back (each reference is matched again), and the commit refuses if any is left
// unmatched. The table keeps its CREATE text but for the template CHECK, the template_version_id
// reference and one table CHECK; its indexes and triggers are created again from their stored
// text; seq (the search index's rowid) is copied, so notes_fts stays as it is. It runs once, at
// the first unlock after the update: 7.6 s for 200,000 short notes on the 2-core test machine
// (NOTE_TEMPLATES_MIGRATION_NOTES=200000 in tests/integration/note-templates/migration.test.ts).
import { sql, type Kysely } from 'kysely';

const OLD_CHECK = `check (template IN ('soap', 'dap', 'birp', 'free'))`;
const NEW_CHECK = `check (template IN ('soap', 'dap', 'birp', 'free', 'custom'))`;
const OLD_VERSION_COLUMN = 'template_version_id TEXT';
const NEW_VERSION_COLUMN = `template_version_id TEXT REFERENCES "note_template_versions" ("id")`;
// A practice template's note names its version; a built-in one names none.
const PAIRED = `, CHECK ((template = 'custom') = (template_version_id IS NOT NULL)))`;

const raise = (message: string) => sql.raw(`SELECT RAISE(ABORT, '${message}');`);

async function createTemplates(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('note_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('retired_at', 'text')
    .addColumn('retired_by', 'text', (c) => c.references('users.id'))
    .execute();
  await sql`CREATE TRIGGER note_templates_retired_once BEFORE UPDATE ON note_templates
    WHEN OLD.retired_at IS NOT NULL OR NEW.retired_at IS NULL OR NEW.retired_by IS NULL
      OR NEW.id IS NOT OLD.id OR NEW.created_at IS NOT OLD.created_at
      OR NEW.created_by IS NOT OLD.created_by
    BEGIN ${raise('a note template is retired once and never changed')} END`.execute(db);
  await sql`CREATE TRIGGER note_templates_no_delete BEFORE DELETE ON note_templates
    BEGIN ${raise('a note template cannot be deleted')} END`.execute(db);

  await db.schema
    .createTable('note_template_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull().references('note_templates.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON: [{ key, label, required, help }], 1 to 12, in the order the editor shows them.
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('note_template_versions_number', ['template_id', 'version'])
    .execute();
  // Versions follow each other: the next one is the last plus one, never a gap or a rewrite.
  await sql`CREATE TRIGGER note_template_versions_in_order BEFORE INSERT ON note_template_versions
    WHEN NEW.version IS NOT (SELECT coalesce(max(version), 0) + 1 FROM note_template_versions
      WHERE template_id = NEW.template_id)
    BEGIN ${raise('a template version follows the last one')} END`.execute(db);
  // 45 CFR 164.312(c)(1), integrity: a signed note's labels and required sections come from its
  // version, so a version is never altered or removed once written.
  await sql`CREATE TRIGGER note_template_versions_immutable BEFORE UPDATE ON note_template_versions
    BEGIN ${raise('a template version cannot be changed')} END`.execute(db);
  await sql`CREATE TRIGGER note_template_versions_no_delete BEFORE DELETE ON note_template_versions
    BEGIN ${raise('a template version cannot be deleted')} END`.execute(db);
}

async function storedSql(db: Kysely<unknown>, type: string, table: string) {
  const r = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master
    WHERE type = ${type} AND tbl_name = ${table} AND sql IS NOT NULL ORDER BY name`.execute(db);
  return r.rows;
}

/** The notes table as it stands, with the wider template CHECK (the 12-step rebuild). */
async function rebuildNotes(db: Kysely<unknown>): Promise<void> {
  const [table] = await storedSql(db, 'table', 'notes');
  if (!table) throw new Error('0019: the notes table is missing');
  const created = table.sql;
  if (!created.includes(OLD_CHECK) || !created.includes(OLD_VERSION_COLUMN) || !created.endsWith(')')) {
    throw new Error('0019: the notes table is not the one 0003-0018 build');
  }
  const widened =
    created.replace(OLD_CHECK, NEW_CHECK).replace(OLD_VERSION_COLUMN, NEW_VERSION_COLUMN).slice(0, -1) +
    PAIRED;
  const indexes = await storedSql(db, 'index', 'notes');
  const triggers = await storedSql(db, 'trigger', 'notes');

  const deferred = await sql<{ defer_foreign_keys: number }>`PRAGMA defer_foreign_keys`.execute(db);
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
  await sql.raw(created.replace(/^CREATE TABLE "notes"/, 'CREATE TABLE "notes_before_0019"')).execute(db);
  await sql`INSERT INTO notes_before_0019 SELECT * FROM notes ORDER BY seq`.execute(db);
  await sql`DROP TABLE notes`.execute(db);
  await sql.raw(widened).execute(db);
  await sql`INSERT INTO notes SELECT * FROM notes_before_0019 ORDER BY seq`.execute(db);
  await sql`DROP TABLE notes_before_0019`.execute(db);
  for (const i of indexes) await sql.raw(i.sql).execute(db);
  for (const t of triggers) await sql.raw(t.sql).execute(db);
  const broken = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(db);
  if (broken.rows.some((r) => r.parent === 'notes' || r.table === 'notes'))
    throw new Error('0019: a row refers to a note that is not there');
  if (!deferred.rows[0]?.defer_foreign_keys) await sql`PRAGMA defer_foreign_keys = OFF`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTemplates(db);
  await rebuildNotes(db);
  // What a signed note addressed (0018's columns) is fixed with the rest of it: 0003's trigger
  // lists only the columns of its day. The hash (v3) detects an edit made with triggers dropped.
  await sql`CREATE TRIGGER notes_signed_links_fixed
    BEFORE UPDATE OF addressed_diagnoses, goal_progress, template_version_id ON notes
    WHEN OLD.status = 'signed'
    BEGIN ${raise('a signed note cannot be changed')} END`.execute(db);
}
