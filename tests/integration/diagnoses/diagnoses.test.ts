// A client's diagnoses through the channels, as the Diagnoses tab uses them: the code rule (listed,
// header, out of list, bad format), the ranked list (12 at most, resolve closes up, reorder, Z code
// as primary warns), the history as of a moment, who may read and change them, bad input, and what
// a restart keeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnosesAsOf } from '../../../main/core/diagnoses/index.ts';
import type { DiagnosisList } from '../../../preload/contract/diagnoses.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
let p: TestPractice;
let clin: { id: string; username: string; password: string };
let other: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
const W = { clin: 'w-clin', other: 'w-other', desk: 'w-desk' };

beforeAll(async () => {
  p = await makePractice({ clock });
  clin = await p.addStaff('clinician', 'Dr. Ada Testcase');
  other = await p.addStaff('clinician', 'Dr. Otto Elsewhere');
  desk = await p.addStaff('front_desk', 'Dee Deskworth');
  for (const [u, w] of [
    [clin, W.clin],
    [other, W.other],
    [desk, W.desk],
  ] as const) {
    await p.signIn(u.username, u.password, w);
    await p.ok(
      'auth.changePassword',
      { currentPassword: u.password, newPassword: `${u.username}-quill-harbor-58` },
      w,
    );
  }
});
afterAll(async () => {
  await p.close();
});

/** Keeps every window's session alive while the clock moves on by `ms` (under the 4-minute warning). */
async function later(ms = 60_000): Promise<void> {
  await clock.advance(ms);
  for (const w of ['w1', ...Object.values(W)]) await p.call('session.activity', {}, w);
}

const newClient = async (first = 'Quilla') =>
  (await p.ok('clients.create', adultClient(clin.id, { legalFirstName: first }), W.clin)).id;

const add = (clientId: string, code: string, extra: Record<string, unknown> = {}, w = W.clin) =>
  p.ok('diagnoses.add', { clientId, code, status: 'active', part2: false, ...extra }, w);

/** The item at `i`, which the test knows is there. */
function nth<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`no item ${String(i)}`);
  return item;
}

const codes = (l: DiagnosisList) => l.diagnoses.map((d) => `${String(d.current.rank ?? '-')}:${d.code}`);

describe('code search', () => {
  it.each([
    ['F41', 'F41.0'],
    ['f41.1', 'F41.1'],
    ['F411', 'F41.1'],
    [' F32.8', 'F32.81'],
  ])('finds %s by code prefix, the nearest code first', async (query, first) => {
    const { matches } = await p.ok('diagnoses.searchCodes', { query }, W.clin);
    expect(matches[0]?.code).toBe(first);
    const compact = query.trim().toUpperCase().replace('.', '');
    expect(matches.every((m) => m.code.replace('.', '').startsWith(compact))).toBe(true);
  });

  it('puts the exact code first', async () => {
    const { matches } = await p.ok('diagnoses.searchCodes', { query: 'F43.1' }, W.clin);
    expect(matches.map((m) => m.code)).toEqual(['F43.10', 'F43.11', 'F43.12']);
    expect((await p.ok('diagnoses.searchCodes', { query: 'F43.2' }, W.clin)).matches[0]?.code).toBe('F43.20');
  });

  it('finds codes by words, each a prefix', async () => {
    const panic = await p.ok('diagnoses.searchCodes', { query: 'panic' }, W.clin);
    expect(panic.matches.map((m) => m.code)).toContain('F41.0');
    const gad = await p.ok('diagnoses.searchCodes', { query: 'generalized anx' }, W.clin);
    expect(gad.matches[0]).toEqual({ code: 'F41.1', description: 'Generalized anxiety disorder' });
  });

  it('answers nothing for nothing, and survives FTS syntax typed as words', async () => {
    expect((await p.ok('diagnoses.searchCodes', { query: '  ' }, W.clin)).matches).toEqual([]);
    for (const query of ['"', 'NEAR(', 'anx*', 'a OR b', '-', '^depress', 'zzzz']) {
      expect(Array.isArray((await p.ok('diagnoses.searchCodes', { query }, W.clin)).matches)).toBe(true);
    }
  });
});

