// What a progress note addressed (issue 20): the diagnoses ticked and the goal marks, kept with the
// draft, copied as they stand at signing (a note of March shows March's diagnoses), refused with
// the reason when they are not the client's current ones, covered by the note's hash on every path
// that returns the note, and the marks the plan view reads (progressOnPlan).
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDb } from '../../../main/core/context.ts';
import { progressOnPlan } from '../../../main/core/notes/index.ts';
import type { NoteDraftInput } from '../../../preload/contract/notes.ts';
import type { PlanContent } from '../../../preload/contract/plans.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import { hipaaAuthorization, thirdParty } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const W = { owner: 'w1', a: 'w-a', b: 'w-b', desk: 'w-desk' };
const clock = new FakeClock(Date.parse('2026-03-10T15:00:00Z'));
let p: TestPractice;
let a: { id: string; username: string; password: string };
let b: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
/** X: A's client with two diagnoses and a signed plan; N: A's client with only a draft plan. */
let x = '';
let n = '';
const dx = { depression: '', anxiety: '', old: '' };
const ids = {
  problem: randomUUID(),
  goal: randomUUID(),
  objective: randomUUID(),
  goal2: randomUUID(),
  objective2: randomUUID(),
  intervention: randomUUID(),
};
let planV1 = '';

function content(
  goalText = 'Mood lifts enough to return to the marigold garden club',
  diagnosisIds = [dx.depression],
): PlanContent {
  return {
    problems: [
      {
        id: ids.problem,
        text: 'Low mood since the synthetic job loss',
        diagnosisIds,
        goals: [
          {
            id: ids.goal,
            text: goalText,
            objectives: [
              {
                id: ids.objective,
                text: 'PHQ-9 below 10',
                measure: 'phq9',
                measureLabel: null,
                baseline: 17,
                target: { direction: 'below', value: 10 },
                targetDate: '2026-06-01',
              },
            ],
          },
          {
            id: ids.goal2,
            text: 'Sleep through most nights',
            objectives: [
              {
                id: ids.objective2,
                text: 'Six hours of sleep five nights a week',
                measure: 'other',
                measureLabel: 'Nights a week sleeping 6 hours or more',
                baseline: 1,
                target: { direction: 'at_least', value: 5 },
                targetDate: '2026-06-01',
              },
            ],
          },
        ],
      },
    ],
    interventions: [
      {
        id: ids.intervention,
        text: 'Behavioral activation',
        modality: 'Individual CBT',
        frequency: 'Weekly, 50 minutes',
        problemIds: [ids.problem],
      },
    ],
  };
}

/** A plan version drafted with `c`, signed by the clinician and the client. */
async function signedPlan(clientId: string, c: PlanContent, sign = true): Promise<string> {
  const draft = await p.ok('plans.createDraft', { clientId }, W.a);
  await p.ok(
    'plans.saveDraft',
    { planId: draft.plan.id, content: c, reviewDueOn: '2026-06-08', part2: false },
    W.a,
  );
  if (sign) {
    await p.ok('plans.signAsClinician', { planId: draft.plan.id }, W.a);
    await p.ok(
      'plans.recordClientSignature',
      { planId: draft.plan.id, signer: 'client', signerName: 'Avery Fictus', signedOn: '2026-03-10' },
      W.a,
    );
  }
  return draft.plan.id;
}

const mark = (goalId: string, objectiveId: string | null, extra: { comment?: string } = {}) => ({
  goalId,
  objectiveId,
  progress: 'progressing' as const,
  ...extra,
});

const progressNote = (clientId: string, extra: Partial<NoteDraftInput> = {}): NoteDraftInput =>
  dapNote(clientId, { serviceDate: '2026-03-09', ...extra });

async function draftAndSign(extra: Partial<NoteDraftInput>, clientId = x): Promise<string> {
  const { noteId } = await p.ok('notes.saveDraft', progressNote(clientId, extra), W.a);
  await p.ok('notes.sign', { noteId }, W.a);
  return noteId;
}

const sqlite = () => p.core.ctx.vault.db.sqlite;

