// Clients and intake, end to end in Chromium against a real core: the front desk registers a minor
// with a guardian (the guardian rule and a future date of birth refused first, the draft surviving
// a reload) and cannot open clinical sections; a clinician finds the client by name and by date of
// birth, completes the intake with signed consents, gives the PHQ-9 and GAD-7 twice, two weeks
// apart, and sees the trend. A second journey scrolls and searches a 2,000-client practice.
// A screenshot of every screen goes to test-results/screens/3x-*.png.
import { expect, test, type Page } from '@playwright/test';
import { buildPractice, CLINICIAN, FRONT_DESK as DESK, OWNER } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  callFromPage,
  firstSignIn,
  localDate,
  screenshot,
  signIn,
  signOut,
  typedDate,
  watchForErrors,
} from './support.ts';

// Synthetic people only: obviously fictional.
const CLIENT = {
  first: 'Avery',
  last: 'Fictus',
  preferred: 'Ave',
  pronouns: 'they/them',
  // Fifteen years and a few weeks old: a minor whatever today is.
  dateOfBirth: localDate(-40, -15),
  phone: '(555) 010-3141',
  email: 'avery.fictus@example.com',
};
const GUARDIAN = { name: 'Jordan Fictus', relation: 'Mother', phone: '(555) 010-2718' };

const shot = (page: Page, name: string) => screenshot(page, `3x-${name}`);

/** Answers a screening's items by their index (0-3 each) in the open dialog. */
async function answer(dialog: ReturnType<Page['getByRole']>, answers: readonly number[]): Promise<void> {
  const labels = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];
  const groups = dialog.locator('.screening-item').getByRole('radiogroup');
  for (const [i, value] of answers.entries())
    await groups
      .nth(i)
      .getByRole('radio', { name: labels[value] ?? '' })
      .check();
}

// Fail a step quickly rather than at the end of a long journey's time limit.
test.use({ actionTimeout: 15_000 });

