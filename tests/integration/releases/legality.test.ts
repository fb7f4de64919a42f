// What makes a release lawful beyond the matrix (issue 14): each validation rule refuses with its
// message; who may approve; psychotherapy notes author-only on every path that shows them (preview,
// approval, export, notes.get) with the owner as custodian only once the author has left; the
// approval freeze (a note signed later stays out, a changed record sends the request back to review,
// also after a restart); the database edited by someone holding the recovery key; stored rows read
// through their codecs.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '../../../preload/contract.ts';
import type { Selection } from '../../../preload/contract/releases.ts';
import { adultClient, intake, minorClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { packageText } from '../../helpers/package-check.ts';
import {
  accessRequest,
  hipaaAuthorization,
  part2Consent,
  psychotherapyAuthorization,
  thirdParty,
} from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const out = tempDir('stillwater-legality-');
const W = { a: 'w-a', b: 'w-b', desk: 'w-desk', owner: 'w-owner' };
const MARK = {
  progress: 'Cinderfield',
  pnA: 'Wrenhollow',
  pnB: 'Thistlecombe',
  late: 'Emberglade',
  intake: 'Pebblemoor',
};
let p: TestPractice;
let a: { id: string; username: string; password: string };
let b: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
let clientId: string;

const NOTES: Selection = {
  recordTypes: ['progress_notes'],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};
const PN: Selection = { ...NOTES, recordTypes: ['psychotherapy_notes'] };

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  await p.signIn(OWNER.username, OWNER.password, W.owner);
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Approver', W.a);
  b = await signedInStaff(p, 'clinician', 'Dr. Basil Othercase', W.b);
  desk = await signedInStaff(p, 'front_desk', 'Dee Deskworth', W.desk);
  clientId = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
  await p.ok('clients.addCareTeamMember', { clientId, userId: b.id }, W.a);
  await p.ok(
    'intake.save',
    intake(clientId, { presentingConcern: `Synthetic: ${MARK.intake} worries.` }),
    W.a,
  );
  await signedNote(p, W.a, clientId, '2026-01-12', MARK.progress);
  await signedNote(p, W.a, clientId, '2026-01-13', MARK.pnA, { kind: 'psychotherapy' });
  await signedNote(p, W.b, clientId, '2026-01-14', MARK.pnB, { kind: 'psychotherapy' });
});
afterAll(async () => {
  await p.close();
  out.remove();
});

async function thirdPartyWith(...auths: ((id: string) => Input<'releases.addAuthorization'>)[]) {
  const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
  for (const make of auths) await p.ok('releases.addAuthorization', make(r.summary.id), W.desk);
  return (await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk)).summary.id;
}

