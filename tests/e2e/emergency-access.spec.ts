// Emergency ("break-glass") access, end to end in Chromium against a real core: the owner sets how
// long it lasts; a clinician off the client's care team finds the chart by chart number and date
// of birth, gives the reason and confirms; the chart opens read-only under a banner counting down,
// without the psychotherapy note and without a way to write; main's clock (the harness clock) runs
// the access out and the chart closes on screen by itself; the client's clinician sees the access on
// their home screen until they acknowledge it. Screenshots go to test-results/screens/emergency-*.png.
import { expect, test, type Page } from '@playwright/test';
import {
  buildPractice,
  CLINICIAN as CLIN,
  OWNER,
  SECOND_CLINICIAN as OTHER,
  signedNote,
} from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { axeProblems, nav, okFromPage, screenshotBothSizes, switchTo, watchForErrors } from './support.ts';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Emergency access' });
const banner = (page: Page) => page.getByRole('region', { name: 'Emergency access' });

/** Moves main's clock on a minute at a time, with input in between so the session stays open. */
async function minutesPass(page: Page, harness: LaunchedHarness, minutes: number): Promise<void> {
  for (let i = 0; i < minutes; i++) {
    await page.mouse.move(100 + (i % 20) * 10, 200);
    await harness.advance(60_000);
  }
  // The person comes back to the window: the banner asks main at once.
  await page.evaluate(() => {
    (globalThis as unknown as { dispatchEvent(e: Event): boolean }).dispatchEvent(
      new Event('visibilitychange'),
    );
  });
}

test.use({ actionTimeout: 15_000 });

