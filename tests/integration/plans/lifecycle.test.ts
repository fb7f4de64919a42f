// Treatment plans: drafted, signed by the clinician (locked: saving refused, the database refuses a
// raw change), signed by the client or a representative with authority, revised (v1 kept and
// superseded, readable), reviewed; a tampered plan is shown as altered; everything survives a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../preload/contract/clients.ts';
import type { PlanContent } from '../../../preload/contract/plans.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { planContent } from '../../helpers/plans.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { a: 'w-a', b: 'w-b', desk: 'w-desk', owner: 'w-owner' };

let p: TestPractice;
let a: { id: string; username: string; password: string };
let b: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
let diagnosisId: string;

async function newClient(first: string): Promise<string> {
  return (await p.ok('clients.create', adultClient(a.id, { legalFirstName: first }), W.a)).id;
}

async function draftFor(clientId: string, content?: PlanContent, window = W.a) {
  const view = await p.ok('plans.createDraft', { clientId }, window);
  const planId = view.plan.id;
  await p.ok(
    'plans.saveDraft',
    { planId, content: content ?? planContent(), reviewDueOn: view.plan.reviewDueOn, part2: false },
    window,
  );
  return planId;
}

async function signedPlan(clientId: string, content?: PlanContent) {
  const planId = await draftFor(clientId, content);
  await p.ok('plans.signAsClinician', { planId }, W.a);
  return p.ok(
    'plans.recordClientSignature',
    { planId, signer: 'client', signerName: 'Avery Fictus', signedOn: today() },
    W.a,
  );
}

/** The clock's calendar day where the test runs (the practice's "today"). */
const today = () => todayIso(new Date(clock.now()));

beforeAll(async () => {
  p = await makePractice({ clock });
  await p.signIn(OWNER.username, OWNER.password, W.owner);
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Planwright', W.a);
  b = await signedInStaff(p, 'clinician', 'Dr. Basil Elsewhere', W.b);
  desk = await signedInStaff(p, 'front_desk', 'Dee Deskworth', W.desk);
});
afterAll(() => p.close());

