// The impact index of note search (issue 17, migration 0025): the owner's one-word search is
// ranked from it, so it must give exactly what FTS5's own bm25 over every match gives (the same
// notes, scores and order, ties newest first), and it must follow every change to a note's text:
// a draft rewritten, a draft deleted, an addendum, a prefix several words share. The migration
// builds it for notes written before it with the same cells as the live writer.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configureLive, openKeyed, wrapKysely, type SqliteHandle } from '../../../db/connection.ts';
import { migrations } from '../../../db/migrations/index.ts';
import { migrate } from '../../../db/migrator.ts';
import { bestByImpact, bestOf } from '../../../main/core/notes/bm25.ts';
import { bucketFloor, impactCells, lengthBucket } from '../../../main/core/notes/impact-cells.ts';
import { writeImpactRow } from '../../../main/core/notes/impacts.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote, signedNote } from '../../helpers/notes.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { owner: 'w1', a: 'w-a' };
let p: TestPractice;
let clientId = '';
let sqlite: SqliteHandle;

/** The prefixes searched: whole words, prefixes several words share, a word in every note. */
const PREFIXES = [
  'sleep',
  'slee',
  'sleepless',
  'lantern',
  'lant',
  'harbor',
  'synthetic',
  'weekly',
  'stea',
  'marigold',
];

const fts5 = (word: string, count: number) => bestOf(sqlite, `body : ("${word}"*)`, count, null, null);
const impact = (word: string, count: number) => sqlite.transaction(() => bestByImpact(sqlite, word, count))();

