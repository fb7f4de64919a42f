// TOTP (RFC 6238) through otplib: SHA-1, 6 digits, 30-second steps. The one rule for which codes
// are accepted lives here (checkCode): a code for the step before, the current step or the step
// after, by main's clock, no wider; and never for a step at or before the last one accepted, so
// the same code cannot be used twice.
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

export const STEP_SECONDS = 30;
const DIGITS = 6;

/** The 30-second step a moment falls in. */
export const stepAt = (ms: number): number => Math.floor(ms / 1000 / STEP_SECONDS);

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), in base32. */
export const newSecret = (): string => generateSecret({ length: 20 });

/** A base32 secret as people read it: groups of four. */
export const groupSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

export const otpauthUri = (secret: string, account: string, issuer: string): string =>
  generateURI({ secret, label: account, issuer, algorithm: 'sha1', digits: DIGITS, period: STEP_SECONDS });

/** The code for a step (tests and the enrolment check use it). */
export const codeAtStep = (secret: string, step: number): string =>
  generateSync({
    secret,
    epoch: step * STEP_SECONDS,
    algorithm: 'sha1',
    digits: DIGITS,
    period: STEP_SECONDS,
  });

export type CodeCheck = { kind: 'ok'; step: number } | { kind: 'replay' } | { kind: 'wrong' };

/**
 * Whether `code` is right for `secret` now: the step before, this step or the step after (clocks
 * on a phone and a computer drift); a step at or before `lastUsedStep` is a replay.
 */
export function checkCode(secret: string, code: string, nowMs: number, lastUsedStep: number): CodeCheck {
  const now = stepAt(nowMs);
  let replay = false;
  for (const step of [now - 1, now, now + 1]) {
    const { valid } = verifySync({
      secret,
      token: code,
      epoch: step * STEP_SECONDS,
      epochTolerance: 0,
      algorithm: 'sha1',
      digits: DIGITS,
      period: STEP_SECONDS,
    });
    if (!valid) continue;
    if (step <= lastUsedStep) replay = true;
    else return { kind: 'ok', step };
  }
  return replay ? { kind: 'replay' } : { kind: 'wrong' };
}
