// Backups and restore, end to end in Chromium against real cores: the owner chooses a backup folder
// in Settings, backs up now (progress bar, then the verified status), restores that backup on the
// same computer (confirmed by its date, the current database kept aside); a folder that disappears
// makes the next backup fail in plain words and the owner is warned at the next sign-in. Then a new
// computer (a second harness: fresh data folder, fresh keychain) restores the backup with the
// recovery key, the owner issues a one-time code, the clinician redeems it with a new password, the
// client list matches, and the audit log shows the restore. Screenshots: test-results/screens/9x-*.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPractice } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { nav, screenshot, signIn, signOut, watchForErrors } from './support.ts';

// Synthetic people only: obviously fictional.
const OWNER = { name: 'Dr. Harper Testwell', username: 'htestwell', password: 'quarry-lilac-beacon-52' };
const OWNER_NEW_PASSWORD = 'orchard-nimbus-tangle-83';
const CLIN = {
  name: 'Dr. Ellis Sampleford',
  username: 'esampleford',
  temporary: 'copper-fjord-walnut-26',
  password: 'meadow-prism-lantern-47',
  role: 'clinician',
  credentials: 'LMFT',
} as const;
const CLIENTS = {
  marlow: { first: 'Marlow', last: 'Fictitia', dateOfBirth: '1984-02-11', clinician: 'clin' },
  brisa: { first: 'Brisa', last: 'Exemplar', dateOfBirth: '1991-09-23', clinician: 'clin' },
  tobin: { first: 'Tobin', last: 'Placeholt', dateOfBirth: '1978-05-30', clinician: 'clin' },
} as const;
const CLIENT_COUNT = Object.keys(CLIENTS).length;

const shot = (page: Page, name: string) => screenshot(page, `9x-${name}`);
const backups = (page: Page) => page.locator('#backups');

/** The names on the client list as the signed-in person sees them. */
async function listedClients(page: Page): Promise<string[]> {
  await nav(page).getByRole('link', { name: 'Clients' }).click();
  const rows = page.getByRole('listbox', { name: 'Clients' }).locator('.client-row__name-text');
  await expect(rows).toHaveCount(CLIENT_COUNT, { timeout: 20_000 });
  return (await rows.allTextContents()).sort();
}

test.use({ actionTimeout: 20_000 });

