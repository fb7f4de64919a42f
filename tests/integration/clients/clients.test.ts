// Clients: registration, validation, the guardian rule, search, role and caseload rules, status,
// care-team grants, and the audit trail of every read and change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultClient, minorClient } from '../../helpers/clients.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';

let p: TestPractice;
let clinA: { id: string; username: string; password: string };
let clinB: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
const W = { owner: 'w1', a: 'w-clin-a', b: 'w-clin-b', desk: 'w-desk' };

async function signInFresh(u: { username: string; password: string }, windowId: string): Promise<void> {
  await p.signIn(u.username, u.password, windowId);
  await p.ok(
    'auth.changePassword',
    { currentPassword: u.password, newPassword: `${u.username}-tundra-violet-22` },
    windowId,
  );
}

beforeAll(async () => {
  p = await makePractice();
  clinA = await p.addStaff('clinician', 'Dr. Ada Testcase');
  clinB = await p.addStaff('clinician', 'Dr. Bo Mockwell');
  desk = await p.addStaff('front_desk', 'Dee Deskworth');
  await signInFresh(clinA, W.a);
  await signInFresh(clinB, W.b);
  await signInFresh(desk, W.desk);
});
afterAll(async () => {
  await p.close();
});

const actionsFor = async (clientId: string) =>
  (await p.ok('audit.list', { filter: {}, limit: 500 })).entries
    .filter((e) => e.targetId === clientId)
    .map((e) => e.action)
    .reverse();

describe('registering a client', () => {
  it('front desk registers an adult with every demographic section; the chart gets a number', async () => {
    const c = await p.ok('clients.create', adultClient(clinA.id), W.desk);
    expect(c.chartNumber).toMatch(/^SW-\d{5}$/);
    expect(c).toMatchObject({
      legalFirstName: 'Avery',
      preferredName: 'Ave',
      status: 'active',
      primaryClinician: { id: clinA.id, displayName: 'Dr. Ada Testcase' },
      communication: {
        voicemailOk: true,
        voicemailNumber: '(555) 010-4477',
        textOk: false,
        textNumber: null,
      },
      insurance: { carrier: 'Example Health Plan', subscriberRelation: 'self' },
      emergencyContact: { name: 'Jordan Fictus' },
      access: { clinical: false, editDemographics: true, manageCareTeam: false, readOnly: false },
    });
    expect(await actionsFor(c.id)).toEqual(['client.create']);
  });

  it('requires a guardian for a minor, and records one with their legal authority', async () => {
    const withoutGuardian = await p.fail('clients.create', minorClient(clinA.id, { guardians: [] }), W.desk);
    expect(withoutGuardian.code).toBe('INVALID_INPUT');
    expect(withoutGuardian.fields).toEqual([
      {
        path: 'guardians',
        message:
          'A client under 18 needs a guardian, unless a clinician records the legal basis for the minor consenting alone.',
      },
    ]);
    const minor = await p.ok('clients.create', minorClient(clinA.id), W.desk);
    expect(minor.guardians).toEqual([
      {
        name: 'Morgan Placeholder',
        relation: 'Mother',
        phone: '(555) 010-3030',
        email: null,
        legalAuthority: 'parent',
        authorityNote: null,
      },
    ]);
  });

  it('lets only a clinician register a minor who consents alone, with the legal basis', async () => {
    const input = minorClient(clinA.id, {
      legalFirstName: 'Sage',
      dateOfBirth: '2010-05-01',
      guardians: [],
      minorSelfConsentBasis: 'State minor-consent statute for outpatient mental health care (age 14+).',
    });
    const byDesk = await p.fail('clients.create', input, W.desk);
    expect(byDesk.code).toBe('FORBIDDEN');
    const byClinician = await p.ok('clients.create', input, W.a);
    expect(byClinician.minorSelfConsentBasis).toMatch(/minor-consent statute/);
    expect(byClinician.guardians).toEqual([]);
  });

  it('keeps a clinician’s legal basis when front desk edits the chart without it', async () => {
    const basis = 'State minor-consent statute (synthetic citation)';
    const input = minorClient(clinA.id, {
      legalFirstName: 'Tamsin',
      dateOfBirth: '2011-03-03',
      guardians: [],
      minorSelfConsentBasis: basis,
    });
    const c = await p.ok('clients.create', input, W.a);
    const { minorSelfConsentBasis: _dropped, ...withoutBasis } = input;
    const edited = await p.call(
      'clients.update',
      { clientId: c.id, ...withoutBasis, phone: '(555) 010-2222' },
      W.desk,
    );
    // The schema still asks for a guardian or the basis, so front desk's form sends the basis back…
    expect(edited.ok).toBe(false);
    const ok = await p.ok('clients.update', { clientId: c.id, ...input, phone: '(555) 010-2222' }, W.desk);
    expect(ok.minorSelfConsentBasis).toBe(basis);
    // …and cannot change it.
    const changed = await p.fail(
      'clients.update',
      { clientId: c.id, ...input, minorSelfConsentBasis: 'Something else' },
      W.desk,
    );
    expect(changed.code).toBe('FORBIDDEN');
  });

  it.each([
    ['dateOfBirth', { dateOfBirth: '2999-01-01' }, 'Date of birth cannot be in the future.'],
    [
      'dateOfBirth',
      { dateOfBirth: '1890-01-01' },
      'Date of birth is more than 120 years ago; check the year.',
    ],
    ['dateOfBirth', { dateOfBirth: '04/12/1990' }, 'Enter a date as YYYY-MM-DD.'],
    ['phone', { phone: '555-0101' }, 'Enter a 10-digit phone number, e.g. (555) 010-1234.'],
    ['email', { email: 'not-an-email' }, 'Enter an email address like name@example.com.'],
    [
      'address.postalCode',
      { address: { line1: '1 A St', city: 'X', region: 'OR', postalCode: '974' } },
      'Enter a 5-digit ZIP code (or ZIP+4).',
    ],
    ['legalLastName', { legalLastName: '   ' }, 'Legal last name is required.'],
    [
      'legalFirstName',
      { legalFirstName: 'x'.repeat(101) },
      'Legal first name must be 100 characters or fewer.',
    ],
    [
      'communication.textNumber',
      { communication: { voicemailOk: false, textOk: true, emailOk: false } },
      'Which number may we text?',
    ],
    [
      'guardians.0.authorityNote',
      {
        dateOfBirth: '2012-01-01',
        guardians: [{ name: 'G', relation: 'Aunt', phone: '(555) 010-1111', legalAuthority: 'other' }],
      },
      'Describe the legal authority.',
    ],
  ] as const)('refuses a bad %s with a clear message and writes nothing', async (path, patch, message) => {
    const before = (await p.ok('clients.search', { query: '', limit: 500 })).total;
    const e = await p.fail('clients.create', { ...adultClient(clinA.id), ...patch }, W.desk);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toContainEqual({ path, message });
    expect((await p.ok('clients.search', { query: '', limit: 500 })).total).toBe(before);
  });

  it('refuses a primary clinician who is front desk or unknown', async () => {
    const e = await p.fail('clients.create', adultClient(desk.id), W.desk);
    expect(e).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ path: 'primaryClinicianId', message: 'Choose an active clinician.' }],
    });
  });
});

