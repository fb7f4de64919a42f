// The practice's second-factor policy (forced enrolment), the owner's reset, every path into a
// session (password, recovery key, one-time code, a restore's sign-in), and the database edited
// by someone who holds its key.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { auditActions, codeAt, enrol, STEP_MS } from './helpers.ts';

let practice: TestPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

async function setUp() {
  const clock = new FakeClock();
  const p = await makePractice({ clock });
  practice = p;
  return { p, clock };
}

describe('the policy', () => {
  it('is the owner’s to set, audited, and read by everyone', async () => {
    const { p } = await setUp();
    await signedInStaff(p, 'clinician', 'Test Clinician Vale', 'w2');
    await signedInStaff(p, 'front_desk', 'Test Desk Ames', 'w3');
    expect(await p.ok('secondFactor.getPolicy', {}, 'w2')).toEqual({ policy: 'off' });
    expect((await p.fail('secondFactor.setPolicy', { policy: 'off' }, 'w2')).code).toBe('FORBIDDEN');
    expect((await p.fail('secondFactor.setPolicy', { policy: 'everyone' }, 'w3')).code).toBe('FORBIDDEN');
    expect((await p.fail('secondFactor.setPolicy', { policy: 'sometimes' })).code).toBe('INVALID_INPUT');
    await p.ok('secondFactor.setPolicy', { policy: 'everyone' });
    expect(await p.ok('secondFactor.getPolicy', {}, 'w3')).toEqual({ policy: 'everyone' });
    const entry = (await p.ok('audit.list', { filter: { action: 'secondFactor.policy' }, limit: 5 }))
      .entries[0];
    expect(entry?.detail).toContain('"to":"everyone"');
  });

  it('makes a clinician without a factor enrol right after the password, before anything else', async () => {
    const { p, clock } = await setUp();
    const clin = await signedInStaff(p, 'clinician', 'Test Clinician Vale', 'w2');
    const desk = await signedInStaff(p, 'front_desk', 'Test Desk Ames', 'w3');
    await p.ok('secondFactor.setPolicy', { policy: 'owner-and-clinicians' });
    await p.ok('auth.signOut', {}, 'w2');
    const info = await p.signIn(clin.username, clin.password, 'w2');
    expect(info.secondFactor).toBe('enrol');
    expect((await p.fail('practice.get', {}, 'w2')).code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect((await p.fail('staff.directory', {}, 'w2')).code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect(
      (await p.fail('secondFactor.disable', { currentPassword: clin.password, code: '123456' }, 'w2')).code,
    ).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect((await p.ok('secondFactor.mine', {}, 'w2')).required).toBe(true);
    // No password again: it was typed a moment ago.
    const { secret } = await enrol(p, clock, 'w2');
    expect((await p.ok('app.status', {}, 'w2')).session?.secondFactor).toBeNull();
    await p.ok('practice.get', {}, 'w2');
    // Required: it can be replaced, not turned off.
    const off = await p.fail(
      'secondFactor.disable',
      { currentPassword: clin.password, code: codeAt(secret, clock) },
      'w2',
    );
    expect(off.code).toBe('CONFLICT');
    // Front desk is not required by this policy.
    await p.ok('auth.signOut', {}, 'w3');
    expect((await p.signIn(desk.username, desk.password, 'w3')).secondFactor).toBeNull();
    // The owner is: forced at their next sign-in.
    await p.ok('auth.signOut', {});
    expect((await p.signIn(OWNER.username, OWNER.password)).secondFactor).toBe('enrol');
  });

  it('asks a new person under the policy for a new password first, then the factor', async () => {
    const { p, clock } = await setUp();
    await p.ok('secondFactor.setPolicy', { policy: 'everyone' });
    const desk = await p.addStaff('front_desk', 'Test Desk Hollis');
    const info = await p.signIn(desk.username, desk.password, 'w2');
    expect(info).toMatchObject({ mustChangePassword: true, secondFactor: 'enrol' });
    expect((await p.fail('secondFactor.startEnrolment', {}, 'w2')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const next = 'desk-hollis-granite-49';
    await p.ok('auth.changePassword', { currentPassword: desk.password, newPassword: next }, 'w2');
    expect((await p.fail('practice.get', {}, 'w2')).code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    await enrol(p, clock, 'w2');
    await p.ok('practice.get', {}, 'w2');
  });

  it('fails closed when the stored policy was edited: everyone must enrol', async () => {
    const { p } = await setUp();
    const clin = await signedInStaff(p, 'front_desk', 'Test Desk Ames', 'w2');
    p.core.ctx.vault.db.sqlite
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('secondFactor', '\"nobody\"', 'x')")
      .run();
    expect((await p.fail('secondFactor.getPolicy', {})).code).toBe('DATABASE_DAMAGED');
    await p.ok('auth.signOut', {}, 'w2');
    expect((await p.signIn(clin.username, clin.password, 'w2')).secondFactor).toBe('enrol');
    // The owner sets it again.
    await p.ok('secondFactor.setPolicy', { policy: 'off' });
    expect(await p.ok('secondFactor.getPolicy', {})).toEqual({ policy: 'off' });
  });
});

describe('the owner’s reset', () => {
  it('removes someone’s factor, audited; only the owner may, and not their own', async () => {
    const { p, clock } = await setUp();
    const clin = await signedInStaff(p, 'clinician', 'Test Clinician Vale', 'w2');
    await signedInStaff(p, 'front_desk', 'Test Desk Ames', 'w3');
    await enrol(p, clock, 'w2', clin.password);
    await enrol(p, clock, 'w1', OWNER.password);
    expect((await p.ok('secondFactor.staff', {})).map((s) => s.userId).sort()).toHaveLength(2);
    expect((await p.fail('secondFactor.staff', {}, 'w2')).code).toBe('FORBIDDEN');
    expect((await p.fail('secondFactor.reset', { userId: clin.id }, 'w2')).code).toBe('FORBIDDEN');
    expect((await p.fail('secondFactor.reset', { userId: clin.id }, 'w3')).code).toBe('FORBIDDEN');
    const me = (await p.ok('app.status', {})).session?.user.id ?? '';
    expect((await p.fail('secondFactor.reset', { userId: me })).code).toBe('CONFLICT');
    expect(
      (await p.fail('secondFactor.reset', { userId: '00000000-0000-4000-8000-000000000000' })).code,
    ).toBe('NOT_FOUND');
    expect(await p.ok('secondFactor.reset', { userId: clin.id })).toEqual({
      userId: clin.id,
      enrolled: false,
      enrolledAt: null,
    });
    expect((await p.fail('secondFactor.reset', { userId: clin.id })).code).toBe('CONFLICT');
    const entry = (await p.ok('audit.list', { filter: { action: 'secondFactor.reset' }, limit: 5 })).entries;
    expect(entry.map((e) => e.targetId)).toEqual([clin.id]);
    // The refused attempts are in the log as refusals.
    expect(await auditActions(p)).toContain('access.denied');
    await p.ok('auth.signOut', {}, 'w2');
    expect((await p.signIn(clin.username, clin.password, 'w2')).secondFactor).toBeNull();
  });

  it('sends someone in the code step back to sign in when their factor is reset meanwhile', async () => {
    const { p, clock } = await setUp();
    const clin = await signedInStaff(p, 'clinician', 'Test Clinician Vale', 'w2');
    const { secret } = await enrol(p, clock, 'w2', clin.password);
    await p.ok('auth.signOut', {}, 'w2');
    await p.signIn(clin.username, clin.password, 'w2');
    await p.ok('secondFactor.reset', { userId: clin.id });
    expect((await p.fail('secondFactor.verify', { code: codeAt(secret, clock) }, 'w2')).code).toBe(
      'NOT_SIGNED_IN',
    );
    expect((await p.fail('practice.get', {}, 'w2')).code).toBe('NOT_SIGNED_IN');
  });
});

describe('every path into a session asks for the factor', () => {
  it('the recovery key', async () => {
    const { p, clock } = await setUp();
    const { secret } = await enrol(p, clock, 'w1', OWNER.password);
    await p.ok('auth.signOut', {});
    const NEW = 'saffron-lighthouse-tundra-5';
    const info = await p.ok('auth.recover', {
      recoveryKey: p.recoveryKey,
      username: OWNER.username,
      newPassword: NEW,
    });
    expect(info.secondFactor).toBe('needed');
    expect((await p.fail('practice.get', {})).code).toBe('SECOND_FACTOR_REQUIRED');
    // Until the code is right the password is the old one: the recovery key alone changes nothing.
    expect((await p.fail('auth.signIn', { username: OWNER.username, password: NEW }, 'w9')).code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await p.signIn(OWNER.username, OWNER.password, 'w9')).secondFactor).toBe('needed');
    await p.ok('auth.signOut', {}, 'w9');
    await p.ok('secondFactor.verify', { code: codeAt(secret, clock) });
    const used = (await p.ok('audit.list', { filter: { action: 'auth.recoveryUsed' }, limit: 1 })).entries[0];
    expect(used?.detail).toContain('authenticator');
    // Now it is the new one.
    expect((await p.signIn(OWNER.username, NEW, 'w9')).secondFactor).toBe('needed');
    await p.ok('auth.signOut', {}, 'w9');
    expect(
      (await p.fail('auth.signIn', { username: OWNER.username, password: OWNER.password }, 'w9')).code,
    ).toBe('INVALID_CREDENTIALS');
  });

  it('the recovery key with a code never entered leaves the password as it was', async () => {
    const { p, clock } = await setUp();
    await enrol(p, clock, 'w1', OWNER.password);
    await p.ok('auth.signOut', {});
    const NEW = 'saffron-lighthouse-tundra-5';
    await p.ok('auth.recover', { recoveryKey: p.recoveryKey, username: OWNER.username, newPassword: NEW });
    await clock.advance(6 * 60_000);
    expect((await p.fail('practice.get', {})).code).toBe('NOT_SIGNED_IN');
    expect((await p.fail('auth.signIn', { username: OWNER.username, password: NEW })).code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await p.signIn(OWNER.username, OWNER.password)).secondFactor).toBe('needed');
  });

  it('a one-time sign-in code', async () => {
    const { p, clock } = await setUp();
    const clin = await signedInStaff(p, 'clinician', 'Test Clinician Vale', 'w2');
    const { secret } = await enrol(p, clock, 'w2', clin.password);
    await p.ok('auth.signOut', {}, 'w2');
    const { code } = await p.ok('backup.issueSignInCode', { userId: clin.id });
    const info = await p.ok(
      'backup.redeemSignInCode',
      { username: clin.username, code, newPassword: 'vale-new-harbor-lantern-3' },
      'w2',
    );
    expect(info.secondFactor).toBe('needed');
    expect((await p.fail('practice.get', {}, 'w2')).code).toBe('SECOND_FACTOR_REQUIRED');
    // The code alone changed nothing yet: the old password still signs in, the new one not.
    expect(
      (await p.fail('auth.signIn', { username: clin.username, password: 'vale-new-harbor-lantern-3' }, 'w9'))
        .code,
    ).toBe('INVALID_CREDENTIALS');
    await p.ok('secondFactor.verify', { code: codeAt(secret, clock) }, 'w2');
    await p.ok('practice.get', {}, 'w2');
    expect((await p.signIn(clin.username, 'vale-new-harbor-lantern-3', 'w9')).secondFactor).toBe('needed');
  });

  it('a one-time sign-in code under the policy, for someone without a factor: enrolment first', async () => {
    const { p } = await setUp();
    const clin = await p.addStaff('clinician', 'Test Clinician Marsh');
    await p.ok('secondFactor.setPolicy', { policy: 'owner-and-clinicians' });
    const { code } = await p.ok('backup.issueSignInCode', { userId: clin.id });
    const info = await p.ok(
      'backup.redeemSignInCode',
      { username: clin.username, code, newPassword: 'marsh-new-harbor-lantern-3' },
      'w2',
    );
    expect(info.secondFactor).toBe('enrol');
    expect((await p.fail('practice.get', {}, 'w2')).code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
  });

  it('the sign-in after a restore (the vault already open)', async () => {
    const { p, clock } = await setUp();
    const { secret } = await enrol(p, clock, 'w1', OWNER.password);
    const me = (await p.ok('app.status', {})).session?.user.id ?? '';
    const info = await p.core.services.auth.startSessionAfterUnlock('w9', me);
    expect(info.secondFactor).toBe('needed');
    expect((await p.fail('practice.get', {}, 'w9')).code).toBe('SECOND_FACTOR_REQUIRED');
    await p.ok('secondFactor.verify', { code: codeAt(secret, clock) }, 'w9');
  });

  it('a wrong code on any path counts toward the same back-off', async () => {
    const { p, clock } = await setUp();
    const clin = await signedInStaff(p, 'clinician', 'Test Clinician Vale', 'w2');
    await enrol(p, clock, 'w2', clin.password);
    await p.ok('auth.signOut', {}, 'w2');
    const { code } = await p.ok('backup.issueSignInCode', { userId: clin.id });
    await p.ok(
      'backup.redeemSignInCode',
      { username: clin.username, code, newPassword: 'vale-new-harbor-lantern-3' },
      'w2',
    );
    for (let i = 0; i < 5; i++) await p.fail('secondFactor.verify', { code: '000000' }, 'w2');
    expect((await p.fail('secondFactor.verify', { code: '000000' }, 'w2')).code).toBe('RATE_LIMITED');
  });
});

describe('the database edited by someone with the key', () => {
  it('recovery-code hashes cleared: no recovery code works; the authenticator still does', async () => {
    const { p, clock } = await setUp();
    const { secret, recoveryCodes } = await enrol(p, clock, 'w1', OWNER.password);
    p.core.ctx.vault.db.sqlite.prepare('DELETE FROM second_factor_recovery_codes').run();
    await p.ok('auth.signOut', {});
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.fail('secondFactor.verify', { code: recoveryCodes[0] ?? '' })).code).toBe(
      'INVALID_CREDENTIALS',
    );
    await p.ok('secondFactor.verify', { code: codeAt(secret, clock) });
    expect((await p.ok('secondFactor.mine', {})).recoveryCodesLeft).toBe(0);
  });

  it('a used recovery code cannot be marked unused again (the trigger)', async () => {
    const { p, clock } = await setUp();
    const { recoveryCodes } = await enrol(p, clock, 'w1', OWNER.password);
    await p.ok('auth.signOut', {});
    await p.signIn(OWNER.username, OWNER.password);
    await p.ok('secondFactor.verify', { code: recoveryCodes[0] ?? '' });
    expect(() =>
      p.core.ctx.vault.db.sqlite.prepare('UPDATE second_factor_recovery_codes SET used_at = NULL').run(),
    ).toThrow(/a recovery code works once/);
  });

  it('the secret replaced: codes from the person’s app stop working; garbage refuses sign-in', async () => {
    const { p, clock } = await setUp();
    const { secret, recoveryCodes } = await enrol(p, clock, 'w1', OWNER.password);
    const sqlite = p.core.ctx.vault.db.sqlite;
    sqlite.prepare("UPDATE second_factors SET secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'").run();
    await p.ok('auth.signOut', {});
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.fail('secondFactor.verify', { code: codeAt(secret, clock) })).code).toBe(
      'INVALID_CREDENTIALS',
    );
    // The database was closed and opened again at sign-in: a new connection.
    p.core.ctx.vault.db.sqlite.prepare("UPDATE second_factors SET secret = 'not a secret at all'").run();
    const damaged = await p.fail('secondFactor.verify', { code: codeAt(secret, clock) });
    expect(damaged.code).toBe('DATABASE_DAMAGED');
    expect(damaged.message).not.toContain('not a secret');
    expect((await p.fail('practice.get', {})).code).toBe('SECOND_FACTOR_REQUIRED');
    // A recovery code does not need the secret: the way in that is left, until the owner resets.
    await p.ok('secondFactor.verify', { code: recoveryCodes[0] ?? '' });
  });

  it('the factor row deleted while the policy requires one: enrolment, not a free pass', async () => {
    const { p, clock } = await setUp();
    await enrol(p, clock, 'w1', OWNER.password);
    await p.ok('secondFactor.setPolicy', { policy: 'everyone' });
    const sqlite = p.core.ctx.vault.db.sqlite;
    sqlite.prepare('DELETE FROM second_factor_recovery_codes').run();
    sqlite.prepare('DELETE FROM second_factors').run();
    await p.ok('auth.signOut', {});
    expect((await p.signIn(OWNER.username, OWNER.password)).secondFactor).toBe('enrol');
    expect((await p.fail('practice.get', {})).code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
  });

  it('the last used step set back: a replay within the window is accepted again (documented limit)', async () => {
    const { p, clock } = await setUp();
    const { secret } = await enrol(p, clock, 'w1', OWNER.password);
    await p.ok('auth.signOut', {});
    await p.signIn(OWNER.username, OWNER.password);
    const code = codeAt(secret, clock);
    await p.ok('secondFactor.verify', { code });
    await p.ok('auth.signOut', {});
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.fail('secondFactor.verify', { code })).code).toBe('INVALID_CREDENTIALS');
    // Someone holding the database key can do this (and can read every record anyway).
    p.core.ctx.vault.db.sqlite.prepare('UPDATE second_factors SET last_used_step = 0').run();
    await p.ok('secondFactor.verify', { code });
    await clock.advance(STEP_MS);
  });
});
