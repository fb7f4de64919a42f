import { describe, expect, it } from 'vitest';
import { backoffDelayMs, FREE_ATTEMPTS, retryAfterMs } from '../../../main/core/vault/backoff.ts';

describe('sign-in back-off', () => {
  it('lets the first few mistakes through without waiting', () => {
    for (let n = 0; n <= FREE_ATTEMPTS; n++) expect(backoffDelayMs(n)).toBe(0);
  });

  it('doubles the wait after each further failure', () => {
    expect(backoffDelayMs(FREE_ATTEMPTS + 1)).toBe(30_000);
    expect(backoffDelayMs(FREE_ATTEMPTS + 2)).toBe(60_000);
    expect(backoffDelayMs(FREE_ATTEMPTS + 3)).toBe(120_000);
  });

  it('never makes anyone wait more than 15 minutes', () => {
    expect(backoffDelayMs(100)).toBe(15 * 60_000);
  });

  it('counts down from the last failure', () => {
    expect(retryAfterMs(FREE_ATTEMPTS + 1, 1_000, 11_000)).toBe(20_000);
    expect(retryAfterMs(FREE_ATTEMPTS + 1, 1_000, 40_000)).toBe(0);
  });
});
