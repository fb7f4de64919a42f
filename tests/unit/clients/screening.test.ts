// PHQ-9 and GAD-7 scoring at every severity band boundary.
import { describe, expect, it } from 'vitest';
import { gad7Severity, phq9Severity, score } from '../../../preload/contract/screening.ts';

/** Items that add up to `total` (each 0–3), for an instrument with `n` items. */
function itemsFor(total: number, n: number): number[] {
  const items = Array.from({ length: n }, () => 0);
  let left = total;
  for (let i = 0; i < n && left > 0; i++) {
    items[i] = Math.min(3, left);
    left -= items[i] ?? 0;
  }
  return items;
}

describe('PHQ-9 severity bands (0–4, 5–9, 10–14, 15–19, 20–27)', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately_severe'],
    [19, 'moderately_severe'],
    [20, 'severe'],
    [27, 'severe'],
  ] as const)('a total of %i is %s', (total, band) => {
    expect(phq9Severity(total)).toBe(band);
    expect(score('phq9', itemsFor(total, 9))).toMatchObject({ total, severity: band });
  });
});

describe('GAD-7 severity bands (0–4, 5–9, 10–14, 15–21)', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ] as const)('a total of %i is %s', (total, band) => {
    expect(gad7Severity(total)).toBe(band);
    expect(score('gad7', itemsFor(total, 7))).toMatchObject({ total, severity: band });
  });
});

describe('PHQ-9 item 9', () => {
  it('flags any answer above "Not at all" for follow-up, whatever the total', () => {
    expect(score('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]).item9Positive).toBe(true);
    expect(score('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0]).item9Positive).toBe(false);
  });

  it('is never raised for the GAD-7', () => {
    expect(score('gad7', [3, 3, 3, 3, 3, 3, 3]).item9Positive).toBe(false);
  });
});