/** Runs `change` on a signed note's row as someone holding the recovery key could: triggers dropped. */
function tamper(change: () => void): void {
  const triggers = sqlite()
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'notes'")
    .all() as { name: string; sql: string }[];
  for (const t of triggers) sqlite().exec(`DROP TRIGGER ${t.name}`);
  try {
    change();
  } finally {
    for (const t of triggers) sqlite().exec(t.sql);
  }
}

beforeAll(async () => {
  p = await makePractice({ clock });
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Testcase', W.a);
  b = await signedInStaff(p, 'clinician', 'Dr. Bo Mockwell', W.b);
  desk = await signedInStaff(p, 'front_desk', 'Dee Deskworth', W.desk);
  x = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
  n = (await p.ok('clients.create', adultClient(a.id, { legalFirstName: 'Nova' }), W.desk)).id;
  const add = async (clientId: string, code: string, rank?: number) => {
    const list = await p.ok(
      'diagnoses.add',
      { clientId, code, status: 'active', part2: false, ...(rank ? { rank } : {}) },
      W.a,
    );
    const d = list.diagnoses.find((e) => e.code === code);
    if (!d) throw new Error(`no ${code}`);
    return d.id;
  };
  dx.depression = await add(x, 'F32.1', 1);
  dx.anxiety = await add(x, 'F41.1', 2);
  dx.old = await add(x, 'F43.21', 3);
  await p.ok('diagnoses.change', { diagnosisId: dx.old, status: 'resolved', onsetDate: null }, W.a);
  await add(n, 'F41.1', 1);
  planV1 = await signedPlan(x, content());
  await signedPlan(n, content(undefined, []), false);
});
afterAll(async () => {
  await p.close();
});

describe('what the editor is offered', () => {
  it('lists the current diagnoses, primary first, and the goals of the signed plan; audited', async () => {
    const options = await p.ok('notes.linkOptions', { clientId: x }, W.a);
    expect(options.diagnoses.map((d) => [d.code, d.rank, d.status])).toEqual([
      ['F32.1', 1, 'active'],
      ['F41.1', 2, 'active'],
    ]);
    expect(options.plan).toMatchObject({ planId: planV1, version: 1 });
    expect(options.plan?.problems[0]?.goals.map((g) => g.text)).toEqual([
      'Mood lifts enough to return to the marigold garden club',
      'Sleep through most nights',
    ]);
    expect(options.planPending).toBe(false);
    const { entries } = await p.ok(
      'audit.list',
      { filter: { action: 'note.linkOptions' }, limit: 5 },
      W.owner,
    );
    expect(entries.some((e) => e.targetId === x)).toBe(true);
  });

  it('offers no plan when the only one is a draft, and says one is pending', async () => {
    const options = await p.ok('notes.linkOptions', { clientId: n }, W.a);
    expect(options.plan).toBeNull();
    expect(options.planPending).toBe(true);
  });

  it('is refused to front desk and to a clinician off the care team', async () => {
    expect((await p.fail('notes.linkOptions', { clientId: x }, W.desk)).code).toBe('FORBIDDEN');
    expect((await p.fail('notes.linkOptions', { clientId: x }, W.b)).code).toBe('FORBIDDEN');
  });
});

