// Migration 0019 rebuilds the notes table to widen its template CHECK (12-step procedure of
// sqlite.org/lang_altertable.html). On a database at version 18 holding signed notes, drafts and
// addenda: every row comes through unchanged (and its hash still verifies), the file passes
// integrity_check and foreign_key_check, the search index still finds the notes, every index and
// trigger is back, signed notes still refuse edits, and a 'custom' note must name its version.
// NOTE_TEMPLATES_MIGRATION_NOTES=200000 measures the rebuild on a large practice.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLive, openKeyed, wrapKysely, type SqliteHandle } from '../../../db/connection.ts';
import { migrations } from '../../../db/migrations/index.ts';
import { migrate, readSchemaVersion } from '../../../db/migrator.ts';
import type { NoteRow } from '../../../db/schema.ts';
import { addendumHash, noteHash, signedNoteIntact } from '../../../main/core/notes/content-hash.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

const AT = '2026-01-12T19:00:00.000Z';
const USER = '5b1f0a8e-1c2d-4e3f-9a4b-5c6d7e8f9a0b';
const CLIENT = '6c2a1b9f-2d3e-4f5a-8b6c-7d8e9f0a1b2c';
const BIG = Number(process.env.NOTE_TEMPLATES_MIGRATION_NOTES ?? 0);

function at18(): { sqlite: SqliteHandle; db: Kysely<unknown> } {
  const dir = tempDir();
  dirs.push(dir);
  const sqlite = openKeyed(join(dir.path, 'practice.db'), randomBytes(32));
  configureLive(sqlite);
  return { sqlite, db: wrapKysely(sqlite) as Kysely<unknown> };
}

const noteId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Synthetic notes written as the app at version 18 would: every fourth a draft, the rest signed. */
function seed(sqlite: SqliteHandle, count: number): void {
  sqlite
    .prepare(
      `INSERT INTO users (id, username, display_name, role, created_at, updated_at)
       VALUES (?, 'clin', 'Dr. Synthetic Migrate', 'clinician', ?, ?)`,
    )
    .run(USER, AT, AT);
  sqlite
    .prepare(
      `INSERT INTO clients (id, chart_number, legal_first_name, legal_last_name, sort_key, date_of_birth,
         primary_clinician_id, status_date, created_at, created_by, updated_at)
       VALUES (?, 'C-0001', 'Avery', 'Fictus', 'fictus avery', '1988-07-14', ?, '2026-01-05', ?, ?, ?)`,
    )
    .run(CLIENT, USER, AT, USER, AT);
  const insert = sqlite.prepare(
    `INSERT INTO notes (id, client_id, author_id, kind, template, service_date, start_time, end_time,
       duration_minutes, service_code, modality, risk_level, sections, part2, status, signed_at,
       content_hash, created_at, updated_at)
     VALUES (@id, @client_id, @author_id, 'progress', @template, @service_date, '10:00', '10:45', 45,
       '90834', 'video', 'low', @sections, 0, @status, @signed_at, @content_hash, @at, @at)`,
  );
  const fts = sqlite.prepare(
    `INSERT INTO notes_fts (rowid, scope, body) SELECT seq, client_id, ? FROM notes WHERE id = ?`,
  );
  const templates = ['soap', 'dap', 'birp', 'free'] as const;
  const keys = {
    soap: ['subjective', 'objective', 'assessment', 'plan'],
    dap: ['data', 'assessment', 'plan'],
    birp: ['behavior', 'intervention', 'response', 'plan'],
    free: ['note', 'plan'],
  };
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const template = templates[i % 4] ?? 'free';
      const sections = JSON.stringify(
        Object.fromEntries(
          keys[template].map((k) => [k, `Synthetic ${k} ${String(i)}: sleep and routines.`]),
        ),
      );
      const signed = i % 4 !== 3;
      const row = {
        id: noteId(i),
        client_id: CLIENT,
        author_id: USER,
        template,
        service_date: `2025-${String((i % 12) + 1).padStart(2, '0')}-10`,
        sections,
        status: signed ? 'signed' : 'draft',
        signed_at: signed ? AT : null,
        content_hash: null as string | null,
        at: AT,
      };
      if (signed) {
        row.content_hash = noteHash(
          {
            seq: 0,
            kind: 'progress',
            start_time: '10:00',
            end_time: '10:45',
            duration_minutes: 45,
            service_code: '90834',
            modality: 'video',
            location: null,
            participants: null,
            risk_level: 'low',
            risk_plan: null,
            part2: 0,
            cosign_by: null,
            cosigned_by: null,
            cosigned_at: null,
            cosign_hash: null,
            episode_id: null,
            addressed_diagnoses: null,
            goal_progress: null,
            template_version_id: null,
            created_at: AT,
            updated_at: AT,
            ...row,
            status: 'signed',
          },
          AT,
        );
      }
      insert.run(row);
      if (i < 50) fts.run(`Synthetic session ${String(i)} about lanterns`, row.id);
    }
    const addendum = {
      id: 'a-1',
      note_id: noteId(0),
      author_id: USER,
      text: 'Synthetic addendum.',
      signed_at: AT,
    };
    sqlite
      .prepare(
        `INSERT INTO note_addenda (id, note_id, author_id, text, signed_at, content_hash)
         VALUES (@id, @note_id, @author_id, @text, @signed_at, @content_hash)`,
      )
      .run({ ...addendum, content_hash: addendumHash(addendum) });
  })();
}