describe('the code rule', () => {
  let clientId: string;
  beforeAll(async () => {
    clientId = await newClient('Ruletta');
  });

  it('takes a listed code with the list’s words, whatever was typed with it', async () => {
    const l = await add(clientId, 'f411', { description: 'Something else' });
    expect(l.diagnoses[0]).toMatchObject({
      code: 'F41.1',
      description: 'Generalized anxiety disorder',
      inCodeSet: true,
      part2: false,
      recordedBy: { id: clin.id, displayName: 'Dr. Ada Testcase' },
      current: { version: 1, status: 'active', rank: 1 },
    });
  });

  it.each([
    ['F32', /F32 is a category, not a billable code.*F32\.0–F32\.A/],
    ['F32.8', /F32\.8 is a category.*F32\.81–F32\.89/],
    ['F01.5', /F01\.5 is a category.*F01\.50/],
  ])('refuses the category header %s, naming the range', async (code, message) => {
    const e = await p.fail('diagnoses.add', { clientId, code, status: 'active', part2: false }, W.clin);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(message);
    expect(e.fields?.[0]?.path).toBe('code');
  });

  it('refuses an F code that is not in the list', async () => {
    const e = await p.fail(
      'diagnoses.add',
      { clientId, code: 'F41.7', status: 'active', part2: false },
      W.clin,
    );
    expect(e.message).toMatch(/F41\.7 is not an ICD-10-CM code in the FY2024 list/);
  });

  it('takes an out-of-list Z code only with its words, flagged as not in the shipped list', async () => {
    const without = await p.fail(
      'diagnoses.add',
      { clientId, code: 'Z63.0', status: 'active', part2: false },
      W.clin,
    );
    expect(without.code).toBe('INVALID_INPUT');
    expect(without.fields?.[0]).toMatchObject({ path: 'description' });
    expect(without.message).toMatch(/not in the shipped list/);
    const l = await add(clientId, 'z630', {
      description: 'Problems in relationship with spouse or partner',
    });
    expect(l.diagnoses.find((d) => d.code === 'Z63.0')).toMatchObject({
      description: 'Problems in relationship with spouse or partner',
      inCodeSet: false,
      current: { rank: 2 },
    });
  });

  it.each(['F4', '41.1', 'F41.12345', 'FF1', 'F4-1', 'F41..1', 'Ω41'])(
    'refuses the malformed code %s',
    async (code) => {
      const e = await p.fail('diagnoses.add', { clientId, code, status: 'active', part2: false }, W.clin);
      expect(e.code).toBe('INVALID_INPUT');
    },
  );

  it('refuses the same code twice on the list', async () => {
    const e = await p.fail(
      'diagnoses.add',
      { clientId, code: 'F41.1', status: 'active', part2: false },
      W.clin,
    );
    expect(e).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses an onset date in the future or before the client was born', async () => {
    for (const onsetDate of ['2026-03-03', '1950-01-01']) {
      const e = await p.fail(
        'diagnoses.add',
        { clientId, code: 'F43.10', status: 'active', part2: false, onsetDate },
        W.clin,
      );
      expect(e.fields?.[0]?.path).toBe('onsetDate');
    }
  });
});

