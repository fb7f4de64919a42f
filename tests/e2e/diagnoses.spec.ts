// The Diagnoses tab, end to end in Chromium against a real core: a clinician finds codes by words
// and by code in the type-ahead (listbox, arrow keys), adds them, is refused a category header with
// its range, records an out-of-list Z code with its words (flagged), sees the warning when it is
// primary, moves it down with the keyboard buttons and reorders by dragging, resolves one (it leaves
// the ranking, the rest close up) and reads a diagnosis's history. Front desk has no Diagnoses tab.
// Screenshots at both sizes go to test-results/screens/diagnoses-*.png.
import { expect, test, type Page } from '@playwright/test';
import { buildPractice, CLINICIAN as CLIN, FRONT_DESK as DESK, OWNER } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { axeProblems, localDate, screenshotBothSizes, switchTo, watchForErrors } from './support.ts';

const card = (page: Page) => page.getByRole('region', { name: 'Diagnoses' });
const ranked = (page: Page) => page.getByRole('list', { name: 'Ranked diagnoses, primary first' });
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Add a diagnosis' });
const codesInOrder = (page: Page) => ranked(page).locator('.diagnosis__code').allTextContents();

/** "Apr 12, 1990", as the tab shows a calendar date. */
const mediumDate = (iso: string): string => {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
};

test.use({ actionTimeout: 15_000 });