describe('treatment plan lifecycle', () => {
  let clientId: string;
  let v1: string;

  it('drafts, signs as clinician, records the client’s signature: the plan is in force and locked', async () => {
    clientId = await newClient('Avery');
    const list = await p.ok(
      'diagnoses.add',
      { clientId, code: 'F32.1', status: 'active', part2: false },
      W.a,
    );
    diagnosisId = list.diagnoses[0]?.id ?? '';
    expect(diagnosisId).not.toBe('');
    const start = await p.ok('plans.createDraft', { clientId }, W.a);
    expect(start.plan).toMatchObject({
      version: 1,
      status: 'draft',
      previousId: null,
      integrity: 'unsigned',
    });
    // The default review date: 90 days from today (a practice setting).
    expect(start.plan.reviewDueOn).toBe('2026-05-31');
    v1 = start.plan.id;
    const content = planContent({ problems: 3, objectivesPerGoal: [4, 3, 3], diagnosisIds: [diagnosisId] });
    await p.ok('plans.saveDraft', { planId: v1, content, reviewDueOn: '2026-05-31', part2: false }, W.a);
    const clinician = await p.ok('plans.signAsClinician', { planId: v1 }, W.a);
    expect(clinician.plan.status).toBe('awaiting_client');
    expect(clinician.plan.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(clinician.plan.integrity).toBe('ok');
    expect(clinician.diagnoses).toEqual([
      expect.objectContaining({ id: diagnosisId, code: 'F32.1', status: 'active' }),
    ]);
    // Locked from the clinician's signature on: no more saving.
    const save = await p.fail(
      'plans.saveDraft',
      { planId: v1, content, reviewDueOn: '2026-05-31', part2: false },
      W.a,
    );
    expect(save.code).toBe('LOCKED');
    const signed = await p.ok(
      'plans.recordClientSignature',
      { planId: v1, signer: 'client', signerName: 'Avery Fictus', signedOn: '2026-03-02' },
      W.a,
    );
    expect(signed.plan).toMatchObject({ status: 'signed', integrity: 'ok' });
    expect(signed.plan.clientSignature).toMatchObject({
      signer: 'client',
      authority: null,
      signedOn: '2026-03-02',
    });
    expect(signed.plan.content).toEqual(content);
    const sqlite = p.core.ctx.vault.db.sqlite;
    expect(() => sqlite.prepare("UPDATE treatment_plans SET content = '{}' WHERE id = ?").run(v1)).toThrow(
      /cannot be changed/,
    );
    expect(() =>
      sqlite.prepare('UPDATE treatment_plans SET client_signer_name = ? WHERE id = ?').run('X', v1),
    ).toThrow(/cannot be changed/);
    expect(() => sqlite.prepare('DELETE FROM treatment_plans WHERE id = ?').run(v1)).toThrow(
      /cannot be deleted/,
    );
    expect((await p.fail('plans.discardDraft', { planId: v1 }, W.a)).code).toBe('LOCKED');
    const again = await p.fail(
      'plans.recordClientSignature',
      { planId: v1, signer: 'client', signerName: 'Someone Else', signedOn: '2026-03-02' },
      W.a,
    );
    expect(again.code).toBe('LOCKED');
  });

  it('revises: a new version with the content and ids carried; v1 superseded only when v2 is signed by both', async () => {
    const revision = await p.ok('plans.createDraft', { clientId }, W.a);
    expect(revision.plan).toMatchObject({ version: 2, previousId: v1, status: 'draft' });
    const v1Content = (await p.ok('plans.get', { planId: v1 }, W.a)).plan.content;
    expect(revision.plan.content).toEqual(v1Content);
    // A second draft while one is open is refused.
    expect((await p.fail('plans.createDraft', { clientId }, W.a)).code).toBe('CONFLICT');
    const v2 = revision.plan.id;
    await p.ok('plans.signAsClinician', { planId: v2 }, W.a);
    // Still in force until the client signs the revision.
    expect((await p.ok('plans.get', { planId: v1 }, W.a)).plan.status).toBe('signed');
    await p.ok(
      'plans.recordClientSignature',
      {
        planId: v2,
        signer: 'representative',
        signerName: 'Jordan Fictus',
        authority: 'Health care power of attorney',
        signedOn: '2026-03-02',
      },
      W.a,
    );
    const old = await p.ok('plans.get', { planId: v1 }, W.a);
    expect(old.plan).toMatchObject({ status: 'superseded', integrity: 'ok' });
    // The database refuses to bring a superseded version back, or to unsign one.
    const sqlite = p.core.ctx.vault.db.sqlite;
    expect(() => sqlite.prepare("UPDATE treatment_plans SET status = 'signed' WHERE id = ?").run(v1)).toThrow(
      /cannot be changed/,
    );
    expect(() => sqlite.prepare("UPDATE treatment_plans SET status = 'draft' WHERE id = ?").run(v2)).toThrow(
      /cannot be changed/,
    );
    expect(() => sqlite.prepare('UPDATE treatment_plans SET version = 9 WHERE id = ?').run(v2)).toThrow(
      /cannot be changed/,
    );
    expect(old.plan.supersededAt).not.toBeNull();
    const tab = await p.ok('plans.ofClient', { clientId }, W.a);
    expect(tab.plans.map((x) => [x.version, x.status])).toEqual([
      [2, 'signed'],
      [1, 'superseded'],
    ]);
    const current = await p.ok('plans.get', { planId: v2 }, W.a);
    expect(current.plan.clientSignature).toMatchObject({
      signer: 'representative',
      authority: 'Health care power of attorney',
    });
  });

  it('a representative’s signature needs the authority recorded', async () => {
    const c = await newClient('Rowan');
    const planId = await draftFor(c);
    await p.ok('plans.signAsClinician', { planId }, W.a);
    const e = await p.fail(
      'plans.recordClientSignature',
      { planId, signer: 'representative', signerName: 'Pat Fictus', signedOn: '2026-03-02' },
      W.a,
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toEqual([
      { path: 'authority', message: 'Record the representative’s authority to sign for the client.' },
    ]);
    const future = await p.fail(
      'plans.recordClientSignature',
      { planId, signer: 'client', signerName: 'Rowan Fictus', signedOn: '2026-03-03' },
      W.a,
    );
    expect(future.code).toBe('INVALID_INPUT');
  });

  it('refuses to sign an incomplete plan, naming each gap (an objective without a target)', async () => {
    const c = await newClient('Quinn');
    const content = planContent();
    const o = content.problems[0]?.goals[0]?.objectives[0];
    if (!o) throw new Error('no objective');
    o.target = null;
    o.targetDate = null;
    const planId = await draftFor(c, content);
    const e = await p.fail('plans.signAsClinician', { planId }, W.a);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toEqual([
      { path: 'problems.0.goals.0.objectives.0.target', message: 'Give objective 1.1.1 a target.' },
      { path: 'problems.0.goals.0.objectives.0.targetDate', message: 'Give objective 1.1.1 a target date.' },
    ]);
    const empty = await p.ok('plans.createDraft', { clientId: await newClient('Emery') }, W.a);
    const blank = await p.fail('plans.signAsClinician', { planId: empty.plan.id }, W.a);
    expect(blank.fields?.map((f) => f.path)).toEqual([
      'problems.0.text',
      'problems.0.goals.0.text',
      'problems.0.goals.0.objectives.0.text',
      'problems.0.goals.0.objectives.0.target',
      'problems.0.goals.0.objectives.0.targetDate',
      'interventions.0.text',
      'interventions.0.modality',
      'interventions.0.frequency',
    ]);
    // A draft may be discarded by its author.
    expect(await p.ok('plans.discardDraft', { planId: empty.plan.id }, W.a)).toBeNull();
  });

  it('refuses a diagnosis that is not the client’s current diagnosis', async () => {
    const c = await newClient('Sage');
    const view = await p.ok('plans.createDraft', { clientId: c }, W.a);
    const e = await p.fail(
      'plans.saveDraft',
      {
        planId: view.plan.id,
        content: planContent({ diagnosisIds: [diagnosisId] }),
        reviewDueOn: '2026-05-31',
        part2: false,
      },
      W.a,
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields?.[0]?.path).toBe('problems.0.diagnosisIds');
  });

  it('detects a signed plan changed on disk, shows it as altered and audits it', async () => {
    const c = await newClient('Tamsin');
    const signed = await signedPlan(c);
    const sqlite = p.core.ctx.vault.db.sqlite;
    sqlite.exec('DROP TRIGGER treatment_plans_signed_locked');
    try {
      sqlite
        .prepare(
          `UPDATE treatment_plans SET content = json_set(content, '$.problems[0].text', 'altered') WHERE id = ?`,
        )
        .run(signed.plan.id);
    } finally {
      // The guard back for the tests that follow (as 0017 wrote it).
      sqlite.exec(
        `CREATE TRIGGER treatment_plans_signed_locked BEFORE UPDATE OF content, part2, content_hash, clinician_signed_by, clinician_signed_at ON treatment_plans WHEN OLD.status != 'draft' BEGIN SELECT RAISE(ABORT, 'a signed treatment plan cannot be changed'); END`,
      );
    }
    const view = await p.ok('plans.get', { planId: signed.plan.id }, W.a);
    expect(view.plan.integrity).toBe('altered');
    expect((await p.ok('plans.ofClient', { clientId: c }, W.a)).plans[0]?.integrity).toBe('altered');
    const { entries } = await p.ok('audit.list', { filter: { action: 'plan.integrityFailed' }, limit: 5 });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]?.summary).toMatch(/changed since it was signed/);
  });
});

