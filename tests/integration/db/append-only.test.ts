// Append-only means every write form: each append-only table (audit log, signed notes, addenda,
// disclosure log, approvals, recorded authorizations, consents) refuses UPDATE, DELETE, INSERT OR
// REPLACE, REPLACE INTO, upsert and INSERT OR IGNORE on a row the app made, and the row stays as
// it was, with recursive triggers on (the app's connection) and off (where a REPLACE's implicit
// delete fires no delete trigger). A co-signature edited with the triggers dropped stops a release.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHandle } from '../../../db/connection.ts';
import type { Selection } from '../../../preload/contract/releases.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { hipaaAuthorization, thirdParty } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { owner: 'w1', a: 'w-a', sup: 'w-sup', desk: 'w-desk' };
const SELECTION: Selection = {
  recordTypes: ['progress_notes', 'addenda'],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};
const REFUSED =
  /append-only|cannot be changed|cannot be deleted|cannot be replaced|written once|recorded once/;

let p: TestPractice;
let sqlite: SqliteHandle;
const out = tempDir();
let clientId: string;
let requestId: string;
let cosignedNote: string;
let revokedAuthorization: string;

type Row = Record<string, unknown>;

interface Target {
  table: string;
  /** The row the app made, found by this WHERE clause. */
  where: string;
  /** Columns naming the row (the conflict target of an upsert). */
  key: string[];
  /** A column a forger would change. */
  content: string;
}

const TARGETS: Target[] = [
  {
    table: 'audit_log',
    where: 'seq = (SELECT max(seq) FROM audit_log)',
    key: ['seq'],
    content: 'detail',
  },
  { table: 'notes', where: 'id = @id', key: ['id'], content: 'sections' },
  { table: 'note_addenda', where: 'note_id = @id', key: ['id'], content: 'text' },
  { table: 'disclosures', where: 'client_id = @client', key: ['id'], content: 'recipient_name' },
  { table: 'release_approvals', where: 'request_id = @request', key: ['id'], content: 'selection' },
  {
    table: 'release_approval_items',
    where: 'approval_id = (SELECT id FROM release_approvals WHERE request_id = @request) AND position = 0',
    key: ['approval_id', 'position'],
    content: 'content_hash',
  },
  {
    table: 'release_authorizations',
    where: 'request_id = @request',
    key: ['id'],
    content: 'fields',
  },
  { table: 'consents', where: 'client_id = @client', key: ['id'], content: 'given_on' },
  {
    table: 'consent_signatures',
    where: 'consent_id = (SELECT id FROM consents WHERE client_id = @client)',
    key: ['id'],
    content: 'signer_name',
  },
];

const params = () => ({ id: cosignedNote, client: clientId, request: requestId });

function rowOf(t: Target): Row {
  const rows = sqlite.prepare(`SELECT * FROM ${t.table} WHERE ${t.where}`).all(params()) as Row[];
  expect(rows).toHaveLength(1);
  return rows[0] as Row;
}

