// The backup folder's room in Settings → Backups (issue 17): after a backup the owner sees what
// the backups in the folder take and what is free on the drive, and how many backups retention
// keeps. When the drive is nearly full (the harness fakes its free space) keeping that many would
// not fit: a warning says so in plain words, and it goes away when the owner keeps fewer.
// Screenshots: test-results/screens/9u-*.
import { expect, test, type Page } from '@playwright/test';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatBytes } from '../../renderer/features/backup/backup-format.ts';
import { buildPractice } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { SCREENS, screenshot, watchForErrors } from './support.ts';

// Synthetic people only: obviously fictional.
const OWNER = { name: 'Dr. Wren Sampleton', username: 'wsampleton', password: 'lichen-harbor-quill-64' };
const CLIENTS = {
  odile: { first: 'Odile', last: 'Fabricant', dateOfBirth: '1987-04-19', clinician: 'owner' },
} as const;

const backups = (page: Page) => page.locator('#backups');
/** One of the folder's usage figures, by its label. */
const fact = (page: Page, label: string) =>
  backups(page)
    .locator('.backup-usage > div')
    .filter({ has: page.getByText(label, { exact: true }) });
const valueOf = (page: Page, label: string) => fact(page, label).locator('.backup-usage__value');
const detailOf = (page: Page, label: string) => fact(page, label).locator('.backup-usage__detail');

/** What a folder's files take on disk (the sum of their sizes). */
function bytesOnDisk(path: string): number {
  const info = lstatSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((n, name) => n + bytesOnDisk(join(path, name)), 0);
}

test.use({ actionTimeout: 20_000 });

test.describe('the backup folder’s room', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('shows the backups’ size and free space, and warns before retention fills the drive', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const problems = watchForErrors(page);
    await buildPractice(page, harness, { owner: OWNER, clients: CLIENTS });

    await page.getByRole('link', { name: 'Open Settings → Backups' }).click();
    await backups(page).getByRole('button', { name: 'Choose folder…' }).click();
    await expect(backups(page).getByText(harness.backupFolder, { exact: true })).toBeVisible();
    // A chosen folder with nothing in it yet.
    await expect(valueOf(page, 'Backups in the folder')).toHaveText('0 bytes');
    await expect(detailOf(page, 'Backups in the folder')).toHaveText('0 backups');
    await expect(valueOf(page, 'Retention keeps up to')).toHaveText('23 backups');
    await expect(detailOf(page, 'Retention keeps up to')).toHaveText('sizes known after the first backup');

    await backups(page).getByRole('button', { name: 'Back up now' }).click();
    await expect(backups(page).getByText('Backup made and verified')).toBeVisible({ timeout: 30_000 });

    // The figures match the folder on disk (only Stillwater's backup counts).
    const made = readdirSync(harness.backupFolder).filter((n) => n.startsWith('stillwater-backup-'));
    expect(made).toHaveLength(1);
    const size = bytesOnDisk(join(harness.backupFolder, made[0] ?? ''));
    await expect(valueOf(page, 'Backups in the folder')).toHaveText(formatBytes(size));
    await expect(detailOf(page, 'Backups in the folder')).toHaveText('1 backup');
    await expect(valueOf(page, 'Free on the drive')).toHaveText(/^\d+(\.\d)? (KB|MB|GB|TB)$/);
    await expect(detailOf(page, 'Retention keeps up to')).toHaveText(
      `about ${formatBytes(23 * size)} at today’s size`,
    );
    await expect(backups(page).getByText('The backup drive will run out of room')).toHaveCount(0);
    await screenshot(page, '9u-settings-usage');
    await backups(page)
      .locator('.backup-now')
      .screenshot({ path: `${SCREENS}/9u-settings-usage-section.png`, animations: 'disabled' });

    // A nearly full drive: room for a few more backups, not 23. Saving the retention re-reads it.
    await harness.setFreeBytes(10 * size);
    const form = page.getByRole('form', { name: 'Backup schedule and retention' });
    await form.getByLabel('Daily backups').fill('8');
    await form.getByRole('button', { name: 'Save backup schedule' }).click();
    await expect(form.getByText('The backup schedule was saved.')).toBeVisible();
    const warning = backups(page)
      .getByRole('alert')
      .filter({ hasText: 'The backup drive will run out of room' });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(
      /Keeping 24 backups of .+ needs about .+; the backup already here uses/,
    );
    await expect(warning).toContainText('Choose a bigger drive or keep fewer backups.');
    await expect(valueOf(page, 'Free on the drive')).toHaveText(formatBytes(10 * size));
    await screenshot(page, '9u-settings-usage-warning');
    await backups(page)
      .locator('.backup-now')
      .screenshot({ path: `${SCREENS}/9u-settings-usage-warning-section.png`, animations: 'disabled' });

    // Keeping fewer fits on the same drive: the warning goes.
    await form.getByLabel('Daily backups').fill('3');
    await form.getByLabel('Weekly backups').fill('0');
    await form.getByLabel('Monthly backups').fill('0');
    await form.getByRole('button', { name: 'Save backup schedule' }).click();
    await expect(valueOf(page, 'Retention keeps up to')).toHaveText('3 backups');
    await expect(warning).toHaveCount(0);

    expect(problems).toEqual([]);
  });
});