describe('a draft', () => {
  it('keeps the diagnoses ticked and the goal marks, and gives them back as saved', async () => {
    const { noteId } = await p.ok(
      'notes.saveDraft',
      progressNote(x, {
        addressedDiagnosisIds: [dx.anxiety],
        goalMarks: [mark(ids.goal, ids.objective, { comment: 'PHQ-9 down to 14' })],
      }),
      W.a,
    );
    const note = await p.ok('notes.get', { noteId }, W.a);
    expect(note.addressedDiagnoses).toEqual([
      {
        diagnosisId: dx.anxiety,
        code: 'F41.1',
        description: 'Generalized anxiety disorder',
        rank: 2,
        part2: false,
      },
    ]);
    expect(note.goalProgress).toEqual([
      {
        planId: planV1,
        planVersion: 1,
        goalId: ids.goal,
        goalText: 'Mood lifts enough to return to the marigold garden club',
        objectiveId: ids.objective,
        objectiveText: 'PHQ-9 below 10',
        progress: 'progressing',
        comment: 'PHQ-9 down to 14',
        part2: false,
      },
    ]);
    // Unticking everything is kept as "none", not as "not chosen yet".
    await p.ok('notes.saveDraft', progressNote(x, { noteId, addressedDiagnosisIds: [] }), W.a);
    expect((await p.ok('notes.get', { noteId }, W.a)).addressedDiagnoses).toEqual([]);
    await p.ok('notes.discardDraft', { noteId }, W.a);
  });

  it('of a psychotherapy note keeps neither', async () => {
    const { noteId } = await p.ok(
      'notes.saveDraft',
      progressNote(x, {
        kind: 'psychotherapy',
        addressedDiagnosisIds: [dx.depression],
        goalMarks: [mark(ids.goal, null)],
      }),
      W.a,
    );
    await p.ok('notes.sign', { noteId }, W.a);
    const note = await p.ok('notes.get', { noteId }, W.a);
    expect(note).toMatchObject({ addressedDiagnoses: null, goalProgress: null, integrity: 'ok' });
  });

  it('refuses ids that are not this client’s, and saves nothing', async () => {
    const other = await p.ok('diagnoses.list', { clientId: n }, W.a);
    const otherDx = other.diagnoses[0]?.id ?? '';
    for (const input of [
      { addressedDiagnosisIds: [randomUUID()] },
      { addressedDiagnosisIds: [otherDx] },
      { goalMarks: [mark(randomUUID(), null)] },
      { goalMarks: [mark(ids.goal, ids.objective2)] },
    ]) {
      const e = await p.fail('notes.saveDraft', progressNote(x, input), W.a);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toMatch(/not one of this client’s|not in any of this client’s treatment plans/);
    }
    expect((await p.ok('notes.myDrafts', {}, W.a)).filter((d) => d.clientId === x)).toEqual([]);
  });

  it('refuses malformed input: wrong types, a huge comment, duplicates, too many', async () => {
    const bad: unknown[] = [
      { addressedDiagnosisIds: dx.depression },
      { addressedDiagnosisIds: [42] },
      { addressedDiagnosisIds: ['not-an-id'] },
      { addressedDiagnosisIds: [dx.depression, dx.depression] },
      { addressedDiagnosisIds: Array.from({ length: 51 }, () => randomUUID()) },
      { goalMarks: [{ goalId: ids.goal, objectiveId: null, progress: 'great' }] },
      { goalMarks: [{ goalId: ids.goal, progress: 'met' }] },
      { goalMarks: [{ ...mark(ids.goal, null), comment: 'x'.repeat(501) }] },
      { goalMarks: [{ ...mark(ids.goal, null), comment: 'line one\nline two' }] },
      { goalMarks: [mark(ids.goal, null), mark(ids.goal, null)] },
      { goalMarks: [{ ...mark(ids.goal, null), planId: planV1 }] },
    ];
    for (const extra of bad) {
      const e = await p.fail('notes.saveDraft', { ...progressNote(x), ...(extra as object) }, W.a);
      expect(e.code).toBe('INVALID_INPUT');
    }
  });
});