const countOf = (table: string) =>
  (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** A value different from `v` of the same kind. */
function altered(v: unknown): unknown {
  if (v === null) return 'Synthetic tampered value';
  if (typeof v === 'number') return v + 1000;
  if (Buffer.isBuffer(v)) return Buffer.from('synthetic tampered attachment');
  if (typeof v === 'string') return `${v} (synthetic tampered value)`;
  throw new Error(`no altered value for a ${typeof v}`);
}

type WriteForm = (t: Target, row: Row) => void;

function insertSql(verb: string, t: Target, row: Row, tail = ''): [string, Row] {
  const cols = Object.keys(row);
  const values = { ...row, [t.content]: altered(row[t.content]) };
  return [
    `${verb} ${t.table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})${tail}`,
    values,
  ];
}

const run = ([text, values]: [string, Row]) => sqlite.prepare(text).run(values);

const FORMS: Record<string, WriteForm> = {
  DELETE: (t) => sqlite.prepare(`DELETE FROM ${t.table} WHERE ${t.where}`).run(params()),
  'INSERT OR REPLACE': (t, row) => run(insertSql('INSERT OR REPLACE INTO', t, row)),
  'REPLACE INTO': (t, row) => run(insertSql('REPLACE INTO', t, row)),
  'INSERT … ON CONFLICT DO UPDATE (upsert)': (t, row) =>
    run(
      insertSql(
        'INSERT INTO',
        t,
        row,
        ` ON CONFLICT (${t.key.join(', ')}) DO UPDATE SET ${t.content} = excluded.${t.content}`,
      ),
    ),
  'INSERT … ON CONFLICT DO NOTHING': (t, row) =>
    run(insertSql('INSERT INTO', t, row, ' ON CONFLICT DO NOTHING')),
  'INSERT OR IGNORE': (t, row) => run(insertSql('INSERT OR IGNORE INTO', t, row)),
};

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  sqlite = p.core.ctx.vault.db.sqlite;
  const a = await signedInStaff(p, 'clinician', 'Dr. Ada Appendonly', W.a);
  const sup = await signedInStaff(p, 'clinician', 'Dr. Sol Overseer', W.sup);
  await signedInStaff(p, 'front_desk', 'Dee Deskworth', W.desk);
  await p.ok('staff.setSupervisor', { superviseeId: a.id, supervisorId: sup.id }, W.owner);
  clientId = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
  await p.ok(
    'consents.record',
    {
      clientId,
      kind: 'treatment',
      givenOn: '2026-01-05',
      basis: 'client',
      signatures: [{ signerName: 'Avery Fictus', signerRole: 'client', signedOn: '2026-01-05' }],
    },
    W.a,
  );
  cosignedNote = await signedNote(p, W.a, clientId, '2026-01-12', 'Quillfern');
  await p.ok('notes.cosign', { noteId: cosignedNote }, W.sup);
  await p.ok('notes.addAddendum', { noteId: cosignedNote, text: 'Synthetic: a late correction.' }, W.a);
  const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
  requestId = r.summary.id;
  await p.ok('releases.addAuthorization', hipaaAuthorization(requestId), W.desk);
  await p.ok('releases.authorize', { requestId }, W.desk);
  await p.ok('releases.approve', { requestId, selection: SELECTION }, W.a);
  await p.ok(
    'disclosures.record',
    {
      clientId,
      disclosedOn: '2026-03-01',
      recipientName: 'Example County Child Protective Services',
      description: 'Verbal report of suspected neglect (synthetic)',
      purpose: 'Mandated report under state law',
      basis: 'mandated_report',
    },
    W.a,
  );
  const r2 = await p.ok('releases.create', thirdParty(clientId), W.desk);
  await p.ok('releases.addAuthorization', hipaaAuthorization(r2.summary.id), W.desk);
  revokedAuthorization = (
    sqlite.prepare('SELECT id FROM release_authorizations WHERE request_id = ?').get(r2.summary.id) as {
      id: string;
    }
  ).id;
  await p.ok(
    'releases.revokeAuthorization',
    { authorizationId: revokedAuthorization, revokedOn: '2026-03-02' },
    W.desk,
  );
});
afterAll(async () => {
  await p.close();
  out.remove();
});

it('the app connection fires delete triggers on a REPLACE (recursive_triggers on)', () => {
  expect(sqlite.pragma('recursive_triggers', { simple: true })).toBe(1);
});

describe.each([
  { connection: 'the app’s connection (recursive triggers on)', recursive: true },
  { connection: 'a connection with recursive triggers off', recursive: false },
])('on $connection', ({ recursive }) => {
  beforeAll(() => {
    sqlite.pragma(`recursive_triggers=${recursive ? 'ON' : 'OFF'}`);
  });
  afterAll(() => {
    sqlite.pragma('recursive_triggers=ON');
  });

  describe.each(TARGETS)('$table', (t) => {
    it.each(Object.keys(FORMS))('refuses %s and the row stays as it was', (form) => {
      const before = rowOf(t);
      const count = countOf(t.table);
      expect(() => FORMS[form]?.(t, before)).toThrow(REFUSED);
      expect(rowOf(t)).toEqual(before);
      expect(countOf(t.table)).toBe(count);
    });

    it('refuses an UPDATE of every column, one at a time, and the row stays as it was', () => {
      const before = rowOf(t);
      for (const column of Object.keys(before)) {
        const update = sqlite.prepare(`UPDATE ${t.table} SET ${column} = @value WHERE ${t.where}`);
        expect(() => update.run({ ...params(), value: altered(before[column]) }), column).toThrow(REFUSED);
      }
      expect(rowOf(t)).toEqual(before);
    });
  });
});

