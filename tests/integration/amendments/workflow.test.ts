// Amendment requests from the desk to the letter (45 CFR 164.526; issue 19), through the router as
// the renderer calls it: the records a person may name, the clock and its one extension, who may
// decide, acceptance linked to the record (the original untouched), denial with its four-part
// letter, the statement and rebuttal, whom to tell (from the disclosure log) and their notices, the
// due list per role, and the same rules after a restart.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amendmentsForRelease } from '../../../main/core/amendments/index.ts';
import { readDb } from '../../../main/core/context.ts';
import { verifyFolder } from '../../../main/core/releases/index.ts';
import { STATEMENT_MAX, type AuditAction, type Input } from '../../../preload/contract.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import {
  makePractice,
  OWNER,
  PRACTICE,
  signedInStaff,
  type TestPractice,
} from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { hipaaAuthorization, pdfText, thirdParty } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const W = { owner: 'w1', a: 'w-a', b: 'w-b', c: 'w-c', desk: 'w-desk' };
const DAY = 86_400_000;
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const out = tempDir('stillwater-amend-');
let p: TestPractice;
let a: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
let x: string;
let y: string;
let n1: string;
let n2: string;
let pn: string;
let other: string;

type Create = Input<'amendments.create'>;
const request = (over: Partial<Create> = {}): Create => ({
  clientId: x,
  receivedOn: '2026-03-01',
  requestText: 'Synthetic: the note says I missed a week of work; I did not.',
  records: [{ itemKind: 'note', recordId: n1 }],
  includeIfDenied: false,
  notify: [],
  ...over,
});

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Author', W.a);
  const b = await signedInStaff(p, 'clinician', 'Dr. Bo Colleague', W.b);
  await signedInStaff(p, 'clinician', 'Dr. Cy Elsewhere', W.c);
  desk = await signedInStaff(p, 'front_desk', 'Dee Desk', W.desk);
  x = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
  y = (await p.ok('clients.create', adultClient(a.id, { legalFirstName: 'Blair' }), W.desk)).id;
  await p.ok('clients.addCareTeamMember', { clientId: x, userId: b.id }, W.a);
  n1 = await signedNote(p, W.a, x, '2026-01-12', 'heron');
  n2 = await signedNote(p, W.b, x, '2026-01-19', 'kestrel');
  pn = await signedNote(p, W.a, x, '2026-01-12', 'osprey', {
    kind: 'psychotherapy',
    template: 'free',
    sections: { note: 'Synthetic: process.', plan: 'Synthetic: weekly.' },
  });
  other = await signedNote(p, W.a, y, '2026-01-13', 'plover');
});
afterAll(async () => {
  await p.close();
  out.remove();
});

const actions = async (): Promise<string[]> =>
  (await readDb(p.core.ctx).selectFrom('audit_log').select('action').orderBy('seq').execute()).map(
    (r) => r.action,
  );

