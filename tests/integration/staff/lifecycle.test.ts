// Issue 21, the staff lifecycle: invitations redeemed once (expired and withdrawn refused), roles at
// the next call, deactivation with hand-over (sessions, key slot, clients, custodianship), the
// professional will, deactivated people shown as such, and every new channel owner-only.
import { afterEach, describe, expect, it } from 'vitest';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';

let p: TestPractice | null = null;
afterEach(async () => {
  await p?.close();
  p = null;
});

const NEW_PASSWORD = 'cobalt-meadow-lantern-58';
const invitee = { displayName: 'Dr. Iris Invited', username: 'iinvited', role: 'clinician' as const };

async function psychotherapyNote(q: TestPractice, window: string, clientId: string, mark: string) {
  const { noteId } = await q.ok(
    'notes.saveDraft',
    dapNote(clientId, {
      kind: 'psychotherapy',
      sections: { data: `Synthetic: ${mark}.`, assessment: 'Synthetic.', plan: 'Synthetic.' },
    }),
    window,
  );
  await q.ok('notes.sign', { noteId }, window);
  return noteId;
}

describe('invitations', () => {
  it('invites without a password; the code is redeemed once, then the list shows no invitation', async () => {
    p = await makePractice();
    const { member, code, expiresAt } = await p.ok('staff.invite', invitee);
    expect(member).toMatchObject({
      username: 'iinvited',
      active: true,
      invitation: { expiresAt, expired: false },
    });
    // 72 hours from when it was issued (the two stamps are read a moment apart).
    expect(Math.abs(Date.parse(expiresAt) - Date.parse(member.createdAt) - 72 * 3600_000)).toBeLessThan(
      5_000,
    );
    // The code is never stored: not in the database, not in the audit log.
    const audit = JSON.stringify(await p.ok('audit.list', { filter: {}, limit: 50 }));
    expect(audit).not.toContain(code);
    const info = await p.ok(
      'backup.redeemSignInCode',
      { username: 'iinvited', code, newPassword: NEW_PASSWORD },
      'w2',
    );
    expect(info.user.displayName).toBe('Dr. Iris Invited');
    const listed = (await p.ok('staff.list', {})).find((s) => s.id === member.id);
    expect(listed).toMatchObject({ invitation: null, mustChangePassword: false, canSignIn: true });
    await p.ok('auth.signOut', {}, 'w2');
    // Used up: the same code again is refused; the password they chose works.
    const again = await p.fail(
      'backup.redeemSignInCode',
      { username: 'iinvited', code, newPassword: NEW_PASSWORD },
      'w3',
    );
    expect(again.code).toBe('INVALID_CREDENTIALS');
    await p.signIn('iinvited', NEW_PASSWORD, 'w3');
    expect((await p.fail('staff.reissueInvitation', { userId: member.id })).code).toBe('CONFLICT');
  });

  it('refuses an expired code, shows it expired, and a new code works while the old one does not', async () => {
    const clock = new FakeClock();
    p = await makePractice({ clock });
    const first = await p.ok('staff.invite', invitee);
    await clock.advance(72 * 3600_000 + 1000);
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.ok('staff.list', {})).find((s) => s.id === first.member.id)?.invitation?.expired).toBe(
      true,
    );
    const expired = await p.fail(
      'backup.redeemSignInCode',
      { username: 'iinvited', code: first.code, newPassword: NEW_PASSWORD },
      'w2',
    );
    expect(expired.code).toBe('INVALID_CREDENTIALS');
    const second = await p.ok('staff.reissueInvitation', { userId: first.member.id });
    expect(second.code).not.toBe(first.code);
    expect(second.member.invitation?.expired).toBe(false);
    // After a restart the list still shows the outstanding code's expiry.
    const q = p.restart();
    p = q;
    await q.signIn(OWNER.username, OWNER.password, 'main');
    expect(
      (await q.ok('staff.list', {}, 'main')).find((s) => s.id === first.member.id)?.invitation?.expiresAt,
    ).toBe(second.expiresAt);
    expect(
      (
        await q.fail(
          'backup.redeemSignInCode',
          { username: 'iinvited', code: first.code, newPassword: NEW_PASSWORD },
          'w2',
        )
      ).code,
    ).toBe('INVALID_CREDENTIALS');
    await q.ok(
      'backup.redeemSignInCode',
      { username: 'iinvited', code: second.code, newPassword: NEW_PASSWORD },
      'w2',
    );
  });

  it('refuses a withdrawn invitation: the code stops working and the account is closed, audited', async () => {
    p = await makePractice();
    const { member, code } = await p.ok('staff.invite', invitee);
    const withdrawn = await p.ok('staff.withdrawInvitation', { userId: member.id });
    expect(withdrawn).toMatchObject({ active: false, invitation: null, canSignIn: false });
    const r = await p.fail(
      'backup.redeemSignInCode',
      { username: 'iinvited', code, newPassword: NEW_PASSWORD },
      'w2',
    );
    expect(r.code).toBe('INVALID_CREDENTIALS');
    expect((await p.fail('staff.withdrawInvitation', { userId: member.id })).code).toBe('CONFLICT');
    const entries = (await p.ok('audit.list', { filter: {}, limit: 20 })).entries.map((e) => e.action);
    expect(entries).toEqual(expect.arrayContaining(['staff.invite', 'staff.invitationWithdrawn']));
    // The username stays taken (the account is kept, deactivated).
    expect((await p.fail('staff.invite', invitee)).code).toBe('CONFLICT');
  });

  it('refuses bad input, and every new channel refuses a non-owner', async () => {
    p = await makePractice();
    const clin = await signedInStaff(p, 'clinician', 'Dr. Cal Clinician', 'w2');
    for (const bad of [
      { ...invitee, role: 'owner' },
      { ...invitee, displayName: 'x'.repeat(5000) },
      { ...invitee, username: 42 },
      { displayName: 'No Username', role: 'clinician' },
      { ...invitee, temporaryPassword: NEW_PASSWORD },
    ]) {
      expect((await p.fail('staff.invite', bad)).code).toBe('INVALID_INPUT');
    }
    expect((await p.fail('staff.deactivate', { userId: clin.id, receiverId: 'not-a-uuid' })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await p.fail('staff.setCustodian', { clinicianId: clin.id })).code).toBe('INVALID_INPUT');
    const calls: [Parameters<TestPractice['fail']>[0], unknown][] = [
      ['staff.invite', invitee],
      ['staff.reissueInvitation', { userId: clin.id }],
      ['staff.withdrawInvitation', { userId: clin.id }],
      ['staff.deactivationPlan', { userId: clin.id }],
      ['staff.deactivate', { userId: clin.id, receiverId: clin.id }],
      ['staff.setCustodian', { clinicianId: clin.id, custodianId: null }],
    ];
    for (const [channel, input] of calls)
      expect((await p.fail(channel, input, 'w2')).code, channel).toBe('FORBIDDEN');
    expect((await p.fail('staff.invite', invitee, 'nobody')).code).toBe('NOT_SIGNED_IN');
    expect((await p.ok('staff.list', {})).length).toBe(2);
  });

  it('names a clinician’s supervisor with the invitation, in the same step, and refuses a wrong one whole', async () => {
    p = await makePractice();
    const supervisor = await signedInStaff(p, 'clinician', 'Dr. Sol Supervisor', 'w2');
    const desk = await signedInStaff(p, 'front_desk', 'Dee Desk', 'w3');
    const { member } = await p.ok('staff.invite', { ...invitee, supervisorId: supervisor.id });
    expect(await p.ok('staff.supervision', {})).toEqual([
      {
        supervisee: { id: member.id, displayName: invitee.displayName },
        supervisor: { id: supervisor.id, displayName: 'Dr. Sol Supervisor' },
      },
    ]);
    const audit = (await p.ok('audit.list', { filter: { action: 'staff.setSupervisor' }, limit: 5 })).entries;
    expect(audit.map((e) => e.targetId)).toEqual([member.id]);
    // A front-desk supervisor, a supervisor for front desk, a person who does not exist: refused,
    // and no account, slot or invitation is left behind.
    const before = await p.ok('staff.list', {});
    for (const bad of [
      { ...invitee, username: 'second', supervisorId: desk.id },
      { ...invitee, username: 'third', role: 'front_desk' as const, supervisorId: supervisor.id },
      { ...invitee, username: 'fourth', supervisorId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const r = await p.fail('staff.invite', bad);
      expect([bad.username, r.code, r.fields?.[0]?.path]).toEqual([
        bad.username,
        'INVALID_INPUT',
        'supervisorId',
      ]);
    }
    expect(await p.ok('staff.list', {})).toEqual(before);
    expect((await p.ok('staff.supervision', {})).length).toBe(1);
  });
});