describe('signing', () => {
  it('stores the diagnoses as they stand at the moment of signing, not as the draft saw them', async () => {
    const { noteId } = await p.ok(
      'notes.saveDraft',
      progressNote(x, { addressedDiagnosisIds: [dx.depression, dx.anxiety] }),
      W.a,
    );
    // Between the last save and signing, the anxiety diagnosis becomes primary.
    await p.ok('diagnoses.reorder', { clientId: x, order: [dx.anxiety, dx.depression] }, W.a);
    await clock.advance(60_000);
    const signed = await p.ok('notes.sign', { noteId }, W.a);
    expect(signed.addressedDiagnoses?.map((d) => [d.code, d.rank])).toEqual([
      ['F41.1', 1],
      ['F32.1', 2],
    ]);
    expect(signed.integrity).toBe('ok');
    const stored = sqlite().prepare('SELECT addressed_diagnoses FROM notes WHERE id = ?').get(noteId) as {
      addressed_diagnoses: string;
    };
    expect(JSON.parse(stored.addressed_diagnoses)).toEqual(signed.addressedDiagnoses);
    const { entries } = await p.ok('audit.list', { filter: { action: 'note.sign' }, limit: 20 }, W.owner);
    const entry = entries.find((e) => e.targetId === noteId);
    expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({ addressedDiagnoses: 2, goalMarks: 0 });
    expect(JSON.stringify(entry)).not.toMatch(/F41|F32/);

    // Later the depression is resolved and the order changes back: the signed note keeps March's list.
    await p.ok('diagnoses.reorder', { clientId: x, order: [dx.depression, dx.anxiety] }, W.a);
    await p.ok(
      'diagnoses.change',
      { diagnosisId: dx.depression, status: 'in_remission', onsetDate: null },
      W.a,
    );
    const later = await p.ok('notes.get', { noteId }, W.a);
    expect(later.addressedDiagnoses).toEqual(signed.addressedDiagnoses);
    expect(later.integrity).toBe('ok');
    const line = (await p.ok('notes.timeline', { clientId: x }, W.a)).find(
      (e) => e.type === 'note' && e.noteId === noteId,
    );
    expect(line).toMatchObject({ integrity: 'ok', addressedDiagnoses: signed.addressedDiagnoses });
    await p.ok('diagnoses.change', { diagnosisId: dx.depression, status: 'active', onsetDate: null }, W.a);
  });

  it('refuses a progress note that addresses none of the client’s active diagnoses, saying why', async () => {
    const { noteId } = await p.ok('notes.saveDraft', progressNote(x, { addressedDiagnosisIds: [] }), W.a);
    const e = await p.fail('notes.sign', { noteId }, W.a);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toContainEqual({
      path: 'addressedDiagnosisIds',
      message: 'Tick at least one diagnosis this session addressed.',
    });
    expect((await p.ok('notes.get', { noteId }, W.a)).status).toBe('draft');
    await p.ok('notes.discardDraft', { noteId }, W.a);
  });

  it('refuses a diagnosis entered in error since the draft ticked it, naming its code', async () => {
    const list = await p.ok(
      'diagnoses.add',
      { clientId: x, code: 'F42.2', status: 'active', part2: false },
      W.a,
    );
    const ocd = list.diagnoses.find((d) => d.code === 'F42.2')?.id ?? '';
    const { noteId } = await p.ok(
      'notes.saveDraft',
      progressNote(x, { addressedDiagnosisIds: [dx.depression, ocd] }),
      W.a,
    );
    await p.ok('diagnoses.change', { diagnosisId: ocd, status: 'entered_in_error', onsetDate: null }, W.a);
    const e = await p.fail('notes.sign', { noteId }, W.a);
    expect(e.fields).toContainEqual({
      path: 'addressedDiagnosisIds',
      message: 'F42.2 is entered in error. Untick it to sign.',
    });
    await p.ok('notes.saveDraft', progressNote(x, { noteId, addressedDiagnosisIds: [dx.depression] }), W.a);
    const signed = await p.ok('notes.sign', { noteId }, W.a);
    expect(signed.addressedDiagnoses?.map((d) => d.code)).toEqual(['F32.1']);
    // It is no longer offered either.
    const options = await p.ok('notes.linkOptions', { clientId: x }, W.a);
    expect(options.diagnoses.map((d) => d.code)).toEqual(['F32.1', 'F41.1']);
  });

  it('stores goal marks against the current signed plan, with its words', async () => {
    const noteId = await draftAndSign({
      addressedDiagnosisIds: [dx.depression],
      goalMarks: [mark(ids.goal, null), { ...mark(ids.goal2, ids.objective2), progress: 'no_change' }],
    });
    const note = await p.ok('notes.get', { noteId }, W.a);
    expect(note.goalProgress?.map((g) => [g.planVersion, g.goalText, g.objectiveText, g.progress])).toEqual([
      [1, 'Mood lifts enough to return to the marigold garden club', null, 'progressing'],
      [1, 'Sleep through most nights', 'Six hours of sleep five nights a week', 'no_change'],
    ]);
  });

  it('refuses goal marks when the client’s only plan is a draft', async () => {
    const nDx = (await p.ok('diagnoses.list', { clientId: n }, W.a)).diagnoses[0]?.id ?? '';
    const { noteId } = await p.ok(
      'notes.saveDraft',
      progressNote(n, { addressedDiagnosisIds: [nDx], goalMarks: [mark(ids.goal, null)] }),
      W.a,
    );
    const e = await p.fail('notes.sign', { noteId }, W.a);
    expect(e.fields).toContainEqual({
      path: 'goalMarks',
      message:
        'The client has no signed treatment plan, so goals cannot be marked. Remove the marks to sign.',
    });
    await p.ok('notes.discardDraft', { noteId }, W.a);
  });

  it('refuses a mark on a goal that is not in the current plan (only in a draft revision)', async () => {
    const extraGoal = randomUUID();
    const revision = content();
    revision.problems[0]?.goals.push({
      id: extraGoal,
      text: 'Rejoin the synthetic choir',
      objectives: [],
    });
    const draftV2 = await signedPlan(x, revision, false);
    const { noteId } = await p.ok(
      'notes.saveDraft',
      progressNote(x, { addressedDiagnosisIds: [dx.depression], goalMarks: [mark(extraGoal, null)] }),
      W.a,
    );
    const e = await p.fail('notes.sign', { noteId }, W.a);
    expect(e.fields).toContainEqual({
      path: 'goalMarks',
      message: 'A marked goal is not in the client’s current treatment plan. Remove its mark to sign.',
    });
    await p.ok('notes.discardDraft', { noteId }, W.a);
    await p.ok('plans.discardDraft', { planId: draftV2 }, W.a);
  });

  it('refuses signing by another clinician, and after the session has expired', async () => {
    const { noteId } = await p.ok(
      'notes.saveDraft',
      progressNote(x, { addressedDiagnosisIds: [dx.depression] }),
      W.a,
    );
    expect((await p.fail('notes.sign', { noteId }, W.b)).code).toBe('NOT_FOUND');
    expect((await p.fail('notes.sign', { noteId }, W.desk)).code).toBe('FORBIDDEN');
    await clock.advance(30 * 60_000);
    expect((await p.fail('notes.sign', { noteId }, W.a)).code).toBe('LOCKED');
    expect((await p.fail('notes.linkOptions', { clientId: x }, W.a)).code).toBe('LOCKED');
    await p.signIn(a.username, a.password, W.a);
    await p.signIn(b.username, b.password, W.b);
    await p.signIn(desk.username, desk.password, W.desk);
    await p.signIn(OWNER.username, OWNER.password, W.owner);
    expect((await p.ok('notes.get', { noteId }, W.a)).status).toBe('draft');
    await p.ok('notes.discardDraft', { noteId }, W.a);
  });
});

