// One rule for who reads a note (issue 15): notes.get, notes.search and the timeline agree for
// every role, Part 2 notes included — the owner, who reads every other chart, reads Part 2 notes
// only on the client's care team. And list reads name each client once per session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDb } from '../../../main/core/context.ts';
import { adultClient, intake } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { hipaaAuthorization, part2Consent, thirdParty } from '../../helpers/releases.ts';

const W = { owner: 'w1', a: 'w-a', b: 'w-b', desk: 'w-desk' };
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const MARK = 'quillword';
let p: TestPractice;
let a: { id: string; username: string; password: string };
let b: { id: string; username: string; password: string };
/** X: clinician A's client (the owner is not on its team). Y: the owner's own client. */
let x: string;
let y: string;
const notes = { xPlain: '', xPart2: '', xProcess: '', yPart2: '' };

beforeAll(async () => {
  p = await makePractice({ clock });
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Partwo', W.a);
  b = await signedInStaff(p, 'clinician', 'Dr. Bo Partwo', W.b);
  await signedInStaff(p, 'front_desk', 'Dee Partwo', W.desk);
  const owner = (await p.ok('staff.list', {}, W.owner)).find((u) => u.username === OWNER.username);
  x = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
  y = (
    await p.ok(
      'clients.create',
      adultClient(owner?.id ?? '', { legalFirstName: 'Olive', legalLastName: 'Ownercase' }),
      W.desk,
    )
  ).id;
  notes.xPlain = await signedNote(p, W.a, x, '2026-01-12', `${MARK} plainsession`);
  notes.xPart2 = await signedNote(p, W.a, x, '2026-01-19', `${MARK} substancesession`, { part2: true });
  notes.xProcess = await signedNote(p, W.a, x, '2026-01-20', `${MARK} processsession`, {
    kind: 'psychotherapy',
    template: 'free',
    sections: { note: `Synthetic: ${MARK} processsession.`, plan: 'Synthetic: explore.' },
    serviceCode: undefined,
    riskLevel: undefined,
  });
  notes.yPart2 = await signedNote(p, W.owner, y, '2026-01-21', `${MARK} ownsubstance`, { part2: true });
});
afterAll(async () => {
  await p.close();
});

const searched = async (window: string) =>
  (await p.ok('notes.search', { query: MARK, limit: 50 }, window)).map((h) => h.noteId).sort();
const timelineNotes = async (window: string, clientId: string) =>
  (await p.ok('notes.timeline', { clientId }, window)).flatMap((e) => (e.type === 'note' ? [e.noteId] : []));
const opens = async (window: string, noteId: string) => (await p.call('notes.get', { noteId }, window)).ok;

describe('the owner and Part 2 notes', () => {
  it('the owner’s search no longer returns Part 2 text of a client whose care team the owner is not on', async () => {
    const hits = await p.ok('notes.search', { query: MARK, limit: 50 }, W.owner);
    expect(hits.map((h) => h.noteId).sort()).toEqual([notes.xPlain, notes.yPart2].sort());
    const text = JSON.stringify(hits);
    expect(text).not.toContain('substancesession');
    expect(text).not.toContain('processsession');
  });

  it('the chart agrees: notes.get and the timeline refuse the same Part 2 note, and show the owner’s own client’s', async () => {
    expect((await p.fail('notes.get', { noteId: notes.xPart2 }, W.owner)).code).toBe('NOT_FOUND');
    expect(await opens(W.owner, notes.xPlain)).toBe(true);
    expect(await timelineNotes(W.owner, x)).toEqual([notes.xPlain]);
    expect(await timelineNotes(W.owner, y)).toEqual([notes.yPart2]);
    expect(await opens(W.owner, notes.yPart2)).toBe(true);
  });

  it('on joining the care team (an audited grant) the owner reads them everywhere at once', async () => {
    const z = (await p.ok('clients.create', adultClient(a.id, { legalFirstName: 'Zed' }), W.desk)).id;
    const zPart2 = await signedNote(p, W.a, z, '2026-01-22', 'joinword substance', { part2: true });
    const find = async () => (await p.ok('notes.search', { query: 'joinword' }, W.owner)).length;
    expect(await find()).toBe(0);
    expect(await opens(W.owner, zPart2)).toBe(false);
    await p.ok('clients.addCareTeamMember', { clientId: z, userId: await ownerId() }, W.owner);
    expect(await find()).toBe(1);
    expect(await opens(W.owner, zPart2)).toBe(true);
    expect(await timelineNotes(W.owner, z)).toEqual([zPart2]);
  });
});

