// The review of a reviewable denial of access (45 CFR 164.524(a)(4), (d)(4)): the designated
// reviewing official, the request for review and its clock in the due list, the refusal of a
// reviewer who denied, an outside reviewer's determination recorded on their behalf, a reversal
// that sends the request on to export, the written notice, and every role and bad input.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import { accessRequest, pdfText } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { owner: 'w1', a: 'w-a', b: 'w-b', c: 'w-c', desk: 'w-desk' };
const out = tempDir('stillwater-review-');
const SELECTION = {
  recordTypes: ['progress_notes' as const],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};
const OUTSIDE = {
  kind: 'outside' as const,
  name: 'Dr. Quill Outsideton',
  credentials: 'PsyD, Licensed Psychologist (synthetic)',
  contact: '7 Example Court, Springfield, OR 97401',
};

let p: TestPractice;
/** A: the client's clinician, who denies. B: the staff reviewer. C: a clinician off the care team. */
const s = { a: '', b: '', c: '', client: '' };
const signIns: [string, string, string][] = [[OWNER.username, OWNER.password, W.owner]];

/** Days pass; everyone was locked out meanwhile and signs in again. */
async function laterBy(days: number) {
  await clock.advance(days * 86_400_000);
  for (const [username, password, window] of signIns) await p.signIn(username, password, window);
}

async function deniedAccess(ground: 'endanger_life_safety' | 'psychotherapy_notes' = 'endanger_life_safety') {
  const r = await p.ok('releases.create', accessRequest(s.client, '2026-03-01'), W.desk);
  await p.ok(
    'releases.deny',
    { requestId: r.summary.id, ground, explanation: 'Synthetic: reasonably likely to endanger the client' },
    W.a,
  );
  return r.summary.id;
}

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
});
afterAll(async () => {
  await p.close();
  out.remove();
});

describe('the designated reviewing official (a practice setting)', () => {
  it('refuses a staff reviewer while the owner is the only licensed professional (a solo practice names an outside one)', async () => {
    const owner = (await p.ok('staff.directory', {}, W.owner)).find((x) => x.role === 'owner');
    const e = await p.fail(
      'denials.saveReviewSettings',
      { official: { kind: 'staff', userId: owner?.id }, targetDays: 10 },
      W.owner,
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/one licensed professional names an outside reviewer/);
    expect((await p.ok('denials.reviewSettings', {}, W.owner)).official).toBeNull();
  });

  it('is set by the owner only, and read by every role', async () => {
    const people = [
      ['clinician', 'Dr. Ada Denier', W.a],
      ['clinician', 'Dr. Bea Reviewer', W.b],
      ['clinician', 'Dr. Cal Elsewhere', W.c],
      ['front_desk', 'Dee Deskworth', W.desk],
    ] as const;
    const ids: string[] = [];
    for (const [role, name, window] of people) {
      const u = await signedInStaff(p, role, name, window);
      signIns.push([u.username, u.password, window]);
      ids.push(u.id);
    }
    [s.a, s.b, s.c] = ids as [string, string, string];
    s.client = (await p.ok('clients.create', adultClient(s.a), W.desk)).id;
    await p.ok('clients.addCareTeamMember', { clientId: s.client, userId: s.b }, W.owner);
    for (const [date, w] of [['2026-01-12', W.a]] as const) {
      const { noteId } = await p.ok('notes.saveDraft', dapNote(s.client, { serviceDate: date }), w);
      await p.ok('notes.sign', { noteId }, w);
    }
    for (const w of [W.a, W.desk])
      expect(
        (await p.fail('denials.saveReviewSettings', { official: OUTSIDE, targetDays: 10 }, w)).code,
      ).toBe('FORBIDDEN');
    const desksView = await p.ok('denials.reviewSettings', {}, W.desk);
    expect(desksView).toEqual({ official: null, targetDays: 30 });
  });

  it.each([
    [{ official: OUTSIDE, targetDays: 0 }, 'targetDays', 'The target must be at least 1 day.'],
    [{ official: OUTSIDE, targetDays: 61 }, 'targetDays', 'The target must be 60 days or fewer.'],
    [{ official: OUTSIDE, targetDays: 'ten' }, 'targetDays', 'Enter a number of days.'],
    [{ official: { ...OUTSIDE, name: '' }, targetDays: 10 }, 'official.name', 'Name is required.'],
    [{ official: { ...OUTSIDE, name: 'x'.repeat(201) }, targetDays: 10 }, 'official.name', null],
    [{ official: { kind: 'staff' }, targetDays: 10 }, 'official.userId', null],
    [{ official: { kind: 'somebody' }, targetDays: 10 }, 'official.kind', null],
    [{ targetDays: 10 }, 'official', null],
  ])('refuses bad settings %#', async (input, path, message) => {
    const e = await p.fail('denials.saveReviewSettings', input, W.owner);
    expect(e.code).toBe('INVALID_INPUT');
    const field = e.fields?.find((f) => f.path === path);
    expect(field, JSON.stringify(e.fields)).toBeDefined();
    if (message) expect(field?.message).toBe(message);
  });

  it('refuses a front-desk or unknown person as the official', async () => {
    const deskId = (await p.ok('staff.directory', {}, W.owner)).find((x) => x.role === 'front_desk')?.id;
    const e = await p.fail(
      'denials.saveReviewSettings',
      { official: { kind: 'staff', userId: deskId }, targetDays: 10 },
      W.owner,
    );
    expect(e.message).toMatch(/licensed professional/);
    const unknown = await p.fail(
      'denials.saveReviewSettings',
      { official: { kind: 'staff', userId: '00000000-0000-4000-8000-000000000000' }, targetDays: 10 },
      W.owner,
    );
    expect(unknown.code).toBe('INVALID_INPUT');
  });
});

