// The notices a package prints, one test per basis a release can stand on (LEGAL.md): read back
// from the PDF's text as the recipient would read them. A client's own copy of Part 2 records
// carries no 2.32 notice and never a court-order basis (42 CFR 2.23); a package names only the
// authorizations its records left under.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestBasis } from '../../../main/core/releases/rules.ts';
import { REQUEST_BASES } from '../../../main/core/releases/rules.ts';
import type { Input } from '../../../preload/contract.ts';
import type { Selection } from '../../../preload/contract/releases.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import { packageText } from '../../helpers/package-check.ts';
import {
  accessRequest,
  courtOrder,
  hipaaAuthorization,
  part2Consent,
  psychotherapyAuthorization,
  thirdParty,
} from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const out = tempDir('stillwater-notices-');
const W = { clin: 'w-clin', desk: 'w-desk' };
const PART2_NOTICE = '42 CFR part 2 prohibits unauthorized use or disclosure of these records.';
const RECIPIENT = {
  name: 'Dr. Example Receiver, Sample Family Medicine',
  address: '9 Example Plaza, Springfield, OR 97401',
};
let p: TestPractice;
let clin: { id: string; username: string; password: string };
let clientId: string;

const WITH_PART2: Selection = {
  recordTypes: ['progress_notes'],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: true,
};
const WITHOUT_PART2: Selection = { ...WITH_PART2, includePart2: false };

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  clin = await signedInStaff(p, 'clinician', 'Dr. Ada Testcase', W.clin);
  await signedInStaff(p, 'front_desk', 'Dee Deskworth', W.desk);
  clientId = (await p.ok('clients.create', adultClient(clin.id), W.desk)).id;
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

/** Creates, authorizes, approves and exports; returns the package's text with its whitespace collapsed. */
async function released(
  request: Input<'releases.create'>,
  selection: Selection,
  auths: ((id: string) => Input<'releases.addAuthorization'>)[] = [],
): Promise<string> {
  const r = await p.ok('releases.create', request, W.desk);
  for (const make of auths) await p.ok('releases.addAuthorization', make(r.summary.id), W.desk);
  await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk);
  await p.ok('releases.approve', { requestId: r.summary.id, selection }, W.clin);
  const pkg = await p.ok('releases.export', { requestId: r.summary.id }, W.desk);
  return packageText(join(out.path, pkg?.packageName ?? '')).replace(/\s+/g, ' ');
}

const emergency = (
  situation: 'duty_to_warn' | 'mandated_report' | 'medical_emergency',
): Input<'releases.create'> => ({
  clientId,
  details: {
    kind: 'emergency',
    receivedOn: '2026-03-01',
    situation,
    reason: 'Synthetic: the documented reason',
    clinicianId: clin.id,
    ...(situation === 'medical_emergency'
      ? {
          recipient: { name: 'Dr. Sample Attending', address: '5 Example Road, Springfield, OR' },
          recipientRole: 'medical_personnel' as const,
          recipientFacility: 'Example General Hospital, emergency department',
          disclosedAt: '2026-03-01T22:15',
        }
      : situation === 'mandated_report'
        ? {
            recipient: { name: 'Example County Child Protective Services', address: '4 Example Road' },
            recipientRole: 'protective_services' as const,
            statute: 'State child-abuse reporting statute (synthetic citation)',
          }
        : {
            recipient: { name: 'Jordan Sample', address: '3 Example Road' },
            recipientRole: 'person_at_risk' as const,
          }),
  },
});

const tested = new Set<RequestBasis>();
const basis = (b: RequestBasis) => {
  tested.add(b);
  return b;
};

