// Staff sign-in against real key slots: passwords, unknown users, back-off, device secret, recovery.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';

let practice: TestPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

const signIn = (p: TestPractice, username: string, password: string, windowId = 'w1') =>
  p.call('auth.signIn', { username, password }, windowId);

async function auditActions(p: TestPractice): Promise<string[]> {
  const page = await p.ok('audit.list', { filter: {}, limit: 500 });
  return page.entries.map((e) => e.action).reverse();
}

describe('signing in', () => {
  it('sets up the practice with the owner signed in and a recovery key to keep', async () => {
    practice = await makePractice();
    expect(practice.recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
    const status = await practice.ok('app.status', {});
    expect(status).toMatchObject({
      setUp: true,
      practiceName: 'Lantern Hill Counseling (Synthetic)',
      session: { user: { username: OWNER.username, role: 'owner' }, recoveryKeyUnconfirmed: true },
    });
  });

  it('refuses a second setup', async () => {
    practice = await makePractice();
    const error = await practice.fail('setup.createPractice', {
      practice: { name: 'X', addressLine1: 'Y', city: 'Z', region: 'OR', postalCode: '97401' },
      owner: { displayName: 'Someone', username: 'someone', password: 'another-long-passphrase-9' },
    });
    expect(error.code).toBe('ALREADY_SET_UP');
  });

  it('refuses a weak owner password at setup and creates nothing', async () => {
    practice = await makePractice({ setup: false });
    const error = await practice.fail('setup.createPractice', {
      practice: {
        name: 'Lantern Hill',
        addressLine1: '1 Way',
        city: 'Town',
        region: 'OR',
        postalCode: '97401',
      },
      owner: { displayName: 'Imogen', username: 'imogen', password: 'password123' },
    });
    expect(error.code).toBe('WEAK_PASSWORD');
    expect((await practice.ok('app.status', {})).setUp).toBe(false);
  });

  it('signs in with the right password and records it', async () => {
    practice = await makePractice();
    await practice.ok('auth.signOut', {});
    const info = await practice.signIn(OWNER.username.toUpperCase(), OWNER.password);
    expect(info.user.username).toBe(OWNER.username);
    expect(await auditActions(practice)).toEqual([
      'practice.setup',
      'auth.signIn',
      'auth.signOut',
      'auth.signIn',
    ]);
  });

  it('gives the same answer for a wrong password and an unknown username', async () => {
    practice = await makePractice();
    await practice.ok('auth.signOut', {});
    const wrong = await signIn(practice, OWNER.username, 'not-the-password-at-all');
    const unknown = await signIn(practice, 'nobody-here', 'not-the-password-at-all');
    expect(wrong).toEqual(unknown);
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS', message: 'The username or password is not correct.' },
    });
    expect(practice.core.ctx.vault.isOpen).toBe(false);
  });

  it('spends the same Argon2id work on an unknown username as on a wrong password', async () => {
    practice = await makePractice();
    await practice.ok('auth.signOut', {});
    const time = async (username: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await signIn(practice as TestPractice, username, `wrong-${String(i)}`);
        samples.push(performance.now() - t);
      }
      return samples.sort((a, b) => a - b)[1] ?? 0;
    };
    const known = await time(OWNER.username);
    const unknown = await time('nobody-here');
    // Both are dominated by one Argon2id derivation (tens of ms); a skipped KDF would be ~100x faster.
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  });

  it('backs off after repeated failures, for known and unknown names alike, across a restart', async () => {
    const clock = new FakeClock();
    practice = await makePractice({ clock });
    await practice.ok('auth.signOut', {});
    for (let i = 0; i < 5; i++) {
      expect(
        (await practice.fail('auth.signIn', { username: OWNER.username, password: 'nope-nope-nope' })).code,
      ).toBe('INVALID_CREDENTIALS');
    }
    const limited = await practice.fail('auth.signIn', {
      username: OWNER.username,
      password: OWNER.password,
    });
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterSeconds).toBe(30);
    for (let i = 0; i < 5; i++) await signIn(practice, 'ghost', 'nope-nope-nope');
    expect((await practice.fail('auth.signIn', { username: 'ghost', password: 'x' })).code).toBe(
      'RATE_LIMITED',
    );

    await practice.core.shutdown();
    const restarted = practice.restart();
    expect(
      (await restarted.fail('auth.signIn', { username: OWNER.username, password: OWNER.password })).code,
    ).toBe('RATE_LIMITED');
    await clock.advance(30_000);
    const info = await restarted.signIn(OWNER.username, OWNER.password);
    expect(info.user.role).toBe('owner');
    // The failures made while the database was closed are now in the audit log.
    const actions = await auditActions(restarted);
    expect(actions.filter((a) => a === 'auth.signInFailed')).toHaveLength(10);
    await restarted.core.shutdown();
  });

  it('dates a failed sign-in copied at the next unlock by when it was attempted', async () => {
    const clock = new FakeClock();
    practice = await makePractice({ clock });
    await practice.ok('auth.signOut', {});
    const attemptedAt = new Date(clock.now()).toISOString();
    await signIn(practice, OWNER.username, 'wrong-password-here');
    await clock.advance(3_600_000);
    await practice.signIn(OWNER.username, OWNER.password);
    const page = await practice.ok('audit.list', { filter: { action: 'auth.signInFailed' }, limit: 10 });
    expect(page.entries.map((e) => e.at)).toEqual([attemptedAt]);
  });

  it('writes a failed sign-in to the audit log at once when the database is open', async () => {
    practice = await makePractice();
    const clin = await practice.addStaff('clinician');
    await signIn(practice, clin.username, 'wrong-password-here', 'w2');
    const page = await practice.ok('audit.list', { filter: { action: 'auth.signInFailed' }, limit: 10 });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]?.targetId).toBe(clin.id);
    // What was typed is never recorded: it may be a password typed into the wrong box.
    expect(page.entries[0]?.detail).not.toContain('wrong-password-here');
  });

  it('cannot unlock with a password when the keychain holds another device secret', async () => {
    practice = await makePractice();
    await practice.ok('auth.signOut', {});
    await practice.keychain.set(
      `device-secret:${practice.core.ctx.vault.practiceId}`,
      Buffer.alloc(32, 7).toString('base64'),
    );
    const error = await practice.fail('auth.signIn', { username: OWNER.username, password: OWNER.password });
    expect(error.code).toBe('DEVICE_KEY_MISSING');
    expect(error.message).toMatch(/recovery key/);
  });

  it('cannot unlock with a password when the keychain entry is gone (a copied data folder)', async () => {
    practice = await makePractice();
    await practice.ok('auth.signOut', {});
    await practice.keychain.delete(`device-secret:${practice.core.ctx.vault.practiceId}`);
    const error = await practice.fail('auth.signIn', { username: OWNER.username, password: OWNER.password });
    expect(error.code).toBe('DEVICE_KEY_MISSING');
    expect(practice.core.ctx.vault.isOpen).toBe(false);
  });
});

