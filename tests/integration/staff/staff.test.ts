// The owner manages staff: add, change role, deactivate, reset a password; the practice keeps an owner.
import { afterEach, describe, expect, it } from 'vitest';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';

let practice: TestPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

describe('staff accounts', () => {
  it('adds a clinician who must change the temporary password', async () => {
    practice = await makePractice();
    const member = await practice.ok('staff.create', {
      displayName: 'Rowan Examplar, LCSW',
      username: 'RExamplar',
      role: 'clinician',
      temporaryPassword: 'juniper-cascade-orbit-19',
      credentials: 'LCSW',
      licenseNumber: 'OR-00000',
    });
    expect(member).toMatchObject({
      username: 'rexamplar',
      role: 'clinician',
      active: true,
      mustChangePassword: true,
      canSignIn: true,
      credentials: 'LCSW',
      licenseNumber: 'OR-00000',
    });
    const list = await practice.ok('staff.list', {});
    expect(list.map((s) => s.username).sort()).toEqual([OWNER.username, 'rexamplar']);
  });

  it('refuses a username that is taken in any letter case, and a weak temporary password', async () => {
    practice = await makePractice();
    const dup = await practice.fail('staff.create', {
      displayName: 'Someone Else',
      username: OWNER.username.toUpperCase(),
      role: 'front_desk',
      temporaryPassword: 'juniper-cascade-orbit-19',
    });
    expect(dup.code).toBe('CONFLICT');
    expect(dup.fields?.[0]?.path).toBe('username');
    const weak = await practice.fail('staff.create', {
      displayName: 'Someone Else',
      username: 'someone',
      role: 'front_desk',
      temporaryPassword: 'welcome123',
    });
    expect(weak.code).toBe('WEAK_PASSWORD');
    expect((await practice.ok('staff.list', {})).length).toBe(1);
  });

  it('changes a role, and the change applies to a session already open', async () => {
    practice = await makePractice();
    const clin = await practice.addStaff('clinician');
    await practice.signIn(clin.username, clin.password, 'w2');
    await practice.ok(
      'auth.changePassword',
      { currentPassword: clin.password, newPassword: 'quartz-heron-mosaic-63' },
      'w2',
    );
    await practice.ok('staff.changeRole', { userId: clin.id, role: 'owner' });
    expect((await practice.ok('staff.list', {}, 'w2')).length).toBe(2);
    await practice.ok('staff.changeRole', { userId: clin.id, role: 'front_desk' });
    expect((await practice.fail('staff.list', {}, 'w2')).code).toBe('FORBIDDEN');
  });

  it('always keeps one active owner', async () => {
    practice = await makePractice();
    const me = (await practice.ok('staff.list', {}))[0];
    const demote = await practice.fail('staff.changeRole', { userId: me?.id, role: 'clinician' });
    expect(demote.code).toBe('CONFLICT');
    expect(demote.message).toMatch(/at least one owner/);
    expect((await practice.fail('staff.deactivate', { userId: me?.id })).code).toBe('CONFLICT');
  });

  it('deactivates a member: their key slot goes, their session ends, their history stays', async () => {
    practice = await makePractice();
    const desk = await practice.addStaff('front_desk');
    await practice.signIn(desk.username, desk.password, 'w2');
    const before = (await practice.ok('audit.list', { filter: { actorId: desk.id }, limit: 10 })).entries
      .length;
    const member = await practice.ok('staff.deactivate', { userId: desk.id });
    expect(member).toMatchObject({ active: false, canSignIn: false });
    expect(member.deactivatedAt).not.toBeNull();
    expect(practice.core.ctx.vault.slotUserIds().has(desk.id)).toBe(false);
    expect((await practice.fail('practice.get', {}, 'w2')).code).toBe('NOT_SIGNED_IN');
    // Their window was told (it drops what it shows), and the sign-out is in the audit log.
    expect(practice.locked).toContainEqual({ windowId: 'w2', reason: 'signed-out' });
    expect(
      (await practice.fail('auth.signIn', { username: desk.username, password: desk.password }, 'w2')).code,
    ).toBe('INVALID_CREDENTIALS');
    const after = (await practice.ok('audit.list', { filter: { actorId: desk.id }, limit: 10 })).entries;
    expect(after.length).toBe(before + 1);
    expect(after[0]?.action).toBe('auth.signOut');
    expect((await practice.ok('staff.list', {})).find((s) => s.id === desk.id)?.displayName).toMatch(
      /Test Desk/,
    );
  });

  it('resets a forgotten password to a new temporary one', async () => {
    practice = await makePractice();
    const clin = await practice.addStaff('clinician');
    const member = await practice.ok('staff.resetPassword', {
      userId: clin.id,
      temporaryPassword: 'obsidian-maple-drift-27',
    });
    expect(member.mustChangePassword).toBe(true);
    expect(
      (await practice.fail('auth.signIn', { username: clin.username, password: clin.password }, 'w2')).code,
    ).toBe('INVALID_CREDENTIALS');
    const info = await practice.signIn(clin.username, 'obsidian-maple-drift-27', 'w2');
    expect(info.mustChangePassword).toBe(true);
  });

  it('does not reset or deactivate the owner’s own account from the staff screen', async () => {
    practice = await makePractice();
    const me = (await practice.ok('staff.list', {}))[0];
    expect(
      (
        await practice.fail('staff.resetPassword', {
          userId: me?.id,
          temporaryPassword: 'obsidian-maple-drift-27',
        })
      ).code,
    ).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for someone who does not exist', async () => {
    practice = await makePractice();
    const e = await practice.fail('staff.deactivate', { userId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' });
    expect(e.code).toBe('NOT_FOUND');
  });

  it('lets another user sign in at the same window, replacing the session there', async () => {
    practice = await makePractice();
    const clin = await practice.addStaff('clinician');
    const info = await practice.signIn(clin.username, clin.password);
    expect(info.user.username).toBe(clin.username);
    expect(practice.core.ctx.vault.isOpen).toBe(true);
    expect(practice.locked).toEqual([{ windowId: 'w1', reason: 'signed-out' }]);
  });
});
