// The review queue (releases.reviewQueue): the requests waiting for the caller's decision, on a
// real encrypted practice through the router. Only the assigned clinician (or the owner, for every
// one) sees a request there, with its legal due date (30 days from receipt, 60 after the one
// extension), overdue first; front desk and a clinician who may not decide never see it; a request
// sent back to review comes back to the queue, marked; a lapsed authorization takes it out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewQueueItem } from '../../../preload/contract/releases.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { accessRequest, hipaaAuthorization, thirdParty } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { owner: 'w1', a: 'w-a', b: 'w-b', c: 'w-c', desk: 'w-desk', never: 'w-never' };
const out = tempDir('stillwater-queue-');
const NOTES = {
  recordTypes: ['progress_notes' as const],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};

let p: TestPractice;
let a: { id: string; username: string; password: string };
/** X is A's client (C on its care team), Y is B's. */
const s = { a: '', b: '', c: '', x: '', y: '', xNote: '' };
const r = { overdue: '', extended: '', thirdParty: '', draft: '', y: '', lapsing: '' };

async function authorized(
  input: Parameters<typeof thirdParty>[0] | ReturnType<typeof accessRequest>,
  auth?: object,
) {
  const created = await p.ok(
    'releases.create',
    typeof input === 'string' ? thirdParty(input) : input,
    W.desk,
  );
  const id = created.summary.id;
  if (created.summary.kind === 'third_party')
    await p.ok('releases.addAuthorization', hipaaAuthorization(id, auth), W.desk);
  await p.ok('releases.authorize', { requestId: id }, W.desk);
  return id;
}

const queueOf = (window: string) => p.ok('releases.reviewQueue', {}, window);
const ids = (q: ReviewQueueItem[]) => q.map((i) => i.id);

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Queue', W.a);
  s.a = a.id;
  s.b = (await signedInStaff(p, 'clinician', 'Dr. Bo Queue', W.b)).id;
  s.c = (await signedInStaff(p, 'clinician', 'Dr. Cy Careteam', W.c)).id;
  await signedInStaff(p, 'front_desk', 'Dee Queue', W.desk);
  s.x = (await p.ok('clients.create', adultClient(s.a), W.desk)).id;
  s.y = (
    await p.ok(
      'clients.create',
      adultClient(s.b, { legalFirstName: 'Blake', legalLastName: 'Othercase' }),
      W.desk,
    )
  ).id;
  await p.ok('clients.addCareTeamMember', { clientId: s.x, userId: s.c }, W.a);
  s.xNote = await signedNote(p, W.a, s.x, '2026-01-12', 'Queuewort');
  await signedNote(p, W.b, s.y, '2026-01-14', 'Queuewort');
  // Received 20 Jan: due 19 Feb, overdue on 2 Mar.
  r.overdue = await authorized(accessRequest(s.x, '2026-01-20'));
  // Received 10 Feb: due 12 Mar; extended once, 11 Apr.
  r.extended = await authorized(accessRequest(s.x, '2026-02-10'));
  await p.ok(
    'releases.extend',
    { requestId: r.extended, reason: 'Synthetic: records are in off-site storage', notifiedOn: '2026-03-01' },
    W.desk,
  );
  r.thirdParty = await authorized(s.x);
  r.draft = (await p.ok('releases.create', accessRequest(s.x, '2026-02-25'), W.desk)).summary.id;
  r.y = await authorized(s.y, { signedBy: 'Blake Othercase' });
}, 120_000);
afterAll(async () => {
  await p.close();
  out.remove();
});

