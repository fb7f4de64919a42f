// Restriction requests (45 CFR 164.522(a)): recorded, agreed or declined (a self-pay restriction
// cannot be declined), ended (by the client, or by the practice only for later records and never
// for self-pay); an agreed restriction keeps its records out of a release to its recipient or for
// its purpose on every path (preview, approval, export, after a restart), as every role, with the
// exceptions (emergency treatment, disclosures the law requires) recorded.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '../../../preload/contract.ts';
import type { CreateReleaseInput, Selection } from '../../../preload/contract/releases.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { packageText } from '../../helpers/package-check.ts';
import { hipaaAuthorization, thirdParty } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const out = tempDir('stillwater-restrictions-');
const W = { a: 'w-a', b: 'w-b', c: 'w-c', desk: 'w-desk', owner: 'w-owner' };
const MARK = { jan: 'Bramblewick', jan2: 'Fernhollow', feb: 'Glimmerdale' };
const NOTES: Selection = {
  recordTypes: ['progress_notes'],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};
const PLAN = { name: 'Example Health Plan', address: '77 Example Parkway, Springfield, OR 97401' };
const FAMILY = thirdParty('x').details as Extract<CreateReleaseInput['details'], { kind: 'third_party' }>;

let p: TestPractice;
let a: { id: string; username: string; password: string };
let b: { id: string; username: string; password: string };
let c: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };

async function signInAll() {
  await p.signIn(OWNER.username, OWNER.password, W.owner);
  for (const [u, w] of [
    [a, W.a],
    [b, W.b],
    [c, W.c],
    [desk, W.desk],
  ] as const)
    await p.signIn(u.username, u.password, w);
}

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  await p.signIn(OWNER.username, OWNER.password, W.owner);
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Primary', W.a);
  b = await signedInStaff(p, 'clinician', 'Dr. Basil Careteam', W.b);
  c = await signedInStaff(p, 'clinician', 'Dr. Cora Elsewhere', W.c);
  desk = await signedInStaff(p, 'front_desk', 'Dee Deskworth', W.desk);
});
afterAll(async () => {
  await p.close();
  out.remove();
});

/** A client of Dr. Primary's (Dr. Careteam on the care team) with three signed notes. */
async function chart(): Promise<{ clientId: string; notes: string[] }> {
  const clientId = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
  await p.ok('clients.addCareTeamMember', { clientId, userId: b.id }, W.a);
  const notes = [
    await signedNote(p, W.a, clientId, '2026-01-12', MARK.jan),
    await signedNote(p, W.a, clientId, '2026-01-26', MARK.jan2),
    await signedNote(p, W.a, clientId, '2026-02-09', MARK.feb),
  ];
  return { clientId, notes };
}

type Details = CreateReleaseInput['details'];
const toPlan = (over: Record<string, unknown> = {}): Details => ({
  kind: 'third_party',
  receivedOn: '2026-02-20',
  requesterName: 'Example Health Plan claims unit',
  recipient: PLAN,
  recipientIsHealthPlan: true,
  purpose: 'Claims review',
  purposeCategory: 'payment',
  verification: { method: 'signed_request_on_file' },
  ...over,
});
const toFamily = (): Details => ({ ...FAMILY, recipientIsHealthPlan: false, purposeCategory: 'treatment' });

/** A third-party release, authorized and ready for review. */
async function release(clientId: string, details: Details): Promise<string> {
  const r = await p.ok('releases.create', { clientId, details }, W.desk);
  if (details.kind === 'third_party') {
    await p.ok(
      'releases.addAuthorization',
      hipaaAuthorization(r.summary.id, {
        recipientName: details.recipient.name,
        recipientAddress: details.recipient.address,
        purpose: details.purpose,
        recordTypes: ['progress_notes', 'addenda'],
      }),
      W.desk,
    );
  }
  await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk);
  return r.summary.id;
}

