// Migrations 0002 and 0003 were edited after they landed. A database built by the texts that
// first landed (frozen in tests/fixtures/migrations-original, taken from git history) and one
// built by today's list end, after the app opens them, with the same schema: the same
// sqlite_master text and the same columns in every table. The clients and notes stored under the
// old texts keep their ids and fields, every reference still resolves, and both searches work.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLive, openKeyed, wrapKysely, type SqliteHandle } from '../../../db/connection.ts';
import * as m0007 from '../../../db/migrations/0007-one-schema.ts';
import { migrations, type Migration } from '../../../db/migrations/index.ts';
import { migrate, readSchemaVersion } from '../../../db/migrator.ts';
import type { DB } from '../../../db/schema.ts';
import { schemaSql } from '../../../db/snapshot.ts';
import { searchClients } from '../../../main/core/clients/queries.ts';
import { ftsQuery, searchTerms, sortKey } from '../../../main/core/clients/search-terms.ts';
import type { Logger } from '../../../main/core/logger.ts';
import { openVaultDatabase } from '../../../main/core/vault/open-database.ts';
import { freshSchema } from '../../../scripts/schema-snapshot.ts';
import * as clients248a658 from '../../fixtures/migrations-original/0002-clients.248a658.ts';
import * as clients4fcde6f from '../../fixtures/migrations-original/0002-clients.4fcde6f.ts';
import * as notesFcdd333 from '../../fixtures/migrations-original/0003-notes.fcdd333.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** Each frozen text, the commit it landed in, and the SHA-256 of `git show <commit>:db/migrations/<file>`. */
const FROZEN = {
  '0002-clients.248a658.ts': '972932fe6c6179e89a2f47932e8d17d7f057d9c46757bdc9ff0ecb43fecd2ceb',
  '0002-clients.4fcde6f.ts': 'f61571b8c35164109c509b5e19c914cddf3145af6e49d745ad31410a1cd5cfe5',
  '0003-notes.fcdd333.ts': '36b37eda6a5345c869aa19b49eaa05e3f98f8106f4a10c7ffbcb3b25e1923b97',
} as const;

const [m0001, current0002, current0003] = migrations;
if (!m0001 || !current0002 || !current0003) throw new Error('migrations 0001-0003 missing');
const as = (m: Migration, up: Migration['up']): Migration => ({ ...m, up });

/** Every 0002/0003 pair a practice can have run: 0003 first landed while 0002 was at 4fcde6f. */
const HISTORIES: readonly { name: string; steps: readonly Migration[] }[] = [
  {
    name: '0002 and 0003 as they first landed (248a658, fcdd333)',
    steps: [m0001, as(current0002, clients248a658.up), as(current0003, notesFcdd333.up)],
  },
  {
    name: '0002 at 4fcde6f, 0003 as it first landed',
    steps: [m0001, as(current0002, clients4fcde6f.up), as(current0003, notesFcdd333.up)],
  },
  {
    name: '0002 as it first landed, today’s 0003',
    steps: [m0001, as(current0002, clients248a658.up), current0003],
  },
  { name: '0002 at 4fcde6f, today’s 0003', steps: [m0001, as(current0002, clients4fcde6f.up), current0003] },
];

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

const quietLogger: Logger = { log: () => undefined };

function newFile(): { file: string; key: Buffer } {
  const dir = tempDir();
  dirs.push(dir);
  return { file: join(dir.path, 'practice.db'), key: randomBytes(32) };
}

const AT = '2026-01-12T19:00:00.000Z';
const CLIENTS = [
  {
    id: 'c-2',
    chart: 'C-0002',
    first: 'Émile',
    last: 'Zephyrus',
    dob: '1990-04-12',
    phone: '(555) 010-2233',
  },
  { id: 'c-1', chart: 'C-0001', first: 'Avery', last: 'Fictus', dob: '1988-07-14', phone: null },
] as const;