test.describe('backups and restore', () => {
  let first: LaunchedHarness;
  let second: LaunchedHarness | null = null;
  let folder: string;
  test.beforeAll(async () => {
    first = await launchHarness();
    folder = mkdtempSync(join(tmpdir(), 'stillwater-e2e-backups-'));
  });
  test.afterAll(async () => {
    await first.close();
    await second?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('back up, warn, restore here and on a new computer, staff codes', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);

    // A practice with a clinician and three clients of theirs.
    const { recoveryKey } = await buildPractice(page, first, {
      owner: OWNER,
      staff: { clin: CLIN },
      clients: CLIENTS,
    });
    const names = await listedClients(page);

    // No folder yet: the owner is told so, on the home screen and in a banner.
    await expect(page.getByRole('link', { name: /Backups: No backup folder is chosen yet/ })).toBeVisible();
    await expect(page.getByText('Backups are not set up')).toBeVisible();
    await shot(page, 'home-not-set-up');

    // Settings → Backups: choose the folder (main's dialog answers it), back up now.
    await page.getByRole('link', { name: 'Open Settings → Backups' }).click();
    await expect(backups(page).getByRole('heading', { name: 'Backups', exact: true })).toBeVisible();
    await expect(backups(page).getByText('No folder chosen yet.')).toBeVisible();
    await expect(backups(page).getByRole('button', { name: 'Back up now' })).toBeDisabled();
    await shot(page, 'settings-no-folder');
    await first.setPickPath('backup-folder', folder);
    await backups(page).getByRole('button', { name: 'Choose folder…' }).click();
    await expect(backups(page).getByText(folder, { exact: true })).toBeVisible();

    // Retention and schedule: the contract's bounds show on the fields.
    const form = page.getByRole('form', { name: 'Backup schedule and retention' });
    await form.getByLabel('Daily backups').fill('0');
    await form.getByLabel('Back up every (hours)').fill('48');
    await form.getByRole('button', { name: 'Save backup schedule' }).click();
    await expect(form.locator('.field__error')).toHaveCount(2);
    await shot(page, 'settings-validation');
    await form.getByLabel('Daily backups').fill('10');
    await form.getByLabel('Back up every (hours)').fill('12');
    await form.getByRole('button', { name: 'Save backup schedule' }).click();
    await expect(form.getByText('The backup schedule was saved.')).toBeVisible();

    // Back up now: the bar follows main's backup.progress events, then the verified status.
    await page.evaluate(() => {
      const w = globalThis as unknown as {
        stillwater: { on(e: string, l: (p: { phase: string }) => void): () => void };
        seenPhases: string[];
      };
      w.seenPhases = [];
      w.stillwater.on('backup.progress', (p) => w.seenPhases.push(p.phase));
    });
    await backups(page).getByRole('button', { name: 'Back up now' }).click();
    await expect(backups(page).getByRole('progressbar', { name: 'Backup progress' })).toBeVisible();
    await expect(backups(page).getByText('Backup made and verified')).toBeVisible({ timeout: 30_000 });
    const phases = await page.evaluate(() => (globalThis as unknown as { seenPhases: string[] }).seenPhases);
    expect(phases).toEqual(expect.arrayContaining(['preparing', 'copying', 'verifying', 'done']));
    await expect(backups(page).getByText(/\(just now\)|minute/)).toBeVisible();
    await expect(
      backups(page).getByRole('table', { name: 'Backups in the folder' }).getByRole('row'),
    ).toHaveCount(2);
    await shot(page, 'settings-backed-up');
    const generation = readdirSync(folder).find((n) => n.startsWith('stillwater-backup-')) ?? '';
    expect(generation).not.toBe('');

    // Home: the compact card says when.
    await nav(page).getByRole('link', { name: 'Clients' }).click();
    await expect(page.getByRole('link', { name: /Backups: up to date/ })).toBeVisible();
    await expect(page.getByText('Backups are not set up')).toHaveCount(0);
    await shot(page, 'home-backed-up');

    // Same-computer restore: the confirmation names the date; a wrong date is refused.
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await backups(page)
      .getByRole('button', { name: /^Restore the backup made/ })
      .click();
    const confirm = page.getByRole('dialog', { name: 'Restore this backup on this computer?' });
    await expect(confirm.getByText('kept aside')).toBeVisible();
    const hint = (await confirm.getByText(/^This backup is from /).textContent()) ?? '';
    const date = /\d{4}-\d{2}-\d{2}/.exec(hint)?.[0] ?? '';
    await confirm.getByLabel('Type the backup’s date to confirm').fill('2001-01-01');
    await confirm.getByRole('button', { name: `Restore the backup of ${date}` }).click();
    await expect(confirm.getByText(`Type ${date} to confirm.`)).toBeVisible();
    await confirm.getByLabel('Type the backup’s date to confirm').fill(date);
    await shot(page, 'restore-here-confirm');
    await confirm.getByRole('button', { name: `Restore the backup of ${date}` }).click();
    await expect(page.getByText(/was restored$/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/kept-before-restore-/)).toBeVisible();
    await shot(page, 'restore-here-done');
    expect(await listedClients(page)).toEqual(names);

    // A folder that disappears: the next backup fails, in plain words.
    const gone = mkdtempSync(join(tmpdir(), 'stillwater-e2e-gone-'));
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await first.setPickPath('backup-folder', gone);
    await backups(page).getByRole('button', { name: 'Change folder…' }).click();
    await expect(backups(page).getByText(gone, { exact: true })).toBeVisible();
    rmSync(gone, { recursive: true, force: true });
    await backups(page).getByRole('button', { name: 'Back up now' }).click();
    await expect(backups(page).getByText(/The backup folder is not there any more/)).toBeVisible({
      timeout: 30_000,
    });
    await shot(page, 'settings-failed');

    // The owner's next sign-in: the warning, with the reason and the way to Settings.
    await nav(page).getByRole('link', { name: 'Clients' }).click();
    await signOut(page);
    await signIn(page, OWNER.username, OWNER.password);
    const warning = page.getByRole('alert').filter({ hasText: 'The last backup failed' });
    await expect(warning).toBeVisible({ timeout: 20_000 });
    await expect(warning).toContainText('The backup folder is not there any more');
    await expect(warning.getByRole('link', { name: 'Open Settings → Backups' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Backups: The last backup failed/ })).toBeVisible();
    await shot(page, 'sign-in-warning');
    await signOut(page);

    // A new computer: fresh data folder, fresh keychain. Restore from backup at first run.
    second = await launchHarness();
    await page.goto(second.url);
    await expect(
      page.getByRole('heading', { name: 'Tell us about your practice', exact: true }),
    ).toBeVisible();
    await page.getByRole('radio', { name: 'Restore from backup' }).check();
    await expect(page.getByRole('heading', { name: 'Restore your practice from a backup' })).toBeVisible();
    await shot(page, 'restore-choose');
    await second.setPickPath('restore-file', join(folder, generation, 'manifest.json'));
    await page.getByRole('button', { name: 'Choose backup…' }).click();
    await expect(page.getByText('Backup made', { exact: true })).toBeVisible();
    await expect(page.locator('.backup-summary__counts div').filter({ hasText: 'Clients' })).toContainText(
      String(CLIENT_COUNT),
    );
    await shot(page, 'restore-chosen');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page
      .getByLabel('Recovery key')
      .fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-JJJJ-KKKK-MMMM-NNNN-PPPP');
    await page.getByLabel('Your owner username').fill(OWNER.username);
    await page.getByLabel('New password', { exact: true }).fill(OWNER_NEW_PASSWORD);
    await page.getByLabel('Confirm new password').fill(OWNER_NEW_PASSWORD);
    await page.getByRole('button', { name: 'Restore practice' }).click();
    await expect(page.locator('.field--invalid').filter({ hasText: 'Recovery key' })).toBeVisible({
      timeout: 30_000,
    });
    await shot(page, 'restore-wrong-key');
    await page.getByLabel('Recovery key').fill(recoveryKey);
    await shot(page, 'restore-key');
    await page.getByRole('button', { name: 'Restore practice' }).click();
    await expect(page.getByRole('heading', { name: 'Your practice is restored' })).toBeVisible({
      timeout: 60_000,
    });
    await shot(page, 'restore-done');
    await page.getByRole('button', { name: 'Open Stillwater' }).click();
    await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible({
      timeout: 20_000,
    });
    expect(await listedClients(page)).toEqual(names);

    // Staff passwords stayed behind: the owner issues the clinician a one-time code.
    await nav(page).getByRole('link', { name: 'Staff' }).click();
    const row = page.getByRole('row').filter({ hasText: CLIN.name });
    await expect(row.getByText('Cannot sign in on this computer')).toBeVisible();
    await shot(page, 'staff-after-restore');
    await row.getByRole('button', { name: `Actions for ${CLIN.name}` }).click();
    await page.getByRole('menuitem', { name: 'Issue sign-in code' }).click();
    await page
      .getByRole('dialog', { name: `Issue a sign-in code for ${CLIN.name}` })
      .getByRole('button', { name: 'Issue code' })
      .click();
    const issued = page.getByRole('dialog', { name: `Sign-in code for ${CLIN.name}` });
    const code = ((await issued.locator('.sign-in-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await expect(issued.getByText('Expires')).toBeVisible();
    await shot(page, 'staff-code-issued');
    await issued.getByRole('button', { name: 'Done' }).click();
    await signOut(page);

    // The clinician redeems the code and chooses a new password: signed in, same clients.
    await page.getByRole('button', { name: 'I have a one-time code' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in with a one-time code' })).toBeVisible();
    await page.getByLabel('Username').fill(CLIN.username);
    await page.getByLabel('One-time code').fill(code.toLowerCase());
    await page.getByLabel('New password', { exact: true }).fill(CLIN.password);
    await page.getByLabel('Confirm new password').fill(CLIN.password);
    await shot(page, 'redeem-code');
    await page.getByRole('button', { name: 'Set new password and sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible({
      timeout: 20_000,
    });
    expect(await listedClients(page)).toEqual(names);
    await signOut(page);
    // The code is used up; the new password works.
    await signIn(page, CLIN.username, CLIN.password);
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    await signOut(page);

    // The owner's audit log on the new computer shows the restore and the code.
    await signIn(page, OWNER.username, OWNER_NEW_PASSWORD);
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    await nav(page).getByRole('link', { name: 'Audit' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Restored from a backup' }).first()).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'on a new computer' }).first()).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Signed in with a one-time code' })).toHaveCount(1);
    await shot(page, 'audit-restore');

    expect(problems.filter((p) => !/HTTP 4\d\d/.test(p))).toEqual([]);
  });
});
