// The foundation journey, end to end in Chromium against a real core: first-run setup with the
// recovery key, the owner adds a front-desk colleague, who signs in, must replace the temporary
// password, and sees only what the role allows (main refuses the rest); the owner then finds it
// all in a verified audit log. A screenshot of every screen goes to test-results/screens.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { callFromPage, localDate, nav, screenshot, signIn, signOut, watchForErrors } from './support.ts';

// Synthetic people and practice only: obviously fictional.
const PRACTICE = {
  name: 'Birchwood Counseling Collective (Synthetic)',
  street: '42 Example Lane',
  line2: 'Suite 300',
  city: 'Portland',
  state: 'OR',
  zip: '97201',
  phone: '(555) 010-4400',
  privacy: 'Privacy Officer, Birchwood (synthetic)',
};
const OWNER = { name: 'Dr. Rowan Fictus', username: 'rfictus', password: 'marble-kettle-orchard-77' };
const DESK = {
  name: 'Pat Placeholder',
  username: 'pplaceholder',
  temporary: 'copper-lantern-meadow-42',
  weak: 'password123',
  final: 'quiet-harbor-violet-58',
};

let shotNumber = 0;

/** Every screen of the journey in order: test-results/screens/01-…, 02-…. */
async function shot(page: Page, name: string): Promise<void> {
  shotNumber += 1;
  await screenshot(page, `${String(shotNumber).padStart(2, '0')}-${name}`);
}

let harness: LaunchedHarness;

test.beforeAll(async () => {
  harness = await launchHarness();
});

test.afterAll(async () => {
  await harness.close();
});