const selfPay = (clientId: string): Input<'restrictions.record'> => ({
  clientId,
  receivedOn: '2026-01-05',
  request: 'Synthetic: I paid for January myself; do not send those sessions to my insurer.',
  selfPay: true,
  scope: { recordTypes: [], from: '2026-01-01', to: '2026-01-31', noteIds: [] },
  recipient: { kind: 'health_plan' },
  purposes: ['payment', 'operations'],
});

const noteMarks = (text: string) => Object.values(MARK).filter((m) => text.includes(m));
const previewText = (pv: { document: { sections: { blocks: { text: string }[] }[] } }) =>
  pv.document.sections.flatMap((s) => s.blocks.map((x) => x.text)).join('\n');

async function exported(requestId: string, window = W.desk): Promise<string> {
  const pkg = await p.ok('releases.export', { requestId }, window);
  return packageText(join(out.path, pkg?.packageName ?? ''));
}

async function auditSummaries(action: Input<'audit.list'>['filter']['action'], clientId?: string) {
  const page = await p.ok('audit.list', { filter: { action, clientId }, limit: 100 }, W.owner);
  return page.entries.map((e) => e.summary);
}

describe('a self-pay restriction (164.522(a)(1)(vi))', () => {
  let clientId: string;
  let id: string;
  beforeAll(async () => {
    ({ clientId } = await chart());
  });

  it('is recorded by front desk, listed for the chart, and audited', async () => {
    const r = await p.ok('restrictions.record', selfPay(clientId), W.desk);
    id = r.id;
    expect(r.status).toBe('requested');
    expect(r.summary).toBe(
      'All records from Jan 1, 2026 to Jan 31, 2026 (care paid in full out of pocket): not to a health plan for payment or health care operations',
    );
    const list = await p.ok('restrictions.list', { clientId }, W.desk);
    expect(list.restrictions.map((x) => x.id)).toEqual([id]);
    expect(list.mayDecide).toBe(false);
    expect(list.mayNameNotes).toBe(false);
    expect(await auditSummaries('restriction.record', clientId)).toEqual([
      'Recorded a restriction request of Avery Fictus',
    ]);
  });

  it('is not enforced before it is agreed', async () => {
    const rid = await release(clientId, toPlan());
    const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, W.a);
    expect(noteMarks(previewText(pv))).toEqual([MARK.jan, MARK.jan2, MARK.feb]);
  });

  it('cannot be declined, by anyone; front desk and a care-team clinician cannot decide at all', async () => {
    for (const w of [W.owner, W.a]) {
      const e = await p.fail(
        'restrictions.decide',
        { restrictionId: id, decision: 'decline', decidedOn: '2026-03-02', reason: 'We bill all visits.' },
        w,
      );
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/^A self-pay restriction cannot be declined\. .*164\.522\(a\)\(1\)\(vi\)/);
    }
    const agree = { restrictionId: id, decision: 'agree' as const, decidedOn: '2026-03-02' };
    expect((await p.fail('restrictions.decide', agree, W.desk)).code).toBe('FORBIDDEN');
    expect((await p.fail('restrictions.decide', agree, W.b)).code).toBe('FORBIDDEN');
    expect((await p.fail('restrictions.decide', agree, W.c)).code).toBe('FORBIDDEN');
    expect((await p.ok('restrictions.list', { clientId }, W.a)).restrictions[0]?.status).toBe('requested');
  });

  it('is agreed by the primary clinician, once', async () => {
    const r = await p.ok(
      'restrictions.decide',
      { restrictionId: id, decision: 'agree', decidedOn: '2026-03-02' },
      W.a,
    );
    expect(r.status).toBe('agreed');
    expect(r.decision).toEqual({ on: '2026-03-02', by: 'Dr. Ada Primary', reason: null });
    const again = await p.fail(
      'restrictions.decide',
      { restrictionId: id, decision: 'agree', decidedOn: '2026-03-02' },
      W.owner,
    );
    expect(again.code).toBe('CONFLICT');
  });

  it('keeps January out of a release to the health plan: preview, approval, export, as every role', async () => {
    const rid = await release(clientId, toPlan());
    for (const w of [W.a, W.b, W.owner]) {
      const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, w);
      expect(noteMarks(previewText(pv))).toEqual([MARK.feb]);
      expect(pv.withheld).toContainEqual({
        what: '2 records under the restriction agreed on Mar 2, 2026',
        reason: expect.stringMatching(
          /^The practice agreed to the client’s restriction: All records from Jan 1, 2026 to Jan 31, 2026 \(care paid in full out of pocket\): not to a health plan for payment or health care operations \(45 CFR 164\.522\(a\)\(1\)\(vi\)\)\. Left out: Progress note of Jan 12, 2026; Progress note of Jan 26, 2026\.$/,
        ) as string,
      });
    }
    const approved = await p.ok('releases.approve', { requestId: rid, selection: NOTES }, W.owner);
    expect(approved.summary.status).toBe('approved');
    const sent = await exported(rid);
    expect(noteMarks(sent)).toEqual([MARK.feb]);
  });

  it('does not touch a release to someone else, or for treatment', async () => {
    const rid = await release(clientId, toFamily());
    const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, W.b);
    expect(noteMarks(previewText(pv))).toEqual([MARK.jan, MARK.jan2, MARK.feb]);
    expect(pv.withheld.some((w) => w.what.includes('restriction'))).toBe(false);
    const treatment = await release(
      clientId,
      toPlan({ purpose: 'Care coordination', purposeCategory: 'treatment' }),
    );
    const pt = await p.ok('releases.preview', { requestId: treatment, selection: NOTES }, W.a);
    expect(noteMarks(previewText(pt))).toEqual([MARK.jan, MARK.jan2, MARK.feb]);
  });

  it('covers a request that does not say whether its recipient is a health plan (taken before restrictions)', async () => {
    const rid = await release(
      clientId,
      toPlan({ recipientIsHealthPlan: undefined, purposeCategory: undefined }),
    );
    const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, W.a);
    expect(noteMarks(previewText(pv))).toEqual([MARK.feb]);
    expect(pv.withheld.find((w) => w.what.includes('restriction'))?.reason).toMatch(
      /The request does not say whether the recipient is a health plan or what the records are for, so it is treated as covered\. Left out: Progress note of Jan 12, 2026; Progress note of Jan 26, 2026\.$/,
    );
  });

  it('cannot be ended by the practice, only by the client', async () => {
    const e = await p.fail(
      'restrictions.terminate',
      { restrictionId: id, how: 'practice_notice', on: '2026-03-02', note: 'Letter mailed to the client.' },
      W.owner,
    );
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/^The practice cannot end a self-pay restriction; only the client can\./);
    const ended = await p.ok(
      'restrictions.terminate',
      {
        restrictionId: id,
        how: 'client_written',
        on: '2026-03-02',
        note: 'Synthetic: the client’s signed letter.',
      },
      W.a,
    );
    expect(ended.status).toBe('terminated');
    expect(ended.effect).toMatch(/^Ended on Mar 2, 2026 at the client’s request/);
    const rid = await release(clientId, toPlan());
    const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, W.a);
    expect(noteMarks(previewText(pv))).toEqual([MARK.jan, MARK.jan2, MARK.feb]);
    expect(await auditSummaries('restriction.terminate', clientId)).toEqual([
      'Recorded that Avery Fictus ended a restriction',
    ]);
  });

  it('is kept in the register: the database refuses to delete it or to decline a self-pay one', async () => {
    const db = p.core.ctx.vault.db.db;
    await expect(db.deleteFrom('restriction_requests').where('id', '=', id).execute()).rejects.toThrow(
      /cannot be deleted/,
    );
    const other = await p.ok('restrictions.record', selfPay(clientId), W.desk);
    await expect(
      db.updateTable('restriction_requests').set({ status: 'declined' }).where('id', '=', other.id).execute(),
    ).rejects.toThrow(/self-pay restriction cannot be declined/);
    await expect(
      db
        .updateTable('restriction_requests')
        .set({ request_text: 'changed' })
        .where('id', '=', other.id)
        .execute(),
    ).rejects.toThrow(/cannot be changed/);
  });
});

