// Stored JSON is parsed, not cast (issue 16): a row edited on disk (here with raw SQL, as someone
// holding the key could) is refused with DATABASE_DAMAGED and a message naming the kind of record,
// never its content and never INTERNAL; the refusal is in the audit log ('record.unreadable'),
// written in its own transaction although the read failed. Rows as this version writes them, and
// old rows with an explicit upgrade, still read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultClient, intake } from '../../helpers/clients.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote, signedNote } from '../../helpers/notes.ts';
import { thirdParty } from '../../helpers/releases.ts';

interface AuditRow {
  seq: number;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  detail: string;
}

const W = { owner: 'w1', clin: 'w-clin', desk: 'w-desk' };

let p: TestPractice;
let clin: { id: string };
let clientId: string;

const sqlite = () => p.core.ctx.vault.db.sqlite;
const unreadable = (): AuditRow[] =>
  sqlite()
    .prepare(
      "SELECT seq, actor_id, target_type, target_id, detail FROM audit_log WHERE action = 'record.unreadable' ORDER BY seq",
    )
    .all() as AuditRow[];
const lastUnreadable = (): AuditRow | undefined => unreadable().at(-1);

/** The refusal a person sees: DATABASE_DAMAGED, naming the kind of record, never INTERNAL. */
function expectRefused(e: { code: string; message: string }, what: RegExp): void {
  expect(e.code).toBe('DATABASE_DAMAGED');
  expect(e.message).toMatch(what);
  expect(e.message).toMatch(/changed outside Stillwater or written by another version/);
  expect(e.message).not.toMatch(/Synthetic|marigold|json|parse|zod/i);
}

beforeAll(async () => {
  p = await makePractice();
  clin = await signedInStaff(p, 'clinician', 'Dr. Ada Rowcheck', W.clin);
  await signedInStaff(p, 'front_desk', 'Dee Rowcheck', W.desk);
  clientId = (await p.ok('clients.create', adultClient(clin.id), W.desk)).id;
});
afterAll(async () => {
  await p.close();
});

describe('note sections', () => {
  it('a draft whose sections are not JSON is refused and audited; one as written reads', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId), W.clin);
    expect((await p.ok('notes.get', { noteId }, W.clin)).sections).toMatchObject({
      plan: expect.stringMatching(/^Synthetic/) as string,
    });
    sqlite().prepare('UPDATE notes SET sections = ? WHERE id = ?').run('{"data": "Synthetic', noteId);
    const before = unreadable().length;
    expectRefused(await p.fail('notes.get', { noteId }, W.clin), /^A stored note could not be read/);
    expect(unreadable()).toHaveLength(before + 1);
    const entry = lastUnreadable();
    expect(entry).toMatchObject({ actor_id: clin.id, target_type: 'note', target_id: noteId });
    expect(JSON.parse(entry?.detail ?? '')).toEqual({ readBy: 'notes.get' });
  });

  it('sections of the wrong shape (a number for a section) are refused too, not read as text', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId), W.clin);
    sqlite().prepare('UPDATE notes SET sections = ? WHERE id = ?').run('{"data": 42}', noteId);
    expectRefused(await p.fail('notes.get', { noteId }, W.clin), /^A stored note could not be read/);
    expect(lastUnreadable()).toMatchObject({ target_type: 'note', target_id: noteId });
    // Signing it is refused the same way, and leaves it a draft.
    expect((await p.fail('notes.sign', { noteId }, W.clin)).code).toBe('DATABASE_DAMAGED');
    const row = sqlite().prepare('SELECT status FROM notes WHERE id = ?').get(noteId) as { status: string };
    expect(row.status).toBe('draft');
  });

  it('a signed note edited into unreadable sections fails its integrity check and is refused', async () => {
    const noteId = await signedNote(p, W.clin, clientId, '2026-01-20', 'lanternfish');
    sqlite().exec('DROP TRIGGER notes_signed_immutable');
    try {
      sqlite().prepare('UPDATE notes SET sections = ? WHERE id = ?').run('not json', noteId);
    } finally {
      sqlite().exec(`CREATE TRIGGER notes_signed_immutable
        BEFORE UPDATE OF id, client_id, author_id, kind, template, service_date, start_time, end_time,
          duration_minutes, service_code, modality, location, participants, risk_level, risk_plan,
          sections, part2, status, signed_at, content_hash, cosign_by ON notes
        WHEN OLD.status = 'signed'
        BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed'); END`);
    }
    expectRefused(await p.fail('notes.get', { noteId }, W.clin), /^A stored note could not be read/);
    const integrity = sqlite()
      .prepare("SELECT target_id FROM audit_log WHERE action = 'note.integrityFailed' AND target_id = ?")
      .all(noteId);
    expect(integrity).toHaveLength(1);
    expect(lastUnreadable()).toMatchObject({ target_type: 'note', target_id: noteId });
  });
});

