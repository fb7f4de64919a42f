// Diagnoses and treatment plans in releases (issue 20): record types of their own, chosen like any
// other; what leaves is the diagnosis list as approved (with each one's history) and the plan
// versions signed by both — never a draft; the PDF prints them and the FHIR bundle carries them as
// Condition, CarePlan and Goal (R4 schema checked on every export by make-practice), referenced
// from the notes that addressed them. A diagnosis or plan of the Part 2 program follows Part 2 as a
// Part 2 note does, through preview, approval and export; a diagnosis changed or a plan revised
// after approval sends the request back to review, also after a restart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanContent } from '../../../preload/contract/plans.ts';
import type { AuthorizationInput, Selection } from '../../../preload/contract/releases.ts';
import { adultClient, intake } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { packageText } from '../../helpers/package-check.ts';
import { accessRequest, hipaaAuthorization, part2Consent, thirdParty } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const out = tempDir('stillwater-dx-plan-release-');
const W = { clin: 'w-clin', other: 'w-other', desk: 'w-desk', owner: 'w-owner' };
let p: TestPractice;
let first: TestPractice;
let clin: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
let clientId: string;
/** A second client whose plan and one diagnosis were drawn up in the Part 2 program. */
let part2ClientId: string;
const dx = { depression: '', anxiety: '', alcohol: '', p2: '' };
let planV1 = '';
let part2Plan = '';
let noteId = '';

const ALL: Selection = {
  recordTypes: ['diagnoses', 'treatment_plans', 'progress_notes', 'addenda'],
  from: '2026-01-01',
  to: '2026-03-02',
  includePart2: false,
};
const COVERS: AuthorizationInput['recordTypes'] = [
  'diagnoses',
  'treatment_plans',
  'progress_notes',
  'addenda',
];

async function addDiagnosis(client: string, code: string, rank: number | undefined, part2 = false) {
  const list = await p.ok(
    'diagnoses.add',
    { clientId: client, code, onsetDate: '2025-11-01', status: 'active', ...(rank ? { rank } : {}), part2 },
    W.clin,
  );
  const added = list.diagnoses.find((d) => d.code === code);
  if (!added) throw new Error(`diagnosis ${code} not added`);
  return added.id;
}

const content = (diagnosisIds: string[], goal = 'Mood lifts enough to return to work'): PlanContent => ({
  problems: [
    {
      id: '0c0ffee0-0000-4000-8000-000000000001',
      text: 'Low mood most days (synthetic)',
      diagnosisIds,
      goals: [
        {
          id: '0c0ffee0-0000-4000-8000-000000000002',
          text: goal,
          objectives: [
            {
              id: '0c0ffee0-0000-4000-8000-000000000003',
              text: 'PHQ-9 below 10',
              measure: 'phq9',
              measureLabel: null,
              baseline: 18,
              target: { direction: 'below', value: 10 },
              targetDate: '2026-06-01',
            },
          ],
        },
      ],
    },
  ],
  interventions: [
    {
      id: '0c0ffee0-0000-4000-8000-000000000004',
      text: 'Behavioral activation (synthetic)',
      modality: 'Individual CBT',
      frequency: 'Weekly, 50 minutes',
      problemIds: ['0c0ffee0-0000-4000-8000-000000000001'],
    },
  ],
});

/** A plan drafted, signed by the clinician and by the client: version 1 in force. */
async function signedPlan(client: string, c: PlanContent, part2 = false): Promise<string> {
  const draft = await p.ok('plans.createDraft', { clientId: client }, W.clin);
  const planId = draft.plan.id;
  await p.ok('plans.saveDraft', { planId, content: c, reviewDueOn: '2026-05-01', part2 }, W.clin);
  await p.ok('plans.signAsClinician', { planId }, W.clin);
  await p.ok(
    'plans.recordClientSignature',
    { planId, signer: 'client', signerName: 'Avery Fictus', signedOn: '2026-03-02' },
    W.clin,
  );
  return planId;
}

