// The clinical intake, consents and screenings: who may see them, what completing needs, scores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, minorClient } from '../../helpers/clients.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';

let p: TestPractice;
let clin: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
let clientId: string;
const W = { clin: 'w-clin', desk: 'w-desk' };

beforeAll(async () => {
  p = await makePractice();
  clin = await p.addStaff('clinician', 'Dr. Ada Testcase');
  desk = await p.addStaff('front_desk', 'Dee Deskworth');
  for (const [u, w] of [
    [clin, W.clin],
    [desk, W.desk],
  ] as const) {
    await p.signIn(u.username, u.password, w);
    await p.ok(
      'auth.changePassword',
      { currentPassword: u.password, newPassword: `${u.username}-quill-harbor-58` },
      w,
    );
  }
  clientId = (await p.ok('clients.create', minorClient(clin.id), W.desk)).id;
});
afterAll(async () => {
  await p.close();
});

const guardianSignature = {
  signerName: 'Morgan Placeholder',
  signerRole: 'parent' as const,
  authority: 'Mother, legal custody',
  signedOn: '2026-01-05',
  witnessName: 'Dr. Ada Testcase',
};

describe('front desk', () => {
  it.each(['intake.get', 'screenings.list', 'intake.complete'] as const)(
    'is refused %s by role',
    async (channel) => {
      expect(await p.fail(channel, { clientId }, W.desk)).toEqual({
        code: 'FORBIDDEN',
        message: 'Your role does not allow this.',
      });
    },
  );

  it('is refused saving an intake or recording a screening', async () => {
    expect((await p.fail('intake.save', intake(clientId), W.desk)).code).toBe('FORBIDDEN');
    const s = await p.fail(
      'screenings.record',
      {
        clientId,
        instrument: 'gad7',
        administeredOn: '2026-01-05',
        items: [0, 0, 0, 0, 0, 0, 0],
        context: 'intake',
      },
      W.desk,
    );
    expect(s.code).toBe('FORBIDDEN');
  });

  it('sees no clinical field in the chart it may open', async () => {
    const chart = await p.ok('clients.get', { clientId }, W.desk);
    expect(chart.access.clinical).toBe(false);
    expect(JSON.stringify(chart)).not.toMatch(/presentingConcern|risk|phq9|gad7|substance/i);
  });
});

describe('the intake', () => {
  it('needs a safety plan when risk is moderate or high', async () => {
    const e = await p.fail(
      'intake.save',
      intake(clientId, { risk: { ...intake(clientId).risk, level: 'moderate' } }),
      W.clin,
    );
    expect(e.fields).toEqual([
      { path: 'risk.safetyPlan', message: 'Moderate or high risk needs a safety plan.' },
    ]);
  });

  it('saves in progress, marks the substance-use section as Part 2 when it is', async () => {
    const saved = await p.ok('intake.save', intake(clientId, { substanceUsePart2: true }), W.clin);
    expect(saved).toMatchObject({
      status: 'in_progress',
      substanceUsePart2: true,
      updatedBy: 'Dr. Ada Testcase',
    });
  });

  it('cannot be completed until the treatment and privacy consents are on file', async () => {
    const e = await p.fail('intake.complete', { clientId }, W.clin);
    expect(e.code).toBe('CONFLICT');
    expect(e.fields?.map((f) => f.path)).toEqual(['consents.treatment', 'consents.privacy_notice']);
  });

  it('refuses a minor’s consent without a guardian’s signature', async () => {
    const e = await p.fail(
      'consents.record',
      {
        clientId,
        kind: 'treatment',
        givenOn: '2026-01-05',
        basis: 'guardian',
        signatures: [{ signerName: 'Riley Placeholder', signerRole: 'client', signedOn: '2026-01-05' }],
      },
      W.clin,
    );
    expect(e.fields).toEqual([
      { path: 'signatures', message: 'Add the parent’s, guardian’s or representative’s signature.' },
    ]);
    const asAdult = await p.fail(
      'consents.record',
      {
        clientId,
        kind: 'treatment',
        givenOn: '2026-01-05',
        basis: 'client',
        signatures: [{ signerName: 'Riley Placeholder', signerRole: 'client', signedOn: '2026-01-05' }],
      },
      W.clin,
    );
    expect(asAdult.fields).toEqual([
      { path: 'basis', message: 'Choose the parent or guardian, or the basis on which the minor consented.' },
    ]);
  });

  it('records a consent with two signatures (client and guardian) and their authority', async () => {
    const consent = await p.ok(
      'consents.record',
      {
        clientId,
        kind: 'treatment',
        givenOn: '2026-01-05',
        basis: 'guardian',
        signatures: [
          { signerName: 'Riley Placeholder', signerRole: 'client', signedOn: '2026-01-05' },
          guardianSignature,
        ],
      },
      W.clin,
    );
    expect(consent.signatures).toHaveLength(2);
    expect(consent.signatures[1]).toMatchObject({ signerRole: 'parent', authority: 'Mother, legal custody' });
  });

  it('records a minor consenting alone only with the legal basis and their own signature', async () => {
    const noBasis = await p.fail(
      'consents.record',
      {
        clientId,
        kind: 'telehealth',
        givenOn: '2026-01-05',
        basis: 'minor_alone',
        signatures: [{ signerName: 'Riley Placeholder', signerRole: 'client', signedOn: '2026-01-05' }],
      },
      W.clin,
    );
    expect(noBasis.fields).toEqual([
      { path: 'legalBasis', message: 'Record the state law that lets the minor consent alone.' },
    ]);
    const ok = await p.ok(
      'consents.record',
      {
        clientId,
        kind: 'telehealth',
        givenOn: '2026-01-05',
        basis: 'minor_alone',
        legalBasis: 'State minor-consent statute (synthetic citation)',
        signatures: [{ signerName: 'Riley Placeholder', signerRole: 'client', signedOn: '2026-01-05' }],
      },
      W.clin,
    );
    expect(ok).toMatchObject({ basis: 'minor_alone', confidentialFromGuardian: true });
  });

  it('completes once the privacy notice is acknowledged too', async () => {
    await p.ok(
      'consents.record',
      {
        clientId,
        kind: 'privacy_notice',
        givenOn: '2026-01-05',
        basis: 'guardian',
        signatures: [guardianSignature],
      },
      W.clin,
    );
    const done = await p.ok('intake.complete', { clientId }, W.clin);
    expect(done).toMatchObject({ status: 'completed', completedBy: 'Dr. Ada Testcase' });
    const again = await p.fail('intake.complete', { clientId }, W.clin);
    expect(again.message).toBe('This intake is already complete.');
    const read = await p.ok('intake.get', { clientId }, W.clin);
    expect(read.consents.map((c) => c.kind).sort()).toEqual(['privacy_notice', 'telehealth', 'treatment']);
  });
});

