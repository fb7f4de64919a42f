// Records release: authorization elements, psychotherapy-note and Part 2 rules, the state
// machine, who approves, expiry and revocation, due dates, denials, and the accounting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultClient, intake } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import {
  accessRequest,
  courtOrder,
  hipaaAuthorization,
  psychotherapyAuthorization,
  thirdParty,
} from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let p: TestPractice;
let clin: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
let clientId: string;
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { clin: 'w-clin', desk: 'w-desk' };
const out = tempDir('stillwater-out-');
const SELECTION = {
  recordTypes: ['progress_notes' as const],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  clin = await p.addStaff('clinician', 'Dr. Ada Testcase');
  desk = await p.addStaff('front_desk', 'Dee Deskworth');
  for (const [u, w] of [
    [clin, W.clin],
    [desk, W.desk],
  ] as const) {
    await p.signIn(u.username, u.password, w);
    await p.ok(
      'auth.changePassword',
      { currentPassword: u.password, newPassword: `${u.username}-fjord-amber-91` },
      w,
    );
  }
  clientId = (await p.ok('clients.create', adultClient(clin.id), W.desk)).id;
  await p.ok('intake.save', intake(clientId, { substanceUsePart2: true }), W.clin);
  for (const [date, part2] of [
    ['2026-01-12', false],
    ['2026-01-19', true],
  ] as const) {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId, { serviceDate: date, part2 }), W.clin);
    await p.ok('notes.sign', { noteId }, W.clin);
  }
});
afterAll(async () => {
  await p.close();
  out.remove();
});

async function authorizedThirdParty(overrides: Parameters<typeof hipaaAuthorization>[1] = {}) {
  const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
  await p.ok('releases.addAuthorization', hipaaAuthorization(r.summary.id, overrides), W.desk);
  return p.ok('releases.authorize', { requestId: r.summary.id }, W.desk);
}

describe('an authorization (45 CFR 164.508(c))', () => {
  let requestId: string;
  beforeAll(async () => {
    requestId = (await p.ok('releases.create', thirdParty(clientId), W.desk)).summary.id;
  });

  it.each([
    ['description', 'Description of the information is required.'],
    ['disclosingParty', 'Who may disclose is required.'],
    ['recipientName', 'Who may receive it is required.'],
    ['purpose', 'Purpose is required.'],
    ['signedBy', 'Signed by is required.'],
    ['signedOn', 'Enter a date as YYYY-MM-DD.'],
    ['rightToRevokeStatement', 'The form must state the right to revoke in writing.'],
    ['conditioningStatement', 'The form must state whether treatment can be conditioned on signing.'],
    ['redisclosureStatement', 'The form must state that the information may be redisclosed.'],
  ])('is refused without %s', async (field, message) => {
    const input: Record<string, unknown> = { ...hipaaAuthorization(requestId) };
    Reflect.deleteProperty(input, field);
    const e = await p.fail('releases.addAuthorization', input, W.desk);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toContainEqual({ path: field, message });
  });

  it('is refused without an expiry date or event, and with an expiry before the signature', async () => {
    const none = await p.fail(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, { expiresOn: undefined }),
      W.desk,
    );
    expect(none.fields).toContainEqual({
      path: 'expiresOn',
      message: 'Give an expiry date or an expiry event.',
    });
    const before = await p.fail(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, { expiresOn: '2026-01-01' }),
      W.desk,
    );
    expect(before.fields).toContainEqual({
      path: 'expiresOn',
      message: 'The expiry date is before the signature.',
    });
    await p.ok(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, { expiresOn: undefined, expiryEvent: 'End of treatment' }),
      W.desk,
    );
  });

  it('signed by a representative needs their authority', async () => {
    const e = await p.fail(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, { signerIsRepresentative: true }),
      W.desk,
    );
    expect(e.fields).toContainEqual({
      path: 'representativeAuthority',
      message: 'Describe the representative’s authority to act for the client.',
    });
  });

  it('unchecked required statements are refused as if missing', async () => {
    const e = await p.fail(
      'releases.addAuthorization',
      { ...hipaaAuthorization(requestId), redisclosureStatement: false },
      W.desk,
    );
    expect(e.fields?.[0]?.path).toBe('redisclosureStatement');
  });

  it('keeps psychotherapy notes on an authorization of their own', async () => {
    const combined = await p.fail(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, { description: 'Progress notes and psychotherapy notes' }),
      W.desk,
    );
    expect(combined.fields).toEqual([
      {
        path: 'description',
        message: 'Record psychotherapy notes on a separate psychotherapy-notes authorization.',
      },
    ]);
    const unnamed = await p.fail(
      'releases.addAuthorization',
      psychotherapyAuthorization(requestId, { description: 'Session records of January 2026' }),
      W.desk,
    );
    expect(unnamed.fields?.[0]?.path).toBe('description');
  });

  it('a Part 2 consent needs the 42 CFR 2.31 elements too', async () => {
    const e = await p.fail(
      'releases.addAuthorization',
      hipaaAuthorization(requestId, { type: 'part2', recordTypes: ['progress_notes'] }),
      W.desk,
    );
    expect(e.fields?.map((f) => f.path).sort()).toEqual([
      'howToRevoke',
      'patientName',
      'substanceUseDescribed',
    ]);
  });
});

