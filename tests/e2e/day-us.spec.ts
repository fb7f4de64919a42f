// US conventions at the front desk, end to end in Chromium against a real core: the client list
// opens sorted by last name (then first name), whatever order the clients were registered in; the
// desk switches to the newest clients first and to chart numbers, and the choice survives opening
// a chart; phone numbers typed as bare digits show as (555) 010-1234, another country's number in
// international form, on the list and the chart. Screenshots at 1024×700 and 1920×1080
// (test-results/screens/us-<screen>-<size>.png).
import { expect, test, type Page } from '@playwright/test';
import { buildPractice, CLINICIAN, FRONT_DESK, OWNER } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { callFromPage, firstSignIn, screenshotBothSizes, signOut, watchForErrors } from './support.ts';

const shots = (page: Page, name: string): Promise<void> => screenshotBothSizes(page, `us-${name}`, 'wide');

/** The names on the list, top to bottom. */
const listedNames = (page: Page) =>
  page.getByRole('listbox', { name: 'Clients' }).getByRole('option').locator('.client-row__name-text');

const rowOf = (page: Page, name: string) =>
  page.getByRole('listbox', { name: 'Clients' }).getByRole('option').filter({ hasText: name });

// Synthetic people only, registered in an order that is neither alphabetical nor its reverse.
const DOB = '1984-05-17';

test.use({ actionTimeout: 15_000 });

test.describe('US conventions at the front desk', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('the list by last name, other sorts on request, phones formatted', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clinician: CLINICIAN, desk: FRONT_DESK },
      clients: {
        zora: { first: 'Zora', last: 'Quill', dateOfBirth: DOB, clinician: 'clinician' },
        ben: { first: 'Ben', last: 'Abernathy', dateOfBirth: DOB, clinician: 'clinician' },
        ada: { first: 'Ada', last: 'Moss', dateOfBirth: DOB, clinician: 'clinician' },
        cal: { first: 'Cal', last: 'Abernathy', dateOfBirth: DOB, clinician: 'clinician' },
      },
    });
    // Two more, their phones typed as people type them: bare digits, and a number abroad.
    for (const [first, last, phone] of [
      ['Nia', 'Okafor', '5550103141'],
      ['Hugo', 'Brandt', '+442079460958'],
    ] as const) {
      const created = await callFromPage(page, 'clients.create', {
        legalFirstName: first,
        legalLastName: last,
        dateOfBirth: DOB,
        phone,
        communication: { voicemailOk: true, voicemailNumber: phone, textOk: false, emailOk: false },
        primaryClinicianId: practice.staff.clinician.id,
        guardians: [],
      });
      expect(created.ok, JSON.stringify(created.error)).toBe(true);
    }
    await signOut(page);
    await firstSignIn(page, FRONT_DESK);

    // By last name, then first name: the two Abernathys side by side, Ben before Cal.
    const byName = ['Ben Abernathy', 'Cal Abernathy', 'Hugo Brandt', 'Ada Moss', 'Nia Okafor', 'Zora Quill'];
    await expect(listedNames(page)).toHaveText(byName);
    await expect(page.getByLabel('Sort by')).toHaveValue('last_name');
    await expect(rowOf(page, 'Nia Okafor').locator('.client-row__phone')).toHaveText('(555) 010-3141');
    await expect(rowOf(page, 'Hugo Brandt').locator('.client-row__phone')).toHaveText('+44 20 7946 0958');
    await expect(rowOf(page, 'Ada Moss').locator('.client-row__phone')).toHaveText('(555) 010-4477');
    await expect(page.getByText('5550103141')).toHaveCount(0);
    await shots(page, 'list-by-last-name');

    // The newest clients first: the last registered at the top.
    await page.getByLabel('Sort by').selectOption({ label: 'Newest clients first' });
    await expect(listedNames(page)).toHaveText([
      'Hugo Brandt',
      'Nia Okafor',
      'Cal Abernathy',
      'Ada Moss',
      'Ben Abernathy',
      'Zora Quill',
    ]);
    await shots(page, 'list-newest');

    // By chart number: the order they were registered in.
    await page.getByLabel('Sort by').selectOption({ label: 'Chart number' });
    await expect(listedNames(page)).toHaveText([
      'Zora Quill',
      'Ben Abernathy',
      'Ada Moss',
      'Cal Abernathy',
      'Nia Okafor',
      'Hugo Brandt',
    ]);
    await expect(page.locator('.client-row__chart').first()).toHaveText(/^SW-0*1$/);

    // Searching keeps the order chosen.
    await page.getByRole('searchbox').fill('abernathy');
    await expect(listedNames(page)).toHaveText(['Ben Abernathy', 'Cal Abernathy']);
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect(listedNames(page)).toHaveCount(6);

    // The chart shows the formatted number too; Back finds the list as it was left.
    await rowOf(page, 'Nia Okafor').click();
    await expect(page.getByRole('heading', { name: /Nia Okafor/, level: 1 })).toBeVisible();
    const header = page.locator('.chart-header');
    await expect(header.getByText('(555) 010-3141')).toBeVisible();
    const overview = page.locator('.overview');
    await expect(overview.getByText('(555) 010-3141').first()).toBeVisible();
    await expect(page.getByText('5550103141')).toHaveCount(0);
    await shots(page, 'chart-phone');
    await page.goBack();
    await expect(page.getByLabel('Sort by')).toHaveValue('chart_number');
    await expect(listedNames(page).first()).toHaveText('Zora Quill');

    // Back to last name, as the desk left it.
    await page.getByLabel('Sort by').selectOption({ label: 'Last name' });
    await expect(listedNames(page)).toHaveText(byName);
    expect(errors).toEqual([]);
  });
});
