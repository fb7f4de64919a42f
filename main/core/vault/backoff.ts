// Exponential back-off after repeated failed sign-ins, kept in the keyring file so it survives restarts.
export const FREE_ATTEMPTS = 4;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

/** Milliseconds to wait after `count` consecutive failures before the next attempt is checked. */
export function backoffDelayMs(count: number): number {
  if (count <= FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (count - FREE_ATTEMPTS - 1));
}

export function retryAfterMs(count: number, lastAt: number, now: number): number {
  return Math.max(0, lastAt + backoffDelayMs(count) - now);
}