describe('each validation rule refuses, with its message', () => {
  let requestId: string;
  beforeAll(async () => {
    requestId = (await p.ok('releases.create', thirdParty(clientId), W.desk)).summary.id;
  });

  it('a psychotherapy-notes authorization that also covers other records', async () => {
    const e = await p.fail(
      'releases.addAuthorization',
      psychotherapyAuthorization(requestId, { recordTypes: ['psychotherapy_notes', 'progress_notes'] }),
      W.desk,
    );
    expect(e.fields).toContainEqual({
      path: 'recordTypes',
      message:
        'A psychotherapy-notes authorization covers psychotherapy notes only; record other records on another authorization.',
    });
    const hipaa = await p.fail(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, { recordTypes: ['progress_notes', 'psychotherapy_notes'] }),
      W.desk,
    );
    expect(hipaa.fields).toContainEqual({
      path: 'recordTypes',
      message: 'Psychotherapy notes need an authorization of their own.',
    });
  });

  it('a Part 2 consent naming another patient', async () => {
    const e = await p.fail(
      'releases.addAuthorization',
      part2Consent(requestId, { patientName: 'Someone Else' }),
      W.desk,
    );
    expect(e.fields).toEqual([
      { path: 'patientName', message: 'The consent names Someone Else; this client is Avery Fictus.' },
    ]);
  });

  it('a signer who is neither the client nor a representative on file', async () => {
    const stranger = await p.fail(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, { signedBy: 'Pat Stranger' }),
      W.desk,
    );
    expect(stranger.fields).toEqual([
      {
        path: 'signedBy',
        message:
          'Pat Stranger is not the client (Avery Fictus). If a parent, guardian or other representative signed, say so and record their authority.',
      },
    ]);
    const rep = await p.fail(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, {
        signedBy: 'Pat Stranger',
        signerIsRepresentative: true,
        representativeAuthority: 'Says she is the aunt',
      }),
      W.desk,
    );
    expect(rep.fields?.[0]?.message).toMatch(
      /^Pat Stranger is not recorded as this client’s parent, guardian or representative/,
    );
    // The client's preferred name and "last, first" are the client.
    await p.ok(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, { signedBy: 'Fictus, Ave' }),
      W.desk,
    );
  });

  it('an authorization to another recipient, or for another purpose, than the request’s', async () => {
    const e = await p.fail(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, {
        recipientName: 'Acme Staffing (employer)',
        purpose: 'Employment screening',
      }),
      W.desk,
    );
    expect(e.fields?.map((f) => f.path)).toEqual(['recipientName', 'purpose']);
    expect(e.fields?.[0]?.message).toBe(
      'The authorization names “Acme Staffing (employer)”; this request sends to “Dr. Example Receiver, Sample Family Medicine”. Record the request for the recipient the client named.',
    );
    // Case, accents and punctuation do not make a different recipient.
    await p.ok(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, {
        recipientName: 'dr example receiver sample family medicine',
        purpose: 'continuity of care.',
      }),
      W.desk,
    );
  });

  it('a 42 CFR 2.51 medical-emergency disclosure to the police', async () => {
    const e = await p.fail(
      'releases.create',
      {
        clientId,
        details: {
          kind: 'emergency',
          receivedOn: '2026-03-01',
          situation: 'medical_emergency',
          reason: 'Synthetic: overdose reported by a friend',
          clinicianId: a.id,
          recipient: { name: 'Example Police Department', address: '2 Example Road' },
          recipientRole: 'medical_personnel',
          recipientFacility: 'Precinct 4',
          disclosedAt: '2026-03-01T21:00',
        },
      },
      W.a,
    );
    expect(e.fields).toEqual([
      {
        path: 'details.recipientRole',
        message:
          'A medical-emergency disclosure goes only to the medical personnel treating the emergency (42 CFR 2.51).',
      },
    ]);
    const noRecord = await p.fail(
      'releases.create',
      {
        clientId,
        details: {
          kind: 'emergency',
          receivedOn: '2026-03-01',
          situation: 'medical_emergency',
          reason: 'Synthetic',
          clinicianId: a.id,
          recipient: { name: 'Dr. Sample Attending', address: '5 Example Road' },
          recipientRole: 'medical_personnel',
        },
      },
      W.a,
    );
    expect(noRecord.fields?.map((f) => f.path)).toEqual(['details.recipientFacility', 'details.disclosedAt']);
  });

  it('a verification method of "other" without saying what', async () => {
    const e = await p.fail(
      'releases.create',
      { clientId, details: { ...accessRequest(clientId).details, verification: { method: 'other' } } },
      W.desk,
    );
    expect(e.fields).toEqual([
      { path: 'details.verification.note', message: 'Describe how identity and authority were checked.' },
    ]);
  });

  it('an extension dated before the request was received', async () => {
    const r = await p.ok('releases.create', accessRequest(clientId, '2026-02-20'), W.desk);
    const e = await p.fail(
      'releases.extend',
      { requestId: r.summary.id, reason: 'Synthetic', notifiedOn: '2026-02-19' },
      W.desk,
    );
    expect(e.fields).toEqual([{ path: 'notifiedOn', message: 'The request was received on 2026-02-20.' }]);
  });

  it('a guardian’s request without their authority, or by someone not on file', async () => {
    const minor = (await p.ok('clients.create', minorClient(a.id), W.desk)).id;
    const access = accessRequest(minor).details;
    if (access.kind !== 'access') throw new Error('an access request');
    const base = {
      ...access,
      requesterName: 'Morgan Placeholder',
      requesterIsRepresentative: true,
    };
    const noAuthority = await p.fail('releases.create', { clientId: minor, details: base }, W.desk);
    expect(noAuthority.fields).toEqual([
      {
        path: 'details.representativeAuthority',
        message: 'Record the representative’s authority (the document that gives it).',
      },
    ]);
    const notOnFile = await p.fail(
      'releases.create',
      {
        clientId: minor,
        details: {
          ...base,
          requesterName: 'Casey Neighbour',
          representativeAuthority: 'Says they are the step-parent',
        },
      },
      W.desk,
    );
    expect(notOnFile.fields?.[0]?.path).toBe('details.requesterName');
    await p.ok(
      'releases.create',
      { clientId: minor, details: { ...base, representativeAuthority: 'Parent with legal custody' } },
      W.desk,
    );
  });

  it('a revocation dated before an export already made, or before the signature', async () => {
    const id = await thirdPartyWith((r) => hipaaAuthorization(r));
    await p.ok('releases.approve', { requestId: id, selection: NOTES }, W.a);
    await p.ok('releases.export', { requestId: id }, W.desk);
    const auth = (await p.ok('releases.get', { requestId: id }, W.desk)).authorizations[0]?.id ?? '';
    const early = await p.fail(
      'releases.revokeAuthorization',
      { authorizationId: auth, revokedOn: '2026-03-01' },
      W.desk,
    );
    expect(early.fields).toEqual([
      {
        path: 'revokedOn',
        message:
          'Records already left under this request on 2026-03-02; a revocation cannot be dated before that. Use the date the client revoked it.',
      },
    ]);
    const beforeSigning = await p.fail(
      'releases.revokeAuthorization',
      { authorizationId: auth, revokedOn: '2026-02-01' },
      W.desk,
    );
    expect(beforeSigning.fields?.[0]?.message).toBe(
      'The authorization was signed on 2026-02-20; it cannot be revoked before that.',
    );
    const revoked = await p.ok(
      'releases.revokeAuthorization',
      { authorizationId: auth, revokedOn: '2026-03-02' },
      W.desk,
    );
    expect(revoked.authorizations[0]).toMatchObject({ state: 'revoked', revokedOn: '2026-03-02' });
    expect(revoked.authorizations[0]?.revokedAt).toBe('2026-03-02T15:00:00.000Z');
  });
});