describe('who may work a plan', () => {
  let clientId: string;
  let planId: string;

  beforeAll(async () => {
    clientId = await newClient('Wren');
    planId = await draftFor(clientId);
  });

  it('refuses front desk on every plan channel', async () => {
    expect((await p.fail('plans.ofClient', { clientId }, W.desk)).code).toBe('FORBIDDEN');
    expect((await p.fail('plans.get', { planId }, W.desk)).code).toBe('FORBIDDEN');
    expect((await p.fail('plans.createDraft', { clientId }, W.desk)).code).toBe('FORBIDDEN');
    expect((await p.fail('plans.reviewsDue', {}, W.desk)).code).toBe('FORBIDDEN');
    expect((await p.fail('plans.updateSettings', { reviewDays: 60 }, W.desk)).code).toBe('FORBIDDEN');
  });

  it('refuses a clinician not on the care team, and lets only the author edit a draft', async () => {
    expect((await p.fail('plans.ofClient', { clientId }, W.b)).code).toBe('FORBIDDEN');
    expect((await p.fail('plans.get', { planId }, W.b)).code).toBe('FORBIDDEN');
    expect((await p.fail('plans.signAsClinician', { planId }, W.b)).code).toBe('FORBIDDEN');
    expect((await p.fail('plans.createDraft', { clientId }, W.b)).code).toBe('FORBIDDEN');
    // The owner reads the chart's plans, but a draft is its author's, and the author or the primary clinician signs.
    expect((await p.ok('plans.get', { planId }, W.owner)).rights).toMatchObject({
      edit: false,
      signAsClinician: false,
    });
    const save = await p.fail(
      'plans.saveDraft',
      { planId, content: planContent(), reviewDueOn: '2026-05-31', part2: false },
      W.owner,
    );
    expect(save.code).toBe('FORBIDDEN');
    expect((await p.fail('plans.signAsClinician', { planId }, W.owner)).code).toBe('FORBIDDEN');
    expect((await p.fail('plans.updateSettings', { reviewDays: 60 }, W.a)).code).toBe('FORBIDDEN');
  });

  it('keeps a Part 2 plan from the owner who is not on the care team', async () => {
    const c = await newClient('Indigo');
    const view = await p.ok('plans.createDraft', { clientId: c }, W.a);
    await p.ok(
      'plans.saveDraft',
      { planId: view.plan.id, content: planContent(), reviewDueOn: '2026-05-31', part2: true },
      W.a,
    );
    expect((await p.fail('plans.get', { planId: view.plan.id }, W.owner)).code).toBe('NOT_FOUND');
    expect((await p.ok('plans.ofClient', { clientId: c }, W.owner)).plans).toEqual([]);
    expect((await p.ok('plans.get', { planId: view.plan.id }, W.a)).plan.part2).toBe(true);
    // Signed by both, it is not copied into a revision the owner would read.
    await p.ok('plans.signAsClinician', { planId: view.plan.id }, W.a);
    await p.ok(
      'plans.recordClientSignature',
      { planId: view.plan.id, signer: 'client', signerName: 'Indigo Fictus', signedOn: today() },
      W.a,
    );
    expect((await p.fail('plans.createDraft', { clientId: c }, W.owner)).code).toBe('FORBIDDEN');
    expect((await p.ok('plans.reviewsDue', {}, W.owner)).filter((r) => r.clientId === c)).toEqual([]);
  });

  it('refuses bad input: wrong types, huge strings, missing fields, unknown fields', async () => {
    const content = planContent();
    const bad = [
      { planId, content: { ...content, problems: 'many' }, reviewDueOn: '2026-05-31', part2: false },
      { planId, content, reviewDueOn: 'soon', part2: false },
      { planId, content, part2: false },
      { planId, content, reviewDueOn: '2026-05-31', part2: 'yes' },
      { planId, content: { ...content, extra: 1 }, reviewDueOn: '2026-05-31', part2: false },
    ];
    for (const input of bad) expect((await p.fail('plans.saveDraft', input, W.a)).code).toBe('INVALID_INPUT');
    const huge = planContent();
    const first = huge.problems[0];
    if (!first) throw new Error('no problem');
    first.text = 'x'.repeat(2001);
    const e = await p.fail(
      'plans.saveDraft',
      { planId, content: huge, reviewDueOn: '2026-05-31', part2: false },
      W.a,
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields?.[0]?.message).toMatch(/2000 characters or fewer/);
    const many = planContent({ problems: 21 });
    expect(
      (
        await p.fail(
          'plans.saveDraft',
          { planId, content: many, reviewDueOn: '2026-05-31', part2: false },
          W.a,
        )
      ).code,
    ).toBe('INVALID_INPUT');
    const nan = planContent();
    const o = nan.problems[0]?.goals[0]?.objectives[0];
    if (!o) throw new Error('no objective');
    (o as { baseline: unknown }).baseline = '16';
    expect(
      (
        await p.fail(
          'plans.saveDraft',
          { planId, content: nan, reviewDueOn: '2026-05-31', part2: false },
          W.a,
        )
      ).code,
    ).toBe('INVALID_INPUT');
    expect(
      (await p.fail('plans.recordClientSignature', { planId, signer: 'client', signedOn: '2026-03-02' }, W.a))
        .code,
    ).toBe('INVALID_INPUT');
    expect((await p.fail('plans.updateSettings', { reviewDays: 3 }, W.owner)).code).toBe('INVALID_INPUT');
    expect((await p.fail('plans.get', { planId: 'not-an-id' }, W.a)).code).toBe('INVALID_INPUT');
  });

  it('refuses every plan channel once the session has ended (an inactivity lock)', async () => {
    expect((await p.fail('plans.get', { planId }, 'w-nobody')).code).toBe('NOT_SIGNED_IN');
    await p.core.endSession(W.a, 'inactivity');
    expect((await p.fail('plans.get', { planId }, W.a)).code).toBe('LOCKED');
    const save = await p.fail(
      'plans.saveDraft',
      { planId, content: planContent(), reviewDueOn: '2026-05-31', part2: false },
      W.a,
    );
    expect(save.code).toBe('LOCKED');
    await p.signIn(a.username, a.password, W.a);
    expect((await p.ok('plans.get', { planId }, W.a)).plan.status).toBe('draft');
  });
});