describe('the recovery key', () => {
  it('sets a new password when the old one is forgotten', async () => {
    practice = await makePractice();
    await practice.ok('auth.signOut', {});
    const info = await practice.ok('auth.recover', {
      recoveryKey: practice.recoveryKey.toLowerCase(),
      username: OWNER.username,
      newPassword: 'saffron-lighthouse-tundra-5',
    });
    expect(info.user.role).toBe('owner');
    await practice.ok('auth.signOut', {});
    expect(
      (await practice.fail('auth.signIn', { username: OWNER.username, password: OWNER.password })).code,
    ).toBe('INVALID_CREDENTIALS');
    await practice.signIn(OWNER.username, 'saffron-lighthouse-tundra-5');
    expect(await auditActions(practice)).toContain('auth.recoveryUsed');
  });

  it('tells a typing mistake from a key that belongs elsewhere', async () => {
    practice = await makePractice();
    await practice.ok('auth.signOut', {});
    const typo = (practice.recoveryKey.startsWith('A') ? 'B' : 'A') + practice.recoveryKey.slice(1);
    const e1 = await practice.fail('auth.recover', {
      recoveryKey: typo,
      username: OWNER.username,
      newPassword: 'saffron-lighthouse-tundra-5',
    });
    expect(e1.code).toBe('INVALID_INPUT');
    expect(e1.message).toMatch(/typing mistake/);
    const other = await makePractice();
    try {
      const e2 = await practice.fail('auth.recover', {
        recoveryKey: other.recoveryKey,
        username: OWNER.username,
        newPassword: 'saffron-lighthouse-tundra-5',
      });
      expect(e2).toEqual({
        code: 'INVALID_CREDENTIALS',
        message: 'That recovery key does not open this practice.',
      });
    } finally {
      await other.close();
    }
    expect(practice.core.ctx.vault.isOpen).toBe(false);
  });

  it('still works on a computer whose keychain lost the device secret, and makes a new one', async () => {
    practice = await makePractice();
    const clin = await practice.addStaff('clinician');
    await practice.ok('auth.signOut', {});
    await practice.keychain.delete(`device-secret:${practice.core.ctx.vault.practiceId}`);
    await practice.ok('auth.recover', {
      recoveryKey: practice.recoveryKey,
      username: OWNER.username,
      newPassword: 'saffron-lighthouse-tundra-5',
    });
    // The clinician's slot was bound to the lost device secret: the owner must issue a new password.
    const staff = await practice.ok('staff.list', {});
    expect(staff.find((s) => s.id === clin.id)?.canSignIn).toBe(false);
    await practice.ok('auth.signOut', {});
    await practice.signIn(OWNER.username, 'saffron-lighthouse-tundra-5');
  });

  it('is confirmed once the owner proves they kept it, and a new one replaces the old', async () => {
    practice = await makePractice();
    const wrong = await practice.fail('setup.confirmRecoveryKey', { recoveryKey: 'AAAA-BBBB' });
    expect(wrong.code).toBe('INVALID_INPUT');
    const confirmed = await practice.ok('setup.confirmRecoveryKey', { recoveryKey: practice.recoveryKey });
    expect(confirmed.recoveryKeyUnconfirmed).toBe(false);
    const { recoveryKey } = await practice.ok('vault.rotateRecoveryKey', {});
    expect(recoveryKey).not.toBe(practice.recoveryKey);
    expect((await practice.ok('app.status', {})).session?.recoveryKeyUnconfirmed).toBe(true);
    await practice.ok('auth.signOut', {});
    const old = await practice.fail('auth.recover', {
      recoveryKey: practice.recoveryKey,
      username: OWNER.username,
      newPassword: 'saffron-lighthouse-tundra-5',
    });
    expect(old.code).toBe('INVALID_CREDENTIALS');
    await practice.ok('auth.recover', {
      recoveryKey,
      username: OWNER.username,
      newPassword: 'saffron-lighthouse-tundra-5',
    });
  });
});