beforeAll(async () => {
  p = await makePractice({ clock });
  const a = await signedInStaff(p, 'clinician', 'Dr. Ada Impact', W.a);
  clientId = (await p.ok('clients.create', adultClient(a.id, { legalFirstName: 'Ima' }), W.owner)).id;
  sqlite = p.core.ctx.vault.db.sqlite;
  const words = ['sleep', 'sleeping', 'sleepless', 'lantern', 'lanterns', 'harbor', 'calm'];
  // Lengths and frequencies of every kind, and identical notes (ties broken newest first).
  for (let i = 0; i < 60; i++) {
    const mention = Array.from({ length: 1 + (i % 4) }, (_, k) => words[(i + k) % words.length]).join(' ');
    await signedNote(
      p,
      W.a,
      clientId,
      `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      `${mention} ${'filler '.repeat(i % 9)}`,
    );
  }
  for (let i = 0; i < 5; i++) await signedNote(p, W.a, clientId, '2026-02-02', 'sleep harbor twin');
  // A note with an addendum: its words are searched too.
  const withAddendum = await signedNote(p, W.a, clientId, '2026-02-03', 'harbor');
  await p.ok(
    'notes.addAddendum',
    { noteId: withAddendum, text: 'Synthetic: sleepless sleepless marigold.' },
    W.a,
  );
}, 120_000);
afterAll(async () => {
  await p.close();
});

describe("the owner's one-word ranking from the impact index", () => {
  it("equals FTS5's bm25 over every match: the same notes, scores and order, for every prefix and depth", () => {
    for (const word of PREFIXES)
      for (const count of [1, 3, 10, 40, 500])
        expect(impact(word, count), `${word} × ${String(count)}`).toEqual(fts5(word, count));
    // The comparison has something to compare: common prefixes match many notes, with ties.
    expect(fts5('sleep', 500).length).toBeGreaterThan(30);
    const scores = fts5('harbor', 500).map((s) => s.score);
    expect(new Set(scores).size).toBeLessThan(scores.length);
  });

  it('a word the index does not hold finds nothing', () => {
    expect(impact('zzzzqq', 10)).toEqual([]);
    expect(fts5('zzzzqq', 10)).toEqual([]);
  });

  it('follows a draft rewritten, a draft deleted and a note signed', async () => {
    const { noteId } = await p.ok(
      'notes.saveDraft',
      dapNote(clientId, {
        sections: { data: 'Synthetic: lantern lantern lantern.', assessment: 'x', plan: 'y' },
      }),
      W.a,
    );
    expect(impact('lantern', 3)[0]).toEqual(fts5('lantern', 3)[0]);
    await p.ok(
      'notes.saveDraft',
      dapNote(clientId, {
        noteId,
        sections: { data: 'Synthetic: sleepless now.', assessment: 'x', plan: 'y' },
      }),
      W.a,
    );
    for (const word of ['lantern', 'sleepless', 'sleep']) expect(impact(word, 500)).toEqual(fts5(word, 500));
    await p.ok('notes.discardDraft', { noteId }, W.a);
    for (const word of ['lantern', 'sleepless', 'sleep']) expect(impact(word, 500)).toEqual(fts5(word, 500));
    const other = await signedNote(p, W.a, clientId, '2026-02-09', 'lantern harbor harbor');
    expect(other).toBeTruthy();
    for (const word of PREFIXES) expect(impact(word, 500)).toEqual(fts5(word, 500));
  });

  it('every prefix of four letters or more names the same number of notes as FTS5 matches', async () => {
    const db = p.core.ctx.vault.db.db;
    const terms = await sql<{ term: string }>`SELECT term FROM notes_fts_terms`.execute(db);
    const prefixes = new Set(
      terms.rows
        .map((t) => t.term)
        .filter((t) => /^[a-z]+$/.test(t))
        .flatMap((t) => Array.from({ length: t.length - 3 }, (_, k) => t.slice(0, 4 + k))),
    );
    expect(prefixes.size).toBeGreaterThan(20);
    for (const prefix of prefixes) {
      const cells = await sql<{ n: number }>`
        SELECT coalesce(sum(doc), 0) AS n FROM notes_fts_impact_cells WHERE term >= ${`${prefix}.`} AND term < ${`${prefix}/`}`.execute(
        db,
      );
      const matches = await sql<{ n: number }>`
        SELECT count(*) AS n FROM notes_fts WHERE notes_fts MATCH ${`body : ("${prefix}"*)`}`.execute(db);
      expect(cells.rows[0]?.n, prefix).toBe(matches.rows[0]?.n);
    }
  });

  it("the owner's search through the API ranks by it: the best match first though older", async () => {
    const hits = await p.ok('notes.search', { query: 'sleepless', limit: 5 }, W.owner);
    const best = fts5('sleepless', 1)[0];
    const bestNote = sqlite.prepare('SELECT id FROM notes WHERE seq = ?').get(best?.rowid) as { id: string };
    expect(hits[0]?.noteId).toBe(bestNote.id);
  });
});

describe('the cells', () => {
  it("name each prefix of four letters or more with its count and the body's length bucket", () => {
    const cells = impactCells([
      ['sleep', 2],
      ['sleepless', 1],
      ['cat', 3],
    ]).split(' ');
    const bucket = lengthBucket(6);
    expect(cells).toContain(`slee.3.${String(bucket)}`);
    expect(cells).toContain(`sleep.3.${String(bucket)}`);
    expect(cells).toContain(`sleepl.1.${String(bucket)}`);
    expect(cells).toContain(`sleepless.1.${String(bucket)}`);
    expect(cells.some((c) => c.startsWith('cat'))).toBe(false);
  });

  it("buckets are exact up to 64 words, then 1/64 wide, and a bucket's floor is its shortest body", () => {
    for (let n = 0; n <= 64; n++) expect(bucketFloor(lengthBucket(n))).toBe(n);
    for (const n of [65, 100, 128, 1000, 5000, 123_456]) {
      const b = lengthBucket(n);
      expect(bucketFloor(b)).toBeLessThanOrEqual(n);
      expect(bucketFloor(b + 1)).toBeGreaterThan(n);
      expect(n / bucketFloor(b)).toBeLessThan(1 + 1 / 60);
    }
  });
});

describe('migration 0025 on notes written before it', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) d.remove();
  });

  it('gives every note the cells the live writer gives it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = openKeyed(join(dir.path, 'practice.db'), randomBytes(32));
    configureLive(file);
    const db = wrapKysely(file) as Kysely<unknown>;
    await migrate(file, db, migrations.slice(0, 24));
    const bodies = Array.from(
      { length: 2300 },
      (_, i) =>
        `Synthetic ${String(i)}: ${'sleep '.repeat(i % 5)}sleeping ${i % 3 === 0 ? 'Lanterns ' : ''}café ${'word '.repeat(i % 70)}`,
    );
    file.transaction(() => {
      const insert = file.prepare('INSERT INTO notes_fts (rowid, scope, body) VALUES (?, ?, ?)');
      for (const [i, body] of bodies.entries()) insert.run(i + 1, 'c1 a1', body);
    })();
    await migrate(file, db);
    const snapshot = () => {
      const cells = file.prepare('SELECT term, doc FROM notes_fts_impact_cells ORDER BY term').all() as {
        term: string;
        doc: number;
      }[];
      const notes = file.prepare(
        'SELECT rowid FROM notes_fts_impact WHERE notes_fts_impact MATCH ? ORDER BY rowid',
      );
      return cells.map((c) => ({
        ...c,
        notes: (notes.all(`"${c.term}"`) as { rowid: number }[]).map((r) => r.rowid),
      }));
    };
    const migrated = snapshot();
    expect(migrated.length).toBeGreaterThan(100);
    expect(migrated.find((c) => c.term.startsWith('cafe.'))).toBeTruthy();
    const live = wrapKysely(file);
    for (const [i, body] of bodies.entries()) await writeImpactRow(live, i + 1, body);
    expect(snapshot()).toEqual(migrated);
    file.close();
  }, 120_000);
});