describe('a signed note changed afterwards', () => {
  it('is detected by notes.get, the timeline and the chart print when its diagnoses or marks are edited', async () => {
    const noteId = await draftAndSign({
      addressedDiagnosisIds: [dx.depression],
      goalMarks: [mark(ids.goal, ids.objective)],
    });
    // The trigger refuses an edit outright.
    expect(() =>
      sqlite().prepare("UPDATE notes SET addressed_diagnoses = '[]' WHERE id = ?").run(noteId),
    ).toThrow(/cannot be changed/);
    for (const edit of [
      `UPDATE notes SET addressed_diagnoses = replace(addressed_diagnoses, 'F32.1', 'F32.0') WHERE id = ?`,
      `UPDATE notes SET addressed_diagnoses = NULL WHERE id = ?`,
      `UPDATE notes SET goal_progress = replace(goal_progress, 'progressing', 'met') WHERE id = ?`,
    ]) {
      const original = sqlite()
        .prepare('SELECT addressed_diagnoses, goal_progress FROM notes WHERE id = ?')
        .get(noteId) as { addressed_diagnoses: string; goal_progress: string };
      tamper(() => sqlite().prepare(edit).run(noteId));
      expect((await p.ok('notes.get', { noteId }, W.a)).integrity).toBe('tampered');
      expect((await p.ok('notes.print', { noteId }, W.a)).integrity).toBe('tampered');
      const line = (await p.ok('notes.timeline', { clientId: x }, W.a)).find(
        (e) => e.type === 'note' && e.noteId === noteId,
      );
      // What the line shows of it is withheld: the stored copy is not what was signed.
      expect(line).toMatchObject({ integrity: 'tampered', addressedDiagnoses: [], goalProgress: [] });
      const printed = (await p.ok('notes.printChartSummary', { clientId: x }, W.a)).timeline.find(
        (e) => e.type === 'note' && e.noteId === noteId,
      );
      expect(printed).toMatchObject({ integrity: 'tampered' });
      expect((await progressOnPlan(readDb(p.core.ctx), x)).some((m) => m.noteId === noteId)).toBe(false);
      tamper(() =>
        sqlite()
          .prepare('UPDATE notes SET addressed_diagnoses = ?, goal_progress = ? WHERE id = ?')
          .run(original.addressed_diagnoses, original.goal_progress, noteId),
      );
      expect((await p.ok('notes.get', { noteId }, W.a)).integrity).toBe('ok');
    }
    const { entries } = await p.ok(
      'audit.list',
      { filter: { action: 'note.integrityFailed' }, limit: 50 },
      W.owner,
    );
    expect(entries.filter((e) => e.targetId === noteId).length).toBeGreaterThanOrEqual(6);
  });

  it('cannot be released: the review and the export refuse it', async () => {
    const y = (await p.ok('clients.create', adultClient(a.id, { legalFirstName: 'Rowan' }), W.desk)).id;
    await p.ok('diagnoses.add', { clientId: y, code: 'F33.1', status: 'active', part2: false, rank: 1 }, W.a);
    const yDx = (await p.ok('diagnoses.list', { clientId: y }, W.a)).diagnoses[0]?.id ?? '';
    const noteId = await draftAndSign({ serviceDate: '2026-03-02', addressedDiagnosisIds: [yDx] }, y);
    const selection = {
      recordTypes: ['progress_notes' as const],
      from: '2026-03-01',
      to: '2026-03-09',
      includePart2: false,
    };
    const r = await p.ok('releases.create', thirdParty(y), W.desk);
    await p.ok(
      'releases.addAuthorization',
      hipaaAuthorization(r.summary.id, { signedBy: 'Rowan Fictus' }),
      W.desk,
    );
    await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk);
    await p.ok('releases.approve', { requestId: r.summary.id, selection }, W.a);
    tamper(() =>
      sqlite()
        .prepare(
          `UPDATE notes SET addressed_diagnoses = replace(addressed_diagnoses, 'F33.1', 'F33.0') WHERE id = ?`,
        )
        .run(noteId),
    );
    expect((await p.fail('releases.preview', { requestId: r.summary.id, selection }, W.a)).code).toBe(
      'CONFLICT',
    );
    const folder = tempDir('stillwater-links-tampered-');
    try {
      p.folder.next = folder.path;
      const e = await p.fail('releases.export', { requestId: r.summary.id }, W.desk);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/failed the integrity check/);
      expect(readdirSync(folder.path)).toEqual([]);
    } finally {
      folder.remove();
    }
  });
});