describe('a restriction agreed after approval', () => {
  it('stops the export, also after a restart, and the review says why', async () => {
    const { clientId } = await chart();
    const rid = await release(clientId, toFamily());
    await p.ok('releases.approve', { requestId: rid, selection: NOTES }, W.a);
    const r = await p.ok(
      'restrictions.record',
      {
        clientId,
        receivedOn: '2026-03-01',
        request: 'Synthetic: please send nothing more to Sample Family Medicine.',
        selfPay: false,
        scope: { recordTypes: ['progress_notes'], noteIds: [] },
        recipient: { kind: 'named', name: FAMILY.recipient.name },
        purposes: [],
      },
      W.desk,
    );
    await p.ok(
      'restrictions.decide',
      { restrictionId: r.id, decision: 'agree', decidedOn: '2026-03-02' },
      W.owner,
    );
    const approvedView = await p.ok('releases.preview', { requestId: rid }, W.a);
    expect(approvedView.notes).toContain(
      '3 approved records are now under a restriction the practice agreed to since approval (45 CFR 164.522(a)): export will send the request back to review.',
    );

    await p.core.shutdown();
    p = p.restart();
    p.folder.next = out.path;
    await signInAll();
    const e = await p.fail('releases.export', { requestId: rid }, W.desk);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(
      /^Nothing was exported\. 3 approved records can no longer leave\. 3 records under the restriction agreed on Mar 2, 2026: the practice agreed to the client’s restriction: Progress notes: not to Dr\. Example Receiver, Sample Family Medicine for any purpose \(45 CFR 164\.522\(a\)\(1\)\(ii\)\)\. Left out: Progress note of Jan 12, 2026; Progress note of Jan 26, 2026; Progress note of Feb 9, 2026\. The request is back with the reviewer\.$/,
    );
    const back = await p.ok('releases.get', { requestId: rid }, W.a);
    expect(back.summary.status).toBe('authorized');
    const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, W.a);
    expect(noteMarks(previewText(pv))).toEqual([]);
    const none = await p.fail('releases.approve', { requestId: rid, selection: NOTES }, W.owner);
    expect(none.code).toBe('CONFLICT');
  });
});