describe('screenings', () => {
  it('scores a PHQ-9, bands it, flags item 9, and keeps the trend in date order', async () => {
    const first = await p.ok(
      'screenings.record',
      {
        clientId,
        instrument: 'phq9',
        administeredOn: '2026-01-05',
        items: [2, 2, 2, 2, 1, 2, 1, 1, 1],
        context: 'intake',
      },
      W.clin,
    );
    expect(first).toMatchObject({
      total: 14,
      severity: 'moderate',
      item9Positive: true,
      administeredBy: 'Dr. Ada Testcase',
    });
    await p.ok(
      'screenings.record',
      {
        clientId,
        instrument: 'phq9',
        administeredOn: '2026-01-19',
        items: [1, 1, 1, 1, 1, 1, 0, 0, 0],
        context: 'follow_up',
      },
      W.clin,
    );
    await p.ok(
      'screenings.record',
      {
        clientId,
        instrument: 'gad7',
        administeredOn: '2026-01-05',
        items: [3, 3, 2, 2, 2, 2, 1],
        difficulty: 2,
        context: 'intake',
      },
      W.clin,
    );
    const list = await p.ok('screenings.list', { clientId }, W.clin);
    expect(list.map((s) => [s.instrument, s.administeredOn, s.total, s.severity])).toEqual([
      ['phq9', '2026-01-05', 14, 'moderate'],
      ['gad7', '2026-01-05', 15, 'severe'],
      ['phq9', '2026-01-19', 6, 'mild'],
    ]);
  });

  it('refuses the wrong number of items, out-of-range answers and future dates', async () => {
    const base = {
      clientId,
      instrument: 'phq9' as const,
      administeredOn: '2026-01-05',
      context: 'intake' as const,
    };
    expect(
      (await p.fail('screenings.record', { ...base, items: [0, 0, 0, 0, 0, 0, 0] }, W.clin)).fields,
    ).toEqual([{ path: 'items', message: 'Answer every item.' }]);
    expect(
      (await p.fail('screenings.record', { ...base, items: [0, 0, 0, 0, 0, 0, 0, 0, 4] }, W.clin)).code,
    ).toBe('INVALID_INPUT');
    expect(
      (
        await p.fail(
          'screenings.record',
          { ...base, administeredOn: '2999-01-01', items: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
          W.clin,
        )
      ).fields?.[0]?.message,
    ).toBe('The date given cannot be in the future.');
  });

  it('audits every clinical read and change', async () => {
    const entries = (await p.ok('audit.list', { filter: {}, limit: 500 })).entries.filter(
      (e) => e.targetId === clientId,
    );
    const actions = new Set(entries.map((e) => e.action));
    for (const a of [
      'intake.save',
      'intake.complete',
      'intake.view',
      'consent.record',
      'screening.record',
      'screening.view',
    ]) {
      expect(actions.has(a), a).toBe(true);
    }
  });
});

describe('drafts', () => {
  it('are kept per user: another user cannot read them', async () => {
    const key = `intake:${clientId}`;
    await p.ok('drafts.save', { key, data: { presentingConcern: 'half-typed synthetic sentence' } }, W.clin);
    expect((await p.ok('drafts.get', { key }, W.clin))?.data).toEqual({
      presentingConcern: 'half-typed synthetic sentence',
    });
    expect(await p.ok('drafts.get', { key }, W.desk)).toBeNull();
    expect(await p.ok('drafts.get', { key }, 'w1')).toBeNull();
    await p.ok('drafts.discard', { key }, W.clin);
    expect(await p.ok('drafts.get', { key }, W.clin)).toBeNull();
  });

  it('survive signing out and back in', async () => {
    await p.ok('drafts.save', { key: 'client-new', data: { legalFirstName: 'Half' } }, W.desk);
    await p.ok('auth.signOut', {}, W.desk);
    await p.signIn(desk.username, `${desk.username}-quill-harbor-58`, W.desk);
    expect((await p.ok('drafts.get', { key: 'client-new' }, W.desk))?.data).toEqual({
      legalFirstName: 'Half',
    });
  });

  it('refuse oversized drafts', async () => {
    const e = await p.fail('drafts.save', { key: 'client-new', data: { text: 'x'.repeat(250_000) } }, W.desk);
    expect(e.fields?.[0]?.message).toBe('This draft is too large to save.');
  });
});
