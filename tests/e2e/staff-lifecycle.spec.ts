// The staff lifecycle (issue 21), end to end in Chromium against a real core: the owner invites a
// clinician (a one-time code shown once), the person redeems it at the sign-in page and sets their
// password; the owner deactivates a clinician, choosing who receives their clients, and sees the
// clients reassigned. Screenshots go to test-results/screens/staff-lifecycle-*.png.
import { expect, test, type Page } from '@playwright/test';
import { buildPractice, CLINICIAN as CLIN, OWNER, SECOND_CLINICIAN as OTHER } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { axeProblems, nav, screenshot, signIn, signOut, switchTo, watchForErrors } from './support.ts';

test.use({ actionTimeout: 15_000 });
const shot = (page: Page, name: string) => screenshot(page, `staff-lifecycle-${name}`);
const INVITED = { name: 'Dr. Iris Invited', username: 'iinvited', password: 'lantern-basalt-heron-73' };

test.describe('staff lifecycle', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('invite someone and redeem the code; deactivate a clinician and see the clients reassigned', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN, other: OTHER },
      clients: {
        a: { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' },
        b: { first: 'Blair', last: 'Fictus', dateOfBirth: '1990-02-03', clinician: 'clin' },
      },
      firstSignIns: true,
    });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${harness.url}#/staff`);
    await page.getByRole('button', { name: 'Invite staff member' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite staff member' });
    await invite.getByLabel('Full name').fill(INVITED.name);
    await invite.getByLabel('Username').fill(INVITED.username);
    await invite.getByLabel('Role').selectOption('clinician');
    await shot(page, '01-invite');
    expect(await axeProblems(page)).toEqual([]);
    await invite.getByRole('button', { name: 'Invite' }).click();
    const invited = page.getByRole('dialog', { name: `${INVITED.name} is invited` });
    const code = ((await invited.getByTestId('invitation-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await shot(page, '02-code');
    await invited.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: INVITED.name });
    await expect(row.getByText(/Invited · code expires/)).toBeVisible();
    await shot(page, '03-list');
    await signOut(page);

    await page.getByRole('button', { name: 'I have a one-time code' }).click();
    await page.getByLabel('Username').fill(INVITED.username);
    await page.getByLabel('One-time code').fill(code);
    await page.getByLabel('New password', { exact: true }).fill(INVITED.password);
    await page.getByLabel('Confirm new password').fill(INVITED.password);
    await page.getByRole('button', { name: 'Set new password and sign in' }).click();
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    await signOut(page);

    await signIn(page, OWNER.username, OWNER.password);
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    await page.goto(`${harness.url}#/staff`);
    const clinRow = page.getByRole('row').filter({ hasText: CLIN.name });
    await clinRow.getByRole('button', { name: `Actions for ${CLIN.name}` }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    const dlg = page.getByRole('dialog', { name: `Deactivate ${CLIN.name}?` });
    await expect(dlg.getByText(/primary clinician of 2 clients/)).toBeVisible();
    await dlg.getByLabel('Receives their clients').selectOption({ label: OTHER.name });
    await shot(page, '04-deactivate');
    expect(await axeProblems(page)).toEqual([]);
    await dlg.getByRole('button', { name: `Deactivate ${CLIN.name}` }).click();
    await expect(dlg.getByText(`2 clients now have ${OTHER.name} as primary clinician.`)).toBeVisible();
    await expect(dlg.getByRole('button', { name: 'Rotate the database key' })).toBeVisible();
    await shot(page, '05-deactivated');
    await dlg.getByRole('button', { name: 'Done' }).click();
    await expect(clinRow.getByText('Deactivated')).toBeVisible();

    await switchTo(page, OTHER);
    await page.goto(`${harness.url}#/clients/${practice.clients.a.id}`);
    await expect(page.getByText(OTHER.name).first()).toBeVisible();
    await shot(page, '06-reassigned');
    expect(problems).toEqual([]);
  });
});