describe('a restriction agreed while the export is under way', () => {
  it('is read again in the transaction that records the export: nothing leaves, nothing is logged', async () => {
    const { clientId } = await chart();
    const rid = await release(clientId, toFamily());
    await p.ok('releases.approve', { requestId: rid, selection: NOTES }, W.a);
    const before = (await p.ok('disclosures.accounting', { clientId, includeAll: true }, W.owner)).entries
      .length;
    const folders = readdirSync(out.path).sort();
    // A colleague records and agrees the restriction while front desk chooses the folder.
    p.folder.whilePicking = async () => {
      const r = await p.ok(
        'restrictions.record',
        {
          clientId,
          receivedOn: '2026-03-02',
          request: 'Synthetic: send nothing to Sample Family Medicine.',
          selfPay: false,
          scope: { recordTypes: ['progress_notes'], noteIds: [] },
          recipient: { kind: 'named', name: FAMILY.recipient.name },
          purposes: [],
        },
        W.desk,
      );
      await p.ok(
        'restrictions.decide',
        { restrictionId: r.id, decision: 'agree', decidedOn: '2026-03-02' },
        W.owner,
      );
    };
    const e = await p.fail('releases.export', { requestId: rid }, W.desk);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(
      /^Nothing was exported\. 3 approved records can no longer leave\. 3 records under the restriction agreed on Mar 2, 2026/,
    );
    expect((await p.ok('releases.get', { requestId: rid }, W.a)).summary.status).toBe('authorized');
    expect(
      (await p.ok('disclosures.accounting', { clientId, includeAll: true }, W.owner)).entries,
    ).toHaveLength(before);
    // The written package was removed: the folder holds what it held before.
    expect(readdirSync(out.path).sort()).toEqual(folders);
  });
});