describe('a role change applies at the next call', () => {
  it('clinician to front desk: the very next notes.get is refused; back to clinician: allowed again', async () => {
    p = await makePractice();
    const clin = await signedInStaff(p, 'clinician', 'Dr. Cal Clinician', 'w2');
    const clientId = (await p.ok('clients.create', adultClient(clin.id))).id;
    const noteId = await psychotherapyNote(p, 'w2', clientId, 'role-change');
    expect((await p.ok('notes.get', { noteId }, 'w2')).sections.data).toContain('role-change');
    await p.ok('staff.changeRole', { userId: clin.id, role: 'front_desk' });
    expect((await p.fail('notes.get', { noteId }, 'w2')).code).toBe('FORBIDDEN');
    await p.ok('staff.changeRole', { userId: clin.id, role: 'clinician' });
    expect((await p.ok('notes.get', { noteId }, 'w2')).sections.data).toContain('role-change');
    // After a restart the stored role holds.
    await p.ok('staff.changeRole', { userId: clin.id, role: 'front_desk' });
    const q = p.restart();
    p = q;
    await q.signIn(clin.username, clin.password, 'w2');
    expect((await q.fail('notes.get', { noteId }, 'w2')).code).toBe('FORBIDDEN');
  });

  it('demoting an owner ends their owner powers at their next call', async () => {
    p = await makePractice();
    const second = await signedInStaff(p, 'clinician', 'Dr. Olive Owner', 'w2');
    await p.ok('staff.changeRole', { userId: second.id, role: 'owner' });
    expect((await p.ok('staff.list', {}, 'w2')).length).toBe(2);
    await p.ok('staff.changeRole', { userId: second.id, role: 'clinician' });
    expect((await p.fail('staff.list', {}, 'w2')).code).toBe('FORBIDDEN');
    expect((await p.fail('staff.invite', invitee, 'w2')).code).toBe('FORBIDDEN');
  });
});