describe('a request for review (164.524(a)(4))', () => {
  let requestId = '';

  it('cannot be referred before an official is designated', async () => {
    requestId = await deniedAccess();
    const view = await p.ok('denials.reviewsOfRelease', { requestId }, W.desk);
    expect(view).toMatchObject({ reviews: [], canRequest: false });
    expect(view.blocker).toMatch(/No reviewing official is designated/);
    const e = await p.fail(
      'denials.requestReview',
      { requestId, receivedOn: '2026-03-02', receivedHow: 'written' },
      W.desk,
    );
    expect(e.code).toBe('CONFLICT');
  });

  it('is refused when the designated official is the person who denied, and says so', async () => {
    await p.ok(
      'denials.saveReviewSettings',
      { official: { kind: 'staff', userId: s.a }, targetDays: 10 },
      W.owner,
    );
    const view = await p.ok('denials.reviewsOfRelease', { requestId }, W.desk);
    expect(view.canRequest).toBe(false);
    expect(view.blocker).toBe(
      'The designated reviewing official, Dr. Ada Denier, denied this request and cannot review it. The practice owner must designate another reviewing official in Settings.',
    );
    const e = await p.fail(
      'denials.requestReview',
      { requestId, receivedOn: '2026-03-02', receivedHow: 'written' },
      W.desk,
    );
    expect(e).toMatchObject({ code: 'CONFLICT', message: view.blocker });
  });

  it('is refused for a denial on an unreviewable ground', async () => {
    const unreviewable = await deniedAccess('psychotherapy_notes');
    const view = await p.ok('denials.reviewsOfRelease', { requestId: unreviewable }, W.desk);
    expect(view.canRequest).toBe(false);
    const e = await p.fail(
      'denials.requestReview',
      { requestId: unreviewable, receivedOn: '2026-03-02', receivedHow: 'oral' },
      W.desk,
    );
    expect(e.message).toMatch(/no review of a denial on this ground/);
  });

  it.each([
    [{ receivedOn: '2026-02-28' }, 'receivedOn', 'The review cannot have been asked for before the denial.'],
    [{ receivedOn: '2099-01-01' }, 'receivedOn', null],
    [{ receivedOn: '2026-06-01' }, 'receivedOn', 'The date cannot be in the future.'],
    [{ receivedOn: 'yesterday' }, 'receivedOn', 'Enter a date as YYYY-MM-DD.'],
    [{ receivedHow: 'telepathy' }, 'receivedHow', 'Choose how the client asked.'],
    [{ requestId: 'not-an-id' }, 'requestId', 'Not a valid record identifier.'],
    [{ extra: 'x' }, '', null],
  ])('refuses bad input %#', async (patch, path, message) => {
    await p.ok(
      'denials.saveReviewSettings',
      { official: { kind: 'staff', userId: s.b }, targetDays: 10 },
      W.owner,
    );
    const e = await p.fail(
      'denials.requestReview',
      { requestId, receivedOn: '2026-03-02', receivedHow: 'written', ...patch },
      W.desk,
    );
    expect(e.code).toBe('INVALID_INPUT');
    if (message) expect(e.fields?.find((f) => f.path === path)?.message).toBe(message);
  });

  it('is recorded by front desk, referred to the official at once, and shows in the due list', async () => {
    const review = await p.ok(
      'denials.requestReview',
      { requestId, receivedOn: '2026-03-02', receivedHow: 'written' },
      W.desk,
    );
    expect(review).toMatchObject({
      receivedOn: '2026-03-02',
      receivedHow: 'written',
      dueOn: '2026-03-12',
      recordedBy: 'Dee Deskworth',
      reviewer: { kind: 'staff', userId: s.b, name: 'Dr. Bea Reviewer' },
      deniedBy: 'Dr. Ada Denier',
      determination: null,
      urgency: null,
    });
    for (const w of [W.desk, W.owner, W.a, W.b]) {
      const due = (await p.ok('due.list', {}, w)).filter((d) => d.kind === 'denial-review');
      expect(due, w).toEqual([
        expect.objectContaining({ id: review.id, dueOn: '2026-03-12', href: `#/releases/${requestId}` }),
      ]);
    }
    // Dr. Elsewhere is not on the client's care team: the review is not theirs to see.
    expect((await p.ok('due.list', {}, W.c)).filter((d) => d.kind === 'denial-review')).toEqual([]);
    expect((await p.fail('denials.reviewsOfRelease', { requestId }, W.c)).code).not.toBe('INTERNAL');
    // Asked once per denial.
    const again = await p.fail(
      'denials.requestReview',
      { requestId, receivedOn: '2026-03-02', receivedHow: 'written' },
      W.desk,
    );
    expect(again.message).toBe('A review of this denial was already asked for.');
  });

  it('refuses the determination from the person who denied, the owner, front desk and a stranger', async () => {
    const [review] = (await p.ok('denials.reviewsOfRelease', { requestId }, W.b)).reviews;
    const input = {
      reviewId: review?.id,
      outcome: 'reversed',
      reasons: 'Synthetic',
      decidedOn: '2026-03-02',
    };
    expect((await p.fail('denials.decideReview', input, W.a)).message).toBe(
      'Only the designated reviewing official, Dr. Bea Reviewer, can record this determination.',
    );
    expect((await p.fail('denials.decideReview', input, W.owner)).code).toBe('FORBIDDEN');
    expect((await p.fail('denials.decideReview', input, W.desk)).code).toBe('FORBIDDEN');
    expect((await p.fail('denials.decideReview', input, W.c)).code).not.toBe('INTERNAL');
    expect((await p.ok('denials.reviewsOfRelease', { requestId }, W.a)).canDecide).toBe(false);
    expect((await p.ok('denials.reviewsOfRelease', { requestId }, W.b)).canDecide).toBe(true);
    expect((await p.ok('releases.get', { requestId }, W.a)).summary.status).toBe('denied');
  });

  it.each([
    [{ outcome: 'maybe' }, 'outcome'],
    [{ reasons: '' }, 'reasons'],
    [{ reasons: 'x'.repeat(4001) }, 'reasons'],
    [{ reasons: 42 }, 'reasons'],
    [{ decidedOn: '2026-02-01' }, 'decidedOn'],
    [{ reviewId: 'nope' }, 'reviewId'],
  ])('refuses a bad determination %#', async (patch, path) => {
    const [review] = (await p.ok('denials.reviewsOfRelease', { requestId }, W.b)).reviews;
    const e = await p.fail(
      'denials.decideReview',
      { reviewId: review?.id, outcome: 'reversed', reasons: 'Synthetic', decidedOn: '2026-03-02', ...patch },
      W.b,
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields?.map((f) => f.path)).toContain(path);
  });

  it('a reversal sends the request on to be approved and exported, audited', async () => {
    await laterBy(1);
    const [review] = (await p.ok('denials.reviewsOfRelease', { requestId }, W.b)).reviews;
    const decided = await p.ok(
      'denials.decideReview',
      {
        reviewId: review?.id ?? '',
        outcome: 'reversed',
        reasons:
          'Synthetic: with the client’s safety plan in place, access is not reasonably likely to endanger anyone.',
        decidedOn: '2026-03-03',
      },
      W.b,
    );
    expect(decided.determination).toMatchObject({ outcome: 'reversed', recordedBy: 'Dr. Bea Reviewer' });
    const release = await p.ok('releases.get', { requestId }, W.a);
    expect(release.summary.status).toBe('authorized');
    expect(release.reviewNote).toMatch(/Dr\. Bea Reviewer reversed the denial on review/);
    expect(release.next.canApprove).toBe(true);
    // A determination is made once.
    const again = await p.fail(
      'denials.decideReview',
      { reviewId: review?.id, outcome: 'upheld', reasons: 'Synthetic', decidedOn: '2026-03-03' },
      W.b,
    );
    expect(again.code).toBe('CONFLICT');
    // The practice follows the determination: no new denial on a reviewable ground.
    const redeny = await p.fail(
      'releases.deny',
      { requestId, ground: 'references_other_person', explanation: 'Synthetic' },
      W.a,
    );
    expect(redeny.code).toBe('CONFLICT');
    expect(redeny.message).toMatch(/reviewing official reversed the denial/);
    await p.ok('releases.approve', { requestId, selection: SELECTION }, W.a);
    const exported = await p.ok('releases.export', { requestId }, W.desk);
    expect(exported).not.toBeNull();
    expect((await p.ok('releases.get', { requestId }, W.a)).summary.status).toBe('exported');
    const audit = await p.ok('audit.list', { filter: {}, limit: 200 }, W.owner);
    const words = audit.entries.map((e) => e.summary);
    expect(words).toContain('Recorded that the reviewer reversed the denial of release to Avery Fictus');
    expect(
      audit.entries.some((e) => e.action === 'release.statusChange' && e.detail.includes('review-reversed')),
    ).toBe(true);
  });

  it('writes the notice of the determination, which stops the clock', async () => {
    const [review] = (await p.ok('denials.reviewsOfRelease', { requestId }, W.desk)).reviews;
    p.folder.next = null;
    expect(await p.ok('denials.writeReviewNotice', { reviewId: review?.id ?? '' }, W.desk)).toBeNull();
    expect((await p.ok('due.list', {}, W.desk)).some((d) => d.id === review?.id)).toBe(true);
    p.folder.next = out.path;
    const notice = await p.ok('denials.writeReviewNotice', { reviewId: review?.id ?? '' }, W.desk);
    const text = pdfText(join(out.path, notice?.folder ?? '', 'review-determination.pdf'));
    expect(text).toContain('reversed the denial');
    expect(text).toContain('Dr. Bea Reviewer');
    expect(text).toContain('safety plan in place');
    expect(text).toContain('Office for Civil Rights');
    expect(text).toContain('Avery Fictus');
    expect((await p.ok('due.list', {}, W.desk)).some((d) => d.id === review?.id)).toBe(false);
    const after = (await p.ok('denials.reviewsOfRelease', { requestId }, W.desk)).reviews[0];
    expect(after?.notice).toMatchObject({ writtenBy: 'Dee Deskworth' });
  });
});

