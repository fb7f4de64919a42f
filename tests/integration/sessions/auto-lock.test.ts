// The inactivity lock, driven with a fake clock: warning, lock, activity, the last draft save,
// a frozen renderer, settings bounds, and what a call gets after the lock. The OS idle time is a
// fake too (FakeIdle): a renderer's activity report counts only as far as the OS saw real input.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_INTERVAL_MS, FLUSH_WAIT_MS, lastInputAt } from '../../../main/core/sessions/auto-lock.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { FakeIdle } from '../../helpers/fake-idle.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';

let p: TestPractice | null = null;
afterEach(async () => {
  await p?.close();
  p = null;
});

const MIN = 60_000;
const eventsOf = (q: TestPractice, name: string) => q.events.filter((e) => e.event === name);

/** The lock's reasons once a lock that began has ended (ending a session writes and closes, off the fake clock). */
async function lockReasons(q: TestPractice): Promise<string[]> {
  for (let i = 0; i < 200 && q.locked.length === 0 && eventsOf(q, 'session.saveNow').length > 0; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  return q.locked.map((l) => l.reason);
}

async function practice(
  withIdle = true,
): Promise<{ q: TestPractice; clock: FakeClock; idle: FakeIdle; keys: Buffer[] }> {
  const clock = new FakeClock();
  const idle = new FakeIdle(clock);
  /** Every data key the vault came to hold (the core's test seam), to check it is zeroed at the lock. */
  const keys: Buffer[] = [];
  const q = await makePractice({
    clock,
    ...(withIdle ? { idle } : {}),
    testSeams: { onDataKeyHeld: (key) => keys.push(key) },
  });
  p = q;
  return { q, clock, idle, keys };
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
    expect(await lockReasons(q)).toEqual(['inactivity']);
    expect(q.locked).toEqual([{ windowId: 'w1', reason: 'inactivity' }]);
  });

  it('starts again on activity, and takes back a shown warning', async () => {
    const { q, clock, idle } = await practice();
    await clock.advance(4.5 * MIN);
    expect(eventsOf(q, 'session.warning')).toHaveLength(1);
    idle.input();
    await q.ok('session.activity', {});
    expect(eventsOf(q, 'session.active')).toHaveLength(1);
    await clock.advance(4.5 * MIN);
    expect(q.locked).toEqual([]);
    await clock.advance(0.5 * MIN + FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
  });

  it('is not kept open by background calls (autosave, lists): only reported input counts', async () => {
    const { q, clock } = await practice();
    for (let i = 0; i < 10; i++) {
      await clock.advance(0.5 * MIN);
      await q.call('practice.get', {});
      await q.call('drafts.save', { key: 'client-new', data: { legalFirstName: `A${String(i)}` } });
    }
    await clock.advance(FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
  });

  it('refuses every call after the lock with LOCKED, ends the session and zeroes the key', async () => {
    const { q, clock, keys } = await practice();
    const key = keys.at(-1);
    await clock.advance(5 * MIN + FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
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
    expect(await lockReasons(q)).toEqual(['inactivity']); // at once, not after the wait
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

describe('activity reports, bounded by the OS idle time', () => {
  it('a report extends the session only back to the last real input the OS saw', async () => {
    const { q, clock, idle } = await practice();
    await clock.advance(2 * MIN);
    idle.input(); // someone types at 2:00 ...
    await clock.advance(2.5 * MIN); // ... the warning shows at 4:00; the report arrives at 4:30
    expect(eventsOf(q, 'session.warning')).toHaveLength(1);
    await q.ok('session.activity', {});
    // The countdown runs from 2:00, not from the report: the warning is gone, the lock is at 7:00.
    expect(eventsOf(q, 'session.active')).toHaveLength(1);
    await clock.advance(2.5 * MIN - 1);
    expect(eventsOf(q, 'session.saveNow')).toEqual([]);
    await clock.advance(1 + FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
  });

  it('a script reporting activity in a loop cannot keep a session open without real input', async () => {
    const { q, clock, idle } = await practice();
    // No one touches the computer after signing in; the page reports "activity" every 100 ms.
    for (let t = 0; t < 5 * MIN; t += 100) {
      await q.call('session.activity', {});
      await clock.advance(100);
    }
    expect(eventsOf(q, 'session.warning')).toHaveLength(1);
    expect(eventsOf(q, 'session.active')).toEqual([]);
    await clock.advance(FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
    // 3,000 reports, weighed at most once a second.
    expect(idle.asked).toBeLessThanOrEqual((5 * MIN) / ACTIVITY_INTERVAL_MS + 1);
  });

  it('a report claims no input later than the OS saw: input at 1:00, a flood of reports after', async () => {
    const { q, clock, idle } = await practice();
    const signedInAt = clock.now();
    await clock.advance(1 * MIN);
    idle.input();
    while (eventsOf(q, 'session.saveNow').length === 0 && clock.now() < signedInAt + 10 * MIN) {
      await q.call('session.activity', {});
      await clock.advance(500);
    }
    // The lock began 5 minutes after the real input at 1:00, however many reports came after it.
    expect(clock.now() - signedInAt).toBe(6 * MIN);
    await clock.advance(FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
  });

  it('input the OS saw never extends a session on its own: only with a report from the window', async () => {
    const { q, clock, idle } = await practice();
    for (let t = 0; t < 5 * MIN; t += 10_000) {
      idle.input(); // typing in another application
      await clock.advance(10_000);
    }
    await clock.advance(FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
  });

  it('coalesces reports within a second into one, weighed when the second is over', async () => {
    const { q, clock, idle } = await practice();
    await clock.advance(4.5 * MIN);
    idle.input();
    await q.ok('session.activity', {}); // weighed at once
    expect(eventsOf(q, 'session.active')).toHaveLength(1);
    const asked = idle.asked;
    await clock.advance(300);
    idle.input(); // real input at 4:30.3, reported in a burst
    for (let i = 0; i < 50; i++) await q.ok('session.activity', {});
    expect(idle.asked).toBe(asked); // not weighed yet
    await clock.advance(ACTIVITY_INTERVAL_MS);
    expect(idle.asked).toBe(asked + 1); // the burst, weighed once
    // The countdown runs from the burst's real input at 4:30.3 (the OS counts idle time in whole
    // seconds, so within a second of it): still open at 9:30.3, locked a second later.
    await clock.advance(5 * MIN - 1000);
    expect(eventsOf(q, 'session.saveNow')).toEqual([]);
    await clock.advance(1000 + FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
  });

  it('a report inside the warning whose real input was also inside it counts down from that input', async () => {
    const { q, clock, idle } = await practice();
    await clock.advance(4.25 * MIN);
    idle.input(); // 4:15, the warning has shown since 4:00
    await clock.advance(0.25 * MIN);
    await q.ok('session.activity', {}); // reported at 4:30
    // The lock moves to 9:15, the warning to 8:15: at 4:30 that is far off, so the warning goes.
    expect(eventsOf(q, 'session.active')).toHaveLength(1);
    await clock.advance(3.75 * MIN);
    expect(eventsOf(q, 'session.warning')).toHaveLength(2);
    await clock.advance(1 * MIN + FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
  });

  it('a late report of input long before the warning moves the lock but keeps the warning, with the new countdown', async () => {
    const { q, clock, idle } = await practice();
    await clock.advance(0.5 * MIN);
    idle.input(); // 0:30, never reported at the time
    await clock.advance(4.25 * MIN); // the warning has shown since 4:00
    await q.ok('session.activity', {}); // 4:45: the lock moves to 5:30, still inside the warning
    expect(eventsOf(q, 'session.active')).toEqual([]);
    expect(eventsOf(q, 'session.warning').map((e) => e.payload)).toEqual([
      { secondsLeft: 60 },
      { secondsLeft: 45 },
    ]);
    await clock.advance(0.75 * MIN - 1);
    expect(eventsOf(q, 'session.saveNow')).toEqual([]);
    await clock.advance(1 + FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
  });

  it('without an idle source (the core’s safe default), reports extend nothing', async () => {
    const { q, clock } = await practice(false);
    await clock.advance(4.5 * MIN);
    await q.ok('session.activity', {});
    expect(eventsOf(q, 'session.active')).toEqual([]);
    await clock.advance(0.5 * MIN + FLUSH_WAIT_MS);
    expect(await lockReasons(q)).toEqual(['inactivity']);
  });

  it('reads an unusable idle time as no input at all', () => {
    expect(lastInputAt(100_000, 3)).toBe(97_000);
    expect(lastInputAt(100_000, 0)).toBe(100_000);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(lastInputAt(100_000, bad)).toBe(Number.NEGATIVE_INFINITY);
    }
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
    expect(await lockReasons(q)).toEqual(['inactivity']);
    await q.signIn(OWNER.username, OWNER.password);
    const { entries } = await q.ok('audit.list', { filter: { action: 'settings.update' }, limit: 5 });
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toEqual({
      before: { timeoutMinutes: 5, warningSeconds: 60 },
      after: { timeoutMinutes: 2, warningSeconds: 30 },
    });
    expect(await q.ok('settings.getSession', {})).toEqual({ timeoutMinutes: 2, warningSeconds: 30 });
  });

  // A refused update changes nothing (each case checks so), so the cases share one practice.
  describe('refuse out-of-bounds values, and keep the settings', () => {
    let shared: TestPractice;
    beforeAll(async () => {
      const clock = new FakeClock();
      shared = await makePractice({ clock, idle: new FakeIdle(clock) });
    });
    afterAll(async () => {
      await shared.close();
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
      const q = shared;
      expect(await q.ok('settings.getSession', {})).toEqual({ timeoutMinutes: 5, warningSeconds: 60 });
      const e = await q.fail('settings.updateSession', input);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.fields).toContainEqual({ path, message });
      expect(await q.ok('settings.getSession', {})).toEqual({ timeoutMinutes: 5, warningSeconds: 60 });
    });
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
