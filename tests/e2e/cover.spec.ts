// Planned cover, end to end in Chromium against a real core: the owner arranges cover of a
// clinician's caseload by a colleague on the Clients page; the colleague sees "You are covering …"
// on their home screen, finds the client in their list and opens the chart; main's clock (the
// harness clock) passes the end time and the client is gone from the colleague's list, the chart
// refused. Screenshots go to test-results/screens/cover-*.png.
import { expect, test, type Page } from '@playwright/test';
import { buildPractice, CLINICIAN as CLIN, OWNER, SECOND_CLINICIAN as COVER } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { axeProblems, okFromPage, screenshotBothSizes, switchTo, watchForErrors } from './support.ts';

const card = (page: Page) => page.getByRole('region', { name: 'Cover' });
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Arrange cover' });

test.use({ actionTimeout: 15_000 });

test.describe('planned cover', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('the owner arranges cover; the colleague sees the client until the end time', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN, cover: COVER },
      clients: {
        client: { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' },
      },
      firstSignIns: true,
    });
    const clientId = practice.clients.client.id;
    await switchTo(page, OWNER);
    // The clock moves eleven minutes below with nobody's input reaching main in between (the page
    // reports input at most every 20 s of real time): a 30-minute lock keeps the colleague's session
    // open through it, so the test shows the cover ending, not the auto-logoff (autolock.spec.ts).
    await okFromPage(page, 'settings.updateSession', { timeoutMinutes: 30, warningSeconds: 60 });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${harness.url}#/clients`);

    await card(page).getByRole('button', { name: 'Arrange cover' }).click();
    await dialog(page).getByLabel('Whose caseload').selectOption({ label: CLIN.name });
    await dialog(page).getByLabel('Covered by').selectOption({ label: COVER.name });
    // Until ten minutes from now (the page's own time zone, as the field reads it).
    const until = await page.evaluate(() => {
      const ms = Date.now() + 10 * 60_000;
      return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    });
    await dialog(page).getByLabel('Until').fill(until);
    await dialog(page).getByLabel('Reason').fill('Annual leave');
    await screenshotBothSizes(page, 'cover-01-arrange', 'wide');
    expect(await axeProblems(page)).toEqual([]);
    await dialog(page).getByRole('button', { name: 'Arrange cover' }).click();
    await expect(dialog(page)).toBeHidden();
    await expect(card(page)).toContainText(`${COVER.name} covers ${CLIN.name}’s caseload until`);
    await screenshotBothSizes(page, 'cover-02-owner-home', 'wide');

    // The colleague: the home screen says so, the client is in their list, the chart opens.
    await switchTo(page, COVER);
    await page.goto(`${harness.url}#/clients`);
    await expect(card(page)).toContainText(`You are covering ${CLIN.name}’s caseload until`);
    await expect(page.getByRole('option', { name: /Avery Fictus/ }).first()).toBeVisible();
    await screenshotBothSizes(page, 'cover-03-coverer-home', 'wide');
    expect(await axeProblems(page)).toEqual([]);
    await page.goto(`${harness.url}#/clients/${clientId}`);
    await expect(page.getByRole('heading', { name: /Avery/ }).first()).toBeVisible();
    await screenshotBothSizes(page, 'cover-04-coverer-chart', 'wide');

    // Eleven minutes later by main's clock, in the same session: the client is gone, the chart refused.
    for (let i = 0; i < 11; i++) await harness.advance(60_000);
    await page.goto(`${harness.url}#/clients`);
    await page.reload();
    await expect(card(page)).toContainText(`Your cover of ${CLIN.name}’s caseload has ended.`);
    await expect(page.getByRole('option', { name: /Avery Fictus/ })).toHaveCount(0);
    await screenshotBothSizes(page, 'cover-05-ended', 'wide');
    await page.goto(`${harness.url}#/clients/${clientId}`);
    await expect(page.getByText(/not on your caseload/)).toBeVisible();
    expect(problems.filter((p) => !p.includes('FORBIDDEN') && !p.includes('403'))).toEqual([]);
  });
});
