// The editor's changes to a plan's content, as plain functions over the content (immutable): add,
// change and remove problems, goals, objectives and interventions. New rows get fresh ids; rows
// carried from an earlier version keep theirs, so notes' marks follow them into the revision.
import type {
  PlanContent,
  PlanGoal,
  PlanIntervention,
  PlanObjective,
  PlanProblem,
} from '../../../preload/contract.ts';

const id = (): string => crypto.randomUUID();

export const newObjective = (): PlanObjective => ({
  id: id(),
  text: '',
  measure: 'phq9',
  measureLabel: null,
  baseline: null,
  target: { direction: 'below', value: 10 },
  targetDate: null,
});
export const newGoal = (): PlanGoal => ({ id: id(), text: '', objectives: [newObjective()] });
export const newProblem = (): PlanProblem => ({ id: id(), text: '', diagnosisIds: [], goals: [newGoal()] });
export const newIntervention = (problemIds: string[]): PlanIntervention => ({
  id: id(),
  text: '',
  modality: '',
  frequency: '',
  problemIds,
});

const replaceAt = <T>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, k) => (k === i ? x : y));
const removeAt = <T>(xs: readonly T[], i: number): T[] => xs.filter((_, k) => k !== i);

export function setProblem(c: PlanContent, i: number, patch: Partial<PlanProblem>): PlanContent {
  const p = c.problems[i];
  return p ? { ...c, problems: replaceAt(c.problems, i, { ...p, ...patch }) } : c;
}

export function removeProblem(c: PlanContent, i: number): PlanContent {
  const gone = c.problems[i]?.id;
  return {
    problems: removeAt(c.problems, i),
    interventions: c.interventions.map((v) => ({ ...v, problemIds: v.problemIds.filter((x) => x !== gone) })),
  };
}

export function setGoal(c: PlanContent, i: number, j: number, patch: Partial<PlanGoal>): PlanContent {
  const p = c.problems[i];
  const g = p?.goals[j];
  return p && g ? setProblem(c, i, { goals: replaceAt(p.goals, j, { ...g, ...patch }) }) : c;
}

export function removeGoal(c: PlanContent, i: number, j: number): PlanContent {
  const p = c.problems[i];
  return p ? setProblem(c, i, { goals: removeAt(p.goals, j) }) : c;
}

export function setObjective(
  c: PlanContent,
  i: number,
  j: number,
  k: number,
  patch: Partial<PlanObjective>,
): PlanContent {
  const g = c.problems[i]?.goals[j];
  const o = g?.objectives[k];
  return g && o ? setGoal(c, i, j, { objectives: replaceAt(g.objectives, k, { ...o, ...patch }) }) : c;
}

export function removeObjective(c: PlanContent, i: number, j: number, k: number): PlanContent {
  const g = c.problems[i]?.goals[j];
  return g ? setGoal(c, i, j, { objectives: removeAt(g.objectives, k) }) : c;
}

export function setIntervention(c: PlanContent, i: number, patch: Partial<PlanIntervention>): PlanContent {
  const v = c.interventions[i];
  return v ? { ...c, interventions: replaceAt(c.interventions, i, { ...v, ...patch }) } : c;
}

export const removeIntervention = (c: PlanContent, i: number): PlanContent => ({
  ...c,
  interventions: removeAt(c.interventions, i),
});

/** A number field's text as the content keeps it: empty is null, anything else a finite number or null. */
export function numberOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
