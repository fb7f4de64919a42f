// The inactivity lock, driven with a fake clock: warning, lock, activity, the last draft save,
// a frozen renderer, settings bounds, and what a call gets after the lock.
import { afterEach, describe, expect, it } from 'vitest';
import { FLUSH_WAIT_MS } from '../../../main/core/sessions/auto-lock.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';

let p: TestPractice | null = null;
afterEach(async () => {
  await p?.close();
  p = null;
});

const MIN = 60_000;
const eventsOf = (q: TestPractice, name: string) => q.events.filter((e) => e.event === name);

async function practice(): Promise<{ q: TestPractice; clock: FakeClock }> {
  const clock = new FakeClock();
  const q = await makePractice({ clock });
  p = q;
  return { q, clock };
}

describe('the inactivity lock', () => {
  it('warns at timeout minus warning, with the seconds left, then locks after the flush wait', async () => {
    const { q, clock } = await practice();
    await clock.advance(4 * MIN - 1000);
    expect(eventsOf(q, 'session.warning')).toHaveLength(0);
    await clock.advance(1000);
    expect(eventsOf(q, 'session.warning')).toEqual([
      { windowId: 'w1', event: 'session.warning', payload: { secondsLeft: 60 } },
    ]);
    await clock.advance(60_000 - 1);
    expect(q.locked).toEqual([]);
    await clock.advance(1);
    expect(eventsOf(q, 'session.saveNow')).toEqual([
      { windowId: 'w1', event: 'session.saveNow', payload: { reason: 'inactivity' } },
    ]);
    await clock.advance(FLUSH_WAIT_MS);
    expect(q.locked).toEqual([{ windowId: 'w1', reason: 'inactivity' }]);
  });

  it('starts again on activity, and takes back a shown warning', async () => {
    const { q, clock } = await practice();
    await clock.advance(4.5 * MIN);
    expect(eventsOf(q, 'session.warning')).toHaveLength(1);
    await q.ok('session.activity', {});
    expect(eventsOf(q, 'session.active')).toHaveLength(1);
    await clock.advance(4.5 * MIN);
    expect(q.locked).toEqual([]);
    await clock.advance(0.5 * MIN + FLUSH_WAIT_MS);
    expect(q.locked.map((l) => l.reason)).toEqual(['inactivity']);
  });

  it('is not kept open by background calls (autosave, lists): only reported input counts', async () => {
    const { q, clock } = await practice();
    for (let i = 0; i < 10; i++) {
      await clock.advance(0.5 * MIN);
      await q.call('practice.get', {});
      await q.call('drafts.save', { key: 'client-new', data: { legalFirstName: `A${String(i)}` } });
    }
    await clock.advance(FLUSH_WAIT_MS);
    expect(q.locked.map((l) => l.reason)).toEqual(['inactivity']);
  });

  it('refuses every call after the lock with LOCKED, ends the session and zeroes the key', async () => {
    const { q, clock } = await practice();
    const key = q.core.ctx.vault.keyBufferForTest();
    await clock.advance(5 * MIN + FLUSH_WAIT_MS);
    expect(await q.fail('practice.get', {})).toEqual({
      code: 'LOCKED',
      message: 'Stillwater is locked. Sign in to continue.',
    });
    expect(await q.fail('drafts.save', { key: 'client-new', data: {} })).toMatchObject({ code: 'LOCKED' });
    expect(q.core.ctx.vault.isOpen).toBe(false);
    expect(key?.every((b) => b === 0)).toBe(true);
    const { entries } = await (async () => {
      await q.signIn(OWNER.username, OWNER.password);
      return q.ok('audit.list', { filter: { action: 'auth.locked' }, limit: 5 });
    })();
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toEqual({ reason: 'inactivity' });
  });

  it('takes the last draft save in the flush moment, refuses anything else, and keeps the draft', async () => {
    const { q, clock } = await practice();
    await clock.advance(5 * MIN); // the lock has begun; the renderer was asked to save
    expect(eventsOf(q, 'session.saveNow')).toHaveLength(1);
    expect(await q.fail('practice.get', {})).toMatchObject({ code: 'LOCKED' });
    await q.ok('drafts.save', {
      key: 'client-new',
      data: { legalFirstName: 'typed a moment before the lock' },
    });
    await q.ok('session.draftFlushed', {});
    expect(q.locked.map((l) => l.reason)).toEqual(['inactivity']); // at once, not after the wait
    await q.signIn(OWNER.username, OWNER.password);
    expect((await q.ok('drafts.get', { key: 'client-new' }))?.data).toEqual({
      legalFirstName: 'typed a moment before the lock',
    });
  });

  it('does not wait for a frozen renderer beyond the flush deadline', async () => {
    const { q, clock } = await practice();
    const locking = q.ok('session.lock', {}); // answers once the session has ended
    await clock.advance(FLUSH_WAIT_MS - 1);
    expect(q.locked).toEqual([]);
    await clock.advance(1);
    await locking;
    expect(q.locked.map((l) => l.reason)).toEqual(['manual']);
  });

  it('locks at once on request from the shell (screen lock, suspend) for every window', async () => {
    const { q, clock } = await practice();
    const clin = await q.addStaff('clinician');
    await q.signIn(clin.username, clin.password, 'w2');
    const both = Promise.all([q.core.lock('w1', 'screen-locked'), q.core.lock('w2', 'screen-locked')]);
    await clock.advance(FLUSH_WAIT_MS);
    await both;
    expect(q.locked.map((l) => l.reason)).toEqual(['screen-locked', 'screen-locked']);
    expect(q.core.ctx.vault.isOpen).toBe(false);
  });

  it('lets the same user back in, with their drafts, and a different user cannot read them', async () => {
    const { q, clock } = await practice();
    const clin = await q.addStaff('clinician');
    await q.ok('drafts.save', { key: 'client-new', data: { legalFirstName: 'Owner draft' } });
    await clock.advance(5 * MIN + FLUSH_WAIT_MS);
    await q.signIn(clin.username, clin.password);
    await q.ok('auth.changePassword', {
      currentPassword: clin.password,
      newPassword: 'pumice-lagoon-sorrel-16',
    });
    expect(await q.ok('drafts.get', { key: 'client-new' })).toBeNull();
    await q.ok('auth.signOut', {});
    await q.signIn(OWNER.username, OWNER.password);
    expect((await q.ok('drafts.get', { key: 'client-new' }))?.data).toEqual({
      legalFirstName: 'Owner draft',
    });
  });
});