async function ownerId(): Promise<string> {
  return (await p.ok('staff.list', {}, W.owner)).find((u) => u.username === OWNER.username)?.id ?? '';
}

describe('one rule for every role: search, notes.get and the timeline agree', () => {
  it('clinician on the care team reads all of X: progress, Part 2 and their own psychotherapy note', async () => {
    const all = [notes.xPlain, notes.xPart2, notes.xProcess].sort();
    expect(await searched(W.a)).toEqual(all);
    expect((await timelineNotes(W.a, x)).sort()).toEqual(all);
    for (const id of all) expect(await opens(W.a, id)).toBe(true);
    expect(await opens(W.a, notes.yPart2)).toBe(false);
  });

  it('a clinician off the care team finds nothing of X and cannot open it', async () => {
    expect(await searched(W.b)).toEqual([]);
    for (const id of Object.values(notes)) expect(await opens(W.b, id)).toBe(false);
    expect((await p.fail('notes.timeline', { clientId: x }, W.b)).code).toBe('FORBIDDEN');
  });

  it('front desk sees only that sessions took place, never a note', async () => {
    expect((await p.fail('notes.search', { query: MARK }, W.desk)).code).toBe('FORBIDDEN');
    expect((await p.fail('notes.get', { noteId: notes.xPlain }, W.desk)).code).toBe('FORBIDDEN');
    const timeline = await p.ok('notes.timeline', { clientId: x }, W.desk);
    expect(timeline.every((e) => e.type === 'session')).toBe(true);
    expect(JSON.stringify(timeline)).not.toContain(notes.xPlain);
  });

  it('for every role, a note is found by search exactly when notes.get opens it', async () => {
    for (const window of [W.owner, W.a, W.b]) {
      const found = new Set(await searched(window));
      for (const id of Object.values(notes))
        expect(found.has(id), `${window} ${id}`).toBe(await opens(window, id));
    }
  });
});

describe('the intake’s Part 2 section: the same rule', () => {
  const SECTION = 'Synthetic: substancesection, weekly use.';
  beforeAll(async () => {
    await p.ok('intake.save', intake(x, { substanceUse: SECTION, substanceUsePart2: true }), W.a);
  });

  it('is left out of the intake the owner off the care team reads, and shown to the care team', async () => {
    const owners = await p.ok('intake.get', { clientId: x }, W.owner);
    expect(owners.intake?.substanceUse).toBeNull();
    expect(owners.intake?.substanceUsePart2).toBe(true);
    expect(owners.intake?.presentingConcern).toContain('low mood');
    expect((await p.ok('intake.get', { clientId: x }, W.a)).intake?.substanceUse).toBe(SECTION);
  });

  it('the owner’s save keeps it as it was; writing over it unseen is refused and changes nothing', async () => {
    const saved = await p.ok(
      'intake.save',
      intake(x, {
        presentingConcern: 'Synthetic: sleep first.',
        substanceUse: undefined,
        substanceUsePart2: false,
      }),
      W.owner,
    );
    expect(saved.substanceUse).toBeNull();
    const refused = await p.fail(
      'intake.save',
      intake(x, { presentingConcern: 'Synthetic: overwritten?', substanceUse: 'Synthetic: none' }),
      W.owner,
    );
    expect(refused.code).toBe('FORBIDDEN');
    const seen = (await p.ok('intake.get', { clientId: x }, W.a)).intake;
    expect(seen).toMatchObject({
      substanceUse: SECTION,
      substanceUsePart2: true,
      presentingConcern: 'Synthetic: sleep first.',
    });
  });
});

