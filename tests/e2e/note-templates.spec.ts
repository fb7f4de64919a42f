// The practice's own note templates, end to end in Chromium against a real core: the owner writes
// a template in Settings (sections, required marks, help); a clinician writes a progress note in
// it, signing is refused until the required section is written, and the signed note shows the
// template's labels; the owner publishes version 2 while the clinician has a draft open in
// version 1, and the draft says it keeps version 1. Screenshots at both sizes go to
// test-results/screens/20t-*.png.
import { expect, test, type Page } from '@playwright/test';
import { buildPractice, CLINICIAN as CLIN, OWNER } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  axeProblems,
  SCREEN_SIZES,
  SCREENS,
  screenshotBothSizes,
  switchTo,
  watchForErrors,
} from './support.ts';

const editor = (page: Page) => page.getByRole('form', { name: 'Note editor' });
const saved = (page: Page) => page.locator('.note-save').getByText(/^Saved /);
const section = (page: Page) =>
  page.locator('section').filter({ has: page.getByRole('heading', { name: 'Note templates', exact: true }) });

/** The Settings section alone at both sizes (the page is long). */
async function sectionShots(page: Page, name: string): Promise<void> {
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await section(page).screenshot({ path: `${SCREENS}/${name}-${size.name}.png`, animations: 'disabled' });
  }
}

async function chooseRadio(page: Page, group: string, option: string): Promise<void> {
  await editor(page)
    .getByRole('radiogroup', { name: group })
    .getByRole('radio', { name: option, exact: true })
    .check();
}

test.use({ actionTimeout: 15_000 });