describe('a recorded authorization', () => {
  const revocation = () =>
    sqlite
      .prepare(
        'SELECT revoked_on, revocation_note, revoked_at, revoked_by FROM release_authorizations WHERE id = ?',
      )
      .get(revokedAuthorization) as Row;

  it('was revoked once through the app, whole (date, when entered, by whom)', () => {
    expect(revocation()).toMatchObject({
      revoked_on: '2026-03-02',
      revoked_at: expect.any(String) as string,
    });
    expect(revocation().revoked_by).not.toBeNull();
  });

  it('cannot have its revocation cleared, moved or re-recorded', () => {
    const before = revocation();
    const update = (set: string) =>
      sqlite.prepare(`UPDATE release_authorizations SET ${set} WHERE id = ?`).run(revokedAuthorization);
    expect(() => update('revoked_on = NULL, revoked_at = NULL, revoked_by = NULL')).toThrow(/recorded once/);
    expect(() => update("revoked_on = '2026-01-01'")).toThrow(/recorded once/);
    expect(() => update("revocation_note = 'Synthetic: never mind'")).toThrow(/recorded once/);
    expect(revocation()).toEqual(before);
  });

  it('cannot be revoked by halves: a revocation date without when and by whom is refused', () => {
    const id = rowOf(TARGETS.find((x) => x.table === 'release_authorizations') as Target).id as string;
    expect(() =>
      sqlite.prepare("UPDATE release_authorizations SET revoked_on = '2026-03-02' WHERE id = ?").run(id),
    ).toThrow(/recorded once/);
  });
});

describe('a co-signature edited with the triggers dropped (someone holding the recovery key)', () => {
  /** Drops the write-once trigger, runs `edit`, puts the row and the trigger back. */
  function tamper(edit: string): () => void {
    const trigger = sqlite
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'notes_cosign_write_once'")
      .get() as { sql: string };
    const saved = sqlite
      .prepare('SELECT cosigned_by, cosigned_at, cosign_hash FROM notes WHERE id = ?')
      .get(cosignedNote) as Row;
    sqlite.exec('DROP TRIGGER notes_cosign_write_once');
    sqlite.prepare(`UPDATE notes SET ${edit} WHERE id = ?`).run(cosignedNote);
    return () => {
      sqlite
        .prepare(
          'UPDATE notes SET cosigned_by = @cosigned_by, cosigned_at = @cosigned_at, cosign_hash = @cosign_hash WHERE id = @id',
        )
        .run({ ...saved, id: cosignedNote });
      sqlite.exec(trigger.sql);
    };
  }

  it('is untouched at first: the note reads as intact and its approved release previews', async () => {
    expect((await p.ok('notes.get', { noteId: cosignedNote }, W.a)).integrity).toBe('ok');
    const preview = await p.ok('releases.preview', { requestId }, W.a);
    expect(preview).toBeTruthy();
  });

  it.each([
    ['another co-signer', "cosigned_by = (SELECT id FROM users WHERE role = 'owner')"],
    ['another time', "cosigned_at = '2026-01-01T00:00:00.000Z'"],
    ['the hash cleared', 'cosign_hash = NULL'],
    ['the co-signer cleared, the hash kept', 'cosigned_by = NULL, cosigned_at = NULL'],
  ])(
    '%s: notes.get reports the note as failing integrity, and the release refuses it',
    async (_what, edit) => {
      const restore = tamper(edit);
      try {
        const note = await p.ok('notes.get', { noteId: cosignedNote }, W.a);
        expect(note.integrity).toBe('tampered');
        const failed = sqlite
          .prepare(
            "SELECT count(*) AS n FROM audit_log WHERE action = 'note.integrityFailed' AND target_id = ?",
          )
          .get(cosignedNote) as { n: number };
        expect(failed.n).toBeGreaterThan(0);
        const preview = await p.fail('releases.preview', { requestId }, W.a);
        expect(preview.code).toBe('CONFLICT');
        expect(preview.message).toMatch(/failed the integrity check/);
        const exported = await p.fail('releases.export', { requestId }, W.desk);
        expect(exported.message).toMatch(/failed the integrity check/);
      } finally {
        restore();
      }
      expect((await p.ok('notes.get', { noteId: cosignedNote }, W.a)).integrity).toBe('ok');
    },
  );
});
