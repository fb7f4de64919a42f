// Synthetic treatment-plan content for tests: a plan with `problems` problems, each with one goal
// whose objectives are measured by PHQ-9, GAD-7 or a named measure.
import { randomUUID } from 'node:crypto';
import type { PlanContent, PlanObjective } from '../../preload/contract/plans.ts';

export function objective(overrides: Partial<PlanObjective> = {}): PlanObjective {
  return {
    id: randomUUID(),
    text: 'Fewer days of low mood (synthetic)',
    measure: 'phq9',
    measureLabel: null,
    baseline: 16,
    target: { direction: 'below', value: 10 },
    targetDate: '2026-09-01',
    ...overrides,
  };
}

export function planContent(
  options: { problems?: number; objectivesPerGoal?: number[]; diagnosisIds?: string[] } = {},
): PlanContent {
  const n = options.problems ?? 1;
  const problems = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    text: `Synthetic problem ${String(i + 1)}`,
    diagnosisIds: i === 0 ? (options.diagnosisIds ?? []) : [],
    goals: [
      {
        id: randomUUID(),
        text: `Synthetic goal ${String(i + 1)}`,
        objectives: Array.from({ length: options.objectivesPerGoal?.[i] ?? 1 }, (_, k) =>
          objective(
            k % 3 === 1
              ? { measure: 'gad7', baseline: 14, target: { direction: 'at_most', value: 7 } }
              : k % 3 === 2
                ? {
                    measure: 'other',
                    measureLabel: 'Nights a week sleeping 6 hours or more',
                    baseline: 2,
                    target: { direction: 'at_least', value: 5 },
                  }
                : {},
          ),
        ),
      },
    ],
  }));
  return {
    problems,
    interventions: [
      {
        id: randomUUID(),
        text: 'Cognitive restructuring and behavioral activation',
        modality: 'Individual CBT',
        frequency: 'Weekly, 50 minutes',
        problemIds: problems.map((p) => p.id),
      },
    ],
  };
}
