// The second factor, end to end in Chromium against a real core (issue 21): the owner sets one up
// in Settings → My account (reads the setup key off the screen, computes a code with otplib as an
// authenticator app would), keeps the recovery codes, signs out and back in with a code, then with
// a recovery code (which then works no more). The owner requires a factor for clinicians; a
// clinician is made to set one up right after the password. The owner resets it on the Staff page.
// Screenshots go to test-results/screens/second-factor-*.png.
import { expect, test, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { buildPractice, CLINICIAN as CLIN, OWNER } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { axeProblems, nav, screenshot, signIn, signOut, watchForErrors } from './support.ts';

/** The app's code for the next 30-second step (the step now may have been used by the last code). */
const nextCode = (secret: string): string =>
  generateSync({
    secret,
    epoch: Math.floor(Date.now() / 1000) + 30,
    algorithm: 'sha1',
    digits: 6,
    period: 30,
  });
const stepNow = (): number => Math.floor(Date.now() / 30_000);

/** A code for a step after `usedStep` (a code is never accepted twice): waits for the clock if need be. */
async function codeAfter(page: Page, secret: string, usedStep: number): Promise<string> {
  while (stepNow() + 1 <= usedStep) await page.waitForTimeout(1_000);
  return nextCode(secret);
}

const codeNow = (secret: string): string =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000), algorithm: 'sha1', digits: 6, period: 30 });

async function readSecret(page: Page): Promise<string> {
  const text = (await page.getByTestId('second-factor-secret').textContent()) ?? '';
  const secret = text.replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  return secret;
}

async function readRecoveryCodes(page: Page): Promise<string[]> {
  // Waits for main's answer to the confirmation: the list is drawn once the codes have come.
  await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10, { timeout: 20_000 });
  const codes = await page.getByTestId('recovery-codes').getByRole('listitem').allTextContents();
  expect(codes).toHaveLength(10);
  return codes;
}

test.use({ actionTimeout: 15_000 });

test.describe('a second factor at sign-in', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('enrol, sign in with a code, then with a recovery code once', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchForErrors(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await buildPractice(page, harness, { owner: OWNER, staff: { clin: CLIN }, firstSignIns: true });

    // Settings → My account → Second factor.
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Set up second factor' }).click();
    await page.getByLabel('Your password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Show the QR code' }).click();
    await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
    const secret = await readSecret(page);
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'second-factor-01-enrol-qr', { viewportOnly: true });
    expect(await axeProblems(page)).toEqual([]);

    // A wrong code first: said next to the field.
    await page.getByLabel('6-digit code').fill('000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText(/That code is not correct/).first()).toBeVisible();
    await page.getByLabel('6-digit code').fill(codeNow(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
    const recoveryCodes = await readRecoveryCodes(page);
    await screenshot(page, 'second-factor-02-recovery-codes', { viewportOnly: true });
    expect(await axeProblems(page)).toEqual([]);
    await expect(page.getByRole('button', { name: 'Done' })).toBeDisabled();
    await page.getByLabel('I have kept these codes somewhere safe').check();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByText('10 of 10')).toBeVisible();

    // Sign out; the password alone is not enough any more.
    await signOut(page);
    await signIn(page, OWNER.username, OWNER.password);
    await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible({ timeout: 20_000 });
    await screenshot(page, 'second-factor-03-sign-in-code');
    expect(await axeProblems(page)).toEqual([]);
    await page.getByLabel('6-digit code').fill('123');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText(/Enter the 6-digit code/).first()).toBeVisible();
    const usedStep = stepNow() + 1;
    await page.getByLabel('6-digit code').fill(nextCode(secret));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });

    // A recovery code, once.
    const [first = ''] = recoveryCodes;
    await signOut(page);
    await signIn(page, OWNER.username, OWNER.password);
    await page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await expect(page.getByRole('heading', { name: 'Enter a recovery code' })).toBeVisible();
    await page.getByLabel('Recovery code').fill(first.toLowerCase());
    await screenshot(page, 'second-factor-04-sign-in-recovery-code');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    await signOut(page);
    await signIn(page, OWNER.username, OWNER.password);
    await page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(first);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText(/not correct, or it was used already/).first()).toBeVisible();
    await page.getByRole('button', { name: 'Use the code from my app instead' }).click();
    await page.getByLabel('6-digit code').fill(await codeAfter(page, secret, usedStep));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByText('9 of 10')).toBeVisible();
    expect(problems).toEqual([]);
  });
});

// A practice of its own (a harness per practice, like the other journeys).
test.describe('the practice requires a second factor', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('the owner requires a factor: a clinician enrols right after the password; the owner resets it', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const problems = watchForErrors(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await buildPractice(page, harness, { owner: OWNER, staff: { clin: CLIN }, firstSignIns: true });

    await nav(page).getByRole('link', { name: 'Settings' }).click();
    const policy = page.getByRole('form', { name: 'Second-factor policy' });
    await policy.getByLabel('Required for the owner and clinicians').check();
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await expect(policy.getByText('Saved: Required for the owner and clinicians.')).toBeVisible();
    await policy.scrollIntoViewIfNeeded();
    await screenshot(page, 'second-factor-05-policy', { viewportOnly: true });

    await signOut(page);
    await signIn(page, CLIN.username, CLIN.password);
    await expect(page.getByRole('heading', { name: 'Set up your second factor' })).toBeVisible({
      timeout: 20_000,
    });
    await page.getByRole('button', { name: 'Show the QR code' }).click();
    const secret = await readSecret(page);
    await screenshot(page, 'second-factor-06-forced-enrolment');
    expect(await axeProblems(page)).toEqual([]);
    await page.getByLabel('6-digit code').fill(codeNow(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await readRecoveryCodes(page);
    await page.getByLabel('I have kept these codes somewhere safe').check();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });

    // The owner (who must now enrol too) resets the clinician's factor on the Staff page.
    await signOut(page);
    await signIn(page, OWNER.username, OWNER.password);
    await expect(page.getByRole('heading', { name: 'Set up your second factor' })).toBeVisible({
      timeout: 20_000,
    });
    await page.getByRole('button', { name: 'Show the QR code' }).click();
    const ownerSecret = await readSecret(page);
    await page.getByLabel('6-digit code').fill(codeNow(ownerSecret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByLabel('I have kept these codes somewhere safe').check();
    await page.getByRole('button', { name: 'Done' }).click();
    await nav(page).getByRole('link', { name: 'Staff' }).click();
    const row = page.getByRole('row').filter({ hasText: CLIN.name });
    await expect(row.getByText('Second factor', { exact: true })).toBeVisible();
    await row.getByRole('button', { name: `Actions for ${CLIN.name}` }).click();
    await page.getByRole('menuitem', { name: 'Reset second factor' }).click();
    const dialog = page.getByRole('dialog', { name: `Reset ${CLIN.name}’s second factor?` });
    await expect(dialog).toBeVisible();
    await screenshot(page, 'second-factor-07-reset-dialog');
    await dialog.getByRole('button', { name: 'Reset second factor' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByText('Second factor', { exact: true })).toBeHidden();
    expect(problems).toEqual([]);
  });
});