describe('intake and screenings', () => {
  it('an intake whose risk screening is not of its shape is refused and audited; as written it reads', async () => {
    await p.ok('intake.save', intake(clientId), W.clin);
    expect((await p.ok('intake.get', { clientId }, W.clin)).intake?.risk).toBeTruthy();
    sqlite()
      .prepare('UPDATE intakes SET risk = ? WHERE client_id = ?')
      .run('{"suicidalIdeation": "maybe"}', clientId);
    expectRefused(
      await p.fail('intake.get', { clientId }, W.clin),
      /^A stored intake record could not be read/,
    );
    expect(lastUnreadable()).toMatchObject({
      actor_id: clin.id,
      target_type: 'intake',
      target_id: clientId,
    });
  });

  it('a screening whose item scores are not numbers is refused and audited', async () => {
    const s = await p.ok(
      'screenings.record',
      {
        clientId,
        instrument: 'gad7',
        administeredOn: '2026-01-05',
        items: [1, 1, 1, 1, 0, 0, 0],
        context: 'intake',
      },
      W.clin,
    );
    expect((await p.ok('screenings.list', { clientId }, W.clin))[0]?.items).toEqual([1, 1, 1, 1, 0, 0, 0]);
    sqlite().prepare('UPDATE screenings SET items = ? WHERE id = ?').run('["one", 1]', s.id);
    expectRefused(
      await p.fail('screenings.list', { clientId }, W.clin),
      /^A stored screening could not be read/,
    );
    expect(lastUnreadable()).toMatchObject({ target_type: 'screening', target_id: s.id });
  });
});

describe('form drafts', () => {
  it('any JSON a form held reads back; a draft that is not JSON is refused and audited', async () => {
    const data = { fields: { a: 'Synthetic text', n: 3, list: [true, null] } };
    await p.ok('drafts.save', { key: 'client-new', data }, W.desk);
    expect((await p.ok('drafts.get', { key: 'client-new' }, W.desk))?.data).toEqual(data);
    sqlite().prepare("UPDATE drafts SET data = ? WHERE draft_key = 'client-new'").run('{"fields": ');
    expectRefused(
      await p.fail('drafts.get', { key: 'client-new' }, W.desk),
      /^A stored draft could not be read/,
    );
    expect(lastUnreadable()).toMatchObject({ target_type: 'draft', target_id: null });
    // Discarding it still works, and then there is nothing to read.
    await p.ok('drafts.discard', { key: 'client-new' }, W.desk);
    expect(await p.ok('drafts.get', { key: 'client-new' }, W.desk)).toBeNull();
  });
});