describe('an outside reviewer', () => {
  let requestId = '';
  it('is referred the review; a staff member records the determination on their behalf', async () => {
    await p.ok('denials.saveReviewSettings', { official: OUTSIDE, targetDays: 15 }, W.owner);
    requestId = await deniedAccess();
    const review = await p.ok(
      'denials.requestReview',
      { requestId, receivedOn: '2026-03-03', receivedHow: 'oral' },
      W.desk,
    );
    expect(review).toMatchObject({
      dueOn: '2026-03-18',
      reviewer: { kind: 'outside', userId: null, name: OUTSIDE.name, contact: OUTSIDE.contact },
    });
    const input = {
      reviewId: review.id,
      outcome: 'upheld' as const,
      reasons: 'Synthetic: the reviewer agrees access is reasonably likely to endanger the client.',
      decidedOn: '2026-03-03',
    };
    expect((await p.fail('denials.decideReview', input, W.desk)).code).toBe('FORBIDDEN');
    const decided = await p.ok('denials.decideReview', input, W.owner);
    expect(decided.determination).toMatchObject({ outcome: 'upheld', recordedBy: OWNER.displayName });
    expect(decided.reviewer.name).toBe(OUTSIDE.name);
    // Upheld: the request stays denied.
    expect((await p.ok('releases.get', { requestId }, W.a)).summary.status).toBe('denied');
    const notice = await p.ok('denials.writeReviewNotice', { reviewId: review.id }, W.owner);
    const text = pdfText(join(out.path, notice?.folder ?? '', 'review-determination.pdf'));
    expect(text).toContain('upheld the denial');
    expect(text).toContain(OUTSIDE.name);
  });

  it('refuses a notice before the determination', async () => {
    const other = await deniedAccess();
    const review = await p.ok(
      'denials.requestReview',
      { requestId: other, receivedOn: '2026-03-03', receivedHow: 'written' },
      W.desk,
    );
    expect((await p.fail('denials.writeReviewNotice', { reviewId: review.id }, W.desk)).code).toBe(
      'CONFLICT',
    );
  });
});

describe('after a restart', () => {
  it('keeps the reviews and their clocks, and the overdue one comes first', async () => {
    await p.core.shutdown();
    p = p.restart();
    p.folder.next = out.path;
    await laterBy(20);
    const due = (await p.ok('due.list', {}, W.owner)).filter((d) => d.kind === 'denial-review');
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ urgency: 'overdue', dueOn: '2026-03-18' });
    const settings = await p.ok('denials.reviewSettings', {}, W.owner);
    expect(settings.official).toMatchObject({ kind: 'outside', name: OUTSIDE.name });
  });

  it('refuses a window that is not signed in', async () => {
    expect((await p.fail('denials.reviewSettings', {}, 'w-nobody')).code).toBe('NOT_SIGNED_IN');
    expect((await p.fail('due.list', {}, 'w-nobody')).code).toBe('NOT_SIGNED_IN');
  });
});