describe('the ranked list', () => {
  it('holds 12; the 13th is refused; resolving one closes up the ranks and makes room', async () => {
    const clientId = await newClient('Rankine');
    const twelve = [
      'F41.1',
      'F32.1',
      'F43.10',
      'F40.10',
      'F42.2',
      'F90.0',
      'F50.2',
      'F51.01',
      'F60.3',
      'F33.1',
      'F34.1',
      'F41.0',
    ];
    let l = await add(clientId, twelve[0] ?? '');
    for (const code of twelve.slice(1)) l = await add(clientId, code);
    expect(codes(l)).toEqual(twelve.map((c, i) => `${String(i + 1)}:${c}`));
    const e = await p.fail(
      'diagnoses.add',
      { clientId, code: 'F63.81', status: 'active', part2: false },
      W.clin,
    );
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/12 diagnoses/);

    const second = nth(l.diagnoses, 1);
    l = await p.ok(
      'diagnoses.change',
      { diagnosisId: second.id, status: 'resolved', onsetDate: null, reason: 'Remitted' },
      W.clin,
    );
    expect(l.diagnoses.filter((d) => d.current.rank !== null).map((d) => d.current.rank)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    expect(l.diagnoses.at(-1)).toMatchObject({
      code: 'F32.1',
      current: { status: 'resolved', rank: null, reason: 'Remitted', version: 2 },
    });
    expect(l.diagnoses[1]).toMatchObject({ code: 'F43.10', current: { rank: 2, version: 2 } });
    l = await add(clientId, 'F63.81');
    expect(l.diagnoses[11]).toMatchObject({ code: 'F63.81', current: { rank: 12 } });
    // Back to active needs room on the list.
    const back = await p.fail(
      'diagnoses.change',
      { diagnosisId: second.id, status: 'active', onsetDate: null },
      W.clin,
    );
    expect(back.code).toBe('CONFLICT');
  });

  it('inserts at a position, reorders by the whole order, and refuses a stale order', async () => {
    const clientId = await newClient('Ordella');
    await add(clientId, 'F41.1');
    await add(clientId, 'F32.1');
    let l = await add(clientId, 'F43.10', { rank: 1 });
    expect(codes(l)).toEqual(['1:F43.10', '2:F41.1', '3:F32.1']);
    const ids = l.diagnoses.map((d) => d.id);
    l = await p.ok('diagnoses.reorder', { clientId, order: [nth(ids, 2), nth(ids, 0), nth(ids, 1)] }, W.clin);
    expect(codes(l)).toEqual(['1:F32.1', '2:F43.10', '3:F41.1']);
    const stale = await p.fail('diagnoses.reorder', { clientId, order: [nth(ids, 0), nth(ids, 1)] }, W.clin);
    expect(stale.code).toBe('CONFLICT');
    const twice = await p.fail(
      'diagnoses.reorder',
      { clientId, order: [nth(ids, 0), nth(ids, 0), nth(ids, 1)] },
      W.clin,
    );
    expect(twice.code).toBe('CONFLICT');
    const history = await p.ok('diagnoses.history', { diagnosisId: nth(ids, 2) }, W.clin);
    expect(history.versions.map((v) => v.rank)).toEqual([2, 3, 1]);
  });

  it('warns, without refusing, when a Z code is primary', async () => {
    const clientId = await newClient('Zedna');
    let l = await add(clientId, 'F41.1');
    expect(l.warnings).toEqual([]);
    l = await add(clientId, 'Z63.0', {
      description: 'Problems in relationship with spouse or partner',
      rank: 1,
    });
    expect(codes(l)).toEqual(['1:Z63.0', '2:F41.1']);
    expect(l.warnings).toEqual([
      expect.stringMatching(/Z63\.0 is a Z code listed as primary: payers commonly do not accept/),
    ]);
    expect((await p.ok('diagnoses.list', { clientId }, W.clin)).warnings).toHaveLength(1);
    l = await p.ok(
      'diagnoses.reorder',
      { clientId, order: [nth(l.diagnoses, 1).id, nth(l.diagnoses, 0).id] },
      W.clin,
    );
    expect(l.warnings).toEqual([]);
  });

  it('keeps entered-in-error final', async () => {
    const clientId = await newClient('Errata');
    const d = nth((await add(clientId, 'F41.1')).diagnoses, 0);
    await p.ok(
      'diagnoses.change',
      { diagnosisId: d.id, status: 'entered_in_error', onsetDate: null },
      W.clin,
    );
    const e = await p.fail(
      'diagnoses.change',
      { diagnosisId: d.id, status: 'active', onsetDate: null },
      W.clin,
    );
    expect(e.code).toBe('CONFLICT');
  });
});

