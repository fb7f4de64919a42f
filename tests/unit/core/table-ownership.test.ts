// Table access is private to the room that owns the table (issue 16): every table in the schema
// has one owner below, and no file under main/core outside that owner names the table in a kysely
// call (selectFrom, a join, a subquery), a raw `sql` template, sql.raw/sql.table or a raw
// prepare()/exec() string. Another room asks the owner through its door (index.ts) instead. A
// new table fails here until it is given an owner; the scanner is tested on planted sources first,
// so it cannot silently stop matching.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../main/core/staff/queries.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Table → the folder (ending in '/') or the one file that owns it. */
const OWNERS: Record<string, string> = {
  practice: 'main/core/practice/',
  users: 'main/core/staff/',
  settings: 'main/core/settings-store.ts',
  audit_log: 'main/core/audit/',
  clients: 'main/core/clients/',
  client_guardians: 'main/core/clients/',
  client_status_history: 'main/core/clients/',
  care_team: 'main/core/clients/',
  intakes: 'main/core/clients/',
  consents: 'main/core/clients/',
  consent_signatures: 'main/core/clients/',
  screenings: 'main/core/clients/',
  clients_fts: 'main/core/clients/',
  drafts: 'main/core/drafts/',
  restriction_requests: 'main/core/restrictions/',
  treatment_plans: 'main/core/plans/',
  plan_reviews: 'main/core/plans/',
  notes: 'main/core/notes/',
  note_addenda: 'main/core/notes/',
  supervision: 'main/core/notes/',
  notes_fts: 'main/core/notes/',
  notes_fts_terms: 'main/core/notes/',
  notes_fts_impact: 'main/core/notes/',
  notes_fts_impact_cells: 'main/core/notes/',
  release_requests: 'main/core/releases/',
  release_authorizations: 'main/core/releases/',
  release_approvals: 'main/core/releases/',
  release_approval_items: 'main/core/releases/',
  export_jobs: 'main/core/releases/',
  disclosures: 'main/core/releases/',
  chart_purge_permits: 'main/core/retention/',
  retention_holds: 'main/core/retention/',
  chart_tombstones: 'main/core/retention/',
  deletion_requests: 'main/core/retention/',
  denial_reviews: 'main/core/denial-reviews/',
  accounting_suspensions: 'main/core/accounting-suspensions/',
  amendment_requests: 'main/core/amendments/',
  amendment_records: 'main/core/amendments/',
  amendment_notices: 'main/core/amendments/',
  amendment_letters: 'main/core/amendments/',
  icd10_codes: 'main/core/diagnoses/',
  icd10_codes_fts: 'main/core/diagnoses/',
  icd10_code_set: 'main/core/diagnoses/',
  diagnoses: 'main/core/diagnoses/',
  diagnosis_versions: 'main/core/diagnoses/',
  note_templates: 'main/core/note-templates/',
  note_template_versions: 'main/core/note-templates/',
  emergency_grants: 'main/core/emergency-access/',
  emergency_acknowledgements: 'main/core/emergency-access/',
  cover_grants: 'main/core/cover/',
  cover_ends: 'main/core/cover/',
  second_factors: 'main/core/second-factor/',
  second_factor_recovery_codes: 'main/core/second-factor/',
  staff_invitations: 'main/core/staff/',
  records_custodians: 'main/core/staff/',
};

/** FTS5 keeps a virtual table's rows in shadow tables named after it; they belong to its owner. */
const FTS_SHADOW = /^(\w+)_(config|content|data|docsize|idx)$/;

/** Every table the migrations create, from the committed snapshot: [name, virtual]. */
function snapshotTables(): { name: string; virtual: boolean }[] {
  const text = readFileSync(join(ROOT, 'db/schema.snapshot.sql'), 'utf8');
  return [...text.matchAll(/^CREATE (VIRTUAL )?TABLE\s+["'`]?(\w+)/gm)].map((m) => ({
    name: m[2] ?? '',
    virtual: m[1] !== undefined,
  }));
}