describe('passwords', () => {
  it('changes one’s own password: the old one stops working', async () => {
    practice = await makePractice();
    const bad = await practice.fail('auth.changePassword', {
      currentPassword: 'wrong-one',
      newPassword: 'harbor-quartz-meadow-88',
    });
    expect(bad.code).toBe('INVALID_CREDENTIALS');
    expect(bad.fields?.[0]?.path).toBe('currentPassword');
    const weak = await practice.fail('auth.changePassword', {
      currentPassword: OWNER.password,
      newPassword: 'password1',
    });
    expect(weak.code).toBe('WEAK_PASSWORD');
    await practice.ok('auth.changePassword', {
      currentPassword: OWNER.password,
      newPassword: 'harbor-quartz-meadow-88',
    });
    await practice.ok('auth.signOut', {});
    expect(
      (await practice.fail('auth.signIn', { username: OWNER.username, password: OWNER.password })).code,
    ).toBe('INVALID_CREDENTIALS');
    await practice.signIn(OWNER.username, 'harbor-quartz-meadow-88');
  });

  it('makes new staff replace their temporary password before anything else', async () => {
    practice = await makePractice();
    const desk = await practice.addStaff('front_desk');
    const info = await practice.signIn(desk.username, desk.password, 'w2');
    expect(info.mustChangePassword).toBe(true);
    expect((await practice.fail('practice.get', {}, 'w2')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await practice.ok(
      'auth.changePassword',
      { currentPassword: desk.password, newPassword: 'cobalt-fennel-glacier-31' },
      'w2',
    );
    expect(changed.mustChangePassword).toBe(false);
    expect((await practice.ok('practice.get', {}, 'w2')).name).toContain('Lantern Hill');
  });

  it('keeps the previous keyring beside the current one, and falls back to it if the current is unreadable', async () => {
    practice = await makePractice();
    await practice.ok('auth.changePassword', {
      currentPassword: OWNER.password,
      newPassword: 'harbor-quartz-meadow-88',
    });
    await practice.ok('auth.signOut', {});
    const current = join(practice.dir, 'keyring.json');
    const previous = readFileSync(join(practice.dir, 'keyring.previous.json'), 'utf8');
    expect(JSON.parse(previous)).toHaveProperty('slots');
    // A torn write of the current file (power cut mid-write on a disk that ignores fsync).
    writeFileSync(current, readFileSync(current, 'utf8').slice(0, 100));
    const restarted = practice.restart();
    const r = await restarted.call('auth.signIn', {
      username: OWNER.username,
      password: 'harbor-quartz-meadow-88',
    });
    const r2 = r.ok
      ? r
      : await restarted.call('auth.signIn', { username: OWNER.username, password: OWNER.password });
    expect(r2.ok).toBe(true);
    await restarted.core.shutdown();
  });
});