describe('deactivation with hand-over', () => {
  async function caseload() {
    p = await makePractice();
    const leaving = await signedInStaff(p, 'clinician', 'Dr. Lee Leaving', 'w-leave');
    const staying = await signedInStaff(p, 'clinician', 'Dr. Sam Staying', 'w-stay');
    const c1 = (await p.ok('clients.create', adultClient(leaving.id, { legalFirstName: 'Alder' }))).id;
    const c2 = (await p.ok('clients.create', adultClient(leaving.id, { legalFirstName: 'Birch' }))).id;
    const c3 = (await p.ok('clients.create', adultClient(staying.id, { legalFirstName: 'Cedar' }))).id;
    await p.ok('clients.addCareTeamMember', { clientId: c3, userId: leaving.id });
    const pn = await psychotherapyNote(p, 'w-leave', c1, 'custodian-mark');
    return { q: p, leaving, staying, c1, c2, c3, pn };
  }

  it('requires a receiver when they have clients, and only an active clinician or owner', async () => {
    const { q, leaving, c1 } = await caseload();
    const none = await q.fail('staff.deactivate', { userId: leaving.id });
    expect(none.code).toBe('INVALID_INPUT');
    expect(none.fields?.[0]?.path).toBe('receiverId');
    const desk = await q.addStaff('front_desk', 'Fran Desk');
    expect((await q.fail('staff.deactivate', { userId: leaving.id, receiverId: desk.id })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await q.fail('staff.deactivate', { userId: leaving.id, receiverId: leaving.id })).code).toBe(
      'INVALID_INPUT',
    );
    // Nothing changed: still active, still signed in, still primary clinician.
    expect((await q.ok('staff.list', {})).find((s) => s.id === leaving.id)?.active).toBe(true);
    expect((await q.ok('clients.get', { clientId: c1 }, 'w-leave')).primaryClinician.id).toBe(leaving.id);
  });

  it('hands the clients over in one step, ends the sessions at once, removes the key slot, shows them as deactivated', async () => {
    const { q, leaving, staying, c1, c2, c3, pn } = await caseload();
    // Owner is not custodian while the author is active.
    expect((await q.fail('notes.get', { noteId: pn })).code).toBe('NOT_FOUND');
    const plan = await q.ok('staff.deactivationPlan', { userId: leaving.id });
    expect(plan).toMatchObject({ clients: 2, careTeams: 1, custodianId: null });
    expect(plan.receivers.map((r) => r.id)).toContain(staying.id);
    expect(plan.receivers.map((r) => r.id)).not.toContain(leaving.id);
    const member = await q.ok('staff.deactivate', { userId: leaving.id, receiverId: staying.id });
    expect(member).toMatchObject({ active: false, canSignIn: false });
    // Their open window's very next call is refused.
    expect((await q.fail('clients.get', { clientId: c1 }, 'w-leave')).code).toBe('NOT_SIGNED_IN');
    // Clients reassigned: the receiver is primary and on the team; the departed is on no team.
    for (const id of [c1, c2]) {
      const rec = await q.ok('clients.get', { clientId: id }, 'w-stay');
      expect(rec.primaryClinician.id).toBe(staying.id);
      expect(rec.careTeam.map((t) => t.id)).toContain(staying.id);
      expect(rec.careTeam.map((t) => t.id)).not.toContain(leaving.id);
    }
    expect((await q.ok('clients.get', { clientId: c3 }, 'w-stay')).careTeam.map((t) => t.id)).not.toContain(
      leaving.id,
    );
    // Audited with counts, not names.
    const entry = (await q.ok('audit.list', { filter: { action: 'staff.deactivate' }, limit: 5 })).entries[0];
    expect(JSON.parse(String(entry?.detail))).toMatchObject({
      clients: 2,
      careTeams: 1,
      receiverId: staying.id,
    });
    expect(JSON.stringify(entry?.detail)).not.toMatch(/Alder|Birch|Leaving/);
    // The owner is now custodian of their psychotherapy notes; another clinician still is not.
    const read = await q.ok('notes.get', { noteId: pn });
    expect(read.sections.data).toContain('custodian-mark');
    // Their signed work stays theirs, shown as deactivated.
    expect(read.author.id).toBe(leaving.id);
    expect(read.author.displayName).toBe('Dr. Lee Leaving (deactivated)');
    expect((await q.fail('notes.get', { noteId: pn }, 'w-stay')).code).toBe('NOT_FOUND');
    // Pickers exclude them.
    expect((await q.ok('staff.directory', {}, 'w-stay')).map((s) => s.id)).not.toContain(leaving.id);
    // No path signs them in: password, and their old password does not open the vault itself.
    expect(
      (await q.fail('auth.signIn', { username: leaving.username, password: leaving.password }, 'w9')).code,
    ).toBe('INVALID_CREDENTIALS');
    expect(q.core.ctx.vault.slotUserIds().has(leaving.id)).toBe(false);
    await expect(
      q.core.ctx.vault.unlockWithPassword(leaving.username, leaving.password),
    ).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    const r = q.restart();
    p = r;
    await expect(
      r.core.ctx.vault.unlockWithPassword(leaving.username, leaving.password),
    ).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    // The recovery path does not sign them in either.
    const recover = await r.fail(
      'auth.recover',
      { username: leaving.username, recoveryKey: r.recoveryKey, newPassword: NEW_PASSWORD },
      'w9',
    );
    expect(recover.code).toBe('NOT_FOUND');
  });

  it('someone only on care teams needs no receiver, and leaves those teams', async () => {
    const { q, c1 } = await caseload();
    const helper = await signedInStaff(q, 'clinician', 'Dr. Hal Helper', 'w-help');
    await q.ok('clients.addCareTeamMember', { clientId: c1, userId: helper.id });
    expect(await q.ok('staff.deactivationPlan', { userId: helper.id })).toMatchObject({
      clients: 0,
      careTeams: 1,
    });
    await q.ok('staff.deactivate', { userId: helper.id });
    const rec = await q.ok('clients.get', { clientId: c1 });
    expect(rec.careTeam.map((t) => t.id)).not.toContain(helper.id);
    expect((await q.fail('clients.get', { clientId: c1 }, 'w-help')).code).toBe('NOT_SIGNED_IN');
  });

  it('the professional will preselects the custodian; the owner still chooses', async () => {
    const { q, leaving, staying } = await caseload();
    const named = await q.ok('staff.setCustodian', { clinicianId: leaving.id, custodianId: staying.id });
    expect(named.custodian).toEqual({ id: staying.id, displayName: 'Dr. Sam Staying' });
    expect((await q.ok('staff.deactivationPlan', { userId: leaving.id })).custodianId).toBe(staying.id);
    expect(
      (await q.fail('staff.setCustodian', { clinicianId: leaving.id, custodianId: leaving.id })).code,
    ).toBe('INVALID_INPUT');
    const desk = await q.addStaff('front_desk', 'Fran Desk');
    expect((await q.fail('staff.setCustodian', { clinicianId: leaving.id, custodianId: desk.id })).code).toBe(
      'INVALID_INPUT',
    );
    // Once the custodian leaves, the will no longer names them.
    await q.ok('staff.deactivate', { userId: staying.id, receiverId: leaving.id });
    expect((await q.ok('staff.list', {})).find((s) => s.id === leaving.id)?.custodian).toBeNull();
    expect((await q.ok('staff.deactivationPlan', { userId: leaving.id })).custodianId).toBeNull();
  });

  it('a tampered will naming a front-desk person is not preselected', async () => {
    const { q, leaving } = await caseload();
    const desk = await q.addStaff('front_desk', 'Fran Desk');
    q.core.ctx.vault.db.sqlite
      .prepare(
        'INSERT INTO records_custodians (clinician_id, custodian_id, named_at, named_by) VALUES (?, ?, ?, ?)',
      )
      .run(leaving.id, desk.id, new Date().toISOString(), desk.id);
    expect((await q.ok('staff.deactivationPlan', { userId: leaving.id })).custodianId).toBeNull();
  });
});