describe('ended by the practice (164.522(a)(2)(iii))', () => {
  it('still covers the records created before the notice, not those created after it', async () => {
    const { clientId } = await chart();
    const r = await p.ok(
      'restrictions.record',
      {
        clientId,
        receivedOn: '2026-01-02',
        request: 'Synthetic: keep my notes from insurers.',
        selfPay: false,
        scope: { recordTypes: ['progress_notes'], noteIds: [] },
        recipient: { kind: 'health_plan' },
        purposes: ['payment'],
      },
      W.desk,
    );
    const early = await p.fail(
      'restrictions.decide',
      { restrictionId: r.id, decision: 'agree', decidedOn: '2026-01-01' },
      W.a,
    );
    expect(early.fields).toContainEqual({
      path: 'decidedOn',
      message: 'The decision cannot come before the request was received.',
    });
    await p.ok(
      'restrictions.decide',
      { restrictionId: r.id, decision: 'agree', decidedOn: '2026-01-03' },
      W.a,
    );
    const ended = await p.ok(
      'restrictions.terminate',
      {
        restrictionId: r.id,
        how: 'practice_notice',
        on: '2026-01-26',
        note: 'Synthetic: letter to the client of Jan 26 saying the practice ends the restriction.',
      },
      W.a,
    );
    expect(ended.effect).toMatch(
      /^Ended by the practice on Jan 26, 2026: records created from then on are not covered/,
    );
    const rid = await release(clientId, toPlan());
    const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, W.owner);
    expect(noteMarks(previewText(pv))).toEqual([MARK.jan2, MARK.feb]);
    expect(pv.withheld.map((w) => w.what)).toContain('1 record under the restriction agreed on Jan 3, 2026');
    await p.ok('releases.approve', { requestId: rid, selection: NOTES }, W.a);
    expect(noteMarks(await exported(rid))).toEqual([MARK.jan2, MARK.feb]);
    const again = await p.fail(
      'restrictions.terminate',
      { restrictionId: r.id, how: 'client_written', on: '2026-03-02', note: 'Synthetic.' },
      W.a,
    );
    expect(again.code).toBe('CONFLICT');
  });
});