describe('the state machine', () => {
  it('refuses to skip steps or go back', async () => {
    const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
    const id = r.summary.id;
    expect((await p.fail('releases.authorize', { requestId: id }, W.desk)).message).toMatch(
      /signed authorization/,
    );
    expect((await p.fail('releases.approve', { requestId: id, selection: SELECTION }, W.clin)).message).toBe(
      'A release that is draft cannot be approved.',
    );
    expect((await p.fail('releases.export', { requestId: id }, W.desk)).message).toBe(
      'A release that is draft cannot be exported.',
    );
    await p.ok('releases.addAuthorization', hipaaAuthorization(id), W.desk);
    await p.ok('releases.authorize', { requestId: id }, W.desk);
    expect((await p.fail('releases.authorize', { requestId: id }, W.desk)).code).toBe('CONFLICT');
    await p.ok(
      'releases.deny',
      { requestId: id, explanation: 'Synthetic: recipient unknown to the client' },
      W.clin,
    );
    expect((await p.fail('releases.approve', { requestId: id, selection: SELECTION }, W.clin)).message).toBe(
      'A release that is denied cannot be approved.',
    );
  });

  it('lets only a clinician on the care team or the owner approve — never front desk', async () => {
    const r = await authorizedThirdParty();
    expect(
      await p.fail('releases.approve', { requestId: r.summary.id, selection: SELECTION }, W.desk),
    ).toEqual({
      code: 'FORBIDDEN',
      message: 'Your role does not allow this.',
    });
    const other = await p.addStaff('clinician');
    await p.signIn(other.username, other.password, 'w-other');
    await p.ok(
      'auth.changePassword',
      { currentPassword: other.password, newPassword: 'marsh-tundra-pillar-88' },
      'w-other',
    );
    expect(
      (await p.fail('releases.approve', { requestId: r.summary.id, selection: SELECTION }, 'w-other')).code,
    ).toBe('FORBIDDEN');
    const approved = await p.ok(
      'releases.approve',
      { requestId: r.summary.id, selection: SELECTION },
      W.clin,
    );
    expect(approved.summary.status).toBe('approved');
    expect(approved.approvedBy?.displayName).toBe('Dr. Ada Testcase');
  });
});

