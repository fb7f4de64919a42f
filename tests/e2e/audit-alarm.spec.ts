// The audit alarm, end to end: the owner sets up a practice and adds colleagues, signs out; someone
// holding the recovery key cuts the newest entries off the audit log while Stillwater is closed
// (a separate Node process, as an attacker would). At the next sign-in the owner meets the alarm
// page saying exactly what failed; "Continue for now" leaves a banner on every page; the owner
// acknowledges, and the log shows both the alarm and the acknowledgement. A colleague signing in
// meanwhile is not stopped. Screenshots: test-results/screens/15x-*.png.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPractice } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { firstSignIn, screenshot, signIn, signOut, watchForErrors } from './support.ts';

// Synthetic people only: obviously fictional.
const OWNER = { name: 'Dr. Wren Examplar', username: 'wexamplar', password: 'thistle-harbor-lumen-58' };
const DESK = {
  name: 'Pim Fictionson',
  username: 'pfictionson',
  temporary: 'pebble-orchid-canyon-31',
  password: 'meadow-copper-violet-64',
  role: 'front_desk',
} as const;
const TAMPER = fileURLToPath(new URL('./harness/tamper-audit.ts', import.meta.url));

let harness: LaunchedHarness | null = null;
let dataDir = '';
test.afterEach(async () => {
  await harness?.close();
  harness = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the owner sees exactly what failed after the audit log was cut, and acknowledges it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), 'stillwater-alarm-'));
  harness = await launchHarness({ dataDir });
  const problems = watchForErrors(page);
  const { recoveryKey } = await buildPractice(page, harness, { owner: OWNER, staff: { desk: DESK } });
  // The owner's sidebar says how the log stands.
  await expect(page.getByRole('link', { name: /Audit log intact/ })).toBeVisible();
  await signOut(page);

  // While Stillwater is closed: the newest 2 entries (the sign-out among them) are cut off.
  const out = execFileSync(process.execPath, [TAMPER, dataDir, recoveryKey, '2'], { encoding: 'utf8' });
  expect(out).toContain('Removed 2 entries');

  // A colleague signs in first: the front desk keeps working, with no alarm to act on.
  await firstSignIn(page, DESK);
  await expect(page.getByText(/Audit alarm/)).toHaveCount(0);
  await signOut(page);

  await signIn(page, OWNER.username, OWNER.password);
  await expect(
    page.getByRole('heading', { name: 'Entries at the end of the audit log were removed', exact: true }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/The log ends at entry \d+, but entry \d+ was recorded/)).toBeVisible();
  await expect(page.getByText('Do not restore a backup or edit the data folder')).toBeVisible();
  await screenshot(page, '15x-audit-alarm');

  await page.getByRole('button', { name: 'Continue for now' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible();
  await expect(page.getByText('Audit alarm: the audit log was changed outside Stillwater')).toBeVisible();
  await screenshot(page, '15x-audit-alarm-banner');

  await page.getByRole('button', { name: 'Review the alarm' }).click();
  await page.getByRole('button', { name: 'Acknowledge alarm…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Acknowledge the audit alarm?' });
  await expect(dialog).toBeVisible();
  await screenshot(page, '15x-audit-alarm-acknowledge');
  await dialog.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible();
  await expect(page.getByText('Audit alarm: the audit log was changed outside Stillwater')).toHaveCount(0);

  // The log keeps both: the alarm and the owner's acknowledgement.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('cell', { name: 'Found the audit log altered' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Acknowledged the audit alarm' }).first()).toBeVisible();
  await screenshot(page, '15x-audit-log-after-alarm');

  // Signing in again is clean (the owner is back on the audit log, where they were).
  await signOut(page);
  await signIn(page, OWNER.username, OWNER.password);
  await expect(page.getByRole('heading', { name: 'Audit log', exact: true })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText('Audit alarm: the audit log was changed outside Stillwater')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Audit log intact/ })).toBeVisible();
  expect(problems).toEqual([]);
});