beforeAll(async () => {
  p = await makePractice({ clock });
  first = p;
  p.folder.next = out.path;
  await p.signIn(OWNER.username, OWNER.password, W.owner);
  clin = await signedInStaff(p, 'clinician', 'Dr. Ada Planwell', W.clin);
  await signedInStaff(p, 'clinician', 'Dr. Bo Elsewhere', W.other);
  desk = await signedInStaff(p, 'front_desk', 'Dee Deskworth', W.desk);
  clientId = (await p.ok('clients.create', adultClient(clin.id), W.desk)).id;
  part2ClientId = (
    await p.ok(
      'clients.create',
      adultClient(clin.id, { dateOfBirth: '1990-03-03', email: 'avery.f2@example.com' }),
      W.desk,
    )
  ).id;
  await p.ok('intake.save', intake(clientId), W.clin);
  dx.depression = await addDiagnosis(clientId, 'F32.1', 1);
  dx.anxiety = await addDiagnosis(clientId, 'F41.1', 2);
  dx.alcohol = await addDiagnosis(clientId, 'F10.20', 3, true);
  planV1 = await signedPlan(clientId, content([dx.depression, dx.anxiety]));
  noteId = await signedNote(p, W.clin, clientId, '2026-02-16', 'Quillhaven', {
    addressedDiagnosisIds: [dx.depression],
    goalMarks: [
      { goalId: '0c0ffee0-0000-4000-8000-000000000002', objectiveId: null, progress: 'progressing' },
    ],
  });
  // The Part 2 diagnosis is addressed only in a note marked Part 2 (an unmarked one may not name it).
  await signedNote(p, W.clin, clientId, '2026-02-17', 'Ravensmere', {
    part2: true,
    addressedDiagnosisIds: [dx.alcohol],
  });
  dx.p2 = await addDiagnosis(part2ClientId, 'F11.20', 1, true);
  part2Plan = await signedPlan(part2ClientId, content([dx.p2], 'Stays in recovery (synthetic)'), true);
});
afterAll(async () => {
  if (p !== first) await p.core.shutdown();
  await first.close();
  out.remove();
});

async function thirdPartyRequest(client = clientId, extra: AuthorizationInput[] = []): Promise<string> {
  const r = await p.ok('releases.create', thirdParty(client), W.desk);
  const id = r.summary.id;
  await p.ok('releases.addAuthorization', hipaaAuthorization(id, { recordTypes: COVERS }), W.desk);
  for (const a of extra) await p.ok('releases.addAuthorization', { ...a, requestId: id }, W.desk);
  return (await p.ok('releases.authorize', { requestId: id }, W.desk)).summary.id;
}

interface Res {
  resourceType: string;
  id: string;
  code?: { coding?: { system: string; code: string }[] };
  status?: string;
  addresses?: { reference: string }[];
  goal?: { reference: string }[];
  reasonReference?: { reference: string }[];
  target?: { measure?: { coding?: { code: string }[] } }[];
  meta?: { security?: { code: string }[] };
  context?: { related?: { reference: string }[] };
}
function bundleOf(dir: string): Res[] {
  const raw = JSON.parse(readFileSync(join(dir, 'records.fhir.json'), 'utf8')) as {
    entry: { resource: Res }[];
  };
  return raw.entry.map((e) => e.resource);
}

async function exported(requestId: string) {
  const pkg = await p.ok('releases.export', { requestId }, W.desk);
  if (!pkg) throw new Error('export cancelled');
  const dir = join(out.path, pkg.packageName);
  return { text: packageText(dir).replace(/\s+/g, ' '), bundle: bundleOf(dir) };
}

const refTo = (id: string) => `urn:uuid:${id}`;
const headings = (v: { document: { sections: { heading: string }[] } }) =>
  v.document.sections.map((s) => s.heading);