describe('the notice each kind of release prints', () => {
  it(`${basis('access')}: the right of access; Part 2 records given to the patient carry no 2.32 notice and no court-order basis`, async () => {
    const text = await released(accessRequest(clientId), WITH_PART2);
    expect(text).toContain(
      'Provided to the client under the right of access to their own health information (45 CFR 164.524).',
    );
    expect(text).toContain('given to the patient under 42 CFR 2.23');
    expect(text).not.toContain(PART2_NOTICE);
    expect(text).not.toContain('2.61');
    expect(text).not.toMatch(/court order/i);
  });

  it(`${basis('directed_copy')}: the client's direction, and for Part 2 records the 2.32 notice with the consent's scope`, async () => {
    const access = accessRequest(clientId).details;
    if (access.kind !== 'access') throw new Error('an access request');
    const text = await released(
      { clientId, details: { ...access, directedTo: RECIPIENT, signedDirectionOnFile: true } },
      WITH_PART2,
      [(id) => part2Consent(id)],
    );
    expect(text).toContain(
      'Sent to the person the client named, at the client’s signed, written direction (45 CFR 164.524(c)(3)',
    );
    expect(text).toContain(PART2_NOTICE);
    expect(text).toContain('Scope of the consent (42 CFR 2.31)');
  });

  it(`${basis('authorization')}: the redisclosure notice, and only the authorizations the records left under`, async () => {
    const text = await released(thirdParty(clientId), WITHOUT_PART2, [
      (id) => hipaaAuthorization(id),
      (id) => part2Consent(id),
      (id) => psychotherapyAuthorization(id),
    ]);
    expect(text).toContain('under the written authorization of the individual it describes (45 CFR 164.508)');
    expect(text).not.toContain(PART2_NOTICE);
    expect(text).not.toMatch(/Part 2 consent|Psychotherapy-notes authorization/i);
    const withPart2 = await released(thirdParty(clientId), WITH_PART2, [
      (id) => hipaaAuthorization(id),
      (id) => part2Consent(id),
    ]);
    expect(withPart2).toContain(PART2_NOTICE);
    expect(withPart2).toContain('Scope of the consent (42 CFR 2.31)');
  });

  it(`${basis('court_order')}: the order, and its 2.61–2.64 basis only where Part 2 records go`, async () => {
    const text = await released(courtOrder(clientId, { meetsPart2Order: true }), WITH_PART2);
    expect(text).toContain(
      'Disclosed under a court order (SYN-2026-0001, Example County Circuit Court, issued 2026-02-18)',
    );
    expect(text).toContain('Basis of the disclosure (42 CFR 2.61–2.64)');
    const plain = await released(courtOrder(clientId, { meetsPart2Order: true }), WITHOUT_PART2);
    expect(plain).not.toContain('2.61');
  });

  it(`${basis('subpoena')}: the subpoena and the assurance it came with`, async () => {
    const text = await released(
      courtOrder(clientId, { orderType: 'subpoena', assurance: 'qualified_protective_order' }),
      WITHOUT_PART2,
    );
    expect(text).toContain(
      'in response to a subpoena (SYN-2026-0001, Example County Circuit Court) with a qualified protective order (45 CFR 164.512(e)(1)(ii))',
    );
  });

  it(`${basis('duty_to_warn')}: a serious and imminent threat, 164.512(j)`, async () => {
    const text = await released(emergency('duty_to_warn'), WITHOUT_PART2);
    expect(text).toContain(
      'to prevent or lessen a serious and imminent threat to the health or safety of a person or the public (45 CFR 164.512(j))',
    );
    expect(text).not.toContain(PART2_NOTICE);
  });

  it(`${basis('mandated_report')}: the law that requires the report`, async () => {
    const text = await released(emergency('mandated_report'), WITHOUT_PART2);
    expect(text).toContain(
      'as a report required by law (State child-abuse reporting statute (synthetic citation)) (45 CFR 164.512(a), (b)(1)(ii), (c))',
    );
  });

  it(`${basis('medical_emergency')}: 2.51, with the recipient, facility, who disclosed, when, and the emergency`, async () => {
    const text = await released(emergency('medical_emergency'), WITH_PART2);
    expect(text).toContain(
      'Disclosed without consent to Dr. Sample Attending, Example General Hospital, emergency department, medical personnel treating a bona fide medical emergency, on 2026-03-01 at 22:15 by Dr. Ada Testcase. Nature of the emergency: Synthetic: the documented reason',
    );
    expect(text).toContain(PART2_NOTICE);
  });

  it('covers every basis', () => {
    expect([...tested].sort()).toEqual([...REQUEST_BASES].sort());
  });
});