describe('the owner’s settings', () => {
  it('change the timeout for open sessions at once, and are audited', async () => {
    const { q, clock } = await practice();
    await q.ok('settings.updateSession', { timeoutMinutes: 2, warningSeconds: 30 });
    expect(await q.ok('settings.getSession', {})).toEqual({ timeoutMinutes: 2, warningSeconds: 30 });
    await clock.advance(1.5 * MIN);
    expect(eventsOf(q, 'session.warning').at(-1)?.payload).toEqual({ secondsLeft: 30 });
    await clock.advance(0.5 * MIN + FLUSH_WAIT_MS);
    expect(q.locked.map((l) => l.reason)).toEqual(['inactivity']);
    await q.signIn(OWNER.username, OWNER.password);
    const { entries } = await q.ok('audit.list', { filter: { action: 'settings.update' }, limit: 5 });
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toEqual({
      before: { timeoutMinutes: 5, warningSeconds: 60 },
      after: { timeoutMinutes: 2, warningSeconds: 30 },
    });
    expect(await q.ok('settings.getSession', {})).toEqual({ timeoutMinutes: 2, warningSeconds: 30 });
  });

  it.each([
    [{ timeoutMinutes: 0, warningSeconds: 30 }, 'timeoutMinutes', 'Lock after at least 1 minute.'],
    [{ timeoutMinutes: 61, warningSeconds: 30 }, 'timeoutMinutes', 'Lock after at most 60 minutes.'],
    [{ timeoutMinutes: -5, warningSeconds: 30 }, 'timeoutMinutes', 'Lock after at least 1 minute.'],
    [{ timeoutMinutes: '5', warningSeconds: 30 }, 'timeoutMinutes', 'Enter a number of minutes.'],
    [{ timeoutMinutes: 2.5, warningSeconds: 30 }, 'timeoutMinutes', 'Use whole minutes.'],
    [
      { timeoutMinutes: 1, warningSeconds: 60 },
      'warningSeconds',
      'The warning must come before the lock: make it shorter than the timeout.',
    ],
    [{ timeoutMinutes: 5, warningSeconds: 5 }, 'warningSeconds', 'Warn at least 10 seconds before.'],
    [{ timeoutMinutes: 5, warningSeconds: null }, 'warningSeconds', 'Enter a number of seconds.'],
  ])('refuse %j', async (input, path, message) => {
    const { q } = await practice();
    const e = await q.fail('settings.updateSession', input);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toContainEqual({ path, message });
    expect(await q.ok('settings.getSession', {})).toEqual({ timeoutMinutes: 5, warningSeconds: 60 });
  });

  it('are the owner’s alone', async () => {
    const { q } = await practice();
    const clin = await q.addStaff('clinician');
    await q.signIn(clin.username, clin.password, 'w2');
    await q.ok(
      'auth.changePassword',
      { currentPassword: clin.password, newPassword: 'pumice-lagoon-sorrel-16' },
      'w2',
    );
    expect(
      (await q.fail('settings.updateSession', { timeoutMinutes: 30, warningSeconds: 60 }, 'w2')).code,
    ).toBe('FORBIDDEN');
    expect(await q.ok('settings.getSession', {}, 'w2')).toEqual({ timeoutMinutes: 5, warningSeconds: 60 });
  });
});