const schemaOf = (sqlite: SqliteHandle, type: string) =>
  (
    sqlite
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = ? AND tbl_name = 'notes' AND sql IS NOT NULL ORDER BY name",
      )
      .all(type) as { name: string; sql: string }[]
  ).map((r) => r.name);

async function migrateFrom18(notes: number) {
  const { sqlite, db } = at18();
  await migrate(sqlite, db, migrations.slice(0, 18));
  expect(readSchemaVersion(sqlite)).toBe(18);
  seed(sqlite, notes);
  const before = {
    rows: sqlite.prepare('SELECT * FROM notes ORDER BY seq').all(),
    indexes: schemaOf(sqlite, 'index'),
    triggers: schemaOf(sqlite, 'trigger'),
  };
  const started = performance.now();
  await migrate(sqlite, db, migrations.slice(0, 19));
  const ms = performance.now() - started;
  return { sqlite, db, before, ms };
}

describe('migration 0019 on a database at version 18', () => {
  it('keeps every note, hash, addendum and search row, and the file is sound', async () => {
    const { sqlite, before } = await migrateFrom18(400);
    expect(readSchemaVersion(sqlite)).toBe(19);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    const after = sqlite.prepare('SELECT * FROM notes ORDER BY seq').all() as NoteRow[];
    expect(after).toEqual(before.rows);
    expect(after.filter((n) => n.status === 'signed').every((n) => signedNoteIntact(n))).toBe(true);
    expect(sqlite.prepare('SELECT count(*) AS n FROM note_addenda').get()).toEqual({ n: 1 });
    const hits = sqlite
      .prepare(
        "SELECT n.id FROM notes_fts f JOIN notes n ON n.seq = f.rowid WHERE notes_fts MATCH 'lanterns' ORDER BY n.seq",
      )
      .all() as { id: string }[];
    expect(hits).toHaveLength(50);
    expect(hits[0]?.id).toBe(noteId(0));
    expect(schemaOf(sqlite, 'index')).toEqual(before.indexes);
    expect(schemaOf(sqlite, 'trigger')).toEqual([...before.triggers, 'notes_signed_links_fixed'].sort());
    // A new note takes the next seq, as before.
    const maxSeq = (sqlite.prepare('SELECT max(seq) AS m FROM notes').get() as { m: number }).m;
    expect(maxSeq).toBe(400);
    sqlite.close();
  });

  it('still refuses edits of signed notes, and a practice-template note must name an existing version', async () => {
    const { sqlite } = await migrateFrom18(8);
    const signed = noteId(0);
    expect(() => sqlite.prepare("UPDATE notes SET sections = '{}' WHERE id = ?").run(signed)).toThrow(
      /a signed note cannot be changed/,
    );
    expect(() => sqlite.prepare("UPDATE notes SET template = 'free' WHERE id = ?").run(signed)).toThrow(
      /a signed note cannot be changed/,
    );
    expect(() => sqlite.prepare("UPDATE notes SET goal_progress = '[]' WHERE id = ?").run(signed)).toThrow(
      /a signed note cannot be changed/,
    );
    expect(() => sqlite.prepare('DELETE FROM notes WHERE id = ?').run(signed)).toThrow(
      /a signed note cannot be deleted/,
    );
    expect(() =>
      sqlite
        .prepare(
          "INSERT INTO notes (seq, id, client_id, author_id, kind, template, service_date, sections, status, created_at, updated_at) SELECT 1, 'x', client_id, author_id, kind, template, service_date, sections, status, created_at, updated_at FROM notes WHERE id = ?",
        )
        .run(signed),
    ).toThrow(/a note cannot be replaced/);
    const draft = noteId(3);
    // The wider CHECK takes 'custom', but only with a version, and only a version that exists.
    expect(() => sqlite.prepare("UPDATE notes SET template = 'custom' WHERE id = ?").run(draft)).toThrow(
      /CHECK constraint failed/,
    );
    expect(() =>
      sqlite
        .prepare("UPDATE notes SET template = 'custom', template_version_id = 'no-such-version' WHERE id = ?")
        .run(draft),
    ).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => sqlite.prepare("UPDATE notes SET template = 'bespoke' WHERE id = ?").run(draft)).toThrow(
      /CHECK constraint failed/,
    );
    expect(() =>
      sqlite.prepare("UPDATE notes SET template = 'dap', template_version_id = NULL WHERE id = ?").run(draft),
    ).not.toThrow();
    sqlite.close();
  });

  it.runIf(BIG > 0)(
    `rebuilds a practice of ${String(BIG)} notes in reasonable time`,
    async () => {
      const { sqlite, ms } = await migrateFrom18(BIG);
      console.info(`0019 on ${String(BIG)} notes: ${ms.toFixed(0)} ms`);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: BIG });
      sqlite.close();
    },
    600_000,
  );
});