describe('who approves', () => {
  it('the client’s assigned clinician or the owner, recorded with their role; never another care-team clinician or front desk', async () => {
    const id = await thirdPartyWith((r) => hipaaAuthorization(r));
    const other = await p.fail('releases.approve', { requestId: id, selection: NOTES }, W.b);
    expect(other).toEqual({
      code: 'FORBIDDEN',
      message: 'Only the client’s assigned clinician or the practice owner can approve or deny a release.',
    });
    expect((await p.fail('releases.deny', { requestId: id, explanation: 'Synthetic' }, W.b)).code).toBe(
      'FORBIDDEN',
    );
    expect((await p.fail('releases.approve', { requestId: id, selection: NOTES }, W.desk)).code).toBe(
      'FORBIDDEN',
    );
    // The refused calls changed nothing.
    const still = await p.ok('releases.get', { requestId: id }, W.b);
    expect(still.summary.status).toBe('authorized');
    expect(still.next.canApprove).toBe(false);
    const byOwner = await p.ok('releases.approve', { requestId: id, selection: NOTES }, W.owner);
    expect(byOwner.approval).toMatchObject({ role: 'owner', approvedBy: { displayName: OWNER.displayName } });
    const id2 = await thirdPartyWith((r) => hipaaAuthorization(r));
    const byA = await p.ok('releases.approve', { requestId: id2, selection: NOTES }, W.a);
    expect(byA.approval).toMatchObject({
      role: 'clinician',
      approvedBy: { displayName: 'Dr. Ada Approver' },
    });
    const denied = await p.ok(
      'releases.deny',
      {
        requestId: await thirdPartyWith((r) => hipaaAuthorization(r)),
        explanation: 'Synthetic: recipient unknown',
      },
      W.a,
    );
    expect(denied.denial).toMatchObject({ deniedBy: 'Dr. Ada Approver', deniedRole: 'clinician' });
  });
});

