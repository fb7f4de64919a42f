// The plan's one signing rule (planIssues, shared by the editor and main) and its content hash:
// every objective measurable, PHQ-9 and GAD-7 values inside their scales, and a hash that does not
// depend on the key order on disk but on every word and number of the content.
import { describe, expect, it } from 'vitest';
import { planContentHash } from '../../../main/core/plans/content-hash.ts';
import { duplicateIds, meetsTarget, planIssues, targetWords } from '../../../preload/contract/plans.ts';
import { objective, planContent } from '../../helpers/plans.ts';

const TODAY = '2026-03-02';

describe('planIssues', () => {
  it('passes a complete plan', () => {
    expect(
      planIssues(planContent({ problems: 3, objectivesPerGoal: [4, 3, 3] }), '2026-05-31', TODAY),
    ).toEqual([]);
  });

  it('asks for a problem, an intervention and a review date after today', () => {
    expect(planIssues({ problems: [], interventions: [] }, TODAY, TODAY)).toEqual([
      { path: 'problems', message: 'Add at least one problem.' },
      { path: 'interventions', message: 'Add at least one intervention.' },
      { path: 'reviewDueOn', message: 'The review date must be after today.' },
    ]);
  });

  it('keeps PHQ-9 and GAD-7 targets and baselines inside their scales, whole numbers', () => {
    const c = planContent();
    const goal = c.problems[0]?.goals[0];
    if (!goal) throw new Error('no goal');
    goal.objectives = [
      objective({ target: { direction: 'below', value: 28 } }),
      objective({ measure: 'gad7', baseline: 22, target: { direction: 'at_most', value: 7.5 } }),
      objective({
        measure: 'other',
        measureLabel: ' ',
        baseline: 400,
        target: { direction: 'at_least', value: 500 },
      }),
      objective({ targetDate: TODAY }),
    ];
    expect(planIssues(c, '2026-05-31', TODAY).map((i) => i.message)).toEqual([
      'A PHQ-9 total score is a whole number from 0 to 27.',
      'A GAD-7 total score is a whole number from 0 to 21.',
      'A GAD-7 total score is a whole number from 0 to 21.',
      'Name what objective 1.1.3 is measured by.',
      'The target date of objective 1.1.4 has passed.',
    ]);
  });

  it('refuses an intervention for a problem no longer in the plan', () => {
    const c = planContent();
    c.interventions[0]?.problemIds.push('6f1d8c54-7a51-4a0e-9b63-2f1f0c7d9e11');
    expect(planIssues(c, '2026-05-31', TODAY).map((i) => i.path)).toEqual(['interventions.0.problemIds']);
  });

  it('finds an id used twice', () => {
    const c = planContent({ problems: 2 });
    const [a, b] = c.problems;
    if (!a || !b) throw new Error('no problems');
    b.id = a.id;
    expect(duplicateIds(c)).toEqual([a.id]);
  });
});

describe('targets in words', () => {
  it('reads as a clinician writes it, and judges a score against it', () => {
    const o = objective({ targetDate: '2027-03-01' });
    expect(targetWords(o, (d) => d)).toBe('PHQ-9 total score below 10 by 2027-03-01');
    expect(meetsTarget(9, { direction: 'below', value: 10 })).toBe(true);
    expect(meetsTarget(10, { direction: 'below', value: 10 })).toBe(false);
    expect(meetsTarget(10, { direction: 'at_most', value: 10 })).toBe(true);
    expect(meetsTarget(5, { direction: 'at_least', value: 5 })).toBe(true);
    expect(meetsTarget(5, { direction: 'above', value: 5 })).toBe(false);
  });
});

describe('planContentHash', () => {
  const row = {
    id: '0b0e7a1c-1d7c-4b1f-9a3e-5c2d6e7f8a90',
    client_id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
    version: 1,
    previous_id: null,
    part2: 0 as const,
    clinician_signed_by: '2c8e6f1a-3b4d-4c5e-8f9a-0b1c2d3e4f50',
    clinician_signed_at: '2026-03-02T15:00:00.000Z',
  };

  it('does not depend on the key order on disk, and changes with any word, number or the Part 2 mark', () => {
    const text = JSON.stringify({ problems: [], interventions: [{ text: 'a', modality: 'b' }] });
    const reordered = '{"interventions":[{"modality":"b","text":"a"}],"problems":[]}';
    const h = planContentHash(row, text);
    expect(planContentHash(row, reordered)).toBe(h);
    expect(planContentHash(row, text.replace('"a"', '"A"'))).not.toBe(h);
    expect(planContentHash({ ...row, part2: 1 }, text)).not.toBe(h);
    expect(planContentHash({ ...row, clinician_signed_at: '2026-03-02T15:00:01.000Z' }, text)).not.toBe(h);
  });
});