describe('finding clients', () => {
  let target: string;
  beforeAll(async () => {
    const c = await p.ok(
      'clients.create',
      adultClient(clinB.id, {
        legalFirstName: 'Quinlan',
        legalLastName: 'Zephyrine',
        preferredName: 'Quin',
        dateOfBirth: '1975-11-03',
        phone: '(555) 010-8642',
      }),
      W.desk,
    );
    target = c.id;
  });

  it.each([
    ['a name prefix', 'zeph'],
    ['first and last name prefixes', 'qui zep'],
    ['the preferred name', 'quin'],
    ['the date of birth as typed in the US', '11/3/1975'],
    ['the ISO date of birth', '1975-11-03'],
    ['the phone digits', '5550108642'],
    ['part of the phone', '010-8642'],
    ['accents and case', 'ZÉPHYRINE'],
  ])('by %s', async (_label, query) => {
    const r = await p.ok('clients.search', { query, limit: 20 }, W.desk);
    expect(r.clients.map((c) => c.id)).toContain(target);
  });

  it('by a whole date of birth: only clients born that day', async () => {
    const r = await p.ok('clients.search', { query: '11/3/1975', limit: 50 }, W.desk);
    expect(r.clients.length).toBeGreaterThan(0);
    expect(r.clients.every((c) => c.dateOfBirth === '1975-11-03')).toBe(true);
  });

  it('by chart number, with or without the leading zeros', async () => {
    const chart = (await p.ok('clients.get', { clientId: target }, W.desk)).chartNumber;
    for (const q of [chart, String(Number(chart.slice(3)))]) {
      expect(
        (await p.ok('clients.search', { query: q, limit: 20 }, W.desk)).clients.map((c) => c.id),
      ).toContain(target);
    }
  });

  it('filters by status and by primary clinician', async () => {
    const byClin = await p.ok('clients.search', { query: '', clinicianId: clinB.id, limit: 100 });
    expect(byClin.clients.every((c) => c.primaryClinician.id === clinB.id)).toBe(true);
    expect(byClin.clients.length).toBeGreaterThan(0);
    const discharged = await p.ok('clients.search', { query: '', status: 'discharged', limit: 100 });
    expect(discharged.clients.every((c) => c.status === 'discharged')).toBe(true);
  });

  it('shows a clinician only their own caseload', async () => {
    const forA = await p.ok('clients.search', { query: '', limit: 500 }, W.a);
    expect(forA.clients.map((c) => c.id)).not.toContain(target);
    expect(forA.clients.every((c) => c.primaryClinician.id === clinA.id)).toBe(true);
    const forB = await p.ok('clients.search', { query: 'zeph', limit: 20 }, W.b);
    expect(forB.clients.map((c) => c.id)).toEqual([target]);
  });

  it('treats FTS5 syntax as plain text', async () => {
    for (const q of ['"', 'zeph*', 'NEAR(', 'a OR b', '-', '^x']) {
      expect((await p.call('clients.search', { query: q, limit: 5 }, W.desk)).ok).toBe(true);
    }
  });
});