describe('what a selection may contain', () => {
  it('never psychotherapy notes in a client’s own access request', async () => {
    const r = await p.ok('releases.create', accessRequest(clientId), W.desk);
    await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk);
    const e = await p.fail(
      'releases.approve',
      { requestId: r.summary.id, selection: { ...SELECTION, recordTypes: ['psychotherapy_notes'] } },
      W.clin,
    );
    expect(e.message).toBe('Psychotherapy notes are excluded from a client’s right of access.');
  });

  it('psychotherapy notes only with their own authorization', async () => {
    const r = await authorizedThirdParty();
    const sel = { ...SELECTION, recordTypes: ['progress_notes' as const, 'psychotherapy_notes' as const] };
    expect(
      (await p.fail('releases.approve', { requestId: r.summary.id, selection: sel }, W.clin)).message,
    ).toBe('Psychotherapy notes need an authorization of their own that names them.');
    await p.ok('releases.addAuthorization', psychotherapyAuthorization(r.summary.id), W.desk);
    expect(
      (await p.ok('releases.approve', { requestId: r.summary.id, selection: sel }, W.clin)).summary.status,
    ).toBe('approved');
  });

  it('Part 2 records only with a Part 2 consent, and never in a duty-to-warn disclosure or under a subpoena', async () => {
    const r = await authorizedThirdParty();
    const sel = { ...SELECTION, includePart2: true };
    expect(
      (await p.fail('releases.approve', { requestId: r.summary.id, selection: sel }, W.clin)).message,
    ).toBe('Part 2 records need a Part 2 consent (42 CFR 2.31).');
    const emergency = await p.ok(
      'releases.create',
      {
        clientId,
        details: {
          kind: 'emergency',
          receivedOn: '2026-03-01',
          situation: 'duty_to_warn',
          reason: 'Synthetic: client stated a specific plan to harm a named person',
          clinicianId: clin.id,
          recipient: { name: 'Example Police Department', address: '2 Example Road, Springfield, OR' },
          recipientRole: 'law_enforcement',
        },
      },
      W.clin,
    );
    await p.ok('releases.authorize', { requestId: emergency.summary.id }, W.clin);
    expect(
      (await p.fail('releases.approve', { requestId: emergency.summary.id, selection: sel }, W.clin)).message,
    ).toBe('Records of the Part 2 program cannot go out in a duty-to-warn disclosure.');
    // 42 CFR 2.51: to medical personnel treating a bona fide medical emergency, they may.
    const medical = await p.ok(
      'releases.create',
      {
        clientId,
        details: {
          kind: 'emergency',
          receivedOn: '2026-03-01',
          situation: 'medical_emergency',
          reason: 'Synthetic: client brought to the emergency department unresponsive',
          clinicianId: clin.id,
          recipient: { name: 'Dr. Sample Attending', address: '5 Example Road, Springfield, OR' },
          recipientRole: 'medical_personnel',
          recipientFacility: 'Example General Hospital, emergency department',
          disclosedAt: '2026-03-01T22:15',
        },
      },
      W.clin,
    );
    await p.ok('releases.authorize', { requestId: medical.summary.id }, W.clin);
    expect(
      (await p.ok('releases.approve', { requestId: medical.summary.id, selection: sel }, W.clin)).summary
        .status,
    ).toBe('approved');
    const subpoena = await p.ok(
      'releases.create',
      courtOrder(clientId, { orderType: 'subpoena', assurance: 'qualified_protective_order' }),
      W.desk,
    );
    await p.ok('releases.authorize', { requestId: subpoena.summary.id }, W.desk);
    expect(
      (await p.fail('releases.approve', { requestId: subpoena.summary.id, selection: sel }, W.clin)).message,
    ).toMatch(/never a subpoena alone/);
  });

  it('a subpoena without notice or a protective order cannot even be authorized', async () => {
    const r = await p.ok('releases.create', courtOrder(clientId, { orderType: 'subpoena' }), W.desk);
    expect((await p.fail('releases.authorize', { requestId: r.summary.id }, W.desk)).message).toMatch(
      /qualified protective order/,
    );
  });
});