/** Synthetic rows written with whatever columns the old schema has (sort_key only if present). */
function seed(sqlite: SqliteHandle): void {
  sqlite
    .prepare(
      "INSERT INTO users (id, username, display_name, role, created_at, updated_at) VALUES ('u-1', 'clin', 'Dr. Synthetic', 'clinician', ?, ?)",
    )
    .run(AT, AT);
  const columns = (
    sqlite.prepare("SELECT name FROM pragma_table_info('clients')").all() as { name: string }[]
  ).map((c) => c.name);
  const hasSortKey = columns.includes('sort_key');
  for (const c of CLIENTS) {
    sqlite
      .prepare(
        `INSERT INTO clients (id, chart_number, legal_first_name, legal_last_name, ${hasSortKey ? 'sort_key, ' : ''}
          date_of_birth, phone, primary_clinician_id, status_date, created_at, created_by, updated_at)
         VALUES (@id, @chart, @first, @last, ${hasSortKey ? "'stale', " : ''}@dob, @phone, 'u-1', '2026-01-05', @at, 'u-1', @at)`,
      )
      .run({ ...c, at: AT });
  }
  sqlite
    .prepare(
      `INSERT INTO client_guardians (id, client_id, position, name, relation, phone, legal_authority)
       VALUES ('g-1', 'c-1', 0, 'Synthetic Guardian', 'parent', '555-0100', 'parent')`,
    )
    .run();
  sqlite
    .prepare(
      `INSERT INTO notes (id, client_id, author_id, kind, template, service_date, sections, status, created_at, updated_at)
       VALUES ('n-1', 'c-1', 'u-1', 'progress', 'free', '2026-01-12', '{}', 'draft', ?, ?)`,
    )
    .run(AT, AT);
  sqlite
    .prepare(
      `INSERT INTO notes_fts (rowid, client_id, author_id, kind, status, body)
       SELECT seq, client_id, author_id, kind, status, 'Synthetic session about sleep' FROM notes WHERE id = 'n-1'`,
    )
    .run();
}

interface Shape {
  schema: string;
  columns: Record<string, unknown[]>;
}

