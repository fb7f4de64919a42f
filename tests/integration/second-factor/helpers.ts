// Shared steps for the second-factor tests: enrol through the router and compute codes with
// otplib itself (not through the app's wrapper), at a step of the fake clock.
import { generateSync } from 'otplib';
import type { FakeClock } from '../../helpers/fake-clock.ts';
import type { TestPractice } from '../../helpers/make-practice.ts';

export const STEP_MS = 30_000;

/** The authenticator app's code `offset` steps from now. */
export function codeAt(secret: string, clock: FakeClock, offset = 0): string {
  const step = Math.floor(clock.now() / STEP_MS) + offset;
  return generateSync({ secret, epoch: step * 30, algorithm: 'sha1', digits: 6, period: 30 });
}

/** Enrols the person signed in at `window` (password given unless forced) and returns what they keep. */
export async function enrol(
  p: TestPractice,
  clock: FakeClock,
  window: string,
  currentPassword?: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await p.ok(
    'secondFactor.startEnrolment',
    currentPassword === undefined ? {} : { currentPassword },
    window,
  );
  const { recoveryCodes } = await p.ok(
    'secondFactor.confirmEnrolment',
    { code: codeAt(start.secret, clock) },
    window,
  );
  // The confirming code's step is used: the next sign-in needs a later one.
  await clock.advance(STEP_MS);
  return { secret: start.secret, recoveryCodes };
}

export async function auditActions(p: TestPractice, window = 'w1'): Promise<string[]> {
  const page = await p.ok('audit.list', { filter: {}, limit: 500 }, window);
  return page.entries.map((e) => e.action).reverse();
}