describe('expiry and revocation', () => {
  it('an authorization already expired cannot make a release authorized', async () => {
    const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
    await p.ok(
      'releases.addAuthorization',
      hipaaAuthorization(r.summary.id, { expiresOn: '2026-02-28' }),
      W.desk,
    );
    const got = await p.ok('releases.get', { requestId: r.summary.id }, W.desk);
    expect(got.authorizations[0]?.state).toBe('expired');
    expect((await p.fail('releases.authorize', { requestId: r.summary.id }, W.desk)).message).toBe(
      'Record the client’s signed authorization.',
    );
  });

  it('revoking blocks any further export under it', async () => {
    const r = await authorizedThirdParty();
    await p.ok('releases.approve', { requestId: r.summary.id, selection: SELECTION }, W.clin);
    const first = await p.ok('releases.export', { requestId: r.summary.id }, W.desk);
    expect(first?.files).toEqual(['records.pdf', 'records.fhir.json']);
    const authId = r.authorizations[0]?.id ?? '';
    const revoked = await p.ok(
      'releases.revokeAuthorization',
      { authorizationId: authId, revokedOn: '2026-03-02' },
      W.desk,
    );
    expect(revoked.summary.status).toBe('revoked');
    expect((await p.fail('releases.export', { requestId: r.summary.id }, W.desk)).message).toMatch(
      /is revoked/,
    );
  });
});

describe('a client’s own request', () => {
  it('is due 30 days after receipt, extended once by 30 with a reason given within the first 30', async () => {
    const r = await p.ok('releases.create', accessRequest(clientId, '2026-02-05'), W.desk);
    expect(r.summary.dueOn).toBe('2026-03-07');
    expect(r.summary.urgency).toBe('due-soon'); // 5 days left on 2026-03-02
    const late = await p.fail(
      'releases.extend',
      { requestId: r.summary.id, reason: 'x', notifiedOn: '2026-03-20' },
      W.desk,
    );
    expect(late.fields).toEqual([
      { path: 'notifiedOn', message: 'The client must be told before the original due date.' },
    ]);
    const ext = await p.ok(
      'releases.extend',
      {
        requestId: r.summary.id,
        reason: 'Synthetic: records are in off-site storage',
        notifiedOn: '2026-03-01',
      },
      W.desk,
    );
    expect(ext.summary.dueOn).toBe('2026-04-06');
    expect(ext.extension).toEqual({
      reason: 'Synthetic: records are in off-site storage',
      notifiedOn: '2026-03-01',
      newDueOn: '2026-04-06',
    });
    expect(
      (
        await p.fail(
          'releases.extend',
          { requestId: r.summary.id, reason: 'again', notifiedOn: '2026-03-02' },
          W.desk,
        )
      ).message,
    ).toMatch(/already been used/);
  });

  it('past its due date is overdue, listed first, and can no longer be extended', async () => {
    const r = await p.ok('releases.create', accessRequest(clientId, '2026-01-15'), W.desk);
    expect(r.summary.urgency).toBe('overdue');
    const list = await p.ok('releases.list', {}, W.desk);
    expect(list[0]?.urgency).toBe('overdue');
    const e = await p.fail(
      'releases.extend',
      { requestId: r.summary.id, reason: 'Synthetic', notifiedOn: '2026-02-01' },
      W.desk,
    );
    expect(e.message).toMatch(/within the first 30 days/);
  });

  it('a denial records its ground and whether it is reviewable', async () => {
    const r = await p.ok('releases.create', accessRequest(clientId), W.desk);
    const noGround = await p.fail(
      'releases.deny',
      { requestId: r.summary.id, explanation: 'Synthetic' },
      W.clin,
    );
    expect(noGround.fields).toEqual([{ path: 'ground', message: 'Choose the ground for the denial.' }]);
    expect(
      (
        await p.fail(
          'releases.deny',
          { requestId: r.summary.id, ground: 'endanger_life_safety', explanation: 'x' },
          W.desk,
        )
      ).code,
    ).toBe('FORBIDDEN');
    const denied = await p.ok(
      'releases.deny',
      {
        requestId: r.summary.id,
        ground: 'endanger_life_safety',
        explanation: 'Synthetic: reasonably likely to endanger the client',
      },
      W.clin,
    );
    expect(denied.denial).toMatchObject({
      ground: 'endanger_life_safety',
      reviewable: true,
      deniedBy: 'Dr. Ada Testcase',
    });
    const letter = await p.ok('releases.exportDenialLetter', { requestId: r.summary.id }, W.desk);
    expect(letter?.files).toEqual(['denial-letter.pdf']);
    // The same letter on screen: the reason, the review right and the complaint right.
    const shown = await p.ok('releases.denialLetter', { requestId: r.summary.id }, W.desk);
    const text = shown.sections.flatMap((x) => x.blocks.map((b) => `${b.label ?? ''} ${b.text}`)).join('\n');
    expect(text).toContain('Access is reasonably likely to endanger the life or physical safety');
    expect(text).toContain('Your right to a review');
    expect(text).toContain('Office for Civil Rights');
    const open = await p.ok('releases.create', accessRequest(clientId), W.desk);
    expect((await p.fail('releases.denialLetter', { requestId: open.summary.id }, W.desk)).code).toBe(
      'CONFLICT',
    );
  });
});