describe('who sees a release awaiting review', () => {
  it('the assigned clinician: their clients’ authorized requests, overdue first, with the legal due dates', async () => {
    const q = await queueOf(W.a);
    expect(ids(q)).toEqual([r.overdue, r.extended, r.thirdParty]);
    expect(q[0]).toMatchObject({ dueOn: '2026-02-19', urgency: 'overdue', kind: 'access', sentBack: false });
    // 45 CFR 164.524(b)(2): 30 days from receipt, and 30 more after the one extension.
    expect(q[1]).toMatchObject({ receivedOn: '2026-02-10', dueOn: '2026-04-11', urgency: null });
    // A third party's request has no legal due date.
    expect(q[2]).toMatchObject({ dueOn: null, urgency: null, clientId: s.x });
    // A draft (no authority yet) waits on the front desk, not on the clinician.
    expect(ids(q)).not.toContain(r.draft);
  });

  it('another clinician sees only their own client’s; one on the care team who may not decide sees none', async () => {
    expect(ids(await queueOf(W.b))).toEqual([r.y]);
    expect(await queueOf(W.c)).toEqual([]);
    // The queue and the decision are the same rule: C may not approve what C does not see.
    const e = await p.fail('releases.approve', { requestId: r.thirdParty, selection: NOTES }, W.c);
    expect(e.code).toBe('FORBIDDEN');
  });

  it('the owner sees every request awaiting review', async () => {
    expect(ids(await queueOf(W.owner)).sort()).toEqual([r.overdue, r.extended, r.thirdParty, r.y].sort());
  });

  it('front desk is refused, and the refusal is audited as denied', async () => {
    const e = await p.fail('releases.reviewQueue', {}, W.desk);
    expect(e.code).toBe('FORBIDDEN');
    const last = p.core.ctx.vault.db.sqlite
      .prepare('SELECT action, detail FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get() as { action: string; detail: string };
    expect(last.action).toBe('access.denied');
    expect(JSON.parse(last.detail)).toMatchObject({ channel: 'releases.reviewQueue' });
  });

  it('bad input and no session are refused', async () => {
    for (const input of [{ clientId: s.x }, 'everything', null, [], { status: 'authorized' }]) {
      expect((await p.fail('releases.reviewQueue', input, W.a)).code).toBe('INVALID_INPUT');
    }
    expect((await p.fail('releases.reviewQueue', {}, W.never)).code).toBe('NOT_SIGNED_IN');
  });

  it('each client listed is a read in the audit log, naming exactly those clients', async () => {
    await queueOf(W.b);
    const last = p.core.ctx.vault.db.sqlite
      .prepare('SELECT action, detail FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get() as { action: string; detail: string };
    expect(last.action).toBe('release.list');
    expect(JSON.parse(last.detail)).toMatchObject({ count: 1 });
  });
});

describe('the queue follows the release', () => {
  it('an approved release leaves the queue; one sent back to review returns, marked', async () => {
    await p.ok('releases.approve', { requestId: r.thirdParty, selection: NOTES }, W.a);
    expect(ids(await queueOf(W.a))).not.toContain(r.thirdParty);
    // An addendum signed to an approved note: the note may not leave without it, so export sends
    // the request back to its reviewer.
    await p.ok(
      'notes.addAddendum',
      { noteId: s.xNote, text: 'Synthetic: corrected the session length.' },
      W.a,
    );
    const e = await p.fail('releases.export', { requestId: r.thirdParty }, W.desk);
    expect(e.message).toMatch(/1 addendum was signed to an approved note since approval/);
    const back = (await queueOf(W.a)).find((i) => i.id === r.thirdParty);
    expect(back).toMatchObject({ sentBack: true, status: 'authorized' });
  });

  it('a denied release leaves the queue', async () => {
    await p.ok('releases.deny', { requestId: r.y, explanation: 'Synthetic: not this time' }, W.b);
    expect(await queueOf(W.b)).toEqual([]);
  });

  it('a request whose only authorization lapses leaves the queue (it is expired, not waiting)', async () => {
    r.lapsing = await authorized(s.x, { expiresOn: '2026-03-02' });
    expect(ids(await queueOf(W.a))).toContain(r.lapsing);
    await clock.advance(86_400_000);
    // The night locked the practice: A signs in again in the morning.
    await p.signIn(a.username, a.password, W.a);
    expect(ids(await queueOf(W.a))).not.toContain(r.lapsing);
    const opened = await p.ok('releases.get', { requestId: r.lapsing }, W.a);
    expect(opened.summary.status).toBe('expired');
  });
});