test.describe('diagnoses on the chart', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('add by words and by code, refuse a header, flag a Z code, reorder, resolve, read the history', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN, desk: DESK },
      clients: {
        client: { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' },
      },
      firstSignIns: true,
    });
    const clientId = practice.clients.client.id;
    await switchTo(page, CLIN);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${harness.url}#/clients/${clientId}/diagnoses`);

    // Nothing recorded yet.
    await expect(card(page).getByRole('heading', { name: 'No diagnoses recorded' })).toBeVisible();
    await screenshotBothSizes(page, 'diagnoses-01-empty', 'wide');
    expect(await axeProblems(page)).toEqual([]);

    // By words: "generalized anx", arrow down to the option, Enter.
    await card(page).getByRole('button', { name: 'Add diagnosis' }).first().click();
    const combo = dialog(page).getByRole('combobox', { name: 'Diagnosis' });
    await combo.fill('generalized anx');
    const listbox = dialog(page).getByRole('listbox', { name: 'ICD-10-CM codes' });
    await expect(listbox.getByRole('option').first()).toContainText('F41.1');
    await expect(listbox.getByRole('option').first()).toContainText('Generalized anxiety disorder');
    await screenshotBothSizes(page, 'diagnoses-02-type-ahead-words', 'wide');
    expect(await axeProblems(page)).toEqual([]);
    await combo.press('Enter');
    await expect(listbox).toBeHidden();
    await expect(combo).toHaveValue('F41.1 Generalized anxiety disorder');
    await dialog(page).getByLabel('Onset date').fill(localDate(-200));
    await dialog(page).getByRole('button', { name: 'Add diagnosis' }).click();
    await expect(dialog(page)).toBeHidden();
    await expect(ranked(page).getByText('Generalized anxiety disorder')).toBeVisible();
    await expect(ranked(page).getByText(mediumDate(localDate(-200)))).toBeVisible();

    // By code, without the dot: "F321" offers F32.1 first; ArrowDown moves, ArrowUp comes back.
    await card(page).getByRole('button', { name: 'Add diagnosis' }).click();
    await combo.fill('f43');
    await expect(listbox.getByRole('option').first()).toContainText('F43.0');
    await expect(listbox.getByRole('option')).toHaveCount(14);
    await screenshotBothSizes(page, 'diagnoses-02b-type-ahead-code', 'wide');
    await combo.fill('F321');
    await expect(listbox.getByRole('option').first()).toContainText('F32.1');
    await combo.press('ArrowDown');
    await combo.press('ArrowUp');
    await expect(listbox.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
    await combo.press('Enter');
    await dialog(page).getByLabel('Position').selectOption('1');
    await dialog(page).getByRole('button', { name: 'Add diagnosis' }).click();
    await expect(dialog(page)).toBeHidden();
    expect(await codesInOrder(page)).toEqual(['F32.1', 'F41.1']);

    // A category header typed as a code is refused, with the codes to choose from.
    await card(page).getByRole('button', { name: 'Add diagnosis' }).click();
    await dialog(page)
      .getByRole('button', { name: /not in the list/ })
      .click();
    await dialog(page).getByLabel('ICD-10-CM code').fill('F43.1');
    await dialog(page).getByRole('button', { name: 'Add diagnosis' }).click();
    await expect(
      dialog(page)
        .getByText(/F43\.1 is a category, not a billable code/)
        .first(),
    ).toBeVisible();
    await expect(
      dialog(page)
        .getByText(/F43\.10–F43\.12/)
        .first(),
    ).toBeVisible();
    await screenshotBothSizes(page, 'diagnoses-03-header-refused', 'wide');

    // A Z code outside the list: its words are required; as primary, the warning shows.
    await dialog(page).getByLabel('ICD-10-CM code').fill('z63.0');
    await dialog(page).getByLabel('Description').fill('Problems in relationship with spouse or partner');
    await dialog(page).getByLabel('Position').selectOption('1');
    await expect(dialog(page).getByText(/Payers commonly do not accept a Z code/)).toBeVisible();
    await screenshotBothSizes(page, 'diagnoses-04-z-code-primary', 'wide');
    await dialog(page).getByRole('button', { name: 'Add diagnosis' }).click();
    await expect(dialog(page)).toBeHidden();
    expect(await codesInOrder(page)).toEqual(['Z63.0', 'F32.1', 'F41.1']);
    const zRow = ranked(page).locator('li[data-code="Z63.0"]');
    await expect(zRow.getByText('Not in the shipped list')).toBeVisible();
    await expect(card(page).getByText(/Z63\.0 is a Z code listed as primary: payers commonly/)).toBeVisible();
    await screenshotBothSizes(page, 'diagnoses-05-list-with-warning', 'wide');
    expect(await axeProblems(page)).toEqual([]);

    // Move down with the keyboard: the warning goes.
    await zRow.getByRole('button', { name: 'Move Z63.0 down' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => codesInOrder(page)).toEqual(['F32.1', 'Z63.0', 'F41.1']);
    await expect(card(page).getByText(/is a Z code listed as primary/)).toBeHidden();

    // Drag F41.1 onto the first row: it becomes primary.
    await ranked(page)
      .locator('li[data-code="F41.1"] .diagnosis__grip')
      .dragTo(ranked(page).locator('li[data-code="F32.1"]'));
    await expect.poll(() => codesInOrder(page)).toEqual(['F41.1', 'F32.1', 'Z63.0']);

    // Resolve F32.1: it leaves the ranking and Z63.0 moves up.
    await ranked(page).locator('li[data-code="F32.1"]').getByRole('button', { name: 'Change F32.1' }).click();
    const change = page.getByRole('dialog', { name: 'Change F32.1' });
    await change.getByRole('radio', { name: /Resolved/ }).check();
    await change.getByLabel('Reason').fill('Symptoms remitted; PHQ-9 below 5 for three months (synthetic).');
    await change.getByRole('button', { name: 'Save change' }).click();
    await expect(change).toBeHidden();
    await expect.poll(() => codesInOrder(page)).toEqual(['F41.1', 'Z63.0']);
    const resolved = page.getByRole('region', { name: 'No longer ranked' }).locator('li[data-code="F32.1"]');
    await expect(resolved.getByText('Resolved')).toBeVisible();

    // Its history: added as primary, moved by each reorder, resolved; each version says what changed.
    await resolved.getByRole('button', { name: 'History of F32.1' }).click();
    const history = resolved.getByRole('list', { name: 'History, oldest first' });
    await expect(history.getByRole('listitem')).toHaveCount(5);
    await expect(history.getByText(/Active → Resolved · Left the ranked list/)).toBeVisible();
    await expect(history.getByText(/Symptoms remitted/)).toBeVisible();
    await ranked(page)
      .locator('li[data-code="F41.1"]')
      .getByRole('button', { name: 'History of F41.1' })
      .click();
    await screenshotBothSizes(page, 'diagnoses-06-history', 'wide');
    expect(await axeProblems(page)).toEqual([]);

    // The list as it stood yesterday: nothing was recorded yet; back to today, nothing changed.
    await card(page).getByLabel('Show the list as of').fill(localDate(-1));
    await expect(card(page).getByRole('heading', { name: 'No diagnoses recorded by then' })).toBeVisible();
    await expect(card(page).getByRole('button', { name: 'Add diagnosis' })).toHaveCount(0);
    // As of today's end: the same list, read-only (no Change, no reordering), history still there.
    await card(page).getByLabel('Show the list as of').fill(localDate(0));
    await expect.poll(() => codesInOrder(page)).toEqual(['F41.1', 'Z63.0']);
    await expect(card(page).getByRole('button', { name: /^Change / })).toHaveCount(0);
    await expect(card(page).getByRole('button', { name: /^Move / })).toHaveCount(0);
    await screenshotBothSizes(page, 'diagnoses-07-as-of', 'wide');
    expect(await axeProblems(page)).toEqual([]);
    await card(page).getByRole('button', { name: 'Back to today' }).click();
    await expect(card(page).getByRole('button', { name: 'Change F41.1' })).toBeVisible();

    // Front desk: no Diagnoses tab on the chart.
    await switchTo(page, DESK);
    await page.goto(`${harness.url}#/clients/${clientId}`);
    await expect(page.getByRole('link', { name: 'Diagnoses' })).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});