describe('psychotherapy notes are their author’s, on every path', () => {
  it('another reviewer’s preview names them and their author, without a word of their content', async () => {
    const id = await thirdPartyWith((r) => psychotherapyAuthorization(r));
    const preview = await p.ok('releases.preview', { requestId: id, selection: PN }, W.owner);
    const text = JSON.stringify(preview);
    expect(text).not.toContain(MARK.pnA);
    expect(text).not.toContain(MARK.pnB);
    expect(preview.withheld.map((w) => w.what).sort()).toEqual([
      '1 psychotherapy note by Dr. Ada Approver',
      '1 psychotherapy note by Dr. Basil Othercase',
    ]);
    expect(preview.withheld.map((w) => w.reason).join(' ')).toMatch(
      /only by their author, or by the practice owner as records custodian once the author has left/,
    );
    // The author sees their own, and only their own.
    const own = JSON.stringify(await p.ok('releases.preview', { requestId: id, selection: PN }, W.a));
    expect(own).toContain(MARK.pnA);
    expect(own).not.toContain(MARK.pnB);
    // Approved by its author, the note leaves; the other author's does not.
    await p.ok('releases.approve', { requestId: id, selection: PN }, W.a);
    const approved = JSON.stringify(await p.ok('releases.preview', { requestId: id }, W.owner));
    expect(approved).not.toContain(MARK.pnA);
    expect(approved).toContain('1 psychotherapy note by Dr. Ada Approver');
    const pkg = await p.ok('releases.export', { requestId: id }, W.desk);
    const sent = packageText(join(out.path, pkg?.packageName ?? ''));
    expect(sent).toContain(MARK.pnA);
    expect(sent).not.toContain(MARK.pnB);
  });

  it('the owner releases them as custodian only once their author has left, and reads them then in notes.get too', async () => {
    const pnB = (await p.ok('notes.timeline', { clientId }, W.b)).find(
      (e) => e.type === 'note' && e.kind === 'psychotherapy',
    );
    const noteId = pnB?.type === 'note' ? pnB.noteId : '';
    expect(noteId).not.toBe('');
    expect((await p.fail('notes.get', { noteId }, W.owner)).code).toBe('NOT_FOUND');
    await p.ok('staff.deactivate', { userId: b.id }, W.owner);
    expect((await p.ok('notes.get', { noteId }, W.owner)).sections.data).toContain(MARK.pnB);
    // Another clinician still never reads it.
    expect((await p.fail('notes.get', { noteId }, W.a)).code).toBe('NOT_FOUND');
    const id = await thirdPartyWith((r) => psychotherapyAuthorization(r));
    const preview = JSON.stringify(await p.ok('releases.preview', { requestId: id, selection: PN }, W.owner));
    expect(preview).toContain(MARK.pnB);
    expect(preview).not.toContain(MARK.pnA);
  });
});

describe('approval freezes the release', () => {
  it('a note signed after approval, inside the dates, does not leave', async () => {
    const id = await thirdPartyWith((r) => hipaaAuthorization(r));
    await p.ok('releases.approve', { requestId: id, selection: NOTES }, W.a);
    await signedNote(p, W.a, clientId, '2026-02-16', MARK.late);
    const pkg = await p.ok('releases.export', { requestId: id }, W.desk);
    const sent = packageText(join(out.path, pkg?.packageName ?? ''));
    expect(sent).toContain(MARK.progress);
    expect(sent).not.toContain(MARK.late);
  });

  it('an intake changed after approval stops the export and sends the request back to review, also after a restart', async () => {
    const withIntake: Selection = { ...NOTES, recordTypes: ['intake', 'progress_notes'] };
    const id = await thirdPartyWith((r) =>
      hipaaAuthorization(r, { recordTypes: ['intake', 'progress_notes'] }),
    );
    await p.ok('releases.approve', { requestId: id, selection: withIntake }, W.a);
    await p.ok(
      'intake.save',
      intake(clientId, { presentingConcern: 'Synthetic: a new concern written after approval.' }),
      W.a,
    );
    // The app restarts: the approval, and the check, are in the database, not in memory.
    const before = p;
    p = p.restart();
    p.folder.next = out.path;
    await p.signIn(desk.username, desk.password, W.desk);
    await p.signIn(a.username, a.password, W.a);
    const e = await p.fail('releases.export', { requestId: id }, W.desk);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(
      /^1 approved record has changed since approval \(Intake assessment\)\. Nothing was exported/,
    );
    const back = await p.ok('releases.get', { requestId: id }, W.a);
    expect(back.summary.status).toBe('authorized');
    expect(back.reviewNote).toBe(e.message);
    expect(back.next.canApprove).toBe(true);
    expect(back.exports).toHaveLength(0);
    await p.ok('releases.approve', { requestId: id, selection: withIntake }, W.a);
    const pkg = await p.ok('releases.export', { requestId: id }, W.desk);
    expect(packageText(join(out.path, pkg?.packageName ?? ''))).toContain(
      'a new concern written after approval',
    );
    await before.core.shutdown().catch(() => undefined);
  });

  it('an approval cannot be edited in the database, and an edited frozen hash still stops the export', async () => {
    const id = await thirdPartyWith((r) => hipaaAuthorization(r));
    const approved = await p.ok('releases.approve', { requestId: id, selection: NOTES }, W.a);
    expect(approved.approval?.records).toEqual([{ label: 'Notes', count: 2 }]);
    const sqlite = p.core.ctx.vault.db.sqlite;
    expect(() => sqlite.exec("UPDATE release_approval_items SET content_hash = 'x'")).toThrow(
      /approval cannot be changed/,
    );
    expect(() => sqlite.exec('DELETE FROM release_approvals')).toThrow(/approval cannot be changed/);
    // Someone with the recovery key drops the trigger and edits what was approved: export notices.
    sqlite.exec('DROP TRIGGER release_approval_items_no_update');
    sqlite.exec(`UPDATE release_approval_items SET content_hash = '${'0'.repeat(64)}' WHERE position = 0`);
    const e = await p.fail('releases.export', { requestId: id }, W.desk);
    expect(e.message).toMatch(/changed since approval/);
    sqlite.exec(`CREATE TRIGGER release_approval_items_no_update BEFORE UPDATE ON "release_approval_items"
      BEGIN SELECT RAISE(ABORT, 'an approval cannot be changed'); END`);
  });
});

