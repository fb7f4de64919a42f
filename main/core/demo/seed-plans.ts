// The synthetic practice's treatment plans: most clients get one, drafted, signed by the clinician
// and by the client through the same channels as the Treatment plan tab. About one in five is a
// full plan (3 problems, 10 objectives: the bench opens those); the rest have one or two problems.
// A few fall due for review within the week, so a clinician's home screen lists some.
import { randomUUID } from 'node:crypto';
import {
  todayIso,
  type Channel,
  type Input,
  type Output,
  type PlanContent,
  type PlanObjective,
} from '../../../preload/contract.ts';
import { addDays } from '../clock.ts';
import type { Random } from './synthetic.ts';

type Call = <C extends Channel>(channel: C, input: Input<C>, windowId?: string) => Promise<Output<C>>;

const PROBLEMS = [
  { problem: 'Low mood most days; has withdrawn from friends and hobbies.', goal: 'Enjoy daily life again.' },
  {
    problem: 'Worry that is hard to stop; tension and poor sleep.',
    goal: 'Worry less and sleep through the night.',
  },
  { problem: 'Panic attacks on the bus and in shops.', goal: 'Travel and shop without panic.' },
  { problem: 'Arguments at home after the separation.', goal: 'Calmer conversations with the family.' },
  { problem: 'Trouble keeping up at work since the accident.', goal: 'Back to a full working week.' },
];
const INTERVENTIONS = [
  { text: 'Behavioral activation and cognitive restructuring.', modality: 'Individual CBT' },
  { text: 'Exposure with response prevention, graded.', modality: 'Individual CBT' },
  { text: 'Relaxation and sleep hygiene practice.', modality: 'Individual therapy' },
  { text: 'Communication skills with the family.', modality: 'Family therapy' },
];

function objective(r: Random, today: string, k: number): PlanObjective {
  const target = addDays(today, r.int(60, 200));
  switch (k % 3) {
    case 0:
      return {
        id: randomUUID(),
        text: 'Depressive symptoms in the mild range (synthetic).',
        measure: 'phq9',
        measureLabel: null,
        baseline: r.int(12, 22),
        target: { direction: 'below', value: 10 },
        targetDate: target,
      };
    case 1:
      return {
        id: randomUUID(),
        text: 'Anxiety in the mild range (synthetic).',
        measure: 'gad7',
        measureLabel: null,
        baseline: r.int(10, 19),
        target: { direction: 'at_most', value: 7 },
        targetDate: target,
      };
    default:
      return {
        id: randomUUID(),
        text: 'Does one planned pleasant activity most days (synthetic).',
        measure: 'other',
        measureLabel: 'Days a week with a planned activity',
        baseline: r.int(0, 2),
        target: { direction: 'at_least', value: 5 },
        targetDate: target,
      };
  }
}

/** 3 problems with 4, 3 and 3 objectives when `full`; otherwise 1–2 problems of 1–2 objectives. */
export function syntheticPlan(r: Random, today: string, diagnosisIds: string[], full: boolean): PlanContent {
  const shape = full ? [4, 3, 3] : Array.from({ length: r.int(1, 2) }, () => r.int(1, 2));
  const problems = shape.map((n, i) => {
    const words = PROBLEMS[(i + r.int(0, PROBLEMS.length - 1)) % PROBLEMS.length] ?? PROBLEMS[0];
    return {
      id: randomUUID(),
      text: words?.problem ?? 'Synthetic problem.',
      diagnosisIds: i === 0 ? diagnosisIds.slice(0, 2) : [],
      goals: [
        {
          id: randomUUID(),
          text: words?.goal ?? 'Synthetic goal.',
          objectives: Array.from({ length: n }, (_, k) => objective(r, today, k + i)),
        },
      ],
    };
  });
  const how = r.pick(INTERVENTIONS);
  return {
    problems,
    interventions: [
      {
        id: randomUUID(),
        text: how.text,
        modality: how.modality,
        frequency: r.chance(0.7) ? 'Weekly, 50 minutes' : 'Every two weeks, 50 minutes',
        problemIds: problems.map((p) => p.id),
      },
    ],
  };
}

export async function seedPlan(
  call: Call,
  r: Random,
  client: { id: string; name: string },
  today: string,
  window: string,
): Promise<void> {
  const diagnoses = await call('diagnoses.list', { clientId: client.id }, window);
  const current = diagnoses.diagnoses
    .filter((d) => d.current.status === 'active' || d.current.status === 'in_remission')
    .map((d) => d.id);
  const draft = await call('plans.createDraft', { clientId: client.id }, window);
  const planId = draft.plan.id;
  await call(
    'plans.saveDraft',
    {
      planId,
      content: syntheticPlan(r, today, current, r.chance(0.2)),
      // Now and then a review falls due within the week (the home screen's list).
      reviewDueOn: r.chance(0.08) ? addDays(today, r.int(1, 7)) : draft.plan.reviewDueOn,
      part2: false,
    },
    window,
  );
  await call('plans.signAsClinician', { planId }, window);
  await call(
    'plans.recordClientSignature',
    // The client signs today where the practice is (main checks the local day).
    { planId, signer: 'client', signerName: client.name, signedOn: todayIso() },
    window,
  );
}