describe('release rows', () => {
  it('a request edited into another shape is refused, and the refusal is audited', async () => {
    const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
    sqlite()
      .prepare('UPDATE release_requests SET details = ? WHERE id = ?')
      .run('{"kind":"third_party","recipient":42}', r.summary.id);
    expectRefused(
      await p.fail('releases.get', { requestId: r.summary.id }, W.desk),
      /^A stored release record could not be read: .* Nothing was released\./,
    );
    expect(lastUnreadable()).toMatchObject({ target_type: 'release' });
    expect(JSON.parse(lastUnreadable()?.detail ?? '')).toEqual({ readBy: 'releases.get' });
  });

  it('an emergency request stored before 0005 (medicalEmergency) reads through its upgrade, unaudited', async () => {
    const r = await p.ok(
      'releases.create',
      {
        clientId,
        details: {
          kind: 'emergency',
          receivedOn: '2026-03-01',
          situation: 'duty_to_warn',
          reason: 'Synthetic: threat to a named person',
          clinicianId: clin.id,
          recipient: { name: 'Jordan Sample', address: '3 Example Road' },
          recipientRole: 'person_at_risk',
        },
      },
      W.clin,
    );
    const old = {
      kind: 'emergency',
      receivedOn: '2026-03-01',
      reason: 'Synthetic: unresponsive at home',
      clinicianId: clin.id,
      recipient: { name: 'Dr. Sample Attending', address: '5 Example Road' },
      medicalEmergency: true,
    };
    sqlite()
      .prepare('UPDATE release_requests SET details = ? WHERE id = ?')
      .run(JSON.stringify(old), r.summary.id);
    const before = unreadable().length;
    const got = await p.ok('releases.get', { requestId: r.summary.id }, W.clin);
    expect(got.details).toMatchObject({ situation: 'medical_emergency', recipientRole: 'medical_personnel' });
    expect(unreadable()).toHaveLength(before);
  });
});

describe('the audit log itself', () => {
  it('an entry whose detail is not JSON is reported as edited by Verify, not a crash', async () => {
    const seq = (lastUnreadable()?.seq ?? 0) - 1;
    sqlite().exec('DROP TRIGGER audit_log_no_update');
    try {
      sqlite().prepare('UPDATE audit_log SET detail = ? WHERE seq = ?').run('{"broken', seq);
    } finally {
      sqlite().exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`);
    }
    const result = await p.ok('audit.verify', {}, W.owner);
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).toContain(`Entry ${String(seq)}`);
  });
});

describe('settings read at unlock', () => {
  let q: TestPractice;
  beforeAll(async () => {
    q = await makePractice();
  });
  afterAll(async () => {
    await q.close();
  });

  it('unreadable inactivity and backup settings leave the defaults in force, audited, and sign-in works', async () => {
    await q.ok('settings.updateSession', { timeoutMinutes: 12, warningSeconds: 90 }, W.owner);
    const db = q.core.ctx.vault.db.sqlite;
    db.prepare("UPDATE settings SET value = ? WHERE key = 'session'").run('{"timeoutMinutes": "twelve"}');
    db.prepare(
      "INSERT INTO settings (key, value, updated_at) VALUES ('backup', 'not json', '2026-01-01T00:00:00.000Z') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run();
    await q.ok('auth.signOut', {}, W.owner);
    await q.signIn(OWNER.username, OWNER.password, W.owner);
    expect(await q.ok('settings.getSession', {}, W.owner)).toEqual({ timeoutMinutes: 5, warningSeconds: 60 });
    expect((await q.ok('backup.getSettings', {}, W.owner)).folder).toBeNull();
    const rows = q.core.ctx.vault.db.sqlite
      .prepare(
        "SELECT actor_id, target_type, target_id, detail FROM audit_log WHERE action = 'record.unreadable' ORDER BY seq",
      )
      .all() as AuditRow[];
    expect(rows.map((r) => [r.actor_id, r.target_type, r.target_id, r.detail])).toEqual([
      [null, 'settings', 'session', '{"readBy":"unlock"}'],
      [null, 'settings', 'backup', '{"readBy":"unlock"}'],
    ]);
  });
});