test('first-run setup, a front-desk colleague, role limits and the audit trail', async ({ page }) => {
  test.setTimeout(180_000);
  // A CSP violation is reported on the console; the strict policy must hold for the whole app.
  const pageErrors = watchForErrors(page);

  await page.goto(harness.url);

  // Step 1: the practice profile, with inline validation first.
  await expect(page.getByRole('heading', { name: 'Tell us about your practice', exact: true })).toBeVisible();
  await shot(page, 'setup-practice');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Practice name is required.')).toBeVisible();
  await expect(page.getByText('Enter a 5-digit ZIP code (or ZIP+4).')).toBeVisible();
  await page.getByLabel('Practice name').fill(PRACTICE.name);
  await shot(page, 'setup-practice-validation');
  await page.getByLabel('Street address').fill(PRACTICE.street);
  await page.getByLabel('Address line 2').fill(PRACTICE.line2);
  await page.getByLabel('City').fill(PRACTICE.city);
  await page.getByLabel('State').selectOption(PRACTICE.state);
  await page.getByLabel('ZIP code').fill(PRACTICE.zip);
  await page.getByLabel('Phone').fill(PRACTICE.phone);
  await page.getByLabel('Privacy contact').fill(PRACTICE.privacy);
  await page.getByRole('button', { name: 'Continue' }).click();

  // Step 2: the owner account; main rejects a weak password and says why.
  await expect(page.getByRole('heading', { name: 'Create the owner account', exact: true })).toBeVisible();
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Password', { exact: true }).fill('birchwood1');
  await page.getByLabel('Confirm password').fill('birchwood1');
  await page.getByRole('button', { name: 'Create practice' }).click();
  // main's WEAK_PASSWORD message, under the password field (not the hint that is always there).
  await expect(page.locator('.field__error').filter({ hasText: /too easy to guess/i })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByLabel('Your name')).toHaveValue(OWNER.name);
  await shot(page, 'setup-owner-weak-password');
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByLabel('Confirm password').fill(OWNER.password);
  await shot(page, 'setup-owner');
  await page.getByRole('button', { name: 'Create practice' }).click();

  // Step 3: the recovery key, shown once, with Print and Save as text file.
  await expect(page.getByRole('heading', { name: 'Your recovery key', exact: true })).toBeVisible({
    timeout: 30_000,
  });
  const groups = await page.locator('.key-groups__code').allTextContents();
  expect(groups).toHaveLength(13);
  const recoveryKey = groups.join('-');
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as text file' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(
    /^stillwater-recovery-key-birchwood-counseling-collective-synthetic\.txt$/,
  );
  const savedText = readFileSync(await saved.path(), 'utf8');
  expect(savedText).toContain(recoveryKey);
  expect(savedText).toContain(PRACTICE.name);
  await shot(page, 'setup-recovery-key');
  // The print stylesheet prints the key sheet alone: practice, date, key and instructions.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.print-sheet')).toBeVisible();
  await expect(page.locator('#root')).toBeHidden();
  await expect(page.locator('.print-sheet')).toContainText(PRACTICE.name);
  await expect(page.locator('.print-sheet')).toContainText('Keep this sheet safe');
  await shot(page, 'setup-recovery-key-print');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: /I have stored the key/ }).click();

  // Step 4: retype the last two groups and confirm.
  await expect(page.getByRole('heading', { name: 'Confirm you kept the key', exact: true })).toBeVisible();
  await page.getByLabel('Group 12').fill('ZZZZ');
  await page.getByRole('button', { name: 'Confirm and open Stillwater' }).click();
  await expect(page.getByText('This does not match group 12 of the key.')).toBeVisible();
  await expect(page.getByText('Tick this once the key is stored somewhere safe.')).toBeVisible();
  await shot(page, 'setup-confirm-key-errors');
  await page.getByLabel('Group 12').fill(groups[11] ?? '');
  await page.getByLabel('Group 13').fill((groups[12] ?? '').toLowerCase());
  await page.getByLabel(/I have stored the recovery key/).check();
  await shot(page, 'setup-confirm-key');
  await page.getByRole('button', { name: 'Confirm and open Stillwater' }).click();

  // The owner is in: every page of the role in the sidebar, Clients first.
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible();
  await expect(page.getByText('No clients yet')).toBeVisible();
  for (const item of ['Clients', 'Releases', 'Audit', 'Staff', 'Settings'])
    await expect(nav(page).getByRole('link', { name: item })).toBeVisible();
  await expect(page.getByText('The practice has no confirmed recovery key')).toHaveCount(0);
  await shot(page, 'owner-clients');

  // Staff: add a front-desk colleague with a temporary password.
  await nav(page).getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { name: 'Staff', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: OWNER.username })).toBeVisible();
  await shot(page, 'owner-staff');
  await page.getByRole('button', { name: 'Add with a temporary password' }).click();
  const add = page.getByRole('dialog', { name: 'Add staff member' });
  await expect(add).toBeVisible();
  await add.getByRole('button', { name: 'Add staff member' }).click();
  await expect(add.getByText('Choose clinician or front desk.')).toBeVisible();
  await add.getByLabel('Full name').fill(DESK.name);
  await add.getByLabel('Username').fill(DESK.username);
  await add.getByLabel('Role').selectOption('front_desk');
  await add.getByRole('button', { name: 'Generate' }).click();
  await expect(add.getByLabel('Temporary password')).toHaveValue(/^[a-z]+-[a-z]+-[a-z]+-[a-z]+-\d{2}$/);
  await shot(page, 'owner-add-staff-dialog');
  await add.getByLabel('Temporary password').fill(DESK.temporary);
  await add.getByRole('button', { name: 'Add staff member' }).click();
  const added = page.getByRole('dialog', { name: `${DESK.name} was added` });
  await expect(added).toBeVisible({ timeout: 20_000 });
  await expect(added.getByText(DESK.temporary)).toBeVisible();
  await shot(page, 'owner-add-staff-done');
  await added.getByRole('button', { name: 'Done' }).click();
  const deskRow = page.getByRole('row', { name: new RegExp(DESK.name) });
  await expect(deskRow.getByText('Front desk')).toBeVisible();
  await expect(deskRow.getByText('Must change password')).toBeVisible();

  // The row actions menu works from the keyboard.
  const deskActions = deskRow.getByRole('button', { name: `Actions for ${DESK.name}` });
  await deskActions.focus();
  await page.keyboard.press('Enter');
  await expect(deskActions).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('menuitem', { name: 'Change role' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Reset password' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(deskActions).toBeFocused();
  await expect(deskActions).toHaveAttribute('aria-expanded', 'false');

  // Row actions; the owner's own account shows main's CONFLICT message.
  const ownerRow = page.getByRole('row', { name: new RegExp(OWNER.name) });
  await ownerRow.getByRole('button', { name: `Actions for ${OWNER.name}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Deactivate' })).toBeVisible();
  await shot(page, 'owner-staff-actions-menu');
  await page.getByRole('menuitem', { name: 'Deactivate' }).click();
  const deactivate = page.getByRole('dialog', { name: `Deactivate ${OWNER.name}?` });
  await deactivate.getByRole('button', { name: `Deactivate ${OWNER.name}` }).click();
  await expect(deactivate.getByText('You cannot deactivate your own account.')).toBeVisible();
  await shot(page, 'owner-deactivate-own-account');
  await deactivate.getByRole('button', { name: 'Cancel' }).click();
  await deskRow.getByRole('button', { name: `Actions for ${DESK.name}` }).click();
  await page.getByRole('menuitem', { name: 'Change role' }).click();
  await expect(page.getByRole('dialog', { name: `Change ${DESK.name}’s role` })).toBeVisible();
  await shot(page, 'owner-change-role-dialog');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Settings for the owner: account, practice profile, recovery key.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Practice profile', exact: true })).toBeVisible();
  await expect(page.getByLabel('Practice name')).toHaveValue(PRACTICE.name);
  await shot(page, 'owner-settings');

  // Sign out; the front desk signs in with the temporary password.
  await signOut(page);
  await expect(page.getByText(PRACTICE.name)).toBeVisible();
  await shot(page, 'sign-in');
  await signIn(page, DESK.username, DESK.temporary);

  // Forced password change: only this screen and sign-out; a weak password is refused.
  await expect(page.getByRole('heading', { name: 'Choose your own password', exact: true })).toBeVisible({
    timeout: 20_000,
  });
  await expect(nav(page)).toHaveCount(0);
  await shot(page, 'forced-password-change');
  await page.getByLabel('Temporary password').fill(DESK.temporary);
  await page.getByLabel('New password', { exact: true }).fill(DESK.weak);
  await page.getByLabel('Confirm new password').fill(DESK.weak);
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await expect(page.locator('.field__error').filter({ hasText: /too easy to guess/i })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByLabel('Temporary password')).toHaveValue(DESK.temporary);
  await shot(page, 'forced-password-change-weak');
  await page.getByLabel('New password', { exact: true }).fill(DESK.final);
  await page.getByLabel('Confirm new password').fill(DESK.final);
  await page.getByRole('button', { name: 'Save my new password' }).click();

  // The front desk's app: Clients, Releases, Settings, and nothing else.
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(nav(page).getByRole('link')).toHaveText(['Clients', 'Releases', 'Settings']);
  await expect(page.getByText('Front desk', { exact: true })).toBeVisible();
  await shot(page, 'front-desk-clients');
  await nav(page).getByRole('link', { name: 'Releases' }).click();
  await expect(page.getByText('No release requests yet')).toBeVisible();
  await shot(page, 'front-desk-releases');
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'My account', exact: true })).toBeVisible();
  await expect(page.getByLabel('Practice name')).toHaveCount(0);
  await expect(page.getByText(PRACTICE.street)).toBeVisible();
  await shot(page, 'front-desk-settings');

  // Typing the owner-only pages' addresses: a plain refusal, and main says FORBIDDEN.
  await page.goto(`${harness.url}#/audit`);
  await expect(page.getByRole('heading', { name: 'Not available for your role', exact: true })).toBeVisible();
  await shot(page, 'front-desk-audit-not-available');
  const auditCall = await callFromPage(page, 'audit.list', { filter: {} });
  expect(auditCall.ok).toBe(false);
  expect(auditCall.error?.code).toBe('FORBIDDEN');
  await page.goto(`${harness.url}#/staff`);
  await expect(page.getByRole('heading', { name: 'Not available for your role', exact: true })).toBeVisible();
  const staffCall = await callFromPage(page, 'staff.list', {});
  expect(staffCall.error?.code).toBe('FORBIDDEN');

  // Wrong passwords are shown plainly; after a few, sign-in pauses with a countdown.
  await signOut(page);
  await signIn(page, OWNER.username, 'not-the-right-password');
  await expect(page.getByText('The username or password is not correct.')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Username')).toHaveValue(OWNER.username);
  await shot(page, 'sign-in-invalid-credentials');
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await signIn(page, 'no.such.person', `wrong-guess-${String(attempt)}`);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible({ timeout: 20_000 });
  }
  await signIn(page, 'no.such.person', 'wrong-guess-last');
  await expect(page.getByText('Sign-in is paused for a moment')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/Try again in \d:\d\d/)).toBeVisible();
  await shot(page, 'sign-in-rate-limited');

  // The recovery path is one click away.
  await page.getByRole('button', { name: 'Forgot your password? Use the recovery key' }).click();
  await expect(page.getByRole('heading', { name: 'Use the recovery key', exact: true })).toBeVisible();
  await shot(page, 'recover-with-key');
  await page.getByRole('button', { name: 'Back to sign in' }).click();

  // The owner again: the audit log shows the front desk's sign-in and password change.
  await signIn(page, OWNER.username, OWNER.password);
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible({ timeout: 20_000 });
  await nav(page).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', exact: true })).toBeVisible();
  const deskSignIn = page.getByRole('row').filter({ hasText: DESK.name }).filter({ hasText: 'Signed in' });
  await expect(deskSignIn.first()).toBeVisible();
  await expect(
    page.getByRole('row').filter({ hasText: DESK.name }).filter({ hasText: 'Changed their password' }),
  ).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'Replaced a temporary password' })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'Failed sign-in' }).first()).toBeVisible();
  await shot(page, 'owner-audit');

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByText('Audit chain verified')).toBeVisible();
  await expect(page.getByText(/All \d+ entries are intact/)).toBeVisible();
  await shot(page, 'owner-audit-verified');

  // Filter by person, then export what the filter shows.
  await page.getByLabel('Person').selectOption({ label: DESK.name });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Changed their password' })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: OWNER.username })).toHaveCount(0);
  // main writes the file into the folder picked (the harness's picker answers a temp folder).
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const savedAs = /as (stillwater-audit-\d{4}-\d{2}-\d{2}\.csv) in the folder you chose/;
  await expect(page.getByText(savedAs)).toBeVisible();
  const csvName = savedAs.exec((await page.getByText(savedAs).textContent()) ?? '')?.[1] ?? '';
  const csvText = readFileSync(join(harness.pickFolder, csvName), 'utf8');
  expect(csvText).toContain('auth.passwordChanged');
  expect(csvText).toContain(DESK.username);
  await shot(page, 'owner-audit-filtered-export');

  // Dates are whole local days; an end before the start is refused by the contract's schema.
  await page.getByLabel('From').fill(localDate(0));
  await page.getByLabel('To').fill(localDate(-1));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('The end date cannot be before the start date.')).toBeVisible();
  await page.getByLabel('To').fill(localDate(0));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Changed their password' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear' }).click();

  // The owner edits the practice profile.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Phone').fill('555 010 44');
  await page.getByRole('button', { name: 'Save practice profile' }).click();
  await expect(page.getByText('Enter a 10-digit phone number, e.g. (555) 010-1234.')).toBeVisible();
  await page.getByLabel('Phone').fill('(555) 010-4411');
  await page.getByRole('button', { name: 'Save practice profile' }).click();
  await expect(page.getByText('The practice profile was saved.')).toBeVisible();

  // A new recovery key from Settings. Leaving before confirming (here: a reload) loses the key,
  // and the owner is then warned on every page until a new one is confirmed.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Generate a new recovery key' }).click();
  const rotate = page.getByRole('dialog', { name: 'Generate a new recovery key' });
  await expect(rotate.getByText('the old key stops working')).toBeVisible();
  await shot(page, 'owner-rotate-key-intro');
  await rotate.getByRole('button', { name: 'Generate new key' }).click();
  const shown = page.getByRole('dialog', { name: 'Your new recovery key' });
  await expect(shown.locator('.key-groups__code')).toHaveCount(13);
  await shot(page, 'owner-rotate-key-shown');
  await page.reload();
  const warning = page.getByText('The practice has no confirmed recovery key');
  await expect(warning).toBeVisible();
  await shot(page, 'owner-unconfirmed-key-banner');
  await page.getByRole('button', { name: 'Generate a new recovery key' }).first().click();
  await page.getByRole('button', { name: 'Generate new key' }).click();
  const newKey = page.getByRole('dialog', { name: 'Your new recovery key' }).locator('.key-groups__code');
  await expect(newKey).toHaveCount(13);
  const newGroups = await newKey.allTextContents();
  expect(newGroups).toHaveLength(13);
  await page.getByRole('button', { name: /I have stored the key/ }).click();
  await page.getByLabel('Group 12').fill(newGroups[11] ?? '');
  await page.getByLabel('Group 13').fill(newGroups[12] ?? '');
  await page.getByLabel(/I have stored the recovery key/).check();
  await page.getByRole('button', { name: 'Confirm new key' }).click();
  await expect(page.getByRole('dialog', { name: 'Recovery key confirmed' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(warning).toHaveCount(0);
  await expect(page.getByText('Stored and confirmed')).toBeVisible();

  // main ends the session from elsewhere (here: a second tab of the same window signs out); this
  // page hears session.locked, drops its data and shows sign-in.
  const other = await page.context().newPage();
  await other.goto(`${harness.url}#/clients`);
  await expect(other.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible();
  await other.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByText('Birchwood', { exact: false }).first()).toBeVisible();
  await other.close();

  // A forgotten password: the (new) recovery key sets a new one and signs the person in.
  await page.getByRole('button', { name: 'Forgot your password? Use the recovery key' }).click();
  await page.getByLabel('Recovery key').fill(newGroups.join(' ').toLowerCase());
  await page.getByLabel('Your username').fill(DESK.username);
  await page.getByLabel('New password', { exact: true }).fill('lantern-orchard-pebble-61');
  await page.getByLabel('Confirm new password').fill('lantern-orchard-pebble-61');
  await shot(page, 'recover-with-key-filled');
  await page.getByRole('button', { name: 'Set new password and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(DESK.name).first()).toBeVisible();
  await expect(nav(page).getByRole('link')).toHaveText(['Clients', 'Releases', 'Settings']);

  expect(pageErrors).toEqual([]);
});