describe('the records a request may name', () => {
  it('offers front desk the identification and the sessions, never clinical records', async () => {
    const list = await p.ok('amendments.records', { clientId: x }, W.desk);
    expect(list.map((r) => r.itemKind).sort()).toEqual(['demographics', 'note', 'note']);
    expect(list.find((r) => r.recordId === n1)?.label).toBe('Session note of Jan 12, 2026 (Dr. Ada Author)');
  });

  it('never offers a psychotherapy note, not even to its author (164.501: outside the record set)', async () => {
    const list = await p.ok('amendments.records', { clientId: x }, W.a);
    expect(list.map((r) => r.recordId)).toContain(n1);
    expect(list.map((r) => r.recordId)).not.toContain(pn);
    const e = await p.fail(
      'amendments.create',
      request({ records: [{ itemKind: 'note', recordId: pn }] }),
      W.a,
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('psychotherapy notes are not part of it');
  });

  it("refuses another client's record and an unknown one, writing nothing", async () => {
    const before = (await actions()).length;
    for (const recordId of [other, '00000000-0000-4000-8000-000000000000'])
      expect(
        (await p.fail('amendments.create', request({ records: [{ itemKind: 'note', recordId }] }), W.a)).code,
      ).toBe('INVALID_INPUT');
    // The demographics of one client cannot be named on another's chart.
    expect(
      (
        await p.fail(
          'amendments.create',
          request({ records: [{ itemKind: 'demographics', recordId: y }] }),
          W.desk,
        )
      ).code,
    ).toBe('INVALID_INPUT');
    expect((await actions()).length).toBe(before);
  });
});

describe('the clock', () => {
  it('is due 60 days after receipt, shown as received, and audited', async () => {
    const r = await p.ok('amendments.create', request({ receivedOn: '2026-02-20' }), W.desk);
    expect(r).toMatchObject({
      dueOn: '2026-04-21',
      clock: 'received',
      status: 'open',
      recordedBy: 'Dee Desk',
    });
    expect(r.records).toEqual([
      { itemKind: 'note', recordId: n1, label: 'Session note of Jan 12, 2026 (Dr. Ada Author)' },
    ]);
    expect((await actions()).at(-1)).toBe('amendment.record');
  });

  it('takes one 30-day extension given within the first 60 days, and no second one', async () => {
    const r = await p.ok('amendments.create', request({ receivedOn: '2026-02-01' }), W.desk);
    expect(
      (
        await p.fail(
          'amendments.extend',
          { requestId: r.id, reason: 'Synthetic: away.', notifiedOn: '2026-01-31' },
          W.desk,
        )
      ).message,
    ).toBe('The client cannot have been told before the request was received.');
    const extended = await p.ok(
      'amendments.extend',
      { requestId: r.id, reason: 'Synthetic: the author is on leave.', notifiedOn: '2026-03-02' },
      W.desk,
    );
    expect(extended).toMatchObject({
      clock: 'extended',
      dueOn: '2026-05-02',
      extension: {
        reason: 'Synthetic: the author is on leave.',
        notifiedOn: '2026-03-02',
        newDueOn: '2026-05-02',
      },
    });
    // Front desk, who tracks the clock, writes the letter that tells the client (no clinical content).
    const letter = await p.ok('amendments.writeLetter', { requestId: r.id, kind: 'extension' }, W.desk);
    const text = pdfText(join(out.path, letter?.folder ?? '', 'amendment-extension.pdf')).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('Synthetic: the author is on leave.');
    expect(text).toContain('by May 2, 2026');
    const again = await p.fail(
      'amendments.extend',
      { requestId: r.id, reason: 'Synthetic: again.', notifiedOn: '2026-03-02' },
      W.a,
    );
    expect(again.message).toBe('The one extension the rule allows has already been given.');
  });

  it('refuses an extension once the 60 days have run out, and shows the request overdue', async () => {
    const r = await p.ok('amendments.create', request({ receivedOn: '2025-12-15' }), W.desk);
    expect(r).toMatchObject({ dueOn: '2026-02-13', clock: 'overdue' });
    const e = await p.fail(
      'amendments.extend',
      { requestId: r.id, reason: 'Synthetic: late.', notifiedOn: '2026-02-10' },
      W.desk,
    );
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('within the first 60 days (by 2026-02-13)');
    expect(
      (await p.fail('amendments.writeLetter', { requestId: r.id, kind: 'extension' }, W.desk)).code,
    ).toBe('CONFLICT');
  });
});

describe('who decides', () => {
  it('refuses front desk, a clinician off the caseload, and a care-team colleague who wrote none of it', async () => {
    const r = await p.ok('amendments.create', request(), W.desk);
    const accept = { requestId: r.id, amendmentText: 'Synthetic: corrected.' };
    expect((await p.fail('amendments.accept', accept, W.desk)).code).toBe('FORBIDDEN');
    expect((await p.fail('amendments.accept', accept, W.c)).code).toBe('FORBIDDEN');
    const colleague = await p.fail('amendments.accept', accept, W.b);
    expect(colleague.message).toBe(
      'Only the author of these records, the client’s primary clinician or the practice owner can decide this request.',
    );
    expect((await p.ok('amendments.list', { clientId: x }, W.b)).find((v) => v.id === r.id)?.mayDecide).toBe(
      false,
    );
    expect((await actions()).slice(-2)).toEqual(['access.denied', 'amendment.list']);
  });

  it('lets the author of every record named, the primary clinician and the owner decide', async () => {
    const byAuthor = await p.ok(
      'amendments.create',
      request({ records: [{ itemKind: 'note', recordId: n2 }] }),
      W.desk,
    );
    expect(
      (
        await p.ok(
          'amendments.deny',
          { requestId: byAuthor.id, basis: 'accurate_complete', explanation: 'Synthetic.' },
          W.b,
        )
      ).decision,
    ).toMatchObject({ decidedAs: 'author', decidedBy: 'Dr. Bo Colleague' });
    const byPrimary = await p.ok(
      'amendments.create',
      request({ records: [{ itemKind: 'note', recordId: n2 }] }),
      W.desk,
    );
    expect(
      (await p.ok('amendments.accept', { requestId: byPrimary.id, amendmentText: 'Synthetic.' }, W.a))
        .decision?.decidedAs,
    ).toBe('primary');
    const byOwner = await p.ok('amendments.create', request(), W.desk);
    expect(
      (
        await p.ok(
          'amendments.deny',
          { requestId: byOwner.id, basis: 'not_created_here', explanation: 'Synthetic.' },
          W.owner,
        )
      ).decision?.decidedAs,
    ).toBe('custodian');
  });
});

describe('an accepted amendment', () => {
  let id: string;
  it('is linked to the record, which stays exactly as signed', async () => {
    const before = await p.ok('notes.get', { noteId: n1 }, W.a);
    id = (
      await p.ok(
        'amendments.create',
        request({
          notify: [
            { name: 'Dr. Example Named, Sample Clinic', address: '4 Sample Lane, Springfield, OR 97401' },
          ],
        }),
        W.desk,
      )
    ).id;
    const v = await p.ok(
      'amendments.accept',
      { requestId: id, amendmentText: 'Synthetic: the client missed no work that week.' },
      W.a,
    );
    expect(v).toMatchObject({ status: 'accepted', clock: 'decided' });
    const after = await p.ok('notes.get', { noteId: n1 }, W.a);
    expect(after.sections).toEqual(before.sections);
    expect(after.contentHash).toBe(before.contentHash);
    const linked = await p.ok('amendments.ofRecord', { clientId: x, itemKind: 'note', recordId: n1 }, W.a);
    expect(linked.find((l) => l.requestId === id)).toMatchObject({
      amendmentText: 'Synthetic: the client missed no work that week.',
      decidedBy: 'Dr. Ada Author',
    });
    expect(
      await amendmentsForRelease(readDb(p.core.ctx), x, [{ itemKind: 'note', recordId: n1 }]),
    ).toContainEqual(expect.objectContaining({ requestId: id, outcome: 'accepted' }));
  });

  it('is final: a second decision is refused', async () => {
    const e = await p.fail(
      'amendments.deny',
      { requestId: id, basis: 'accurate_complete', explanation: 'Synthetic.' },
      W.a,
    );
    expect(e.code).toBe('CONFLICT');
  });

  it('shows front desk that it was accepted, never the text appended to the clinical record', async () => {
    const v = (await p.ok('amendments.list', { clientId: x }, W.desk)).find((r) => r.id === id);
    expect(v?.decision).toMatchObject({ outcome: 'accepted', amendmentText: null });
    expect(
      (await p.fail('amendments.ofRecord', { clientId: x, itemKind: 'note', recordId: n1 }, W.desk)).code,
    ).toBe('FORBIDDEN');
  });

  it('proposes the people the client named and every recipient of the record in the disclosure log', async () => {
    const r = await p.ok('releases.create', thirdParty(x), W.desk);
    await p.ok(
      'releases.addAuthorization',
      hipaaAuthorization(r.summary.id, { recordTypes: ['progress_notes'] }),
      W.desk,
    );
    await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk);
    await p.ok(
      'releases.approve',
      {
        requestId: r.summary.id,
        selection: {
          recordTypes: ['progress_notes'],
          from: '2026-01-01',
          to: '2026-02-28',
          includePart2: false,
        },
      },
      W.a,
    );
    p.folder.next = out.path;
    expect(await p.ok('releases.export', { requestId: r.summary.id }, W.desk)).not.toBeNull();
    const proposed = await p.ok('amendments.proposeNotices', { requestId: id }, W.a);
    expect(proposed).toEqual([
      {
        name: 'Dr. Example Named, Sample Clinic',
        address: '4 Sample Lane, Springfield, OR 97401',
        source: 'client',
        disclosureId: null,
        disclosedOn: null,
      },
      expect.objectContaining({
        name: 'Dr. Example Receiver, Sample Family Medicine',
        source: 'disclosure_log',
        disclosedOn: '2026-03-02',
      }),
    ]);
    expect((await p.fail('amendments.proposeNotices', { requestId: id }, W.desk)).code).toBe('FORBIDDEN');
  });

  it('records the list the client agreed to once, and writes one notice per recipient and the letter to the client', async () => {
    const proposed = await p.ok('amendments.proposeNotices', { requestId: id }, W.a);
    const agreed = await p.ok(
      'amendments.agreeNotices',
      {
        requestId: id,
        agreedOn: '2026-03-02',
        recipients: proposed.map(({ disclosedOn: _d, ...n }) => ({ ...n, address: n.address ?? undefined })),
      },
      W.a,
    );
    expect(agreed.notices.map((n) => n.name)).toEqual(proposed.map((n) => n.name));
    expect(
      (
        await p.fail(
          'amendments.agreeNotices',
          { requestId: id, agreedOn: '2026-03-02', recipients: [] },
          W.a,
        )
      ).code,
    ).toBe('CONFLICT');
    for (const n of agreed.notices) {
      const written = await p.ok(
        'amendments.writeLetter',
        { requestId: id, kind: 'notice', noticeId: n.id },
        W.a,
      );
      const dir = join(out.path, written?.folder ?? '');
      expect(verifyFolder(dir).ok).toBe(true);
      const text = pdfText(join(dir, 'amendment-notice.pdf'));
      expect(text).toContain(n.name.split(',')[0] ?? '');
      expect(text).toContain('Synthetic: the client missed no work that week.');
    }
    const letter = await p.ok('amendments.writeLetter', { requestId: id, kind: 'acceptance' }, W.a);
    const text = pdfText(join(out.path, letter?.folder ?? '', 'amendment-accepted.pdf'));
    expect(text).toContain('We have accepted it');
    expect(text).toContain('Dr. Example Receiver');
    const v = (await p.ok('amendments.list', { clientId: x }, W.a)).find((r) => r.id === id);
    expect(v?.notices.every((n) => n.letterWritten)).toBe(true);
    expect(v?.letters.map((l) => l.kind)).toEqual(['notice', 'notice', 'acceptance']);
    // A cancelled folder picker writes and records nothing.
    p.folder.next = null;
    expect(await p.ok('amendments.writeLetter', { requestId: id, kind: 'acceptance' }, W.a)).toBeNull();
    p.folder.next = out.path;
  });
});