/** The tables kysely knows: the members of `interface DB` in db/schema.ts. */
function schemaTables(): string[] {
  const file = ts.createSourceFile(
    'schema.ts',
    readFileSync(join(ROOT, 'db/schema.ts'), 'utf8'),
    ts.ScriptTarget.Latest,
  );
  const db = file.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB',
  );
  return (db?.members ?? []).flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : []));
}

/** The owner map extended to the FTS shadow tables of the virtual tables in the snapshot. */
function ownersWithShadows(): Record<string, string> {
  const out = { ...OWNERS };
  const virtual = new Set(
    snapshotTables()
      .filter((t) => t.virtual)
      .map((t) => t.name),
  );
  for (const t of snapshotTables()) {
    const base = FTS_SHADOW.exec(t.name)?.[1];
    if (base && virtual.has(base) && OWNERS[base]) out[t.name] = OWNERS[base];
  }
  return out;
}

/** kysely methods whose first argument names a table ('notes', 'notes as n', or an array of those). */
const KYSELY_TABLE_CALLS = new Set([
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'using',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'innerJoinLateral',
  'leftJoinLateral',
]);
/** Calls whose first argument is SQL text. */
const RAW_SQL_CALLS = new Set(['prepare', 'exec']);

/** A table named after FROM / JOIN / INTO / UPDATE / TABLE in SQL text. */
const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+["'`[]?([A-Za-z_]\w*)/gi;
/** A fragment that is itself a table source (`clients AS c INDEXED BY …`), spliced into FROM elsewhere. */
const SQL_SOURCE = /^\s*["'`[]?([A-Za-z_]\w*)["'`\]]?\s+(?:AS\s+\w|INDEXED\s+BY\b|NOT\s+INDEXED\b)/i;

interface TableUse {
  table: string;
  line: number;
  how: string;
}

const stringValue = (node: ts.Node | undefined): string | null =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;

/** Every table name a source uses (known or not), with its line and how it was used. */
function tableUses(source: string): TableUse[] {
  const file = ts.createSourceFile('scanned.ts', source, ts.ScriptTarget.Latest, true);
  const uses: TableUse[] = [];
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;

  /** SQL text starting at `pos` (the first character of the text). */
  const scanSql = (text: string, pos: number, how: string, fragmentStart: boolean) => {
    const lineAt = (i: number) => lineOf(pos) + (text.slice(0, i).match(/\n/g)?.length ?? 0);
    for (const m of text.matchAll(SQL_TABLE)) {
      uses.push({ table: m[1] ?? '', line: lineAt(m.index), how });
    }
    const source = fragmentStart ? SQL_SOURCE.exec(text) : null;
    if (source) uses.push({ table: source[1] ?? '', line: lineAt(0), how });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression;
      const first = node.arguments[0];
      if (KYSELY_TABLE_CALLS.has(method) && first) {
        const names = ts.isArrayLiteralExpression(first) ? [...first.elements] : [first];
        for (const n of names) {
          const text = stringValue(n);
          const table = text?.trim().split(/\s+/)[0];
          if (text !== null && table)
            uses.push({ table, line: lineOf(n.getStart(file)), how: `${method}('${text}')` });
        }
      }
      const isSqlHelper = ts.isIdentifier(receiver) && receiver.text === 'sql';
      if (isSqlHelper && method === 'table') {
        const text = stringValue(first);
        if (text && first)
          uses.push({
            table: text.split('.').at(-1) ?? text,
            line: lineOf(first.getStart(file)),
            how: 'sql.table',
          });
      }
      if ((isSqlHelper && method === 'raw') || RAW_SQL_CALLS.has(method)) {
        const text = stringValue(first);
        if (text !== null && first)
          scanSql(text, first.getStart(file) + 1, isSqlHelper ? 'sql.raw' : `${method}()`, true);
      }
    }
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
      const t = node.template;
      if (ts.isNoSubstitutionTemplateLiteral(t)) scanSql(t.text, t.getStart(file) + 1, 'sql`…`', true);
      else {
        scanSql(t.head.text, t.head.getStart(file) + 1, 'sql`…`', true);
        for (const span of t.templateSpans)
          scanSql(span.literal.text, span.literal.getStart(file) + 1, 'sql`…`', false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return uses.sort((a, b) => a.line - b.line);
}

/** Uses of a known table in `file` (repo-relative) that its owner does not hold. */
function violations(file: string, source: string, owners: Record<string, string>): string[] {
  return tableUses(source).flatMap((u) => {
    const owner = owners[u.table];
    if (owner === undefined) return [];
    const mine = owner.endsWith('/') ? file.startsWith(owner) : file === owner;
    return mine ? [] : [`${file}:${String(u.line)} uses ${u.table} (owned by ${owner}) through ${u.how}`];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(e.name) ? [path] : [];
  });
}

describe('the scanner', () => {
  const owners = OWNERS;
  const inNotes = (source: string) => violations('main/core/notes/planted.ts', source, owners);

  it('finds a cross-room table in every kind of kysely call, aliased or not', () => {
    expect(inNotes("const u = await db.selectFrom('users').selectAll().execute();")).toEqual([
      "main/core/notes/planted.ts:1 uses users (owned by main/core/staff/) through selectFrom('users')",
    ]);
    const joined = [
      'db',
      "  .selectFrom('notes as n')",
      "  .innerJoin('clients as c', 'c.id', 'n.client_id')",
      "  .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'n.author_id'))",
      '  .selectAll()',
    ].join('\n');
    expect(inNotes(joined)).toEqual([
      "main/core/notes/planted.ts:3 uses clients (owned by main/core/clients/) through innerJoin('clients as c')",
      "main/core/notes/planted.ts:4 uses users (owned by main/core/staff/) through leftJoin('users as u')",
    ]);
    const subquery =
      "q.where((eb) => eb('n.client_id', 'in', eb.selectFrom('care_team').select('client_id').where('user_id', '=', me)));";
    expect(inNotes(subquery)).toHaveLength(1);
    expect(inNotes("await trx.insertInto('settings').values(row).execute();")).toHaveLength(1);
    expect(inNotes('await trx.updateTable("audit_log").set(x).execute();')).toHaveLength(1);
    expect(inNotes('await trx.deleteFrom(`drafts`).execute();')).toHaveLength(1);
    expect(inNotes("db.selectFrom(['notes', 'disclosures as d'])")).toEqual([
      "main/core/notes/planted.ts:1 uses disclosures (owned by main/core/releases/) through selectFrom('disclosures as d')",
    ]);
    expect(inNotes("const t = sql.table('practice');")).toHaveLength(1);
  });

  it('finds a table named in raw SQL text: templates, fragments, sql.raw and prepare()', () => {
    const raw = [
      'const team = sql`client_id IN (SELECT id FROM clients WHERE primary_clinician_id = ${me}',
      '  UNION SELECT client_id FROM care_team WHERE user_id = ${me})`;',
    ].join('\n');
    expect(inNotes(raw)).toEqual([
      'main/core/notes/planted.ts:1 uses clients (owned by main/core/clients/) through sql`…`',
      'main/core/notes/planted.ts:2 uses care_team (owned by main/core/clients/) through sql`…`',
    ]);
    expect(
      inNotes(
        'const r = await sql<{ n: number }>`SELECT n.id FROM notes n JOIN users AS u ON u.id = n.author_id`.execute(db);',
      ),
    ).toEqual(['main/core/notes/planted.ts:1 uses users (owned by main/core/staff/) through sql`…`']);
    expect(inNotes('const source = sql`clients AS c INDEXED BY clients_by_sort_key`;')).toHaveLength(1);
    expect(inNotes('await sql`DELETE FROM clients_fts WHERE rowid = ${seq}`.execute(db);')).toHaveLength(1);
    expect(inNotes('await sql`INSERT INTO "screenings" (id) VALUES (${id})`.execute(db);')).toHaveLength(1);
    expect(inNotes("sqlite.prepare('SELECT 1 FROM audit_log WHERE seq > ?').get(seq);")).toHaveLength(1);
    expect(inNotes('sqlite.prepare(`SELECT name FROM practice WHERE id = 1`).get();')).toHaveLength(1);
    expect(inNotes("await sql.raw('UPDATE release_requests SET status = 1').execute(db);")).toHaveLength(1);
  });

  it("does not count the owner's own files, comments, prose or unknown names", () => {
    expect(
      violations(
        'main/core/clients/queries.ts',
        "db.selectFrom('clients as c').innerJoin('care_team as t', 'a', 'b')",
        owners,
      ),
    ).toEqual([]);
    expect(violations('main/core/settings-store.ts', "db.selectFrom('settings')", owners)).toEqual([]);
    expect(violations('main/core/settings-store-2.ts', "db.selectFrom('settings')", owners)).toHaveLength(1);
    expect(inNotes("// once: db.selectFrom('users')\n/* JOIN clients */")).toEqual([]);
    expect(inNotes("throw new AppError('NOT_FOUND', 'Copy from clients, not into users.');")).toEqual([]);
    expect(inNotes('sqlite.prepare("SELECT name FROM sqlite_master WHERE type = \'table\'");')).toEqual([]);
    expect(inNotes('const s = sql`n.status AS s`;')).toEqual([]);
  });
});

describe('table ownership', () => {
  it('gives every table in the schema exactly one owner, and names no table the schema lacks', () => {
    const snapshot = snapshotTables();
    const virtual = new Set(snapshot.filter((t) => t.virtual).map((t) => t.name));
    const own = snapshot
      .map((t) => t.name)
      .filter((name) => {
        const base = FTS_SHADOW.exec(name)?.[1];
        return !(base && virtual.has(base));
      });
    expect(Object.keys(OWNERS).sort()).toEqual([...own].sort());
    expect(schemaTables().filter((t) => !(t in OWNERS))).toEqual([]);
    expect(schemaTables().length).toBeGreaterThan(10);
  });

  it('every owner is a folder or file that exists under main/core', () => {
    const files = new Set(
      sourceFiles(join(ROOT, 'main/core')).map((f) => relative(ROOT, f).split(sep).join('/')),
    );
    for (const owner of new Set(Object.values(OWNERS))) {
      const exists = owner.endsWith('/') ? [...files].some((f) => f.startsWith(owner)) : files.has(owner);
      expect(exists, owner).toBe(true);
    }
  });

  it('no file under main/core uses a table its room does not own', () => {
    const owners = ownersWithShadows();
    const found = sourceFiles(join(ROOT, 'main/core')).flatMap((path) =>
      violations(relative(ROOT, path).split(sep).join('/'), readFileSync(path, 'utf8'), owners),
    );
    expect(found).toEqual([]);
  });

  it('sees the tables main/core uses (the scan reads the real sources)', () => {
    const used = new Set(
      sourceFiles(join(ROOT, 'main/core')).flatMap((path) =>
        tableUses(readFileSync(path, 'utf8')).map((u) => u.table),
      ),
    );
    for (const table of [
      'users',
      'clients',
      'clients_fts',
      'notes',
      'notes_fts',
      'audit_log',
      'settings',
      'disclosures',
    ])
      expect(used.has(table), table).toBe(true);
  });
});

describe('names attached after the query', () => {
  it('sort as `ORDER BY display_name` did when the query joined users (SQLite BINARY, not the locale)', () => {
    const names = [
      'adam',
      'Zed',
      'Émile',
      'Eve',
      'eve',
      'Ann Lee',
      'Ann-Marie',
      'ann',
      'Ωmega',
      'Zoë',
      'Ørsted',
      '李',
    ];
    const sqlite = new Database(':memory:');
    try {
      sqlite.exec('CREATE TABLE people (name TEXT NOT NULL)');
      const insert = sqlite.prepare('INSERT INTO people (name) VALUES (?)');
      for (const n of names) insert.run(n);
      const bySqlite = (
        sqlite.prepare('SELECT name FROM people ORDER BY name').all() as { name: string }[]
      ).map((r) => r.name);
      expect([...names].sort(compareNames)).toEqual(bySqlite);
      expect(bySqlite.slice(0, 3)).toEqual(['Ann Lee', 'Ann-Marie', 'Eve']);
    } finally {
      sqlite.close();
    }
  });
});