describe('stored rows are read through their codecs', () => {
  it('a release row edited into something else is refused loudly, not acted on', async () => {
    const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
    const sqlite = p.core.ctx.vault.db.sqlite;
    sqlite
      .prepare('UPDATE release_requests SET details = ? WHERE id = ?')
      .run('{"kind":"third_party","recipient":42}', r.summary.id);
    const e = await p.fail('releases.get', { requestId: r.summary.id }, W.desk);
    expect(e.code).toBe('DATABASE_DAMAGED');
  });

  it('a request stored before text was checked, holding a right-to-left override, reads without it', async () => {
    const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
    const sqlite = p.core.ctx.vault.db.sqlite;
    const row = sqlite.prepare('SELECT details FROM release_requests WHERE id = ?').get(r.summary.id) as {
      details: string;
    };
    const details = JSON.parse(row.details) as { recipient: { name: string } };
    details.recipient.name = `Sample \u202Egnissim Clinic`;
    sqlite
      .prepare('UPDATE release_requests SET details = ? WHERE id = ?')
      .run(JSON.stringify(details), r.summary.id);
    const read = await p.ok('releases.get', { requestId: r.summary.id }, W.desk);
    expect(JSON.stringify(read)).not.toMatch(/\u202E/);
    expect(JSON.stringify(read)).toContain('Sample gnissim Clinic');
  });

  it('an emergency request stored before episodes and situations reads as what it meant', async () => {
    const r = await p.ok(
      'releases.create',
      {
        clientId,
        details: {
          kind: 'emergency',
          receivedOn: '2026-03-01',
          situation: 'duty_to_warn',
          reason: 'Synthetic: threat to a named person',
          clinicianId: a.id,
          recipient: { name: 'Jordan Sample', address: '3 Example Road' },
          recipientRole: 'person_at_risk',
        },
      },
      W.a,
    );
    const sqlite = p.core.ctx.vault.db.sqlite;
    const old = {
      kind: 'emergency',
      receivedOn: '2026-03-01',
      reason: 'Synthetic: unresponsive at home',
      clinicianId: a.id,
      recipient: { name: 'Dr. Sample Attending', address: '5 Example Road' },
      medicalEmergency: true,
    };
    sqlite
      .prepare('UPDATE release_requests SET details = ? WHERE id = ?')
      .run(JSON.stringify(old), r.summary.id);
    const got = await p.ok('releases.get', { requestId: r.summary.id }, W.a);
    expect(got.details).toMatchObject({ situation: 'medical_emergency', recipientRole: 'medical_personnel' });
  });
});