test.describe('clients and intake journey', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('front desk registers a minor; a clinician completes the intake and screenings', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchForErrors(page);

    // The owner sets up the practice and adds a clinician and a front-desk colleague on the Staff screen.
    await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clinician: CLINICIAN, desk: DESK },
      staffAddedOn: 'staff-screen',
    });
    await expect(page.getByText('No clients yet')).toBeVisible();
    await signOut(page);

    // Front desk: an empty practice, then the registration form.
    await firstSignIn(page, DESK);
    await expect(page.getByText('No clients yet')).toBeVisible();
    await shot(page, 'client-list-empty');
    await page.getByRole('link', { name: 'Register client' }).first().click();
    await expect(page.getByRole('heading', { name: 'Register a client', exact: true })).toBeVisible();
    const form = page.getByRole('form', { name: 'Register client' });
    await form.getByLabel('Legal first name').fill(CLIENT.first);
    await form.getByLabel('Legal last name').fill(CLIENT.last);
    await form.getByLabel('Preferred name').fill(CLIENT.preferred);
    await form.getByLabel('Pronouns').fill(CLIENT.pronouns);
    await form.getByLabel('Date of birth').fill(localDate(30));
    await form.getByRole('textbox', { name: /^Phone( Optional)?$/ }).fill(CLIENT.phone);
    await form.getByRole('textbox', { name: /^Email( Optional)?$/ }).fill(CLIENT.email);
    await form.getByLabel('Street address').fill('7 Placeholder Court');
    await form.getByLabel('City').fill('Eugene');
    await form.getByLabel('State').selectOption('OR');
    await form.getByLabel('ZIP code').fill('97402');
    await form.getByRole('switch', { name: 'Text messages allowed' }).check();
    await expect(form.getByLabel('Number for texts')).toHaveValue(CLIENT.phone);
    await form.getByLabel('Primary clinician').selectOption({ label: CLINICIAN.name });

    // A date of birth in the future is refused with the contract's message; nothing typed is lost.
    await form.getByRole('button', { name: 'Register client' }).click();
    await expect(form.getByText('Date of birth cannot be in the future.')).toBeVisible();
    await expect(form.getByLabel('Legal first name')).toHaveValue(CLIENT.first);

    // A minor without a guardian: the rule's message, under Guardians.
    await form.getByLabel('Date of birth').fill(CLIENT.dateOfBirth);
    await expect(form.getByText(/a minor, so a guardian is needed/)).toBeVisible();
    await form.getByRole('button', { name: 'Register client' }).click();
    const guardians = form.locator('.guardians-section');
    await expect(guardians.getByText(/A client under 18 needs a guardian/)).toBeVisible();
    await expect(form.getByRole('button', { name: 'Add guardian' })).toBeFocused();
    await shot(page, 'registration-validation');

    // The draft is saved as they type, and survives a reload.
    await expect(page.getByText(/Draft saved/)).toBeVisible({ timeout: 10_000 });
    await page.reload();
    await expect(page.getByText('Your unsaved draft was restored')).toBeVisible();
    await expect(form.getByLabel('Legal first name')).toHaveValue(CLIENT.first);
    await expect(form.getByLabel('Date of birth')).toHaveValue(CLIENT.dateOfBirth);
    await expect(form.getByRole('switch', { name: 'Text messages allowed' })).toBeChecked();

    await form.getByRole('button', { name: 'Add guardian' }).click();
    await form.getByLabel('Guardian name').fill(GUARDIAN.name);
    await form.getByLabel('Relationship', { exact: true }).fill(GUARDIAN.relation);
    await form.getByLabel('Guardian phone').fill(GUARDIAN.phone);
    await form.getByLabel('Legal authority').selectOption('parent');
    await form.getByLabel('Insurance carrier').fill('Example Health Plan');
    await shot(page, 'registration-form');
    await form.getByRole('button', { name: 'Register client' }).click();
    // Insurance partly filled: main's messages for what else it needs.
    await expect(form.getByText('Member ID is required.')).toBeVisible();
    await form.getByLabel('Member ID').fill('EX-204816');
    await form.getByLabel('Subscriber name').fill(GUARDIAN.name);
    await form.getByLabel('Subscriber’s relation to the client').selectOption('parent');
    await form.getByRole('button', { name: 'Register client' }).click();

    // The chart, as the front desk sees it: demographics only.
    const header = page.locator('.chart-header');
    await expect(header.getByRole('heading', { name: /Avery Fictus/ })).toBeVisible({ timeout: 20_000 });
    await expect(header.getByText('goes by Ave')).toBeVisible();
    await expect(header.getByText('Minor', { exact: true })).toBeVisible();
    await expect(header.getByText(GUARDIAN.name)).toBeVisible();
    await expect(header.getByText('No voicemail')).toBeVisible();
    await expect(header.getByText('Texts OK')).toBeVisible();
    const tabs = page.getByRole('navigation', { name: 'Chart sections' });
    await expect(tabs.getByRole('link')).toHaveText(['Overview', 'Sessions', 'Disclosures', 'Rights']);
    await expect(page.getByRole('heading', { name: 'Screenings' })).toHaveCount(0);
    const clientId = /#\/clients\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(clientId).not.toBe('');
    await shot(page, 'front-desk-chart');

    // The clinical sections by address: not available, and main refuses them too.
    await page.goto(`${harness.url}#/clients/${clientId}/intake`);
    await expect(
      page.getByRole('heading', { name: 'Not available for your role', exact: true }),
    ).toBeVisible();
    await shot(page, 'front-desk-intake-not-available');
    const intakeCall = await callFromPage(page, 'intake.get', { clientId });
    expect(intakeCall.ok).toBe(false);
    expect(intakeCall.error?.code).toBe('FORBIDDEN');
    const screeningCall = await callFromPage(page, 'screenings.list', { clientId });
    expect(screeningCall.error?.code).toBe('FORBIDDEN');
    await signOut(page);

    // The clinician finds the client by part of the name, and by date of birth as typed.
    await firstSignIn(page, CLINICIAN);
    await expect(page.getByText(/^Your caseload:/)).toBeVisible();
    await expect(page.getByText('1 client on your caseload')).toBeVisible();
    const search = page.getByRole('searchbox', { name: 'Search clients' });
    const list = page.getByRole('listbox', { name: 'Clients' });
    await search.fill('fict');
    await expect(page.getByText('1 client matches “fict”')).toBeVisible();
    await expect(list.getByRole('option', { name: /Avery Fictus \(Ave\)/ })).toBeVisible();
    await search.fill(typedDate(CLIENT.dateOfBirth));
    await expect(page.getByText(`1 client matches “${typedDate(CLIENT.dateOfBirth)}”`)).toBeVisible();
    await shot(page, 'client-list');
    // From the keyboard: down into the list, Enter opens the chart.
    await search.press('ArrowDown');
    await expect(list).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /Avery Fictus/ })).toBeVisible();
    await expect(tabs.getByRole('link')).toHaveText([
      'Overview',
      'Notes',
      'Diagnoses',
      'Treatment plan',
      'Intake',
      'Screenings',
      'Disclosures',
      'Rights',
      'Access history',
    ]);

    // Intake: the form, and what completion still needs.
    await tabs.getByRole('link', { name: 'Intake' }).click();
    const intake = page.getByRole('form', { name: 'Intake' });
    await intake
      .getByLabel('What brings the client in, in their words and yours')
      .fill('Low mood and worry since changing schools; trouble sleeping; withdrawing from friends.');
    await intake.getByLabel('Psychiatric history').fill('No prior treatment. No hospitalizations.');
    await intake.getByLabel('Medications').fill('None.');
    await intake.getByLabel(/^Primary care provider/).fill('Dr. Example Pediatrics');
    await intake.getByLabel('Primary care phone').fill('(555) 010-9000');
    await intake
      .getByRole('textbox', { name: /^Substance use( Optional)?$/ })
      .fill('Denies alcohol, cannabis and vaping.');
    await intake
      .getByRole('radiogroup', { name: 'Suicidal ideation' })
      .getByRole('radio', { name: 'Passive' })
      .check();
    await intake
      .getByLabel('Protective factors')
      .fill('Close to mother and grandmother; plays in a band; future-oriented.');
    await intake
      .getByRole('radiogroup', { name: 'Risk level' })
      .getByRole('radio', { name: /Moderate/ })
      .check();
    await intake.getByRole('button', { name: 'Save intake' }).click();
    await expect(
      intake.getByText('Moderate or high risk needs a safety plan.', { exact: true }),
    ).toBeVisible();
    await intake
      .getByRole('textbox', { name: 'Safety plan' })
      .fill(
        'Warning signs: isolating in room. Coping: music, walks. Call mother; 988. Medications locked away.',
      );
    await intake.getByRole('button', { name: 'Save intake' }).click();
    await expect(page.getByText(/Intake saved at/)).toBeVisible();
    await page.getByRole('button', { name: 'Complete intake' }).click();
    const missing = page.getByRole('list', { name: 'Still missing' });
    await expect(missing.getByText('Record the consent to treatment.')).toBeVisible();
    await expect(missing.getByText('Record the notice of privacy practices acknowledgment.')).toBeVisible();
    await shot(page, 'intake');

    // Consent to treatment: the client and the guardian sign, a witness is recorded.
    await missing
      .getByRole('listitem')
      .filter({ hasText: 'consent to treatment' })
      .getByRole('button', { name: 'Record' })
      .click();
    const consent = page.getByRole('dialog', { name: 'Record consent' });
    await expect(consent.getByRole('radio', { name: /Consent to treatment/ })).toBeChecked();
    await expect(consent.getByLabel('Signer name').nth(0)).toHaveValue('Avery Fictus');
    await expect(consent.getByLabel('Signer name').nth(1)).toHaveValue(GUARDIAN.name);
    await consent.getByLabel('Witness').nth(0).fill(CLINICIAN.name);
    await consent.getByLabel('Witness').nth(1).fill(CLINICIAN.name);
    // For a minor, who consented is a choice the clinician must make.
    const who = consent.getByRole('radiogroup', { name: 'Who consented' });
    await expect(who.getByRole('radio', { name: /The client \(an adult\)/ })).toHaveCount(0);
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await expect(consent.getByText('Choose who consented.', { exact: true })).toBeVisible();
    await who.getByRole('radio', { name: 'A parent, guardian or representative' }).check();
    await consent.hover();
    await page.mouse.wheel(0, -2000);
    await shot(page, 'consent-dialog');
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await expect(consent).toHaveCount(0);
    await page.getByRole('button', { name: 'Record consent' }).click();
    await expect(consent.getByRole('radio', { name: /Notice of privacy practices/ })).toBeChecked();
    await who.getByRole('radio', { name: 'A parent, guardian or representative' }).check();
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await expect(consent).toHaveCount(0);
    const onFile = page.locator('.consent-list');
    await expect(onFile.getByText('A parent, guardian or representative').first()).toBeVisible();
    await expect(onFile.getByText(/not shared with guardians/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Complete intake' }).click();
    await expect(page.getByText('The intake is complete.')).toBeVisible();
    await expect(page.getByText(/^Completed/)).toBeVisible();
    await shot(page, 'intake-completed');

    // Screenings two weeks ago at intake, then today as follow-up.
    await tabs.getByRole('link', { name: 'Screenings' }).click();
    await expect(page.getByText('No screenings yet')).toBeVisible();
    const give = async (
      instrument: 'PHQ-9' | 'GAD-7',
      date: string,
      context: 'Intake' | 'Follow-up',
      answers: number[],
      picture?: string,
    ): Promise<void> => {
      await page.getByRole('button', { name: `Administer ${instrument}` }).click();
      const dialog = page.getByRole('dialog', { name: `Administer ${instrument}` });
      await dialog.getByLabel('Date given').fill(date);
      await dialog
        .getByRole('radiogroup', { name: 'Given at' })
        .getByRole('radio', { name: context })
        .check();
      await answer(dialog, answers);
      const total = answers.reduce((a, b) => a + b, 0);
      await expect(dialog.locator('.screening-total__value')).toContainText(String(total));
      if (instrument === 'PHQ-9' && (answers[8] ?? 0) > 0)
        await expect(dialog.getByText('Follow up on item 9 today')).toBeVisible();
      if (picture) {
        // The difficulty question sits just under item 9's flag: bring both into view.
        await dialog.getByRole('radiogroup', { name: /how difficult/ }).scrollIntoViewIfNeeded();
        await shot(page, picture);
      }
      await dialog.getByRole('button', { name: `Save ${instrument}` }).click();
      await expect(dialog).toHaveCount(0);
    };
    await give('PHQ-9', localDate(-14), 'Intake', [2, 3, 2, 2, 1, 2, 2, 1, 2], 'screening-form');
    await give('GAD-7', localDate(-14), 'Intake', [2, 3, 2, 2, 1, 2, 2]);
    await give('PHQ-9', localDate(0), 'Follow-up', [1, 1, 1, 2, 1, 1, 1, 0, 1]);
    await give('GAD-7', localDate(0), 'Follow-up', [1, 1, 1, 1, 0, 1, 1]);

    // The trend: two points for each measure; the PHQ-9 item 9 flag on the latest.
    const trend = page.locator('.trend').first();
    await expect(trend.locator('.trend-dot--phq9')).toHaveCount(2);
    await expect(trend.locator('.trend-dot--gad7')).toHaveCount(2);
    await expect(trend.locator('.trend-dot__flag')).toHaveCount(2);
    await expect(page.getByText('PHQ-9 item 9 needs follow-up')).toBeVisible();
    const history = page.getByRole('table', { name: 'Screening history' });
    await expect(history.getByRole('row')).toHaveCount(5);
    await expect(history.getByRole('row').filter({ hasText: 'Item 9' })).toHaveCount(2);
    await shot(page, 'trend-chart');

    // The overview shows a clinician the trend at a glance.
    await tabs.getByRole('link', { name: 'Overview' }).click();
    const summary = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Screenings' }) });
    await expect(summary.locator('.trend-dot--phq9')).toHaveCount(2);
    await shot(page, 'chart-overview');

    // Care team: the clinician grants the owner the chart (main audits the grant).
    const team = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Care team' }) });
    await team.getByLabel('Clinician to add').selectOption({ label: OWNER.name });
    await team.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(team.getByText(OWNER.name)).toBeVisible();

    // Edit details: the client now allows voicemail, and the header says so at once.
    await page.getByRole('link', { name: 'Edit details' }).click();
    const edit = page.getByRole('form', { name: 'Save changes' });
    await expect(edit.getByLabel('Legal first name')).toHaveValue(CLIENT.first);
    await edit.getByRole('switch', { name: 'Voicemail allowed' }).check();
    await expect(edit.getByLabel('Voicemail number')).toHaveValue(CLIENT.phone);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(header.getByText('Voicemail OK')).toBeVisible();

    // Status: inactive from today, with the reason; the history keeps both entries.
    await page.getByRole('button', { name: 'Change status' }).click();
    const status = page.getByRole('dialog', { name: 'Change status' });
    await status.getByRole('button', { name: 'Change status' }).click();
    await expect(status.getByText('Give a reason.')).toBeVisible();
    await status.getByRole('radio', { name: 'Inactive' }).check();
    await status.getByLabel('Reason').fill('Family away for the summer; plans to resume in September.');
    await shot(page, 'change-status-dialog');
    await status.getByRole('button', { name: 'Change status' }).click();
    await expect(status).toHaveCount(0);
    await expect(header.getByText('Inactive', { exact: true })).toBeVisible();
    await expect(page.locator('.timeline__item')).toHaveCount(2);

    // Narrower windows keep the same layout without overflow.
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'chart-overview-1280');
    await tabs.getByRole('link', { name: 'Intake' }).click();
    await expect(page.getByText(/^Completed/)).toBeVisible();
    await shot(page, 'intake-1280');
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    expect(overflow).toBe(false);

    expect(problems).toEqual([]);
  });
});