describe('a denied amendment', () => {
  let id: string;
  it('writes a denial letter with the basis, the right to disagree, the request-with-disclosures choice and how to complain', async () => {
    id = (await p.ok('amendments.create', request(), W.desk)).id;
    await p.ok(
      'amendments.deny',
      {
        requestId: id,
        basis: 'accurate_complete',
        explanation: 'Synthetic: the note records what was said in session.',
      },
      W.a,
    );
    expect((await p.fail('amendments.writeLetter', { requestId: id, kind: 'denial' }, W.desk)).code).toBe(
      'FORBIDDEN',
    );
    const written = await p.ok('amendments.writeLetter', { requestId: id, kind: 'denial' }, W.a);
    const text = pdfText(join(out.path, written?.folder ?? '', 'amendment-denial.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain(
      'The record is accurate and complete. Synthetic: the note records what was said in session.',
    );
    expect(text).toContain('statement disagreeing with this decision');
    expect(text).toContain(`${STATEMENT_MAX.toLocaleString('en-US')} characters`);
    expect(text).toContain('ask us to include your request and this letter');
    expect(text).toContain(PRACTICE.privacyContact);
    expect(text).toContain('(555) 010-2000');
    expect(text).toContain('Office for Civil Rights');
    expect(text).toContain('12 Sample Street');
  });

  it('takes the statement of disagreement at the desk, within its limit, once', async () => {
    const long = { requestId: id, text: 'x'.repeat(STATEMENT_MAX + 1), filedOn: '2026-03-02' };
    expect((await p.fail('amendments.recordStatement', long, W.desk)).code).toBe('INVALID_INPUT');
    const v = await p.ok(
      'amendments.recordStatement',
      { requestId: id, text: 'Synthetic: I disagree; I worked every day.', filedOn: '2026-03-02' },
      W.desk,
    );
    expect(v.statement).toEqual({
      text: 'Synthetic: I disagree; I worked every day.',
      filedOn: '2026-03-02',
    });
    expect(
      (
        await p.fail(
          'amendments.recordStatement',
          { requestId: id, text: 'Again.', filedOn: '2026-03-02' },
          W.desk,
        )
      ).code,
    ).toBe('CONFLICT');
  });

  it('lets only a decider write the rebuttal, and sends the client a copy', async () => {
    const rebuttal = {
      requestId: id,
      text: 'Synthetic: the note quotes the client.',
      writtenOn: '2026-03-02',
    };
    expect((await p.fail('amendments.recordRebuttal', rebuttal, W.b)).code).toBe('FORBIDDEN');
    expect((await p.fail('amendments.writeLetter', { requestId: id, kind: 'rebuttal' }, W.a)).code).toBe(
      'CONFLICT',
    );
    const v = await p.ok('amendments.recordRebuttal', rebuttal, W.a);
    expect(v.rebuttal).toEqual({
      text: 'Synthetic: the note quotes the client.',
      writtenOn: '2026-03-02',
      by: 'Dr. Ada Author',
    });
    expect(
      (await p.ok('amendments.list', { clientId: x }, W.desk)).find((r) => r.id === id)?.rebuttal?.text,
    ).toBeNull();
    const written = await p.ok('amendments.writeLetter', { requestId: id, kind: 'rebuttal' }, W.a);
    expect(pdfText(join(out.path, written?.folder ?? '', 'amendment-rebuttal.pdf'))).toContain(
      'Synthetic: the note quotes the client.',
    );
    const found = await amendmentsForRelease(readDb(p.core.ctx), x, [{ itemKind: 'note', recordId: n1 }]);
    expect(found.find((f) => f.requestId === id)).toMatchObject({
      statement: { filedOn: '2026-03-02' },
      rebuttal: { writtenOn: '2026-03-02' },
    });
  });

  it('goes with disclosures without a statement only once the client asks', async () => {
    const r = (await p.ok('amendments.create', request(), W.desk)).id;
    await p.ok(
      'amendments.deny',
      { requestId: r, basis: 'accurate_complete', explanation: 'Synthetic.' },
      W.a,
    );
    const db = readDb(p.core.ctx);
    const travelling = async () =>
      (await amendmentsForRelease(db, x, [{ itemKind: 'note', recordId: n1 }])).some(
        (f) => f.requestId === r,
      );
    expect(await travelling()).toBe(false);
    expect(
      (await p.ok('amendments.setInclude', { requestId: r, include: true, askedOn: '2026-03-02' }, W.desk))
        .includeIfDenied,
    ).toBe(true);
    expect(await travelling()).toBe(true);
  });
});

describe('the audit log', () => {
  it('words every step of a request, naming the client and never the text', async () => {
    const words = async (action: AuditAction) =>
      (await p.ok('audit.list', { filter: { action }, limit: 50 }, W.owner)).entries.map((e) => e.summary);
    expect(await words('amendment.record')).toContain(
      'Recorded a request of Avery Fictus to amend their record',
    );
    expect(await words('amendment.extend')).toContain(
      'Extended the deadline of an amendment request of Avery Fictus',
    );
    expect(await words('amendment.accept')).toContain('Accepted an amendment request of Avery Fictus');
    expect(await words('amendment.deny')).toContain('Denied an amendment request of Avery Fictus');
    expect(await words('amendment.statement')).toContain(
      'Recorded a statement of disagreement of Avery Fictus',
    );
    expect(await words('amendment.rebuttal')).toContain(
      'Wrote a rebuttal to a statement of disagreement of Avery Fictus',
    );
    expect(await words('amendment.notifyAgreed')).toContain(
      'Recorded whom Avery Fictus agreed should be told of an amendment',
    );
    expect(await words('amendment.letter')).toContain(
      'Saved the denial letter about an amendment request of Avery Fictus',
    );
    expect(await words('amendment.view')).toContain(
      'Viewed the records of Avery Fictus that an amendment request may name',
    );
    const all = await readDb(p.core.ctx)
      .selectFrom('audit_log')
      .select('detail')
      .where('action', 'like', 'amendment.%')
      .execute();
    for (const { detail } of all) expect(detail).not.toMatch(/Synthetic/);
  });
});

describe('bad input', () => {
  it('refuses wrong types, missing fields, unknown fields and huge text, writing nothing', async () => {
    const before = (await actions()).length;
    const bad: unknown[] = [
      { ...request(), clientId: 42 },
      { ...request(), records: 'all' },
      { ...request(), records: [] },
      { ...request(), records: [{ itemKind: 'psychotherapy', recordId: n1 }] },
      { ...request(), requestText: '' },
      { ...request(), requestText: 'x'.repeat(100_000) },
      { ...request(), receivedOn: '03/01/2026' },
      { ...request(), receivedOn: '2999-01-01' },
      { ...request(), includeIfDenied: 'yes' },
      { ...request(), extra: true },
      { clientId: x },
    ];
    for (const input of bad)
      expect((await p.fail('amendments.create', input, W.desk)).code).toBe('INVALID_INPUT');
    expect(
      (await p.fail('amendments.deny', { requestId: n1, basis: 'because', explanation: 'x' }, W.a)).code,
    ).toBe('INVALID_INPUT');
    expect((await p.fail('amendments.writeLetter', { requestId: n1, kind: 'invoice' }, W.a)).code).toBe(
      'INVALID_INPUT',
    );
    expect((await actions()).length).toBe(before);
  });

  it('refuses everything without a session', async () => {
    expect((await p.fail('amendments.list', { clientId: x }, 'w-nobody')).code).toBe('NOT_SIGNED_IN');
    expect((await p.fail('amendments.create', request(), 'w-nobody')).code).toBe('NOT_SIGNED_IN');
  });
});

describe('the due list', () => {
  it('shows a clinician their caseload, and the owner and front desk every open request', async () => {
    const theirs = await p.ok(
      'amendments.create',
      request({ clientId: y, records: [{ itemKind: 'demographics', recordId: y }] }),
      W.desk,
    );
    const ids = async (w: string) =>
      (await p.ok('due.list', {}, w)).filter((d) => d.kind === 'amendment').map((d) => d.id);
    expect(await ids(W.owner)).toContain(theirs.id);
    expect(await ids(W.desk)).toContain(theirs.id);
    expect(await ids(W.a)).toContain(theirs.id);
    expect(await ids(W.b)).not.toContain(theirs.id);
    expect(await ids(W.c)).toEqual([]);
  });
});

describe('after a restart', () => {
  it('keeps the request, its clock and its extension, and the same rules apply', async () => {
    const r = await p.ok('amendments.create', request({ receivedOn: '2026-02-25' }), W.desk);
    await p.ok(
      'amendments.extend',
      { requestId: r.id, reason: 'Synthetic: records off site.', notifiedOn: '2026-03-01' },
      W.desk,
    );
    await p.core.shutdown();
    p = p.restart();
    await p.signIn(OWNER.username, OWNER.password, W.owner);
    await p.signIn(a.username, a.password, W.a);
    const v = (await p.ok('amendments.list', { clientId: x }, W.a)).find((l) => l.id === r.id);
    expect(v).toMatchObject({ clock: 'extended', dueOn: '2026-05-26' });
    expect(
      (
        await p.fail(
          'amendments.extend',
          { requestId: r.id, reason: 'Synthetic: again.', notifiedOn: '2026-03-02' },
          W.a,
        )
      ).code,
    ).toBe('CONFLICT');
    expect(
      (await p.ok('amendments.accept', { requestId: r.id, amendmentText: 'Synthetic: after restart.' }, W.a))
        .status,
    ).toBe('accepted');
  });
});

describe("the practice's state-law deadlines", () => {
  it('set the due date and the extension of requests recorded from then on, and the letters carry the state notice', async () => {
    await p.signIn(desk.username, desk.password, W.desk);
    const before = await p.ok('amendments.create', request({ receivedOn: '2026-03-01' }), W.desk);
    await p.ok(
      'practice.updateStateLaw',
      {
        deadlines: {
          accessDays: 30,
          accessExtensionDays: 30,
          amendmentDays: 30,
          amendmentExtensionDays: 15,
          accountingDays: 60,
          accountingExtensionDays: 30,
        },
        stateNotice: 'Synthetic state notice: Example State Board of Behavioral Health, 1-555-010-0000.',
      },
      W.owner,
    );
    const after = await p.ok('amendments.create', request({ receivedOn: '2026-03-01' }), W.desk);
    expect(after.dueOn).toBe('2026-03-31');
    // A date the client was already given never moves.
    expect(
      (await p.ok('amendments.list', { clientId: x }, W.desk)).find((v) => v.id === before.id)?.dueOn,
    ).toBe('2026-04-30');
    const extended = await p.ok(
      'amendments.extend',
      { requestId: after.id, reason: 'Synthetic: records off site.', notifiedOn: '2026-03-02' },
      W.desk,
    );
    expect(extended.dueOn).toBe('2026-04-15');
    await p.ok(
      'amendments.deny',
      { requestId: after.id, basis: 'not_open_to_access', explanation: 'Synthetic.' },
      W.a,
    );
    const written = await p.ok('amendments.writeLetter', { requestId: after.id, kind: 'denial' }, W.a);
    expect(
      pdfText(join(out.path, written?.folder ?? '', 'amendment-denial.pdf')).replace(/\s+/g, ' '),
    ).toContain('Example State Board of Behavioral Health');
  });
});

// Last: moving the clock two months on locks every session.
describe('a request left unanswered', () => {
  it('turns an open request overdue the day after its due date, and lists it first on the due list', async () => {
    await p.signIn(desk.username, desk.password, W.desk);
    const r = await p.ok('amendments.create', request({ receivedOn: '2026-03-02' }), W.desk);
    expect(r.clock).toBe('received');
    await clock.advance(61 * DAY);
    // Two months idle locked every window: front desk signs in again.
    await p.signIn(desk.username, desk.password, W.desk);
    const later = (await p.ok('amendments.list', { clientId: x }, W.desk)).find((v) => v.id === r.id);
    expect(later?.clock).toBe('overdue');
    const due = await p.ok('due.list', {}, W.desk);
    const mine = due.filter((d) => d.kind === 'amendment');
    expect(mine.find((d) => d.id === r.id)).toMatchObject({
      urgency: 'overdue',
      href: `#/clients/${x}/rights`,
    });
  });
});