describe('chart access', () => {
  it('refuses a clinician off the care team, and lets them in once granted; both audited', async () => {
    const c = await p.ok('clients.create', adultClient(clinA.id, { legalFirstName: 'Harper' }), W.desk);
    const refused = await p.fail('clients.get', { clientId: c.id }, W.b);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/not on your caseload/);
    expect((await p.fail('intake.get', { clientId: c.id }, W.b)).code).toBe('FORBIDDEN');
    const granted = await p.ok('clients.addCareTeamMember', { clientId: c.id, userId: clinB.id }, W.a);
    expect(granted.careTeam.map((m) => m.displayName)).toEqual(['Dr. Bo Mockwell']);
    const opened = await p.ok('clients.get', { clientId: c.id }, W.b);
    expect(opened.access.clinical).toBe(true);
    await p.ok('clients.removeCareTeamMember', { clientId: c.id, userId: clinB.id }, W.a);
    expect((await p.fail('clients.get', { clientId: c.id }, W.b)).code).toBe('FORBIDDEN');
    // Each refusal is recorded as denied (never as a view) with the chart it named.
    expect(await actionsFor(c.id)).toEqual([
      'client.create',
      'access.denied',
      'access.denied',
      'careTeam.add',
      'client.view',
      'careTeam.remove',
      'access.denied',
    ]);
  });

  it('never lets front desk manage the care team, or add front desk to one', async () => {
    const c = await p.ok('clients.create', adultClient(clinA.id, { legalFirstName: 'Emery' }), W.desk);
    expect(
      (await p.fail('clients.addCareTeamMember', { clientId: c.id, userId: clinB.id }, W.desk)).code,
    ).toBe('FORBIDDEN');
    const e = await p.fail('clients.addCareTeamMember', { clientId: c.id, userId: desk.id }, W.a);
    expect(e.code).toBe('INVALID_INPUT');
  });

  it('lets the owner grant on any chart', async () => {
    const c = await p.ok('clients.create', adultClient(clinA.id, { legalFirstName: 'Rowan' }), W.desk);
    const r = await p.ok('clients.addCareTeamMember', { clientId: c.id, userId: clinB.id }, W.owner);
    expect(r.careTeam).toHaveLength(1);
  });

  it('answers NOT_FOUND for a client that does not exist', async () => {
    expect(
      (await p.fail('clients.get', { clientId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' }, W.desk)).code,
    ).toBe('NOT_FOUND');
  });
});

describe('registering or handing over a chart out of one’s own reach', () => {
  const chartCount = async () => (await p.ok('clients.search', { query: '', limit: 500 }, W.owner)).total;

  it('refuses a clinician registering a client for a colleague, and saves nothing', async () => {
    const before = await chartCount();
    const input = adultClient(clinB.id, { legalFirstName: 'Quinn', legalLastName: 'Nochart' });
    const refused = await p.fail('clients.create', input, W.a);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.fields?.[0]?.path).toBe('primaryClinicianId');
    expect(refused.message).toMatch(/front desk or the owner/);
    // Trying again does not make duplicates: there was never a chart.
    expect((await p.fail('clients.create', input, W.a)).code).toBe('FORBIDDEN');
    expect(await chartCount()).toBe(before);
    expect((await p.ok('clients.search', { query: 'nochart', limit: 5 }, W.owner)).total).toBe(0);
    // The front desk and the owner register for any clinician; a clinician for themselves.
    expect((await p.ok('clients.create', input, W.desk)).primaryClinician.id).toBe(clinB.id);
    expect((await p.ok('clients.create', input, W.owner)).primaryClinician.id).toBe(clinB.id);
    expect((await p.ok('clients.create', adultClient(clinA.id), W.a)).access.clinical).toBe(true);
    expect(await chartCount()).toBe(before + 3);
  });

  it('refuses a primary clinician handing the chart to a colleague, and changes nothing', async () => {
    const input = adultClient(clinA.id, { legalFirstName: 'Marlowe', legalLastName: 'Handover' });
    const c = await p.ok('clients.create', input, W.desk);
    const handover = { clientId: c.id, ...input, primaryClinicianId: clinB.id, phone: '(555) 010-7171' };
    const refused = await p.fail('clients.update', handover, W.a);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/off your caseload/);
    const after = await p.ok('clients.get', { clientId: c.id }, W.a);
    expect(after.primaryClinician.id).toBe(clinA.id);
    expect(after.phone).toBe(input.phone);
    expect(after.updatedAt).toBe(c.updatedAt);
    expect((await actionsFor(c.id)).filter((a) => a === 'client.update')).toEqual([]);
    // A clinician who stays on the care team may hand over, and still sees the chart.
    await p.ok('clients.addCareTeamMember', { clientId: c.id, userId: clinB.id }, W.a);
    const byB = await p.ok('clients.update', { ...handover, primaryClinicianId: clinB.id }, W.b);
    expect(byB.primaryClinician.id).toBe(clinB.id);
    // The front desk hands over any chart.
    const back = await p.ok('clients.update', { ...handover, primaryClinicianId: clinA.id }, W.desk);
    expect(back.primaryClinician.id).toBe(clinA.id);
  });
});

