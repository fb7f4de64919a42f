// A name with an invisible text-direction control pasted into it (U+202E, right-to-left override:
// "Fic<RLO>sutcaF" would show and print as another name) is refused with a message under the field,
// before anything is saved; typed again, the same person registers. Names in right-to-left scripts
// are welcome. Screenshot: test-results/screens/5z-*.png.
import { expect, test } from '@playwright/test';
import { buildPractice } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { callFromPage, screenshot, watchForErrors } from './support.ts';

// Synthetic people only: obviously fictional.
const OWNER = { name: 'Dr. Odessa Mockford', username: 'omockford', password: 'granite-sparrow-ledger-73' };
const CLINICIAN = {
  name: 'Dr. Ilan Sampleby',
  username: 'isampleby',
  temporary: 'walnut-ember-harbor-12',
  password: 'harbor-walnut-ember-48',
  role: 'clinician',
} as const;
const MESSAGE =
  'Legal last name contains an invisible formatting character (such as a text-direction control), which can change how it displays or prints. Type it again instead of pasting it.';

test.use({ actionTimeout: 15_000 });

test.describe('invisible formatting characters in a name', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('are refused under the field, nothing is saved, and the name typed again registers', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, { owner: OWNER, staff: { clinician: CLINICIAN } });

    await page.getByRole('link', { name: 'Register client' }).first().click();
    const form = page.getByRole('form', { name: 'Register client' });
    await form.getByLabel('Legal first name').fill('Avery');
    await form.getByLabel('Legal last name').fill('Fic\u202Etus');
    await form.getByLabel('Date of birth').fill('1988-07-14');
    await form.getByLabel('Primary clinician').selectOption({ label: CLINICIAN.name });
    await form.getByRole('button', { name: 'Register client' }).click();
    await expect(form.getByText(MESSAGE)).toBeVisible();
    await screenshot(page, '5z-name-with-direction-control');
    // main says the same to anything that skips the form, and nothing was registered.
    const direct = await callFromPage(page, 'clients.create', {
      legalFirstName: 'Avery',
      legalLastName: 'Fic\u202Etus',
      dateOfBirth: '1988-07-14',
      communication: { voicemailOk: false, textOk: false, emailOk: false },
      primaryClinicianId: practice.staff.clinician.id,
      guardians: [],
    });
    expect(direct.error?.fields).toEqual([{ path: 'legalLastName', message: MESSAGE }]);
    expect((await callFromPage<{ total: number }>(page, 'clients.search', {})).value?.total).toBe(0);

    // Typed again (a right-to-left name is fine as it is).
    await form.getByLabel('Legal last name').fill('Fictus');
    await form.getByLabel('Preferred name').fill('דנה');
    await form.getByRole('button', { name: 'Register client' }).click();
    await expect(page.locator('.chart-header').getByRole('heading', { name: /Avery Fictus/ })).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.locator('.chart-header').getByText('goes by דנה')).toBeVisible();
    expect(problems.filter((p) => !p.includes('ERR_FAILED'))).toEqual([]);
  });
});
