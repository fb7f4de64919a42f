// Calendar dates in words, the US way, for the sentences main writes (review defaults, the audit log).
import { describe, expect, it } from 'vitest';
import { usDate } from '../../../preload/contract/us-date.ts';

describe('usDate', () => {
  it('writes a stored day as month, day and year', () => {
    expect(usDate('2026-09-07')).toBe('Sep 7, 2026');
    expect(usDate('2026-12-31')).toBe('Dec 31, 2026');
    expect(usDate('1999-01-01')).toBe('Jan 1, 1999');
  });

  it('leaves what is not a stored day as it is', () => {
    for (const text of ['', 'soon', '2026-13-01', '2026-00-10', '2026-9-7', '2026-09-07T00:00:00Z'])
      expect(usDate(text)).toBe(text);
  });
});
