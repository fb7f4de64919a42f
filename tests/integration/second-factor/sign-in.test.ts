// A second factor at sign-in (issue 21): enrolment, the code step after the password, the window
// of accepted steps, replays, recovery codes, the back-off shared with passwords, the time-box.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { auditActions, codeAt, enrol, STEP_MS } from './helpers.ts';

let practice: TestPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

async function ownerWithFactor() {
  const clock = new FakeClock();
  const p = await makePractice({ clock });
  practice = p;
  const factor = await enrol(p, clock, 'w1', OWNER.password);
  await p.ok('auth.signOut', {});
  return { p, clock, ...factor };
}

describe('enrolling', () => {
  it('shows a secret and a QR code, confirms with a code, and gives ten recovery codes once', async () => {
    const clock = new FakeClock();
    const p = await makePractice({ clock });
    practice = p;
    expect(await p.ok('secondFactor.mine', {})).toEqual({
      enrolled: false,
      enrolledAt: null,
      recoveryCodesLeft: 0,
      required: false,
    });
    const start = await p.ok('secondFactor.startEnrolment', { currentPassword: OWNER.password });
    expect(start.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.secretGrouped.replace(/ /g, '')).toBe(start.secret);
    expect(start.secretGrouped).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(start.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(start.otpauthUri).toContain(`secret=${start.secret}`);
    expect(start.qr.modules).toHaveLength(start.qr.size * start.qr.size);
    // Nothing is stored until a code confirms the secret.
    expect((await p.ok('secondFactor.mine', {})).enrolled).toBe(false);

    const wrong = await p.fail('secondFactor.confirmEnrolment', { code: '000000' });
    expect(wrong.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.fields?.[0]?.path).toBe('code');

    const { recoveryCodes } = await p.ok('secondFactor.confirmEnrolment', {
      code: codeAt(start.secret, clock),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(await p.ok('secondFactor.mine', {})).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });

    // The secret and the codes are in no audit entry; the enrolment is.
    const page = await p.ok('audit.list', { filter: {}, limit: 100 });
    expect(page.entries.map((e) => e.action)).toContain('secondFactor.enrol');
    const text = JSON.stringify(page.entries);
    expect(text).not.toContain(start.secret);
    for (const c of recoveryCodes) expect(text).not.toContain(c);
    // Stored as hashes only.
    const sqlite = p.core.ctx.vault.db.sqlite;
    const hashes = sqlite.prepare('SELECT code_hash FROM second_factor_recovery_codes').all() as {
      code_hash: string;
    }[];
    expect(hashes).toHaveLength(10);
    for (const c of recoveryCodes) expect(JSON.stringify(hashes)).not.toContain(c.replace('-', ''));
  });

  it('needs the password to start (outside the forced enrolment) and refuses a wrong one', async () => {
    const p = await makePractice();
    practice = p;
    expect((await p.fail('secondFactor.startEnrolment', {})).code).toBe('INVALID_INPUT');
    expect(
      (await p.fail('secondFactor.startEnrolment', { currentPassword: 'not-my-password-at-all' })).code,
    ).toBe('INVALID_CREDENTIALS');
  });

  it('lets the shown secret expire after ten minutes, and only in the window that asked', async () => {
    const clock = new FakeClock();
    const p = await makePractice({ clock });
    practice = p;
    // The inactivity lock at its longest, so that ten minutes pass without it.
    await p.ok('settings.updateSession', { timeoutMinutes: 60, warningSeconds: 60 });
    const start = await p.ok('secondFactor.startEnrolment', { currentPassword: OWNER.password });
    await p.ok('auth.signIn', { username: OWNER.username, password: OWNER.password }, 'w2');
    expect(
      (await p.fail('secondFactor.confirmEnrolment', { code: codeAt(start.secret, clock) }, 'w2')).code,
    ).toBe('CONFLICT');
    const again = await p.ok('secondFactor.startEnrolment', { currentPassword: OWNER.password });
    await clock.advance(10 * 60_000 + 1);
    expect((await p.fail('secondFactor.confirmEnrolment', { code: codeAt(again.secret, clock) })).code).toBe(
      'CONFLICT',
    );
    expect((await p.ok('secondFactor.mine', {})).enrolled).toBe(false);
  });

  it('replaces a factor only with the password and a current code; the old secret stops working', async () => {
    const clock = new FakeClock();
    const p = await makePractice({ clock });
    practice = p;
    const first = await enrol(p, clock, 'w1', OWNER.password);
    expect((await p.fail('secondFactor.startEnrolment', { currentPassword: OWNER.password })).code).toBe(
      'INVALID_INPUT',
    );
    expect(
      (await p.fail('secondFactor.startEnrolment', { currentPassword: OWNER.password, code: '123456' })).code,
    ).toBe('INVALID_CREDENTIALS');
    const second = await p.ok('secondFactor.startEnrolment', {
      currentPassword: OWNER.password,
      code: codeAt(first.secret, clock),
    });
    await p.ok('secondFactor.confirmEnrolment', { code: codeAt(second.secret, clock) });
    await clock.advance(STEP_MS);
    await p.ok('auth.signOut', {});
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.fail('secondFactor.verify', { code: codeAt(first.secret, clock) })).code).toBe(
      'INVALID_CREDENTIALS',
    );
    await p.ok('secondFactor.verify', { code: codeAt(second.secret, clock) });
    const enrolments = (await p.ok('audit.list', { filter: { action: 'secondFactor.enrol' }, limit: 10 }))
      .entries;
    expect(enrolments).toHaveLength(2);
  });
});