test.describe('emergency access', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('a clinician breaks the glass, reads read-only until main’s clock closes the chart, and the client’s clinician acknowledges', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN, other: OTHER },
      clients: {
        client: { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' },
      },
      firstSignIns: true,
    });
    const clientId = practice.clients.client.id;
    const chart = await okFromPage<{ chartNumber: string }>(page, 'clients.get', { clientId });

    // The owner: emergency access lasts 30 minutes in this practice.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    const settings = page.getByRole('form', { name: 'Emergency access duration' });
    await expect(settings.getByLabel('Emergency access lasts (minutes)')).toHaveValue('60');
    await settings.getByLabel('Emergency access lasts (minutes)').fill('300');
    await settings.getByRole('button', { name: 'Save duration' }).click();
    await expect(settings.getByText('Emergency access lasts at most 240 minutes.')).toBeVisible();
    await settings.getByLabel('Emergency access lasts (minutes)').fill('30');
    await settings.getByRole('button', { name: 'Save duration' }).click();
    await expect(settings.getByText('Emergency access duration saved')).toBeVisible();
    // Main's clock will move half an hour in a few seconds, faster than input is reported: the
    // practice locks after an hour here, so only the emergency access can end.
    const lock = page.getByRole('form', { name: 'Inactivity lock' });
    await lock.getByLabel('Lock after (minutes)').fill('60');
    await lock.getByRole('button', { name: 'Save inactivity lock' }).click();
    await expect(lock.getByText('Inactivity lock saved')).toBeVisible();

    // The client's clinician writes a progress note and a psychotherapy note.
    await switchTo(page, CLIN);
    await signedNote(page, clientId, '2026-01-12', 'Synthetic: emberline session, mood steadier.');
    await signedNote(page, clientId, '2026-01-19', 'Synthetic: emberline process note.', 'psychotherapy');

    // A colleague off the care team: the chart is refused, and the way in an emergency is offered.
    await switchTo(page, OTHER);
    await page.goto(`${harness.url}#/clients`);
    await expect(page.getByText('No clients on your caseload yet')).toBeVisible();
    await page.getByRole('button', { name: 'Emergency access' }).click();
    await dialog(page).getByLabel('Chart number').fill(chart.chartNumber);
    await dialog(page).getByLabel('Date of birth').fill('1988-07-15');
    await dialog(page).getByRole('button', { name: 'Find client' }).click();
    await expect(dialog(page).getByText('No client has that chart number and date of birth.')).toBeVisible();
    await dialog(page).getByLabel('Date of birth').fill('1988-07-14');
    await screenshotBothSizes(page, 'emergency-01-find', 'wide');
    expect(await axeProblems(page)).toEqual([]);
    await dialog(page).getByRole('button', { name: 'Find client' }).click();
    await expect(
      dialog(page).getByText(`Avery Fictus · ${chart.chartNumber} · born Jul 14, 1988`),
    ).toBeVisible();
    // Nothing opens without a reason and the confirmation.
    await dialog(page).getByRole('button', { name: 'Open read-only for 30 minutes' }).click();
    await expect(dialog(page).getByText('Choose the reason for emergency access.')).toBeVisible();
    await dialog(page)
      .getByRole('radio', { name: /Danger to self or others/ })
      .check();
    await dialog(page)
      .getByLabel('What is happening')
      .fill('Synthetic: client called the front desk in crisis.');
    await dialog(page).getByRole('button', { name: 'Open read-only for 30 minutes' }).click();
    await expect(dialog(page).getByText('Confirm that you need emergency access.')).toBeVisible();
    await dialog(page)
      .getByRole('checkbox', { name: /I need this chart/ })
      .check();
    await screenshotBothSizes(page, 'emergency-02-reason', 'wide');
    expect(await axeProblems(page)).toEqual([]);
    await dialog(page).getByRole('button', { name: 'Open read-only for 30 minutes' }).click();

    // The chart, read-only under the banner: the progress note, never the psychotherapy note.
    await expect(dialog(page)).toBeHidden();
    await expect(banner(page)).toContainText('Emergency access · read-only');
    await expect(banner(page)).toContainText('30 min left');
    await page
      .getByRole('navigation', { name: 'Chart sections' })
      .getByRole('link', { name: 'Notes' })
      .click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect(timeline.getByRole('link', { name: /Progress note/ })).toHaveCount(1);
    await expect(timeline.getByRole('link', { name: /Psychotherapy note/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /New .*note/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /New .*note/ })).toHaveCount(0);
    await screenshotBothSizes(page, 'emergency-03-chart', 'wide');
    expect(await axeProblems(page)).toEqual([]);
    // The note itself, under the same banner, with nothing to add to it.
    await timeline.getByRole('link', { name: /Progress note/ }).click();
    await expect(page.getByText(/emberline session/).first()).toBeVisible();
    await expect(banner(page)).toContainText('Emergency access · read-only');
    await expect(page.getByRole('button', { name: /addendum/i })).toHaveCount(0);
    await screenshotBothSizes(page, 'emergency-04-note', 'wide');
    await page.getByRole('link', { name: 'Avery Fictus · Notes' }).click();
    await expect(timeline).toBeVisible();

    // Main's clock: 29 minutes on, the banner counts the last minute down in seconds.
    await minutesPass(page, harness, 29);
    await expect(banner(page)).toContainText(/0:[0-5]\d left/, { timeout: 35_000 });
    await screenshotBothSizes(page, 'emergency-05-closing', 'wide');
    // Then the chart closes on screen by itself, and says so.
    await expect(page.getByRole('heading', { name: 'Your emergency access has ended' })).toBeVisible({
      timeout: 90_000,
    });
    await expect(page.getByText(/emberline/)).toHaveCount(0);
    await screenshotBothSizes(page, 'emergency-06-ended', 'wide');

    // The client's clinician sees it on their home screen until they acknowledge it.
    await switchTo(page, CLIN);
    await page.goto(`${harness.url}#/clients`);
    const card = page.getByRole('region', { name: 'Emergency access' });
    await expect(card).toContainText(`${OTHER.name} opened the chart of Avery Fictus`);
    await expect(card).toContainText(
      'Danger to self or others: Synthetic: client called the front desk in crisis.',
    );
    await screenshotBothSizes(page, 'emergency-07-home', 'wide');
    expect(await axeProblems(page)).toEqual([]);
    await card.getByRole('button', { name: /Acknowledge/ }).click();
    await expect(card).toBeHidden();
    // The owner's flag is their own: still there.
    await switchTo(page, OWNER);
    await page.goto(`${harness.url}#/clients`);
    await expect(page.getByRole('region', { name: 'Emergency access' })).toContainText('Avery Fictus');
    expect(
      problems.filter((p) => !p.includes('FORBIDDEN') && !p.includes('403') && !p.includes('404')),
    ).toEqual([]);
  });
});
