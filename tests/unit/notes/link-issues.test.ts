// linkIssues, the one rule for what a progress note addressed at signing (main checks it in the
// signing transaction; the editor's checklist shows the same list).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { linkIssues, type LinkPlan } from '../../../preload/contract/note-links.ts';

const dx = { a: randomUUID(), b: randomUUID(), gone: randomUUID() };
const goal = randomUUID();
const objective = randomUUID();
const plan: LinkPlan = {
  planId: randomUUID(),
  version: 2,
  part2: false,
  problems: [
    {
      id: randomUUID(),
      text: 'Low mood',
      goals: [{ id: goal, text: 'Mood lifts', objectives: [{ id: objective, text: 'PHQ-9 below 10' }] }],
    },
  ],
};
const diagnoses = [
  { diagnosisId: dx.a, code: 'F32.1', status: 'active' as const, part2: false },
  { diagnosisId: dx.b, code: 'F41.1', status: 'in_remission' as const, part2: false },
  { diagnosisId: dx.gone, code: 'F43.21', status: 'resolved' as const, part2: false },
];
const progress = (
  ids: string[],
  marks: { goalId: string; objectiveId: string | null }[] = [],
  part2 = false,
) => ({
  kind: 'progress' as const,
  part2,
  addressedDiagnosisIds: ids,
  goalMarks: marks,
});
const messages = (issues: { message: string }[]) => issues.map((i) => i.message);

describe('linkIssues', () => {
  it('passes a note that addresses a current diagnosis and marks goals of the current plan', () => {
    expect(
      linkIssues(progress([dx.a], [{ goalId: goal, objectiveId: objective }]), { diagnoses, plan }),
    ).toEqual([]);
    // One in remission is current too.
    expect(linkIssues(progress([dx.b]), { diagnoses, plan })).toEqual([]);
  });

  it('asks for a diagnosis when the client has an active one', () => {
    expect(messages(linkIssues(progress([]), { diagnoses, plan }))).toEqual([
      'Tick at least one diagnosis this session addressed.',
    ]);
    // A client without an active diagnosis (none, or only resolved ones) needs none ticked.
    expect(linkIssues(progress([]), { diagnoses: [], plan: null })).toEqual([]);
    expect(linkIssues(progress([]), { diagnoses: diagnoses.slice(2), plan: null })).toEqual([]);
  });

  it('refuses a resolved or unknown diagnosis, naming the code it knows', () => {
    expect(messages(linkIssues(progress([dx.a, dx.gone]), { diagnoses, plan }))).toEqual([
      'F43.21 is resolved. Untick it to sign.',
    ]);
    expect(messages(linkIssues(progress([dx.a, randomUUID()]), { diagnoses, plan }))).toEqual([
      'A ticked diagnosis is no longer on the client’s list. Untick it to sign.',
    ]);
  });

  it('refuses marks without a signed plan, and marks off the current plan', () => {
    expect(
      messages(
        linkIssues(progress([dx.a], [{ goalId: goal, objectiveId: null }]), { diagnoses, plan: null }),
      ),
    ).toEqual([
      'The client has no signed treatment plan, so goals cannot be marked. Remove the marks to sign.',
    ]);
    for (const mark of [
      { goalId: randomUUID(), objectiveId: null },
      { goalId: goal, objectiveId: randomUUID() },
    ]) {
      expect(messages(linkIssues(progress([dx.a], [mark]), { diagnoses, plan }))).toEqual([
        'A marked goal is not in the client’s current treatment plan. Remove its mark to sign.',
      ]);
    }
  });

  it('asks nothing of a psychotherapy note', () => {
    expect(
      linkIssues(
        {
          kind: 'psychotherapy',
          part2: false,
          addressedDiagnosisIds: [randomUUID()],
          goalMarks: [{ goalId: goal, objectiveId: null }],
        },
        { diagnoses, plan: null },
      ),
    ).toEqual([]);
  });

  it('keeps Part 2 diagnoses and a Part 2 plan to notes marked Part 2 (42 CFR 2.12)', () => {
    const sud = { diagnosisId: randomUUID(), code: 'F10.20', status: 'active' as const, part2: true };
    const withSud = [...diagnoses, sud];
    // An unmarked note may not name the Part 2 diagnosis: every reader of the note would see it.
    expect(messages(linkIssues(progress([dx.a, sud.diagnosisId]), { diagnoses: withSud, plan }))).toEqual([
      'F10.20 was recorded in the Part 2 program: mark this note as Part 2, or untick F10.20.',
    ]);
    // Marked Part 2, it may.
    expect(linkIssues(progress([dx.a, sud.diagnosisId], [], true), { diagnoses: withSud, plan })).toEqual([]);
    // A client whose only active diagnosis is Part 2: an unmarked note is not asked to tick it.
    expect(linkIssues(progress([]), { diagnoses: [sud], plan: null })).toEqual([]);
    expect(messages(linkIssues(progress([], [], true), { diagnoses: [sud], plan: null }))).toEqual([
      'Tick at least one diagnosis this session addressed.',
    ]);
    // The goals of a Part 2 plan: marked only from a Part 2 note.
    const part2Plan = { ...plan, part2: true };
    const mark = [{ goalId: goal, objectiveId: objective }];
    expect(messages(linkIssues(progress([dx.a], mark), { diagnoses, plan: part2Plan }))).toEqual([
      'The treatment plan was drawn up in the Part 2 program: mark this note as Part 2, or remove the goal marks.',
    ]);
    expect(linkIssues(progress([dx.a], mark, true), { diagnoses, plan: part2Plan })).toEqual([]);
  });
});