describe('release review: the same Part 2 rule', () => {
  const PART2_SELECTION = {
    recordTypes: ['progress_notes' as const],
    from: '2026-01-01',
    to: '2026-02-28',
    includePart2: true,
  };
  let requestId: string;
  beforeAll(async () => {
    requestId = (await p.ok('releases.create', thirdParty(x), W.desk)).summary.id;
    await p.ok('releases.addAuthorization', hipaaAuthorization(requestId), W.desk);
    await p.ok('releases.addAuthorization', part2Consent(requestId), W.desk);
    await p.ok('releases.authorize', { requestId }, W.desk);
  });

  it('the owner off the care team previews without the Part 2 note’s text, and is told why', async () => {
    const preview = await p.ok('releases.preview', { requestId, selection: PART2_SELECTION }, W.owner);
    const text = JSON.stringify(preview.document);
    expect(text).toContain('plainsession');
    expect(text).not.toContain('substancesession');
    const withheld = preview.withheld.find((w) => w.what === '1 record of the Part 2 program');
    expect(withheld?.reason).toMatch(/shown only to the client’s care team/);
  });

  it('the care team previews and approves it; the owner’s view of the approval still hides its text', async () => {
    const mine = await p.ok('releases.preview', { requestId, selection: PART2_SELECTION }, W.a);
    expect(JSON.stringify(mine.document)).toContain('substancesession');
    await p.ok('releases.approve', { requestId, selection: PART2_SELECTION }, W.a);
    const approved = await p.ok('releases.preview', { requestId }, W.owner);
    expect(JSON.stringify(approved.document)).not.toContain('substancesession');
    expect(approved.withheld.map((w) => w.what)).toEqual(['1 record of the Part 2 program']);
    expect(JSON.stringify((await p.ok('releases.preview', { requestId }, W.a)).document)).toContain(
      'substancesession',
    );
  });
});

describe('release export: the approver’s Part 2 right is asked again, not only at approval', () => {
  it('an approval of Part 2 records by a clinician since taken off the care team exports nothing', async () => {
    const requestId = (await p.ok('releases.create', thirdParty(x), W.desk)).summary.id;
    await p.ok('releases.addAuthorization', hipaaAuthorization(requestId), W.desk);
    await p.ok('releases.addAuthorization', part2Consent(requestId), W.desk);
    await p.ok('releases.authorize', { requestId }, W.desk);
    const selection = {
      recordTypes: ['progress_notes' as const],
      from: '2026-01-01',
      to: '2026-02-28',
      includePart2: true,
    };
    await p.ok('releases.approve', { requestId, selection }, W.a);
    // The chart is handed to Dr. Bo; Dr. Ada leaves the care team.
    await p.ok('clients.update', { ...adultClient(a.id), clientId: x, primaryClinicianId: b.id }, W.desk);
    await p.call('clients.removeCareTeamMember', { clientId: x, userId: a.id }, W.desk);
    await p.call('clients.removeCareTeamMember', { clientId: x, userId: a.id }, W.owner);
    const refused = await p.fail('releases.export', { requestId }, W.desk);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/Nothing was exported/);
    expect(refused.message).toMatch(/Part 2/);
    const after = await p.ok('releases.get', { requestId }, W.desk);
    expect(after.summary.status).toBe('authorized');
    const disclosures = await readDb(p.core.ctx)
      .selectFrom('disclosures')
      .select('id')
      .where('request_id', '=', requestId)
      .execute();
    expect(disclosures).toEqual([]);
  });
});

describe('list reads in the audit log', () => {
  const lastEntries = async (action: string, n: number) =>
    (
      await readDb(p.core.ctx)
        .selectFrom('audit_log')
        .select(['detail', 'actor_id'])
        .where('action', '=', action)
        .orderBy('seq', 'desc')
        .limit(n)
        .execute()
    )
      .reverse()
      .map((r) => JSON.parse(r.detail) as { clientIds: string[]; count: number; shownBefore: number });

  it('a session names each client the first time a list shows it, then counts the repeats', async () => {
    const first = await p.ok('clients.search', { query: '' }, W.desk);
    await p.ok('clients.search', { query: '' }, W.desk);
    const shown = first.clients.map((c) => c.id).sort();
    const [one, two] = await lastEntries('client.search', 2);
    expect(one?.clientIds.sort()).toEqual(shown);
    expect(two).toEqual({ clientIds: [], count: shown.length, shownBefore: shown.length });
  });

  it('a new session names them again', async () => {
    await p.ok('auth.signOut', {}, W.desk);
    const desk = await signedInStaff(p, 'front_desk', 'Dana Partwo', W.desk);
    expect(desk.id).not.toBe('');
    const again = await p.ok('clients.search', { query: '' }, W.desk);
    const [entry] = await lastEntries('client.search', 1);
    expect(entry?.clientIds.sort()).toEqual(again.clients.map((c) => c.id).sort());
    expect(entry?.shownBefore).toBe(0);
  });

  it('a note search names client ids, never the words searched for', async () => {
    await p.signIn(OWNER.username, OWNER.password, 'w-owner-2');
    await p.ok('notes.search', { query: MARK }, 'w-owner-2');
    const [row] = await readDb(p.core.ctx)
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'note.search')
      .orderBy('seq', 'desc')
      .limit(1)
      .execute();
    expect(row?.detail).not.toContain(MARK);
    expect(row?.detail).toContain(x);
  });
});