describe('reviews', () => {
  it('lists a review past due on the clinician’s home screen, and a review moves it on', async () => {
    const c = await newClient('Marlowe');
    const signed = await signedPlan(c);
    const due = async (w: string) => (await p.ok('plans.reviewsDue', {}, w)).filter((r) => r.clientId === c);
    expect(await due(W.a)).toEqual([]);
    // 85 days on: due soon (within 7 days of May 31).
    // Days idle lock every window: sign in again after each jump.
    await clock.advance(85 * 86_400_000);
    await p.signIn(a.username, a.password, W.a);
    expect(await due(W.a)).toEqual([
      expect.objectContaining({ planId: signed.plan.id, urgency: 'due-soon', reviewDueOn: '2026-05-31' }),
    ]);
    await clock.advance(10 * 86_400_000);
    await p.signIn(a.username, a.password, W.a);
    expect((await due(W.a))[0]).toMatchObject({ urgency: 'overdue', href: `#/clients/${c}/plan` });
    // Not on another clinician's home screen.
    await p.signIn(b.username, b.password, W.b);
    expect(await due(W.b)).toEqual([]);
    const reviewed = await p.ok(
      'plans.recordReview',
      {
        planId: signed.plan.id,
        reviewedOn: '2026-06-05',
        outcome: 'continue',
        nextReviewOn: '2026-09-03',
        comment: 'Progressing (synthetic).',
      },
      W.a,
    );
    expect(reviewed.plan.reviewDueOn).toBe('2026-09-03');
    expect(reviewed.plan.integrity).toBe('ok');
    expect(reviewed.reviews).toEqual([
      expect.objectContaining({ outcome: 'continue', nextReviewOn: '2026-09-03' }),
    ]);
    expect(await due(W.a)).toEqual([]);
    // A review that revises starts the revision.
    const revise = await p.ok(
      'plans.recordReview',
      { planId: signed.plan.id, reviewedOn: '2026-06-05', outcome: 'revise' },
      W.a,
    );
    expect(revise.plan).toMatchObject({ status: 'draft', version: 2, previousId: signed.plan.id });
    await p.signIn(OWNER.username, OWNER.password, W.owner);
    await p.signIn(desk.username, desk.password, W.desk);
  });

  it('takes the review interval from the practice setting (owner only)', async () => {
    expect(await p.ok('plans.settings', {}, W.a)).toEqual({ reviewDays: 90 });
    expect(await p.ok('plans.updateSettings', { reviewDays: 60 }, W.owner)).toEqual({ reviewDays: 60 });
    const view = await p.ok('plans.createDraft', { clientId: await newClient('Ellis') }, W.a);
    const today = new Date(clock.now()).toISOString().slice(0, 10);
    const expected = new Date(Date.parse(`${today}T12:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
    expect(view.plan.reviewDueOn).toBe(expected);
    await p.ok('plans.updateSettings', { reviewDays: 90 }, W.owner);
  });
});

describe('after a restart', () => {
  it('keeps every version, signature and review, still intact', async () => {
    const c = await newClient('Harper');
    const signed = await signedPlan(c);
    const before = await p.ok('plans.ofClient', { clientId: c }, W.a);
    const q = p.restart();
    try {
      await q.signIn(a.username, a.password, W.a);
      const after = await q.ok('plans.ofClient', { clientId: c }, W.a);
      expect(after.plans).toEqual(before.plans);
      expect(after.plans[0]).toMatchObject({ id: signed.plan.id, status: 'signed', integrity: 'ok' });
      expect(
        (
          await q.fail(
            'plans.saveDraft',
            { planId: signed.plan.id, content: planContent(), reviewDueOn: '2026-12-31', part2: false },
            W.a,
          )
        ).code,
      ).toBe('LOCKED');
    } finally {
      await q.close();
    }
  });
});