describe('editing and status', () => {
  it('updates demographics, keeps search in step, and audits which fields changed', async () => {
    const c = await p.ok(
      'clients.create',
      adultClient(clinA.id, { legalFirstName: 'Kendall', legalLastName: 'Oldname' }),
      W.desk,
    );
    const { id: _id, ...rest } = {
      id: c.id,
      ...adultClient(clinA.id, { legalFirstName: 'Kendall', legalLastName: 'Newname' }),
    };
    await p.ok('clients.update', { clientId: c.id, ...rest }, W.desk);
    expect((await p.ok('clients.search', { query: 'oldname', limit: 5 }, W.desk)).total).toBe(0);
    expect((await p.ok('clients.search', { query: 'newname', limit: 5 }, W.desk)).total).toBe(1);
    const entry = (await p.ok('audit.list', { filter: { action: 'client.update' }, limit: 5 })).entries[0];
    expect(JSON.parse(entry?.detail ?? '{}')).toEqual({ fields: ['legal_last_name'], guardians: 0 });
    expect(entry?.detail).not.toContain('Newname');
  });

  it('changes status with a date and reason; only a clinician discharges', async () => {
    const c = await p.ok('clients.create', adultClient(clinA.id, { legalFirstName: 'Jules' }), W.desk);
    const noReason = await p.fail(
      'clients.setStatus',
      { clientId: c.id, status: 'inactive', effectiveDate: '2026-01-10' },
      W.desk,
    );
    expect(noReason.fields).toEqual([{ path: 'reason', message: 'Give a reason.' }]);
    const inactive = await p.ok(
      'clients.setStatus',
      { clientId: c.id, status: 'inactive', effectiveDate: '2026-01-10', reason: 'Paused: travelling' },
      W.desk,
    );
    expect(inactive).toMatchObject({
      status: 'inactive',
      statusDate: '2026-01-10',
      statusReason: 'Paused: travelling',
    });
    // Search filters see the new status at once.
    const find = async (status: 'active' | 'inactive') =>
      (await p.ok('clients.search', { query: 'jules', status, limit: 50 }, W.desk)).clients.map((x) => x.id);
    expect(await find('inactive')).toContain(c.id);
    expect(await find('active')).not.toContain(c.id);
    const deskDischarge = await p.fail(
      'clients.setStatus',
      { clientId: c.id, status: 'discharged', effectiveDate: '2026-01-11', reason: 'Goals met' },
      W.desk,
    );
    expect(deskDischarge.code).toBe('FORBIDDEN');
    const discharged = await p.ok(
      'clients.setStatus',
      { clientId: c.id, status: 'discharged', effectiveDate: '2026-01-11', reason: 'Treatment goals met' },
      W.a,
    );
    expect(discharged.statusHistory.map((h) => h.status)).toEqual(['discharged', 'inactive', 'active']);
    const future = await p.fail(
      'clients.setStatus',
      { clientId: c.id, status: 'active', effectiveDate: '2999-01-01' },
      W.a,
    );
    expect(future.fields?.[0]?.message).toBe('The date cannot be in the future.');
  });
});