describe('the accounting of disclosures (45 CFR 164.528)', () => {
  it('lists a legal-order export and a hand-entered report, and leaves out an authorized one unless asked', async () => {
    const order = await p.ok('releases.create', courtOrder(clientId), W.desk);
    await p.ok('releases.authorize', { requestId: order.summary.id }, W.desk);
    await p.ok('releases.approve', { requestId: order.summary.id, selection: SELECTION }, W.clin);
    await p.ok('releases.export', { requestId: order.summary.id }, W.desk);
    await p.ok(
      'disclosures.record',
      {
        clientId,
        disclosedOn: '2026-03-01',
        recipientName: 'Example County Child Protective Services',
        description: 'Verbal report of suspected neglect (synthetic)',
        purpose: 'Mandated report under state law',
        basis: 'mandated_report',
      },
      W.clin,
    );
    expect(
      (
        await p.fail(
          'disclosures.record',
          {
            clientId,
            disclosedOn: '2026-03-01',
            recipientName: 'x',
            description: 'x',
            purpose: 'x',
            basis: 'other',
          },
          W.desk,
        )
      ).code,
    ).toBe('FORBIDDEN');
    const lawful = await p.ok('disclosures.accounting', { clientId, includeAll: false }, W.desk);
    expect(lawful.entries.map((e) => e.basis).sort()).toEqual(['legal_order', 'mandated_report']);
    expect(lawful.entries.find((e) => e.basis === 'legal_order')).toMatchObject({
      recipientName: 'Clerk of the Court',
      recipientAddress: '1 Courthouse Square, Springfield, OR 97401',
      description: 'Progress notes (1) from 2026-01-01 to 2026-02-28',
    });
    expect(lawful.excludedCount).toBeGreaterThan(0);
    const all = await p.ok('disclosures.accounting', { clientId, includeAll: true }, W.desk);
    expect(all.entries.map((e) => e.basis)).toContain('authorization');
    expect(lawful.from).toBe('2020-03-02');
  });

  it('is append-only in the database', () => {
    const sqlite = p.core.ctx.vault.db.sqlite;
    expect(() => sqlite.exec("UPDATE disclosures SET recipient_name = 'x'")).toThrow(/append-only/);
    expect(() => sqlite.exec('DELETE FROM disclosures')).toThrow(/append-only/);
  });
});

describe('expiry over time', () => {
  it('turns an approved release expired when its authorization lapses, and blocks export', async () => {
    const r = await authorizedThirdParty({ expiresOn: '2026-03-10' });
    await p.ok('releases.approve', { requestId: r.summary.id, selection: SELECTION }, W.clin);
    await clock.advance(10 * 86_400_000); // now 2026-03-12; everyone was locked out meanwhile
    await p.signIn(desk.username, `${desk.username}-fjord-amber-91`, W.desk);
    const got = await p.ok('releases.get', { requestId: r.summary.id }, W.desk);
    expect(got.summary.status).toBe('expired');
    expect((await p.fail('releases.export', { requestId: r.summary.id }, W.desk)).message).toMatch(
      /is expired/,
    );
  });
});