describe('exceptions: emergency treatment and disclosures the law requires (164.522(a)(1)(iii)-(v))', () => {
  let clientId: string;
  beforeAll(async () => {
    ({ clientId } = await chart());
    const r = await p.ok(
      'restrictions.record',
      {
        clientId,
        receivedOn: '2026-02-01',
        request: 'Synthetic: do not disclose my notes to anyone.',
        selfPay: false,
        scope: { recordTypes: [], noteIds: [] },
        recipient: { kind: 'anyone' },
        purposes: [],
      },
      W.desk,
    );
    await p.ok(
      'restrictions.decide',
      { restrictionId: r.id, decision: 'agree', decidedOn: '2026-02-02' },
      W.a,
    );
  });

  it('an ordinary release leaves everything out', async () => {
    const rid = await release(clientId, toFamily());
    const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, W.a);
    expect(noteMarks(previewText(pv))).toEqual([]);
  });

  it('a medical emergency goes ahead; the override is said in the review and audited at approval and export', async () => {
    const rid = await release(clientId, {
      kind: 'emergency',
      receivedOn: '2026-03-01',
      situation: 'medical_emergency',
      reason: 'Synthetic: the client was brought to the emergency department unresponsive.',
      clinicianId: a.id,
      recipient: { name: 'Dr. Sample Attending', address: '5 Example Road, Springfield, OR' },
      recipientRole: 'medical_personnel',
      recipientFacility: 'Example General Hospital, emergency department',
      disclosedAt: '2026-03-01T22:15',
    });
    const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, W.a);
    expect(noteMarks(previewText(pv))).toEqual([MARK.jan, MARK.jan2, MARK.feb]);
    expect(pv.notes).toContainEqual(
      expect.stringMatching(
        /^The restriction agreed on Feb 2, 2026 \(All records: not to anyone for any purpose\) does not stop this release: it is emergency treatment by the provider named here \(45 CFR 164\.522\(a\)\(1\)\(iii\)\); the practice asks that provider not to use or disclose it further\. This is recorded in the audit log\.$/,
      ) as string,
    );
    await p.ok('releases.approve', { requestId: rid, selection: NOTES }, W.a);
    expect(noteMarks(await exported(rid))).toEqual([MARK.jan, MARK.jan2, MARK.feb]);
    expect(await auditSummaries('restriction.override', clientId)).toEqual([
      'Exported release to Dr. Sample Attending despite a restriction (emergency treatment or required by law)',
      'Approved release to Dr. Sample Attending despite a restriction (emergency treatment or required by law)',
    ]);
  });

  it('a court order goes ahead too, with the override said', async () => {
    const rid = await release(clientId, {
      kind: 'legal_order',
      receivedOn: '2026-02-21',
      orderType: 'court_order',
      court: 'Example County Circuit Court',
      caseNumber: 'SYN-2026-0099',
      issuedOn: '2026-02-18',
      issuedBy: 'Judge Sample (synthetic)',
      recordsNamed: 'Progress notes of January and February 2026',
      recipient: { name: 'Clerk of the Court', address: '1 Courthouse Square, Springfield, OR 97401' },
      assurance: 'none',
      meetsPart2Order: false,
      verification: { method: 'court_document' },
    });
    const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, W.owner);
    expect(noteMarks(previewText(pv))).toEqual([MARK.jan, MARK.jan2, MARK.feb]);
    expect(pv.notes.some((n) => n.includes('a court order (45 CFR 164.512(e))'))).toBe(true);
  });

  it('the client’s own copy is not a disclosure a restriction limits', async () => {
    const r = await p.ok(
      'releases.create',
      {
        clientId,
        details: {
          kind: 'access',
          receivedOn: '2026-02-20',
          requesterName: 'Avery Fictus',
          requesterIsRepresentative: false,
          signedDirectionOnFile: false,
          format: 'pdf',
          verification: { method: 'photo_id' },
        },
      },
      W.desk,
    );
    await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk);
    const pv = await p.ok('releases.preview', { requestId: r.summary.id, selection: NOTES }, W.a);
    expect(noteMarks(previewText(pv))).toEqual([MARK.jan, MARK.jan2, MARK.feb]);
  });
});

describe('specific notes', () => {
  it('a clinician names notes of this chart; the restriction covers exactly those', async () => {
    const { clientId, notes } = await chart();
    const named = {
      clientId,
      receivedOn: '2026-02-10',
      request: 'Synthetic: not the session of Jan 26 to my plan.',
      selfPay: false,
      scope: { recordTypes: [], noteIds: [notes[1] ?? ''] },
      recipient: { kind: 'health_plan' as const, name: PLAN.name },
      purposes: [],
    };
    const refused = await p.fail('restrictions.record', named, W.desk);
    expect(refused.code).toBe('FORBIDDEN');
    const other = await chart();
    const foreign = await p.fail(
      'restrictions.record',
      { ...named, scope: { recordTypes: [], noteIds: [other.notes[0] ?? ''] } },
      W.a,
    );
    expect(foreign.fields).toContainEqual({
      path: 'scope.noteIds',
      message: 'Name only signed notes in this client’s chart.',
    });
    const r = await p.ok('restrictions.record', named, W.a);
    expect(r.notes).toEqual([{ id: notes[1], label: 'Progress note of Jan 26, 2026' }]);
    await p.ok(
      'restrictions.decide',
      { restrictionId: r.id, decision: 'agree', decidedOn: '2026-02-11' },
      W.a,
    );
    const rid = await release(clientId, toPlan({ recipientIsHealthPlan: false }));
    const pv = await p.ok('releases.preview', { requestId: rid, selection: NOTES }, W.a);
    // Named by the plan's name: covered even though the request does not call it a health plan.
    expect(noteMarks(previewText(pv))).toEqual([MARK.jan, MARK.feb]);
  });
});