test.describe('a long client list', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    harness = await launchHarness({ seedClients: 2000 });
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('scrolls 2,000 clients smoothly and narrows as you type', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = watchForErrors(page);
    const owner = harness.accounts.find((a) => a.role === 'owner');
    if (!owner) throw new Error('The seeded practice has no owner account.');
    await page.goto(harness.url);
    await signIn(page, owner.username, owner.password);
    await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByText('2,000 clients')).toBeVisible();

    const list = page.getByRole('listbox', { name: 'Clients' });
    const options = list.getByRole('option');
    await expect(options.first()).not.toHaveAttribute('aria-busy', 'true');
    // Virtualized: a screenful of rows exists, not two thousand.
    expect(await options.count()).toBeLessThan(60);
    await shot(page, 'long-list');

    // Scroll deep into the list: the rows there are fetched and drawn.
    await list.hover();
    await page.mouse.wheel(0, 60_000);
    await expect
      .poll(async () => Number(await options.first().getAttribute('aria-posinset')))
      .toBeGreaterThan(1000);
    const deep = options.nth(12);
    await expect(deep).not.toHaveAttribute('aria-busy', 'true');
    await expect(deep).toContainText(/SW-\d{5}/);
    expect(await options.count()).toBeLessThan(60);
    const surname = (await deep.locator('.client-row__name-text').textContent()) ?? '';
    await shot(page, 'long-list-scrolled');

    // Open that chart and come back: the list is where it was.
    await deep.click();
    await expect(page.locator('.chart-header')).toBeVisible();
    await page.goBack();
    await expect(page.getByText('2,000 clients')).toBeVisible();
    await expect
      .poll(async () => Number(await options.first().getAttribute('aria-posinset')))
      .toBeGreaterThan(1000);

    // The keyboard reaches the very end.
    await list.focus();
    await page.keyboard.press('End');
    const last = list.locator('[aria-posinset="2000"]');
    await expect(last).toHaveAttribute('aria-selected', 'true');
    await expect(last).toContainText(/SW-\d{5}/);

    // Type-ahead narrows the list to the surname seen deep in the list.
    const lastName =
      surname
        .replace(/\s*\(.*\)$/, '')
        .split(' ')
        .at(-1) ?? '';
    const prefix = lastName.slice(0, 4);
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(prefix);
    await expect(page.getByText(new RegExp(`clients? match(es)? “${prefix}”`))).toBeVisible();
    const countText = (await page.locator('.client-count').textContent()) ?? '';
    const matched = Number(countText.replace(/[^\d].*$/, '').replace(/,/g, ''));
    expect(matched).toBeGreaterThan(0);
    expect(matched).toBeLessThan(2000);
    // The count can be drawn a moment before the rows: wait for the first row of the new answer.
    const rowNames = list.locator('.client-row__name-text');
    await expect(rowNames.first()).toContainText(prefix, { ignoreCase: true });
    const names = await rowNames.allTextContents();
    for (const name of names.slice(0, 10)) expect(name.toLowerCase()).toContain(prefix.toLowerCase());
    await shot(page, 'long-list-search');

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect(page.getByText('2,000 clients')).toBeVisible();
    await shot(page, 'long-list-1280');

    expect(problems).toEqual([]);
  });
});