describe('signing in with a second factor', () => {
  it('asks for the code after the password and refuses everything else until then', async () => {
    const { p, clock, secret } = await ownerWithFactor();
    const info = await p.signIn(OWNER.username, OWNER.password);
    expect(info.secondFactor).toBe('needed');
    expect(info.auditAlarm).toBe(false);
    for (const channel of [
      'practice.get',
      'staff.list',
      'secondFactor.mine',
      'settings.updateSession',
    ] as const)
      expect((await p.fail(channel, {})).code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await p.fail('audit.list', { filter: {}, limit: 5 })).code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await p.ok('app.status', {})).session?.secondFactor).toBe('needed');
    const done = await p.ok('secondFactor.verify', { code: codeAt(secret, clock) });
    expect(done.secondFactor).toBeNull();
    const actions = await auditActions(p);
    expect(actions.slice(actions.lastIndexOf('auth.secondFactorAsked'))).toEqual([
      'auth.secondFactorAsked',
      'auth.signIn',
    ]);
    await p.ok('practice.get', {});
    // A second verify is not a way in twice.
    expect((await p.fail('secondFactor.verify', { code: codeAt(secret, clock, 1) })).code).toBe('CONFLICT');
    const signIn = (await p.ok('audit.list', { filter: { action: 'auth.signIn' }, limit: 1 })).entries[0];
    expect(signIn?.detail).toContain('authenticator');
  });

  it('accepts the code of the step before and the step after, not two steps away', async () => {
    const { p, clock, secret } = await ownerWithFactor();
    // Two steps past the one the enrolment used, so the step before now is free.
    await clock.advance(STEP_MS);
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.fail('secondFactor.verify', { code: codeAt(secret, clock, -2) })).code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await p.fail('secondFactor.verify', { code: codeAt(secret, clock, 2) })).code).toBe(
      'INVALID_CREDENTIALS',
    );
    await p.ok('secondFactor.verify', { code: codeAt(secret, clock, -1) });
    await p.ok('auth.signOut', {});
    await clock.advance(STEP_MS);
    await p.signIn(OWNER.username, OWNER.password);
    await p.ok('secondFactor.verify', { code: codeAt(secret, clock, 1) });
  });

  it('refuses the same code twice, and any code of a step at or before the last one used', async () => {
    const { p, clock, secret } = await ownerWithFactor();
    await p.signIn(OWNER.username, OWNER.password);
    const code = codeAt(secret, clock, 1);
    await p.ok('secondFactor.verify', { code });
    await p.ok('auth.signOut', {});
    await p.signIn(OWNER.username, OWNER.password);
    const replay = await p.fail('secondFactor.verify', { code });
    expect(replay.code).toBe('INVALID_CREDENTIALS');
    expect(replay.message).toMatch(/used already/);
    // The current step's code is earlier than the step used: refused too.
    expect((await p.fail('secondFactor.verify', { code: codeAt(secret, clock) })).message).toMatch(
      /used already/,
    );
    // And after a restart (the last step is in the database).
    await p.core.shutdown();
    const restarted = p.restart();
    await restarted.signIn(OWNER.username, OWNER.password);
    expect((await restarted.fail('secondFactor.verify', { code })).message).toMatch(/used already/);
    await clock.advance(2 * STEP_MS);
    await restarted.ok('secondFactor.verify', { code: codeAt(secret, clock) });
    await restarted.core.shutdown();
  });

  it('takes a recovery code once, however it is typed', async () => {
    const { p, recoveryCodes } = await ownerWithFactor();
    const [first = ''] = recoveryCodes;
    await p.signIn(OWNER.username, OWNER.password);
    await p.ok('secondFactor.verify', { code: ` ${first.toLowerCase()} ` });
    expect((await p.ok('secondFactor.mine', {})).recoveryCodesLeft).toBe(9);
    const signIn = (await p.ok('audit.list', { filter: { action: 'auth.signIn' }, limit: 1 })).entries[0];
    expect(signIn?.detail).toContain('recovery-code');
    await p.ok('auth.signOut', {});
    await p.signIn(OWNER.username, OWNER.password);
    const again = await p.fail('secondFactor.verify', { code: first });
    expect(again.code).toBe('INVALID_CREDENTIALS');
    expect(again.message).toMatch(/recovery code/);
    await p.ok('secondFactor.verify', { code: recoveryCodes[1] ?? '' });
  });

  it('counts wrong codes with wrong passwords, on one counter that survives a restart', async () => {
    const { p, clock, secret } = await ownerWithFactor();
    await p.signIn(OWNER.username, OWNER.password);
    for (let i = 0; i < 2; i++) await p.fail('secondFactor.verify', { code: '000000' });
    await p.ok('auth.signOut', {});
    for (let i = 0; i < 2; i++)
      expect(
        (await p.fail('auth.signIn', { username: OWNER.username, password: 'wrong-pass-word' })).code,
      ).toBe('INVALID_CREDENTIALS');
    // Four failures: the right password still gets through, and does not reset the count.
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.fail('secondFactor.verify', { code: '000000' })).code).toBe('INVALID_CREDENTIALS');
    const limited = await p.fail('secondFactor.verify', { code: codeAt(secret, clock) });
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterSeconds).toBe(30);
    await p.ok('auth.signOut', {});
    expect((await p.fail('auth.signIn', { username: OWNER.username, password: OWNER.password })).code).toBe(
      'RATE_LIMITED',
    );
    await p.core.shutdown();
    const restarted = p.restart();
    expect(
      (await restarted.fail('auth.signIn', { username: OWNER.username, password: OWNER.password })).code,
    ).toBe('RATE_LIMITED');
    await clock.advance(30_000);
    await restarted.signIn(OWNER.username, OWNER.password);
    await restarted.ok('secondFactor.verify', { code: codeAt(secret, clock) });
    // Every wrong code is in the audit log as a failed sign-in, the way a wrong password is.
    const failed = (await restarted.ok('audit.list', { filter: { action: 'auth.signInFailed' }, limit: 20 }))
      .entries;
    expect(failed).toHaveLength(5);
    expect(failed.filter((e) => e.detail.includes('"secondFactor":true'))).toHaveLength(3);
    // A full sign-in clears the counter: five more tries before any wait.
    await restarted.ok('auth.signOut', {});
    for (let i = 0; i < 4; i++)
      await restarted.fail('auth.signIn', { username: OWNER.username, password: 'wrong-pass-word' });
    await restarted.signIn(OWNER.username, OWNER.password);
    await restarted.core.shutdown();
  });

  it('closes the step after five minutes by main’s clock, and the vault with it when nobody else is in', async () => {
    const { p, clock, secret } = await ownerWithFactor();
    await p.signIn(OWNER.username, OWNER.password);
    expect(p.core.ctx.vault.isOpen).toBe(true);
    await clock.advance(5 * 60_000 - 1);
    expect(p.core.ctx.vault.isOpen).toBe(true);
    await clock.advance(1);
    await vi.waitFor(() => {
      expect(p.core.ctx.vault.isOpen).toBe(false);
    });
    expect((await p.fail('secondFactor.verify', { code: codeAt(secret, clock) })).code).toBe('NOT_SIGNED_IN');
    await vi.waitFor(() => {
      expect(p.locked.at(-1)).toEqual({ windowId: 'w1', reason: 'signed-out' });
    });
    await p.signIn(OWNER.username, OWNER.password);
    await p.ok('secondFactor.verify', { code: codeAt(secret, clock) });
    expect(await auditActions(p)).toContain('auth.secondFactorAbandoned');
  });

  it('keeps the vault open for a colleague when an abandoned step ends', async () => {
    const clock = new FakeClock();
    const p = await makePractice({ clock });
    practice = p;
    await p.ok('settings.updateSession', { timeoutMinutes: 60, warningSeconds: 60 });
    const clin = await signedInStaff(p, 'clinician', 'Test Clinician Rowe', 'w2');
    await enrol(p, clock, 'w1', OWNER.password);
    await p.ok('auth.signOut', {});
    await p.signIn(OWNER.username, OWNER.password);
    await clock.advance(5 * 60_000);
    expect((await p.fail('practice.get', {})).code).toBe('NOT_SIGNED_IN');
    expect(p.core.ctx.vault.isOpen).toBe(true);
    await p.ok('practice.get', {}, 'w2');
    expect(clin.username).toBeTruthy();
  });

  it('refuses malformed codes before anything is counted', async () => {
    const { p, clock, secret } = await ownerWithFactor();
    await p.signIn(OWNER.username, OWNER.password);
    const bad: unknown[] = [
      { code: '12345' },
      { code: '1234567' },
      { code: 'abcdef' },
      { code: 123456 },
      { code: 'x'.repeat(100_000) },
      { code: '12345\u0000' },
      {},
      { code: '123456', extra: true },
      null,
    ];
    for (const input of bad) expect((await p.fail('secondFactor.verify', input)).code).toBe('INVALID_INPUT');
    // Nothing counted: the right code still works at once.
    await p.ok('secondFactor.verify', { code: codeAt(secret, clock) });
  });
});

describe('turning your own factor off', () => {
  it('needs the password and a current code, and is audited', async () => {
    const clock = new FakeClock();
    const p = await makePractice({ clock });
    practice = p;
    const { secret } = await enrol(p, clock, 'w1', OWNER.password);
    expect(
      (
        await p.fail('secondFactor.disable', {
          currentPassword: 'wrong-one-entirely',
          code: codeAt(secret, clock),
        })
      ).code,
    ).toBe('INVALID_CREDENTIALS');
    expect(
      (await p.fail('secondFactor.disable', { currentPassword: OWNER.password, code: '000000' })).code,
    ).toBe('INVALID_CREDENTIALS');
    expect((await p.ok('secondFactor.mine', {})).enrolled).toBe(true);
    const off = await p.ok('secondFactor.disable', {
      currentPassword: OWNER.password,
      code: codeAt(secret, clock),
    });
    expect(off.enrolled).toBe(false);
    expect(await auditActions(p)).toContain('secondFactor.disable');
    await p.ok('auth.signOut', {});
    expect((await p.signIn(OWNER.username, OWNER.password)).secondFactor).toBeNull();
  });
});