describe('a release with diagnoses and the treatment plan', () => {
  it('previews, approves and exports them: PDF sections and Condition, CarePlan and Goal, all referenced', async () => {
    const id = await thirdPartyRequest();
    const preview = await p.ok('releases.preview', { requestId: id, selection: ALL }, W.clin);
    expect(headings(preview)).toEqual(
      expect.arrayContaining([
        'Diagnoses',
        'Treatment plan, version 1',
        expect.stringMatching(/^Progress note/),
      ]),
    );
    // The Part 2 diagnosis stays behind without "Include Part 2 records", said like a Part 2 note
    // (and the Part 2 note that addressed it).
    expect(preview.withheld).toContainEqual({
      what: '2 records of the Part 2 program',
      reason: 'Part 2 records (42 CFR Part 2) leave only when “Include Part 2 records” is chosen.',
    });
    const approved = await p.ok('releases.approve', { requestId: id, selection: ALL }, W.clin);
    expect(approved.approval?.records).toEqual(
      expect.arrayContaining([
        { label: 'Diagnoses', count: 2 },
        { label: 'Treatment plan versions', count: 1 },
      ]),
    );

    const { text, bundle } = await exported(id);
    for (const words of [
      'F32.1',
      'F41.1',
      'Mood lifts enough to return to work',
      'PHQ-9 below 10',
      'Baseline: 18 · Target: below 10 by Jun 1, 2026',
      'Individual CBT, Weekly, 50 minutes',
      'Client: Avery Fictus, signed Mar 2, 2026',
      'DIAGNOSES ADDRESSED',
    ])
      expect(text).toContain(words);
    // Neither the Part 2 diagnosis itself nor through the note that addressed it.
    expect(text).not.toContain('F10.20');

    const conditions = bundle.filter((r) => r.resourceType === 'Condition');
    expect(conditions.map((c) => [c.id, c.code?.coding?.[0]?.system, c.code?.coding?.[0]?.code])).toEqual([
      [dx.depression, 'http://hl7.org/fhir/sid/icd-10-cm', 'F32.1'],
      [dx.anxiety, 'http://hl7.org/fhir/sid/icd-10-cm', 'F41.1'],
    ]);
    const [plan] = bundle.filter((r) => r.resourceType === 'CarePlan');
    expect(plan?.id).toBe(planV1);
    expect(plan?.status).toBe('active');
    expect(plan?.addresses).toEqual([{ reference: refTo(dx.depression) }, { reference: refTo(dx.anxiety) }]);
    const goals = bundle.filter((r) => r.resourceType === 'Goal');
    expect(plan?.goal?.map((g) => g.reference)).toEqual(goals.map((g) => refTo(g.id)));
    expect(goals.flatMap((g) => g.target ?? []).map((t) => t.measure?.coding?.[0]?.code)).toEqual([
      '44261-6',
    ]);
    const encounter = bundle.find((r) => r.resourceType === 'Encounter');
    expect(encounter?.reasonReference).toEqual([{ reference: refTo(dx.depression) }]);
    const note = bundle.find((r) => r.resourceType === 'DocumentReference' && r.id === noteId);
    expect(note?.context?.related).toEqual([{ reference: refTo(dx.depression) }]);
    // Every reference resolves inside the bundle.
    const ids = new Set(bundle.map((r) => refTo(r.id)));
    const refs = JSON.stringify(bundle).match(/urn:uuid:[0-9a-f-]+/g) ?? [];
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
  });

  it('is not covered by an authorization that does not name them', async () => {
    const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
    await p.ok('releases.addAuthorization', hipaaAuthorization(r.summary.id), W.desk);
    const id = (await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk)).summary.id;
    const record = await p.ok('releases.get', { requestId: id }, W.clin);
    // Minimum necessary: not ticked when the authorization does not describe them.
    expect(record.reviewDefaults?.recordTypes).not.toContain('diagnoses');
    expect(record.reviewDefaults?.recordTypes).not.toContain('treatment_plans');
    const refused = await p.fail('releases.preview', { requestId: id, selection: ALL }, W.clin);
    expect(refused.message).toMatch(/The authorization does not cover Diagnoses, Treatment plans/);
  });

  it('goes with a client’s own copy by default (every kind of record but psychotherapy notes)', async () => {
    const r = await p.ok('releases.create', accessRequest(clientId), W.desk);
    const id = (await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk)).summary.id;
    const record = await p.ok('releases.get', { requestId: id }, W.clin);
    expect(record.reviewDefaults?.recordTypes).toEqual(
      expect.arrayContaining(['diagnoses', 'treatment_plans']),
    );
  });

  it('is previewed only by the client’s clinician or the owner', async () => {
    const id = await thirdPartyRequest();
    expect((await p.fail('releases.preview', { requestId: id, selection: ALL }, W.desk)).code).toBe(
      'FORBIDDEN',
    );
    expect((await p.fail('releases.preview', { requestId: id, selection: ALL }, W.other)).code).toBe(
      'FORBIDDEN',
    );
    expect((await p.fail('releases.approve', { requestId: id, selection: ALL }, W.other)).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('bad input', () => {
  it('refuses a kind of record the contract does not name, too many kinds, or a wrong type', async () => {
    const id = await thirdPartyRequest();
    const bad: unknown[] = [
      { ...ALL, recordTypes: ['diagnosis'] },
      { ...ALL, recordTypes: ['treatment_plan'] },
      { ...ALL, recordTypes: [...ALL.recordTypes, ...ALL.recordTypes, 'diagnoses', 'intake'] },
      { ...ALL, recordTypes: 'diagnoses' },
      { ...ALL, recordTypes: ['diagnoses'.repeat(10_000)] },
    ];
    for (const selection of bad) {
      const refused = await p.fail('releases.preview', { requestId: id, selection }, W.clin);
      expect(refused.code).toBe('INVALID_INPUT');
    }
    const auth = hipaaAuthorization(id, { recordTypes: COVERS });
    for (const recordTypes of [['plans'], [], ['diagnoses', 42]]) {
      const refused = await p.fail('releases.addAuthorization', { ...auth, recordTypes }, W.desk);
      expect(refused.code).toBe('INVALID_INPUT');
    }
  });
});

describe('Part 2 diagnoses and plans', () => {
  it('need a Part 2 consent: asked for without one, the selection is refused', async () => {
    const id = await thirdPartyRequest(part2ClientId);
    const refused = await p.fail(
      'releases.preview',
      { requestId: id, selection: { ...ALL, includePart2: true } },
      W.clin,
    );
    expect(refused.message).toContain('Part 2 records need a Part 2 consent (42 CFR 2.31).');
    // Without Part 2 records, the Part 2 plan and diagnosis stay behind, as Part 2 notes do.
    const preview = await p.ok('releases.preview', { requestId: id, selection: ALL }, W.clin);
    expect(preview.withheld).toEqual([
      {
        what: '2 records of the Part 2 program',
        reason: 'Part 2 records (42 CFR Part 2) leave only when “Include Part 2 records” is chosen.',
      },
    ]);
    expect(headings(preview)).toEqual(['No records']);
    // And the approval cannot carry them either.
    const approval = await p.fail('releases.approve', { requestId: id, selection: ALL }, W.clin);
    expect(approval.message).toMatch(/^Nothing in this selection can leave/);
  });

  it('leave under a Part 2 consent that names them, with the Part 2 label and notice', async () => {
    const consent = part2Consent('', { recordTypes: ['diagnoses', 'treatment_plans'] });
    const id = await thirdPartyRequest(part2ClientId, [consent]);
    const selection = { ...ALL, includePart2: true };
    const preview = await p.ok('releases.preview', { requestId: id, selection }, W.clin);
    expect(preview.withheld).toEqual([]);
    expect(preview.document.sections.filter((s) => s.part2).map((s) => s.heading)).toEqual([
      'Diagnoses recorded in the Part 2 program',
      'Treatment plan, version 1',
    ]);
    await p.ok('releases.approve', { requestId: id, selection }, W.clin);
    const { text, bundle } = await exported(id);
    expect(text).toContain('F11.20');
    expect(text).toContain('42 CFR PART 2 RECORD');
    expect(text).toContain('42 CFR part 2 prohibits unauthorized use or disclosure of these records.');
    expect(bundle.filter((r) => r.resourceType === 'CarePlan').map((r) => r.id)).toEqual([part2Plan]);
    for (const r of bundle.filter((x) => ['Condition', 'CarePlan', 'Goal'].includes(x.resourceType)))
      expect(r.meta?.security?.map((s) => s.code)).toEqual(['42CFRPart2']);
  });

  it('a consent revoked after approval stops the export and sends the request back', async () => {
    const consent = part2Consent('', { recordTypes: ['diagnoses', 'treatment_plans'] });
    const id = await thirdPartyRequest(part2ClientId, [consent]);
    const selection = { ...ALL, includePart2: true };
    await p.ok('releases.approve', { requestId: id, selection }, W.clin);
    const record = await p.ok('releases.get', { requestId: id }, W.desk);
    const part2 = record.authorizations.find((a) => a.type === 'part2');
    await p.ok(
      'releases.revokeAuthorization',
      { authorizationId: part2?.id ?? '', revokedOn: '2026-03-02' },
      W.desk,
    );
    const refused = await p.fail('releases.export', { requestId: id }, W.desk);
    expect(refused.code).toBe('CONFLICT');
    expect((await p.ok('releases.get', { requestId: id }, W.desk)).summary.status).toBe('authorized');
  });
});

describe('after approval', () => {
  it('a diagnosis changed since approval sends the request back to review, also after a restart', async () => {
    const id = await thirdPartyRequest();
    await p.ok('releases.approve', { requestId: id, selection: ALL }, W.clin);
    await p.ok(
      'diagnoses.change',
      {
        diagnosisId: dx.anxiety,
        status: 'in_remission',
        onsetDate: '2025-11-01',
        reason: 'Synthetic: GAD-7 of 4',
      },
      W.clin,
    );
    p = p.restart();
    await p.signIn(OWNER.username, OWNER.password, W.owner);
    await p.signIn(desk.username, desk.password, W.desk);
    await p.signIn(clin.username, clin.password, W.clin);
    p.folder.next = out.path;
    const refused = await p.fail('releases.export', { requestId: id }, W.desk);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/1 approved record has changed since approval \(Diagnosis F41\.1 of /);
    expect((await p.ok('releases.get', { requestId: id }, W.owner)).summary.status).toBe('authorized');
  });

  it('a draft revision never leaves; signing it supersedes the approved version, which sends the request back', async () => {
    const id = await thirdPartyRequest();
    // Review with "revise": a new draft (version 2) of the plan, not yet signed.
    const review = await p.ok(
      'plans.recordReview',
      { planId: planV1, reviewedOn: '2026-03-02', outcome: 'revise', comment: 'Synthetic: add a sleep goal' },
      W.clin,
    );
    const plans = await p.ok('plans.ofClient', { clientId }, W.clin);
    const draft = plans.plans.find((v) => v.status === 'draft');
    expect(draft).toBeDefined();
    // The review opens the revision: a new draft, version 2.
    expect(review.plan).toMatchObject({ id: draft?.id, version: 2, status: 'draft' });
    const preview = await p.ok('releases.preview', { requestId: id, selection: ALL }, W.clin);
    expect(headings(preview).filter((h) => h.startsWith('Treatment plan'))).toEqual([
      'Treatment plan, version 1',
    ]);
    const approved = await p.ok('releases.approve', { requestId: id, selection: ALL }, W.clin);
    expect(approved.approval?.records).toContainEqual({ label: 'Treatment plan versions', count: 1 });

    const draftId = draft?.id ?? '';
    await p.ok(
      'plans.saveDraft',
      {
        planId: draftId,
        content: content([dx.depression], 'Sleeps through most nights'),
        reviewDueOn: '2026-06-01',
        part2: false,
      },
      W.clin,
    );
    await p.ok('plans.signAsClinician', { planId: draftId }, W.clin);
    await p.ok(
      'plans.recordClientSignature',
      { planId: draftId, signer: 'client', signerName: 'Avery Fictus', signedOn: '2026-03-02' },
      W.clin,
    );
    const refused = await p.fail('releases.export', { requestId: id }, W.desk);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/changed since approval \(Treatment plan version 1 of 2026-03-02\)/);

    // Approved again, both signed versions go: the revision active, the one it replaced revoked.
    const again = await p.ok('releases.approve', { requestId: id, selection: ALL }, W.clin);
    expect(again.approval?.records).toContainEqual({ label: 'Treatment plan versions', count: 2 });
    const { text, bundle } = await exported(id);
    expect(text).toContain('Sleeps through most nights');
    expect(text).toContain('superseded Mar 2, 2026 by a later version');
    expect(bundle.filter((r) => r.resourceType === 'CarePlan').map((r) => [r.id, r.status])).toEqual([
      [planV1, 'revoked'],
      [draftId, 'active'],
    ]);
  });
});

describe('an agreed restriction (164.522(a))', () => {
  it('keeps the diagnoses it covers out, and one agreed after approval stops the export', async () => {
    const id = await thirdPartyRequest();
    await p.ok('releases.approve', { requestId: id, selection: ALL }, W.clin);
    const restriction = await p.ok(
      'restrictions.record',
      {
        clientId,
        receivedOn: '2026-03-02',
        request: 'Synthetic: please do not send my diagnoses to my family doctor.',
        selfPay: false,
        scope: { recordTypes: ['diagnoses'], noteIds: [] },
        recipient: { kind: 'named', name: 'Dr. Example Receiver, Sample Family Medicine' },
        purposes: [],
      },
      W.desk,
    );
    await p.ok(
      'restrictions.decide',
      { restrictionId: restriction.id, decision: 'agree', decidedOn: '2026-03-02' },
      W.clin,
    );
    const refused = await p.fail('releases.export', { requestId: id }, W.desk);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(
      /the practice agreed to the client’s restriction: Diagnoses: .* Left out: Diagnosis F32\.1 of Mar 2, 2026; Diagnosis F41\.1 of Mar 2, 2026\./,
    );
    const preview = await p.ok('releases.preview', { requestId: id, selection: ALL }, W.clin);
    // All three diagnoses, the Part 2 one included: the restriction is read first.
    expect(preview.withheld.map((w) => w.what)).toEqual([
      // The Part 2 note that addressed F10.20 (the selection leaves Part 2 records out).
      '1 record of the Part 2 program',
      '3 records under the restriction agreed on Mar 2, 2026',
    ]);
    expect(headings(preview)).not.toContain('Diagnoses');
    expect(headings(preview)).toContain('Treatment plan, version 2');
  });
});

describe('a signed plan changed on disk', () => {
  it('is never released: the preview and the approval are refused and audited, like a tampered note', async () => {
    const other = (await p.ok('clients.create', adultClient(clin.id, { dateOfBirth: '1991-04-04' }), W.desk))
      .id;
    const dxId = await addDiagnosis(other, 'F33.1', 1);
    const planId = await signedPlan(other, content([dxId]));
    const sqlite = p.core.ctx.vault.db.sqlite;
    const guard = sqlite
      .prepare(
        `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'treatment_plans_signed_locked'`,
      )
      .pluck()
      .get() as string;
    sqlite.exec('DROP TRIGGER treatment_plans_signed_locked');
    try {
      sqlite
        .prepare(
          `UPDATE treatment_plans SET content = json_set(content, '$.problems[0].text', 'Edited on disk') WHERE id = ?`,
        )
        .run(planId);
    } finally {
      sqlite.exec(guard);
    }
    const id = await thirdPartyRequest(other);
    for (const channel of ['releases.preview', 'releases.approve'] as const) {
      const refused = await p.fail(channel, { requestId: id, selection: ALL }, W.clin);
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toBe(
        'Treatment plan version 1 in this selection failed the integrity check (changed after signing). Nothing can be released until the practice owner has looked into it.',
      );
    }
    const { entries } = await p.ok(
      'audit.list',
      { filter: { action: 'plan.integrityFailed', clientId: other }, limit: 10 },
      W.owner,
    );
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect((await p.ok('releases.get', { requestId: id }, W.desk)).summary.status).toBe('authorized');
  });
});

describe('migration 0020', () => {
  it('keeps an approval’s items append-only, diagnoses and plan versions among them', () => {
    const sqlite = p.core.ctx.vault.db.sqlite;
    const triggers = sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'release_approval_items' ORDER BY name`,
      )
      .pluck()
      .all();
    expect(triggers).toEqual([
      'release_approval_items_no_delete',
      'release_approval_items_no_replace',
      'release_approval_items_no_update',
    ]);
    const kinds = sqlite
      .prepare(`SELECT DISTINCT item_kind FROM release_approval_items ORDER BY 1`)
      .pluck()
      .all();
    expect(kinds).toEqual(expect.arrayContaining(['diagnosis', 'treatment_plan']));
    expect(() =>
      sqlite
        .prepare(`UPDATE release_approval_items SET content_hash = 'x' WHERE item_kind = 'diagnosis'`)
        .run(),
    ).toThrow(/an approval cannot be changed/);
    expect(() =>
      sqlite.prepare(`DELETE FROM release_approval_items WHERE item_kind = 'treatment_plan'`).run(),
    ).toThrow(/an approval cannot be changed/);
  });
});