test.describe('note templates', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('the owner defines a template; a clinician writes and signs a note in it', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN },
      clients: {
        client: { first: 'Wren', last: 'Placeholder', dateOfBirth: '1990-02-11', clinician: 'clin' },
      },
      firstSignIns: true,
    });
    const clientId = practice.clients.client.id;

    // The owner writes the template in Settings.
    await page.goto(`${harness.url}#/settings`);
    await expect(section(page).getByText(/No practice templates yet/)).toBeVisible();
    await section(page).getByRole('button', { name: 'New template' }).click();
    const dialog = page.getByRole('dialog', { name: 'New note template' });
    await dialog.getByLabel('Template name').fill('Intake follow-up');
    await dialog.getByLabel('Section 1 label').fill('Presenting concern');
    await dialog.getByLabel('Help text').first().fill('What brought the client in, in their own words.');
    await dialog.getByRole('button', { name: 'Add section' }).click();
    await dialog.getByLabel('Section 2 label').fill('Observations');
    await dialog.getByRole('checkbox', { name: 'Required before signing' }).nth(1).uncheck();
    await dialog.getByRole('button', { name: 'Add section' }).click();
    await dialog.getByLabel('Section 3 label').fill('Next steps');
    await dialog.getByLabel('Help text').nth(2).fill('Referrals, homework and the next appointment.');
    expect(await axeProblems(page)).toEqual([]);
    // From its title: what saving does, then the sections.
    await page.evaluate("document.querySelector('dialog[open]')?.scrollTo(0, 0)");
    await screenshotBothSizes(page, '20t-template-dialog', 'wide');
    await dialog.getByRole('button', { name: 'Save template' }).click();
    await expect(dialog).toHaveCount(0);
    const card = section(page).getByRole('listitem', { name: 'Intake follow-up' });
    await expect(card.getByText('Version 1 · 3 sections, 2 required · no notes yet')).toBeVisible();
    await expect(section(page).getByText(/“Intake follow-up” is saved/)).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await sectionShots(page, '20t-settings');

    // The clinician writes a progress note in it.
    await switchTo(page, CLIN);
    await page.goto(`${harness.url}#/clients/${clientId}/notes`);
    await page.getByRole('link', { name: 'New progress note' }).click();
    await expect(page.getByRole('heading', { name: /New progress note/ })).toBeVisible();
    const form = editor(page);
    await form.getByLabel('Template', { exact: true }).selectOption({ label: 'Intake follow-up' });
    await expect(form.getByText('Practice template “Intake follow-up”, version 1.')).toBeVisible();
    await expect(form.getByText('What brought the client in, in their own words.')).toBeVisible();
    await form.getByLabel('Start').fill('09:00');
    await form.getByLabel('End').fill('09:45');
    await form.getByLabel('Service code').selectOption('90834');
    await chooseRadio(page, 'How the session took place', 'Video');
    await chooseRadio(page, 'Risk level', 'None');
    await form
      .getByLabel(/^Presenting concern/)
      .fill('Synthetic: worried about the move to the lighthouse town.');
    await expect(saved(page)).toBeVisible();

    // Next steps is required in this version: signing says so, under the field.
    await page.getByRole('button', { name: 'Sign note' }).click();
    await expect(form.getByText('Next steps is required before signing.')).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '20t-editor', 'wide');
    await form.getByLabel(/^Next steps/).fill('Synthetic: weekly sessions; sleep diary.');
    await expect(saved(page)).toBeVisible();
    await page.getByRole('button', { name: 'Sign note' }).click();
    const confirm = page.getByRole('dialog', { name: 'Sign this note?' });
    await expect(confirm.getByText('Intake follow-up')).toBeVisible();
    await confirm.getByRole('button', { name: 'Sign note' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(page.locator('.note-head').getByText('Signed', { exact: true })).toBeVisible();
    await expect(page.locator('.note-head').getByText('Intake follow-up, version 1')).toBeVisible();
    const body = page.getByRole('region', { name: 'Note' });
    await expect(body.getByRole('heading', { name: 'Presenting concern' })).toBeVisible();
    await expect(body.getByRole('heading', { name: 'Observations' })).toBeVisible();
    await expect(body.getByRole('heading', { name: 'Next steps' })).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '20t-note-signed', 'wide');

    // A second draft in version 1, left open while the owner publishes version 2.
    await page.goto(`${harness.url}#/clients/${clientId}/notes/new/progress`);
    await editor(page).getByLabel('Template', { exact: true }).selectOption({ label: 'Intake follow-up' });
    await editor(page)
      .getByLabel(/^Presenting concern/)
      .fill('Synthetic: second session, started in version 1.');
    await expect(saved(page)).toBeVisible();
    const draftUrl = page.url();

    await switchTo(page, OWNER);
    await page.goto(`${harness.url}#/settings`);
    await section(page)
      .getByRole('listitem', { name: 'Intake follow-up' })
      .getByRole('button', { name: 'Edit' })
      .click();
    const edit = page.getByRole('dialog', { name: 'Edit “Intake follow-up”' });
    await edit.getByLabel('Section 3 label').fill('Plan and referrals');
    await edit.getByRole('checkbox', { name: 'Required before signing' }).nth(1).check();
    await edit.getByRole('button', { name: 'Publish version 2' }).click();
    await expect(edit).toHaveCount(0);
    const updated = section(page).getByRole('listitem', { name: 'Intake follow-up' });
    await expect(updated.getByText('Version 2 · 3 sections, 3 required · 2 notes written')).toBeVisible();
    await updated.getByText('Earlier versions (1)').click();
    await expect(updated.getByText(/^Version 1: “Intake follow-up”/)).toBeVisible();
    await sectionShots(page, '20t-settings-v2');

    // The draft keeps version 1, says so, and is signed against version 1.
    await switchTo(page, CLIN);
    await page.goto(draftUrl);
    await expect(page.getByText('This draft keeps version 1 of “Intake follow-up”')).toBeVisible();
    await expect(editor(page).getByLabel(/^Next steps/)).toBeVisible();
    await expect(editor(page).getByLabel(/^Plan and referrals/)).toHaveCount(0);
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '20t-draft-keeps-v1', 'wide');

    // The timeline names the template.
    await page.goto(`${harness.url}#/clients/${clientId}/notes`);
    await expect(page.locator('.tl-card').filter({ hasText: 'Intake follow-up' }).first()).toBeVisible();
    expect(problems).toEqual([]);
  });
});