describe('the marks the plan view reads', () => {
  it('are those of signed progress notes only, to readers who may open them', async () => {
    const { noteId: draftId } = await p.ok(
      'notes.saveDraft',
      progressNote(x, { addressedDiagnosisIds: [dx.depression], goalMarks: [mark(ids.goal2, null)] }),
      W.a,
    );
    const marks = await progressOnPlan(readDb(p.core.ctx), x);
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.some((m) => m.noteId === draftId)).toBe(false);
    expect(marks.every((m) => m.authorName === 'Dr. Ada Testcase')).toBe(true);
    const viaPlan = await p.ok('plans.get', { planId: planV1 }, W.a);
    expect(viaPlan.marks.map((m) => m.noteId).sort()).toEqual(marks.map((m) => m.noteId).sort());
    await p.ok('notes.discardDraft', { noteId: draftId }, W.a);
  });

  it('of a Part 2 note reach only the care team; a Part 2 diagnosis is offered only to it', async () => {
    const part2Note = await draftAndSign({
      part2: true,
      addressedDiagnosisIds: [dx.depression],
      goalMarks: [{ ...mark(ids.goal2, null), progress: 'regressed' }],
    });
    const team = await p.ok('plans.get', { planId: planV1 }, W.a);
    expect(team.marks.some((m) => m.noteId === part2Note)).toBe(true);
    // The owner reads the chart but is not on this client's care team (42 CFR 2.12(c)(3)).
    const owner = await p.ok('plans.get', { planId: planV1 }, W.owner);
    expect(owner.marks.length).toBeGreaterThan(0);
    expect(owner.marks.some((m) => m.noteId === part2Note)).toBe(false);

    await p.ok('diagnoses.add', { clientId: x, code: 'F10.20', status: 'active', part2: true }, W.a);
    const forTeam = await p.ok('notes.linkOptions', { clientId: x }, W.a);
    const forOwner = await p.ok('notes.linkOptions', { clientId: x }, W.owner);
    expect(forTeam.diagnoses.map((d) => d.code)).toContain('F10.20');
    expect(forOwner.diagnoses.map((d) => d.code)).not.toContain('F10.20');
    const hidden = forTeam.diagnoses.find((d) => d.code === 'F10.20')?.diagnosisId ?? '';
    const e = await p.fail(
      'notes.saveDraft',
      progressNote(x, { addressedDiagnosisIds: [dx.depression, hidden] }),
      W.owner,
    );
    expect(e.message).toBe('A ticked diagnosis is not one of this client’s.');

    // The care team may address it, but only in a note marked Part 2: an unmarked note would show
    // it to every reader of the note (the owner among them) and release it as an ordinary record.
    const { noteId: unmarked } = await p.ok(
      'notes.saveDraft',
      progressNote(x, { addressedDiagnosisIds: [dx.depression, hidden] }),
      W.a,
    );
    const refusedSign = await p.fail('notes.sign', { noteId: unmarked }, W.a);
    expect(refusedSign.fields).toContainEqual({
      path: 'addressedDiagnosisIds',
      message: 'F10.20 was recorded in the Part 2 program: mark this note as Part 2, or untick F10.20.',
    });
    expect((await p.ok('notes.get', { noteId: unmarked }, W.a)).status).toBe('draft');
    await p.ok(
      'notes.saveDraft',
      progressNote(x, { noteId: unmarked, part2: true, addressedDiagnosisIds: [dx.depression, hidden] }),
      W.a,
    );
    await p.ok('notes.sign', { noteId: unmarked }, W.a);
    const signed = await p.ok('notes.get', { noteId: unmarked }, W.a);
    expect(signed.addressedDiagnoses?.map((d) => [d.code, d.part2])).toEqual([
      ['F32.1', false],
      ['F10.20', true],
    ]);
    // The owner, off the care team, cannot open the Part 2 note that names it (not even its existence).
    expect((await p.fail('notes.get', { noteId: unmarked }, W.owner)).code).toBe('NOT_FOUND');
  });

  it('survive a restart, with the signed copy and its hash intact', async () => {
    const before = await progressOnPlan(readDb(p.core.ctx), x);
    const noteId = before[0]?.noteId ?? '';
    const note = await p.ok('notes.get', { noteId }, W.a);
    p = p.restart();
    await p.signIn(OWNER.username, OWNER.password, W.owner);
    await p.signIn(a.username, a.password, W.a);
    expect(await progressOnPlan(readDb(p.core.ctx), x)).toEqual(before);
    const again = await p.ok('notes.get', { noteId }, W.a);
    expect(again).toMatchObject({
      integrity: 'ok',
      addressedDiagnoses: note.addressedDiagnoses,
      goalProgress: note.goalProgress,
    });
  });
});