function shapeOf(sqlite: SqliteHandle): Shape {
  const tables = (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const columns: Record<string, unknown[]> = {};
  for (const t of tables) columns[t] = sqlite.prepare('SELECT * FROM pragma_table_info(?)').all(t);
  return { schema: schemaSql(sqlite), columns };
}

/** A database made by today's list, opened by the app. */
async function currentShape(): Promise<Shape> {
  const { file, key } = newFile();
  const vault = await openVaultDatabase(file, key, quietLogger);
  try {
    return shapeOf(vault.sqlite);
  } finally {
    vault.close();
  }
}

describe('a database made by each history of 0002/0003', () => {
  it('the frozen texts are the bytes that landed', () => {
    for (const [file, hash] of Object.entries(FROZEN)) {
      const bytes = readFileSync(new URL(`../../fixtures/migrations-original/${file}`, import.meta.url));
      expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(hash);
    }
  });

  it('0007 writes the sort key and search terms exactly as the app does', () => {
    for (const c of CLIENTS) {
      const app = {
        chartNumber: c.chart,
        legalFirstName: c.first,
        legalLastName: c.last,
        preferredName: 'Syn',
        dateOfBirth: c.dob,
        phone: c.phone,
      };
      const row = {
        chart_number: c.chart,
        legal_first_name: c.first,
        legal_last_name: c.last,
        preferred_name: 'Syn',
        date_of_birth: c.dob,
        phone: c.phone,
      };
      expect(m0007.sortKeyV1(row)).toBe(sortKey(app));
      expect(m0007.searchTermsV1(row)).toBe(searchTerms(app));
    }
  });

  it('the app opens a database made by today’s list with the committed schema', async () => {
    const current = await currentShape();
    expect(current.schema).toBe(await freshSchema());
    expect(current.schema).toBe(
      readFileSync(new URL('../../../db/schema.snapshot.sql', import.meta.url), 'utf8'),
    );
  });

  it('a client indexed before the date of birth became one term is found by a typed date after 0007', async () => {
    const { file, key } = newFile();
    const old = openKeyed(file, key);
    configureLive(old);
    await migrate(old, wrapKysely(old) as Kysely<unknown>, migrations.slice(0, 6));
    seed(old);
    // The terms 0002's service wrote before 784510d: the date three ways, no dob term.
    old.prepare('DELETE FROM clients_fts').run();
    old
      .prepare(
        "INSERT INTO clients_fts (rowid, terms) SELECT seq, 'Avery Fictus 1988-07-14 07/14/1988 7/14/1988 C-0001 0001 1' FROM clients WHERE id = 'c-1'",
      )
      .run();
    const match = ftsQuery('7/14/1988') ?? '';
    expect(old.prepare('SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?').all(match)).toEqual([]);
    old.close();

    const vault = await openVaultDatabase(file, key, quietLogger);
    try {
      const found = await searchClients(vault.db, { match, offset: 0, limit: 10 });
      expect(found.rows.map((r) => r.id)).toEqual(['c-1']);
      expect(schemaSql(vault.sqlite)).toBe(await freshSchema());
    } finally {
      vault.close();
    }
  });

  for (const history of HISTORIES) {
    it(`${history.name}: the app opens it, with today’s schema and its data intact`, async () => {
      const { file, key } = newFile();
      const old = openKeyed(file, key);
      configureLive(old);
      await migrate(old, wrapKysely(old) as Kysely<unknown>, history.steps);
      expect(readSchemaVersion(old)).toBe(3);
      const before = schemaSql(old);
      seed(old);
      old.close();

      const vault = await openVaultDatabase(file, key, quietLogger);
      try {
        expect(readSchemaVersion(vault.sqlite)).toBe(migrations.length);
        const shape = shapeOf(vault.sqlite);
        const current = await currentShape();
        expect(shape.schema).toBe(current.schema);
        expect(shape.columns).toEqual(current.columns);
        // It was a different schema before: the test would see a history 0007 did not fix.
        expect(before).not.toBe(
          schemaSql(vault.sqlite).replace(/^-- schema version \d+/, '-- schema version 3'),
        );

        expect(vault.sqlite.pragma('foreign_key_check')).toEqual([]);
        const stored = vault.sqlite
          .prepare(
            'SELECT id, chart_number, legal_first_name, legal_last_name, sort_key, phone FROM clients ORDER BY seq',
          )
          .all();
        expect(stored).toEqual(
          CLIENTS.map((c) => ({
            id: c.id,
            chart_number: c.chart,
            legal_first_name: c.first,
            legal_last_name: c.last,
            sort_key: sortKey({ legalLastName: c.last, legalFirstName: c.first, chartNumber: c.chart }),
            phone: c.phone,
          })),
        );
        expect(vault.sqlite.prepare("SELECT client_id FROM client_guardians WHERE id = 'g-1'").get()).toEqual(
          {
            client_id: 'c-1',
          },
        );

        // Client search, as the app runs it: by name prefix, by a typed date of birth, in sort order.
        const db: Kysely<DB> = vault.db;
        const find = async (typed: string) =>
          (await searchClients(db, { match: ftsQuery(typed) ?? '', offset: 0, limit: 10 })).rows.map(
            (r) => r.id,
          );
        expect(await find('emi')).toEqual(['c-2']);
        expect(await find('7/14/1988')).toEqual(['c-1']);
        expect(await find('c-000')).toEqual(['c-1', 'c-2']);
        // Note search keeps the note and gains one-letter prefixes.
        expect(
          vault.sqlite.prepare(`SELECT rowid FROM notes_fts WHERE notes_fts MATCH '"s"*'`).all(),
        ).toEqual([{ rowid: 1 }]);
      } finally {
        vault.close();
      }
    });
  }
});
