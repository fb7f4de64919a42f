// Rotating the data key, end to end in Chromium against a real core (issue 21): the owner opens
// Settings → Data key, is refused a wrong current recovery key, rotates with a new recovery key,
// sees it once and confirms it, signs out and back in with the same password; the clinician signs
// in with theirs; the audit log names the rotation. Screenshots: test-results/screens/rotate-key-*.png.
import { expect, test } from '@playwright/test';
import { buildPractice, CLINICIAN as CLIN, OWNER } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { axeProblems, nav, screenshot, signIn, signOut, watchForErrors } from './support.ts';

test.use({ actionTimeout: 15_000 });

test.describe('rotating the data key', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('rotate in Settings, keep the new recovery key, sign out and back in', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchForErrors(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await buildPractice(page, harness, { owner: OWNER, staff: { clin: CLIN }, firstSignIns: true });

    await nav(page).getByRole('link', { name: 'Settings' }).click();
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: 'Data key', exact: true }),
    });
    await section.scrollIntoViewIfNeeded();
    await expect(section.getByText('after someone leaves the practice')).toBeVisible();
    await screenshot(page, 'rotate-key-section');
    await section.getByRole('button', { name: 'Rotate the data key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the data key' });
    await expect(dialog.getByText('Everyone else must be signed out first.')).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'rotate-key-confirm');
    // Keeping the current recovery key asks for it; a wrong one is refused and nothing changes.
    await dialog.getByRole('radio', { name: 'Keep the current recovery key' }).check();
    await dialog
      .getByRole('textbox', { name: 'Current recovery key' })
      .fill('ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD');
    await dialog.getByRole('button', { name: 'Rotate now' }).click();
    await expect(dialog.getByText(/typing mistake|not the recovery key/)).toBeVisible();
    await screenshot(page, 'rotate-key-wrong-recovery-key');
    await dialog.getByRole('radio', { name: 'Make a new recovery key (recommended)' }).check();
    await dialog.getByRole('button', { name: 'Rotate now' }).click();
    const shown = page.getByRole('dialog', { name: 'Your new recovery key' });
    await expect(shown.locator('.key-groups__code')).toHaveCount(13, { timeout: 60_000 });
    await screenshot(page, 'rotate-key-new-recovery-key');
    const groups = await shown.locator('.key-groups__code').allTextContents();
    await page.getByRole('button', { name: /I have stored the key/ }).click();
    await page.getByLabel('Group 12').fill(groups[11] ?? '');
    await page.getByLabel('Group 13').fill(groups[12] ?? '');
    await page.getByLabel(/I have stored the recovery key/).check();
    await page.getByRole('button', { name: 'Confirm new key' }).click();
    const done = page.getByRole('dialog', { name: 'Data key rotated' });
    await expect(done.getByText('encrypted under a new data key')).toBeVisible();
    await screenshot(page, 'rotate-key-done');
    await done.getByRole('button', { name: 'Done' }).click();

    // Everyone signs in with the password they had.
    await signOut(page);
    await signIn(page, CLIN.username, CLIN.password);
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    await signOut(page);
    await signIn(page, OWNER.username, OWNER.password);
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    await nav(page).getByRole('link', { name: 'Audit' }).click();
    await expect(
      page.getByRole('cell', { name: 'Re-encrypted the practice database under a new data key' }).first(),
    ).toBeVisible();
    await screenshot(page, 'rotate-key-audit');
    expect(problems).toEqual([]);
  });
});
