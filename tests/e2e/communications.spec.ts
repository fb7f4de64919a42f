// Confidential communications and state-law deadlines, end to end in Chromium against a real core
// (issue 19): the owner sets a shorter access deadline (a longer one is refused on screen) and a
// state notice; front desk records a client's request to be reached elsewhere from the chart and
// then sees it where they work: the chart's banner, the overview card and the client list's row.
// Screenshots go to test-results/screens/19c-*.png.
import { expect, test, type Page } from '@playwright/test';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { buildPractice, CLINICIAN as CLIN, FRONT_DESK as DESK, OWNER } from './fixtures/practice.ts';
import {
  axeProblems,
  callFromPage,
  localDate,
  nav,
  screenshot,
  screenshotBothSizes,
  switchTo,
  watchForErrors,
} from './support.ts';

const AVERY = { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' } as const;
const NOTICE =
  'Synthetic state notice: you may also complain to the Example State Board of Behavioral Health.';

const stateLaw = (page: Page) => page.getByRole('form', { name: 'State law' });

test.use({ actionTimeout: 15_000 });

test.describe('confidential communications and state-law deadlines', () => {
  let harness: LaunchedHarness;
  test.beforeEach(async () => {
    harness = await launchHarness();
  });
  test.afterEach(async () => {
    await harness.close();
  });

  test('the owner shortens the access deadline; front desk records and sees a confidential contact', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN, desk: DESK },
      clients: { avery: AVERY },
      firstSignIns: true,
    });
    const clientId = practice.clients.avery.id;

    // The owner: Settings > State law. A longer deadline is refused with the reason on its field.
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    const form = stateLaw(page);
    await expect(form).toBeVisible();
    await form.getByLabel('Access to records (days)').fill('45');
    await form.getByRole('button', { name: 'Save state-law settings' }).click();
    await expect(
      form.getByText('Access to records: state law may shorten the federal 30 days, never lengthen them.'),
    ).toBeVisible();
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, '19c-state-law-refused');
    await form.getByLabel('Access to records (days)').fill('15');
    await form.getByLabel('Access extension (days)').fill('15');
    await form.getByLabel('State notice').fill(NOTICE);
    await form.getByRole('button', { name: 'Save state-law settings' }).click();
    await expect(form.getByText('State-law settings saved')).toBeVisible();
    await screenshotBothSizes(page, '19c-state-law-saved', 'wide');
    expect(await axeProblems(page)).toEqual([]);

    // A request recorded now is due in 15 days.
    const created = await callFromPage<{ summary: { dueOn: string } }>(page, 'releases.create', {
      clientId,
      details: {
        kind: 'access',
        receivedOn: localDate(),
        requesterName: 'Avery Fictus',
        requesterIsRepresentative: false,
        signedDirectionOnFile: false,
        format: 'pdf',
        verification: { method: 'photo_id' },
      },
    });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
    expect(created.value?.summary.dueOn).toBe(localDate(15));

    // Front desk reads the settings, and cannot change them.
    await switchTo(page, DESK);
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByText('15 days, one extension of 15 days')).toBeVisible();
    await expect(stateLaw(page)).toHaveCount(0);
    await screenshot(page, '19c-state-law-read-only');

    // Front desk records the request from the chart's overview.
    await page.goto(`${harness.url}#/clients/${clientId}`);
    const card = page.getByRole('region', { name: 'Confidential contact' });
    await expect(card.getByText('None on file.')).toBeVisible();
    await card.getByRole('button', { name: 'Record request' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confidential contact' });
    await expect(dialog).toBeVisible();
    // Nothing asked for is refused with what to do.
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Give an alternative address or phone')).toBeVisible();
    await dialog.getByLabel('Street address').fill('40 Quiet Harbor Lane');
    await dialog.getByLabel('City').fill('Elsewhere');
    await dialog.getByLabel('State').selectOption('WA');
    await dialog.getByLabel('ZIP code').fill('9800');
    await dialog.getByLabel('Alternative phone').fill('(555) 010-7321');
    await dialog.getByLabel('No voicemail').check();
    await dialog.getByLabel('How to reach them').fill('Work phone only, weekdays before 5 p.m.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Enter a 5-digit ZIP code (or ZIP+4).')).toBeVisible();
    await screenshotBothSizes(page, '19c-dialog', 'wide');
    expect(await axeProblems(page)).toEqual([]);
    await dialog.getByLabel('ZIP code').fill('98001');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);

    // The chart header says what to do, the overview has the details.
    const banner = page.getByRole('note', { name: 'Confidential contact' });
    await expect(banner).toContainText(
      'Confidential contact: Use the alternative address; call the alternative phone; no voicemail.',
    );
    await expect(banner).toContainText('Mail to 40 Quiet Harbor Lane, Elsewhere, WA 98001');
    await expect(page.getByLabel('Contact preferences').getByText('No voicemail')).toBeVisible();
    await expect(card.getByText('Never leave one')).toBeVisible();
    await screenshotBothSizes(page, '19c-chart', 'wide');
    expect(await axeProblems(page)).toEqual([]);

    // The client list's row carries the badge.
    await nav(page).getByRole('link', { name: 'Clients' }).click();
    const row = page
      .getByRole('listbox', { name: 'Clients' })
      .getByRole('option')
      .filter({ hasText: 'Fictus' });
    await expect(
      row.getByText(
        'Confidential contact: use the alternative address; call the alternative phone; no voicemail',
      ),
    ).toBeVisible();
    await screenshotBothSizes(page, '19c-client-list', 'wide');

    // Main kept it, and the audit log says that it changed, not what it says.
    const chart = await callFromPage<{ confidentialCommunications: { address: { line1: string } } | null }>(
      page,
      'clients.get',
      { clientId },
    );
    expect(chart.value?.confidentialCommunications?.address.line1).toBe('40 Quiet Harbor Lane');
    expect(problems).toEqual([]);
  });
});
