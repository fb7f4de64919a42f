// Migrations are history: the schema they build is the committed snapshot, every earlier
// database migrates forward, a failing step changes nothing, a newer database is refused.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLive, openKeyed, wrapKysely, type SqliteHandle } from '../../../db/connection.ts';
import { migrations } from '../../../db/migrations/index.ts';
import { assertNotTooNew, migrate, readSchemaVersion, SchemaTooNewError } from '../../../db/migrator.ts';
import { schemaSql } from '../../../db/snapshot.ts';
import type { NoteRow } from '../../../db/schema.ts';
import { noteHash, signedNoteIntact } from '../../../main/core/notes/content-hash.ts';
import { freshSchema } from '../../../scripts/schema-snapshot.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function freshDb(): SqliteHandle {
  const dir = tempDir();
  dirs.push(dir);
  const sqlite = openKeyed(join(dir.path, 'm.db'), randomBytes(32));
  configureLive(sqlite);
  return sqlite;
}

describe('migrations', () => {
  it('build exactly the committed schema snapshot (run `npm run schema:snapshot` after adding one)', async () => {
    const committed = readFileSync(new URL('../../../db/schema.snapshot.sql', import.meta.url), 'utf8');
    expect(await freshSchema()).toBe(committed);
  });

  it('are numbered 1..n in a fixed list', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) expect(m.name).toMatch(/^\d{4}-[a-z0-9-]+$/);
  });

  it('bring a database made by every earlier version up to the latest schema', async () => {
    const latest = await freshSchema();
    for (let upTo = 0; upTo < migrations.length; upTo++) {
      const sqlite = freshDb();
      const db = wrapKysely(sqlite) as Kysely<unknown>;
      await migrate(sqlite, db, migrations.slice(0, upTo));
      expect(readSchemaVersion(sqlite)).toBe(upTo);
      await migrate(sqlite, db);
      expect(schemaSql(sqlite)).toBe(latest);
      sqlite.close();
    }
  });

  it('run each step in one transaction: a failing step leaves the previous version intact', async () => {
    const sqlite = freshDb();
    const db = wrapKysely(sqlite) as Kysely<unknown>;
    const broken = {
      version: migrations.length + 1,
      name: '9999-broken',
      up: async (trx: Kysely<unknown>) => {
        await sql`CREATE TABLE half_made (x)`.execute(trx);
        await sql`INSERT INTO no_such_table VALUES (1)`.execute(trx);
      },
    };
    await expect(migrate(sqlite, db, [...migrations, broken])).rejects.toThrow();
    expect(readSchemaVersion(sqlite)).toBe(migrations.length);
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_made'").get()).toEqual({
      n: 0,
    });
    sqlite.close();
  });

  it('0006 gives notes co-signed before it a co-signature hash that verifies, and leaves the rest without one', async () => {
    const sqlite = freshDb();
    const db = wrapKysely(sqlite) as Kysely<unknown>;
    await migrate(sqlite, db, migrations.slice(0, 5));
    const at = '2026-01-12T19:00:00.000Z';
    const insertUser = sqlite.prepare(
      "INSERT INTO users (id, username, display_name, role, created_at, updated_at) VALUES (?, ?, ?, 'clinician', ?, ?)",
    );
    insertUser.run('u-author', 'author', 'Dr. Synthetic Author', at, at);
    insertUser.run('u-sup', 'sup', 'Dr. Synthetic Supervisor', at, at);
    sqlite
      .prepare(
        `INSERT INTO clients (id, chart_number, legal_first_name, legal_last_name, sort_key, date_of_birth,
          primary_clinician_id, status_date, created_at, created_by, updated_at)
         VALUES ('c-1', 'C-0001', 'Avery', 'Fictus', 'fictus avery c-0001', '1988-07-14', 'u-author', '2026-01-05', ?, 'u-author', ?)`,
      )
      .run(at, at);
    const note = (id: string, cosigned: boolean): NoteRow => ({
      seq: 0,
      id,
      client_id: 'c-1',
      author_id: 'u-author',
      kind: 'progress',
      template: 'free',
      service_date: '2026-01-12',
      start_time: null,
      end_time: null,
      duration_minutes: null,
      service_code: null,
      modality: null,
      location: null,
      participants: null,
      risk_level: null,
      risk_plan: null,
      sections: JSON.stringify({ note: 'Synthetic: a session.' }),
      part2: 0,
      status: 'signed',
      signed_at: at,
      content_hash: null,
      cosign_by: 'u-sup',
      cosigned_by: cosigned ? 'u-sup' : null,
      cosigned_at: cosigned ? '2026-01-13T09:00:00.000Z' : null,
      created_at: at,
      updated_at: at,
      episode_id: null,
      addressed_diagnoses: null,
      goal_progress: null,
      template_version_id: null,
      cosign_hash: null,
    });
    for (const n of [note('n-cosigned', true), note('n-waiting', false)]) {
      // The columns of 0018 do not exist yet at version 5.
      const {
        seq: _seq,
        cosign_hash: _hash,
        addressed_diagnoses: _d,
        goal_progress: _g,
        template_version_id: _t,
        ...row
      } = { ...n, content_hash: noteHash(n, at) };
      const cols = Object.keys(row);
      sqlite
        .prepare(`INSERT INTO notes (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`)
        .run(row);
    }
    await migrate(sqlite, db);
    const read = (id: string) => sqlite.prepare('SELECT * FROM notes WHERE id = ?').get(id) as NoteRow;
    expect(read('n-cosigned').cosign_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(signedNoteIntact(read('n-cosigned'))).toBe(true);
    expect(read('n-waiting').cosign_hash).toBeNull();
    expect(signedNoteIntact(read('n-waiting'))).toBe(true);
    sqlite.close();
  });

  it('refuse a database newer than the app, before writing anything', () => {
    const sqlite = freshDb();
    sqlite.pragma(`user_version = ${String(migrations.length + 3)}`);
    expect(() => assertNotTooNew(sqlite)).toThrow(SchemaTooNewError);
    sqlite.close();
  });
});