describe('refused calls and bad input', () => {
  let clientId: string;
  let id: string;
  beforeAll(async () => {
    ({ clientId } = await chart());
    id = (await p.ok('restrictions.record', selfPay(clientId), W.desk)).id;
  });

  it('a clinician off the care team cannot read or add to the register', async () => {
    expect((await p.fail('restrictions.list', { clientId }, W.c)).code).toBe('FORBIDDEN');
    expect((await p.fail('restrictions.record', selfPay(clientId), W.c)).code).toBe('FORBIDDEN');
    expect(
      (
        await p.fail(
          'restrictions.terminate',
          {
            restrictionId: id,
            how: 'client_oral',
            on: '2026-03-02',
            note: 'Synthetic.',
          },
          W.desk,
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it.each([
    ['no client', { clientId: undefined }, 'clientId'],
    ['a request of the wrong type', { request: 42 }, 'request'],
    ['an empty request', { request: '' }, 'request'],
    ['a huge request', { request: 'x'.repeat(5000) }, 'request'],
    ['a future date', { receivedOn: '2999-01-01' }, 'receivedOn'],
    ['no dates for self-pay', { scope: { recordTypes: [], noteIds: [] } }, 'scope.from'],
    [
      'a self-pay restriction to someone else',
      { recipient: { kind: 'named', name: 'Someone' } },
      'recipient',
    ],
    ['a self-pay restriction for treatment only', { purposes: ['treatment'] }, 'purposes'],
    [
      'dates in the wrong order',
      { scope: { recordTypes: [], from: '2026-02-01', to: '2026-01-01', noteIds: [] } },
      'scope.to',
    ],
    [
      'an unknown kind of record',
      { scope: { recordTypes: ['billing'], noteIds: [] } },
      'scope.recordTypes.0',
    ],
    ['a field the contract does not know', { extra: true }, ''],
  ])('refuses %s', async (_label, change, path) => {
    const input: Record<string, unknown> = { ...selfPay(clientId), ...change };
    const e = await p.fail('restrictions.record', input, W.desk);
    expect(e.code).toBe('INVALID_INPUT');
    if (path) expect(e.fields?.map((f) => f.path)).toContain(path);
  });

  it('refuses a decline without a reason, an unknown restriction, and a signed-out or timed-out caller', async () => {
    const noReason = await p.fail(
      'restrictions.decide',
      { restrictionId: id, decision: 'decline', decidedOn: '2026-03-02' },
      W.a,
    );
    expect(noReason.fields).toContainEqual({ path: 'reason', message: 'Say why the practice declines.' });
    const unknown = await p.fail(
      'restrictions.decide',
      { restrictionId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', decision: 'agree', decidedOn: '2026-03-02' },
      W.a,
    );
    expect(unknown.code).toBe('NOT_FOUND');
    expect((await p.fail('restrictions.list', { clientId }, 'w-nobody')).code).toBe('NOT_SIGNED_IN');
    // The session ended (an inactivity lock, a sign-out): nothing is answered to that window.
    await p.core.endSession(W.b, 'inactivity');
    expect((await p.fail('restrictions.list', { clientId }, W.b)).code).toBe('LOCKED');
    await p.signIn(b.username, b.password, W.b);
    const list = await p.ok('restrictions.list', { clientId }, W.owner);
    expect(list.restrictions.map((r) => r.status)).toEqual(['requested']);
  });
});
