// State-law deadlines and notice (issue 19): the federal deadlines until the practice sets shorter
// ones, never longer ones, only the owner changes them, and an access request recorded after a
// change is due on the shorter date while one recorded before keeps the date it was given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';
import { readDb } from '../../../main/core/context.ts';
import { accessRequest } from '../../helpers/releases.ts';
import { legalDeadlines, stateNotice } from '../../../main/core/practice/index.ts';
import { FEDERAL_DEADLINES } from '../../../preload/contract/state-law.ts';

let p: TestPractice;
let clin: { id: string; username: string; password: string };
let clientId: string;
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { clin: 'w-clin', desk: 'w-desk' };

const SHORTER = {
  accessDays: 15,
  accessExtensionDays: 10,
  amendmentDays: 45,
  amendmentExtensionDays: 30,
  accountingDays: 60,
  accountingExtensionDays: 30,
};
const NOTICE =
  'Synthetic state notice: you may also complain to the Example State Board of Behavioral Health.';

beforeAll(async () => {
  p = await makePractice({ clock });
  clin = await p.addStaff('clinician', 'Dr. Ada Testcase');
  const desk = await p.addStaff('front_desk', 'Dee Deskworth');
  for (const [u, w] of [
    [clin, W.clin],
    [desk, W.desk],
  ] as const) {
    await p.signIn(u.username, u.password, w);
    await p.ok(
      'auth.changePassword',
      { currentPassword: u.password, newPassword: `${u.username}-fjord-amber-91` },
      w,
    );
  }
  clientId = (await p.ok('clients.create', adultClient(clin.id), W.desk)).id;
});
afterAll(async () => {
  await p.close();
});

const db = () => readDb(p.core.ctx);

describe('state-law deadlines', () => {
  it('are the federal ones while the practice set nothing, with no notice', async () => {
    expect(await p.ok('practice.stateLaw', {})).toEqual({
      deadlines: FEDERAL_DEADLINES,
      stateNotice: null,
      federal: true,
    });
    expect(await legalDeadlines(db())).toEqual({
      accessDays: 30,
      accessExtensionDays: 30,
      amendmentDays: 60,
      amendmentExtensionDays: 30,
      accountingDays: 60,
      accountingExtensionDays: 30,
    });
    expect(await stateNotice(db())).toBeNull();
  });

  it('refuses a deadline longer than the federal one, naming the field and the limit', async () => {
    const e = await p.fail('practice.updateStateLaw', {
      deadlines: { ...FEDERAL_DEADLINES, accessDays: 31 },
    });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toContainEqual({
      path: 'deadlines.accessDays',
      message: 'Access to records: state law may shorten the federal 30 days, never lengthen them.',
    });
    const amendment = await p.fail('practice.updateStateLaw', {
      deadlines: { ...FEDERAL_DEADLINES, amendmentExtensionDays: 45 },
    });
    expect(amendment.fields?.[0]?.path).toBe('deadlines.amendmentExtensionDays');
    expect((await p.ok('practice.stateLaw', {})).federal).toBe(true);
  });

  it.each([
    ['zero days', 0, 'Access to records: at least 1 day.'],
    ['negative days', -5, 'Access to records: at least 1 day.'],
    ['part of a day', 10.5, 'Access to records: enter whole days.'],
    ['text', '15', 'Access to records: enter a number of days.'],
    ['nothing', null, 'Access to records: enter a number of days.'],
  ])('refuses %s', async (_name, value, message) => {
    const e = await p.fail('practice.updateStateLaw', {
      deadlines: { ...FEDERAL_DEADLINES, accessDays: value },
    });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toContainEqual({ path: 'deadlines.accessDays', message });
  });

  it('refuses a missing deadline, an unknown one, and a notice past its limit', async () => {
    const { accessDays: _omit, ...missing } = FEDERAL_DEADLINES;
    expect((await p.fail('practice.updateStateLaw', { deadlines: missing })).code).toBe('INVALID_INPUT');
    expect(
      (await p.fail('practice.updateStateLaw', { deadlines: { ...FEDERAL_DEADLINES, restrictionDays: 5 } }))
        .code,
    ).toBe('INVALID_INPUT');
    const long = await p.fail('practice.updateStateLaw', {
      deadlines: FEDERAL_DEADLINES,
      stateNotice: 'x'.repeat(2001),
    });
    expect(long.fields?.[0]?.path).toBe('stateNotice');
    expect((await p.ok('practice.stateLaw', {})).federal).toBe(true);
  });

  it('only the owner changes them; every role reads them; signed out reads nothing', async () => {
    for (const w of [W.clin, W.desk]) {
      expect((await p.fail('practice.updateStateLaw', { deadlines: SHORTER }, w)).code).toBe('FORBIDDEN');
      expect((await p.ok('practice.stateLaw', {}, w)).federal).toBe(true);
    }
    expect((await p.fail('practice.stateLaw', {}, 'w-nobody')).code).toBe('NOT_SIGNED_IN');
  });

  it('an access request recorded after a shorter deadline is set is due sooner; one recorded before keeps its date', async () => {
    const before = await p.ok('releases.create', accessRequest(clientId, '2026-03-01'), W.desk);
    expect(before.summary.dueOn).toBe('2026-03-31');

    const saved = await p.ok('practice.updateStateLaw', { deadlines: SHORTER, stateNotice: NOTICE });
    expect(saved).toEqual({ deadlines: SHORTER, stateNotice: NOTICE, federal: false });
    expect(await legalDeadlines(db())).toEqual(SHORTER);
    expect(await stateNotice(db())).toBe(NOTICE);

    const after = await p.ok('releases.create', accessRequest(clientId, '2026-03-01'), W.desk);
    expect(after.summary.dueOn).toBe('2026-03-16');
    // The date the client was given does not move.
    expect((await p.ok('releases.get', { requestId: before.summary.id }, W.desk)).summary.dueOn).toBe(
      '2026-03-31',
    );

    // The extension is the state's shorter one, given before the shorter due date.
    const ext = await p.ok(
      'releases.extend',
      { requestId: after.summary.id, reason: 'Synthetic: records in storage', notifiedOn: '2026-03-02' },
      W.desk,
    );
    expect(ext.summary.dueOn).toBe('2026-03-26');

    // A late extension is refused with the request's own window in the message.
    const late = await p.ok('releases.create', accessRequest(clientId, '2026-02-10'), W.desk);
    expect(late.summary.dueOn).toBe('2026-02-25');
    const refused = await p.fail(
      'releases.extend',
      { requestId: late.summary.id, reason: 'Synthetic', notifiedOn: '2026-02-20' },
      W.desk,
    );
    expect(refused.message).toMatch(/within the first 15 days/);
  });

  it('survives a restart and is audited with what changed, never the notice text', async () => {
    p = p.restart();
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.ok('practice.stateLaw', {})).deadlines).toEqual(SHORTER);
    const page = await p.ok('audit.list', { filter: { action: 'practice.stateLawUpdate' } });
    expect(page.entries).toHaveLength(1);
    expect(JSON.stringify(page.entries)).not.toContain('Example State Board');
  });

  it('a locked session changes nothing', async () => {
    await clock.advance(6 * 60_000);
    const e = await p.fail('practice.updateStateLaw', { deadlines: FEDERAL_DEADLINES });
    expect(e.code).toBe('LOCKED');
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.ok('practice.stateLaw', {})).deadlines).toEqual(SHORTER);
  });
});