describe('history as of a moment', () => {
  it('shows a past moment’s versions; a diagnosis added later is absent', async () => {
    const clientId = await newClient('Histra');
    const first = nth((await add(clientId, 'F41.1', { onsetDate: '2025-11-01' })).diagnoses, 0);
    await later();
    const march = new Date(clock.now()).toISOString();
    await later();
    await p.ok(
      'diagnoses.change',
      { diagnosisId: first.id, status: 'in_remission', onsetDate: '2025-10-15', reason: 'Fewer symptoms' },
      W.clin,
    );
    await add(clientId, 'F32.1', { rank: 1 });

    const then = await p.ok('diagnoses.list', { clientId, asOf: march }, W.clin);
    expect(then.asOf).toBe(march);
    expect(then.diagnoses).toHaveLength(1);
    expect(then.diagnoses[0]).toMatchObject({
      code: 'F41.1',
      current: { status: 'active', rank: 1, onsetDate: '2025-11-01', version: 1 },
    });
    const now = await p.ok('diagnoses.list', { clientId }, W.clin);
    expect(codes(now)).toEqual(['1:F32.1', '2:F41.1']);
    expect(now.diagnoses[1]?.current).toMatchObject({
      status: 'in_remission',
      onsetDate: '2025-10-15',
      version: 3,
    });
    // The door the notes and releases use answers the same.
    const db = p.core.ctx.vault.db.db;
    expect((await diagnosesAsOf(db, clientId, march)).map((d) => d.code)).toEqual(['F41.1']);
    const before = await diagnosesAsOf(db, clientId, '2026-01-01T00:00:00.000Z');
    expect(before).toEqual([]);

    const h = await p.ok('diagnoses.history', { diagnosisId: first.id }, W.clin);
    expect(h.versions.map((v) => [v.version, v.status, v.rank, v.reason])).toEqual([
      [1, 'active', 1, null],
      [2, 'in_remission', 1, 'Fewer symptoms'],
      [3, 'in_remission', 2, null],
    ]);
    expect(h.versions[1]?.by).toEqual({ id: clin.id, displayName: 'Dr. Ada Testcase' });
  });

  it('refuses to change or delete a stored version at the database', async () => {
    const clientId = await newClient('Triggs');
    await add(clientId, 'F41.1');
    const sqlite = p.core.ctx.vault.db.sqlite;
    expect(() =>
      sqlite.prepare("UPDATE diagnosis_versions SET status = 'resolved' WHERE client_id = ?").run(clientId),
    ).toThrow(/cannot be changed/);
    expect(() => sqlite.prepare('DELETE FROM diagnosis_versions WHERE client_id = ?').run(clientId)).toThrow(
      /cannot be changed/,
    );
    expect(() =>
      sqlite.prepare("UPDATE diagnoses SET code = 'F41.0' WHERE client_id = ?").run(clientId),
    ).toThrow(/cannot be changed/);
    expect(() => sqlite.prepare('DELETE FROM diagnoses WHERE client_id = ?').run(clientId)).toThrow(
      /cannot be changed/,
    );
  });
});

describe('who may read and change them', () => {
  let clientId: string;
  let diagnosisId: string;
  beforeAll(async () => {
    clientId = await newClient('Guardia');
    diagnosisId = nth((await add(clientId, 'F41.1')).diagnoses, 0).id;
  });

  it('refuses front desk every channel, by role', async () => {
    for (const [channel, input] of [
      ['diagnoses.searchCodes', { query: 'F41' }],
      ['diagnoses.list', { clientId }],
      ['diagnoses.add', { clientId, code: 'F32.1', status: 'active', part2: false }],
      ['diagnoses.change', { diagnosisId, status: 'resolved', onsetDate: null }],
      ['diagnoses.reorder', { clientId, order: [diagnosisId] }],
      ['diagnoses.history', { diagnosisId }],
    ] as const) {
      expect((await p.fail(channel, input, W.desk)).code).toBe('FORBIDDEN');
    }
  });

  it('refuses a clinician who is not on the care team, on every path to the data', async () => {
    for (const [channel, input] of [
      ['diagnoses.list', { clientId }],
      ['diagnoses.add', { clientId, code: 'F32.1', status: 'active', part2: false }],
      ['diagnoses.change', { diagnosisId, status: 'resolved', onsetDate: null }],
      ['diagnoses.reorder', { clientId, order: [diagnosisId] }],
      ['diagnoses.history', { diagnosisId }],
    ] as const) {
      const e = await p.fail(channel, input, W.other);
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toMatch(/not on your caseload/);
    }
    expect(await p.ok('diagnoses.list', { clientId }, W.clin)).toMatchObject({
      diagnoses: [{ current: { version: 1 } }],
    });
  });

  it('lets the owner read and add', async () => {
    const l = await add(clientId, 'F32.1', {}, 'w1');
    expect(codes(l)).toEqual(['1:F41.1', '2:F32.1']);
  });

  it('hides a Part 2 diagnosis from the owner off the care team, and refuses them recording one', async () => {
    const c = await newClient('Partwo');
    await add(c, 'F10.20', { part2: true });
    await add(c, 'F41.1');
    const owner = await p.ok('diagnoses.list', { clientId: c }, 'w1');
    expect(owner.diagnoses.map((d) => d.code)).toEqual(['F41.1']);
    expect(owner.hiddenPart2).toBe(1);
    const clinician = await p.ok('diagnoses.list', { clientId: c }, W.clin);
    expect(clinician.diagnoses.map((d) => [d.code, d.part2])).toEqual([
      ['F10.20', true],
      ['F41.1', false],
    ]);
    const hiddenId = nth(clinician.diagnoses, 0).id;
    expect((await p.fail('diagnoses.history', { diagnosisId: hiddenId }, 'w1')).code).toBe('NOT_FOUND');
    expect(
      (await p.fail('diagnoses.change', { diagnosisId: hiddenId, status: 'resolved', onsetDate: null }, 'w1'))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (await p.fail('diagnoses.reorder', { clientId: c, order: clinician.diagnoses.map((d) => d.id) }, 'w1'))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      (await p.fail('diagnoses.add', { clientId: c, code: 'F11.20', status: 'active', part2: true }, 'w1'))
        .code,
    ).toBe('FORBIDDEN');
  });

  it('audits every read and change, with the client as target and no code or words', async () => {
    const entries = await p.core.ctx.vault.db.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'detail'])
      .where('action', 'like', 'diagnosis.%')
      .where('target_id', '=', clientId)
      .execute();
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['diagnosis.add', 'diagnosis.view']));
    for (const e of entries) expect(JSON.stringify(e.detail)).not.toMatch(/F41|anxiety/i);
  });
});

describe('a session that ended', () => {
  // The inactivity lock is tried on every channel in tests/integration/router/refused-calls.test.ts.
  it('refuses every channel after a sign-out, and without a session, and changes nothing', async () => {
    const clientId = await newClient('Lockwood');
    const d = nth((await add(clientId, 'F41.1')).diagnoses, 0);
    const w = 'w-ended';
    await p.signIn(clin.username, `${clin.username}-quill-harbor-58`, w);
    await p.ok('auth.signOut', {}, w);
    for (const [channel, input] of [
      ['diagnoses.searchCodes', { query: 'F41' }],
      ['diagnoses.list', { clientId }],
      ['diagnoses.add', { clientId, code: 'F32.1', status: 'active', part2: false }],
      ['diagnoses.change', { diagnosisId: d.id, status: 'resolved', onsetDate: null }],
      ['diagnoses.reorder', { clientId, order: [d.id] }],
      ['diagnoses.history', { diagnosisId: d.id }],
    ] as const) {
      expect((await p.fail(channel, input, w)).code).toBe('NOT_SIGNED_IN');
      expect((await p.fail(channel, input, 'w-never-signed-in')).code).toBe('NOT_SIGNED_IN');
    }
    expect((await p.ok('diagnoses.list', { clientId }, W.clin)).diagnoses).toHaveLength(1);
    expect((await p.ok('diagnoses.history', { diagnosisId: d.id }, W.clin)).versions).toHaveLength(1);
  });
});

describe('bad input', () => {
  let clientId: string;
  beforeAll(async () => {
    clientId = await newClient('Malforma');
  });

  it.each([
    ['a number for the code', { code: 411 }],
    ['a missing code', { code: undefined }],
    ['a huge code', { code: 'F'.repeat(10_000) }],
    ['a huge description', { code: 'Z63.0', description: 'x'.repeat(100_000) }],
    ['a control character in the words', { code: 'Z63.0', description: 'Spouse\u0007' }],
    ['a wrong status', { status: 'cured' }],
    ['rank 13', { rank: 13 }],
    ['rank 0', { rank: 0 }],
    ['a string for part2', { part2: 'yes' }],
    ['a bad date', { onsetDate: '03/01/2026' }],
    ['an extra field', { extra: 1 }],
    ['a bad client id', { clientId: 'not-a-uuid' }],
  ])('refuses %s', async (_label, patch) => {
    const e = await p.fail('diagnoses.add', {
      clientId,
      code: 'F41.1',
      status: 'active',
      part2: false,
      ...patch,
    });
    expect(e.code).toBe('INVALID_INPUT');
  });

  it('refuses a huge search and a reorder of 13', async () => {
    expect((await p.fail('diagnoses.searchCodes', { query: 'a'.repeat(101) })).code).toBe('INVALID_INPUT');
    const ids = Array.from({ length: 13 }, () => crypto.randomUUID());
    expect((await p.fail('diagnoses.reorder', { clientId, order: ids })).code).toBe('INVALID_INPUT');
    expect((await p.fail('diagnoses.reorder', { clientId, order: [] })).code).toBe('INVALID_INPUT');
  });

  it('answers NOT_FOUND for an unknown diagnosis or client', async () => {
    const id = crypto.randomUUID();
    expect((await p.fail('diagnoses.history', { diagnosisId: id })).code).toBe('NOT_FOUND');
    expect(
      (await p.fail('diagnoses.change', { diagnosisId: id, status: 'resolved', onsetDate: null })).code,
    ).toBe('NOT_FOUND');
    expect((await p.fail('diagnoses.list', { clientId: id })).code).toBe('NOT_FOUND');
  });
});
