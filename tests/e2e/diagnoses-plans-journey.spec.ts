// Issue 20's journey, end to end in Chromium against a real core: the clinician adds two diagnoses
// to a chart, writes a treatment plan and signs it, the client's signature is recorded, a progress
// note addresses a goal of the plan and is signed, and the plan view shows it; then the record is
// released to a third party: front desk records the authorization naming diagnoses and treatment
// plans, the clinician previews (the Diagnoses and Treatment plan sections) and approves, front
// desk exports, and the package's PDF carries the codes and the goals while its FHIR bundle
// carries Condition, CarePlan and Goal. Every step goes through the screens: the Diagnoses tab, the
// Treatment plan tab, the note editor, the release pages. Screenshots: test-results/screens/20-*.png.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { buildPractice, CLINICIAN as CLIN, FRONT_DESK as DESK, OWNER } from './fixtures/practice.ts';
import {
  axeProblems,
  localDate,
  pdfText,
  SCREENS,
  screenshot,
  screenshotBothSizes,
  startRequest,
  switchTo,
  watchForErrors,
} from './support.ts';

const RECIPIENT = {
  name: 'Dr. Example Receiver, Sample Family Medicine',
  address: '9 Example Plaza, Springfield, OR 97401',
  purpose: 'Continuity of care',
};
const GOAL = 'Return to work three days a week';
const OBJECTIVE = 'PHQ-9 below 10';

const shot = (page: Page, name: string) => screenshot(page, `20-${name}`);

test.use({ actionTimeout: 15_000 });

test.describe('diagnoses and treatment plans, from the chart to a release', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('two diagnoses, a signed plan, a note on a goal, then released as PDF and FHIR', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN, desk: DESK },
      clients: {
        client: { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' },
      },
      firstSignIns: true,
    });
    const chartUrl = `${harness.url}#/clients/${practice.clients.client.id}`;

    // The clinician's part: diagnoses, the plan, a note on a goal.
    await switchTo(page, CLIN);
    await addDiagnoses(page, chartUrl);
    await writeAndSignPlan(page, chartUrl);
    await noteOnGoal(page, chartUrl);
    // The plan view lists the note under the goal it addressed.
    await page.goto(`${chartUrl}/plan`);
    const onGoal = page.getByRole('list', { name: 'Progress notes on goal 1.1' });
    await expect(onGoal).toContainText('Progressing');
    await expect(onGoal).toContainText('Worked two half days this week.');
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '20-plan-view', 'wide');

    // Front desk opens the request and records the authorization, naming diagnoses and treatment plans.
    await switchTo(page, DESK);
    await startRequest(page, 'Fictus', 'Third party, with written authorization');
    const form = page.getByRole('form', { name: 'New release request' });
    await form.getByLabel('Who asked').fill('Sample Family Medicine (synthetic)');
    await form.getByLabel('Purpose').fill(RECIPIENT.purpose);
    await form.getByLabel('Recipient name').fill(RECIPIENT.name);
    await form.getByLabel('Recipient address').fill(RECIPIENT.address);
    await form.getByLabel('How it was checked').selectOption('signed_request_on_file');
    await form.getByRole('button', { name: 'Open request' }).click();
    await expect(page.getByRole('heading', { name: /Avery Fictus/ })).toBeVisible();
    const requestUrl = page.url();
    await page.getByRole('button', { name: 'Record authorization' }).click();
    const auth = page.getByRole('dialog', { name: 'Record an authorization' });
    await auth.getByRole('radio', { name: 'HIPAA authorization' }).check();
    // Minimum necessary: the two kinds are not ticked until the desk ticks what the form names.
    await expect(auth.getByRole('checkbox', { name: 'Diagnoses' })).not.toBeChecked();
    await expect(auth.getByRole('checkbox', { name: 'Treatment plans' })).not.toBeChecked();
    await auth.getByRole('checkbox', { name: 'Diagnoses' }).check();
    await auth.getByRole('checkbox', { name: 'Treatment plans' }).check();
    await auth
      .getByLabel('Description of the information')
      .fill('Diagnoses, the treatment plan and progress notes of the last three months');
    await auth.getByLabel('Expires on').fill(localDate(180));
    await auth.getByLabel('Signed by', { exact: true }).fill('Avery Fictus');
    await auth.getByLabel(/right to revoke the authorization/).check();
    await auth.getByLabel(/conditioned on signing/).check();
    await auth.getByLabel(/may be redisclosed/).check();
    expect(await axeProblems(page)).toEqual([]);
    await auth.getByRole('checkbox', { name: 'Diagnoses' }).scrollIntoViewIfNeeded();
    await screenshotBothSizes(page, '20-authorization-kinds', 'wide');
    await auth.getByRole('button', { name: 'Record authorization' }).click();
    await expect(auth).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Authorizations on file' })).toContainText(
      'Diagnoses, Treatment plans',
    );
    await page.getByRole('button', { name: 'Send to clinician for review' }).click();
    await expect(page.locator('.release-head').getByText('Awaiting clinician review')).toBeVisible();

    // The clinician previews: the kinds the authorization names start ticked; the document shows them.
    await switchTo(page, CLIN);
    await page.goto(requestUrl);
    const selection = page.getByRole('form', { name: 'Records to release' });
    await expect(selection.getByRole('checkbox', { name: /^Diagnoses/ })).toBeChecked();
    await expect(selection.getByRole('checkbox', { name: /^Treatment plans/ })).toBeChecked();
    await selection.getByLabel('From', { exact: true }).fill(localDate(-60));
    await selection.getByLabel('To', { exact: true }).fill(localDate(0));
    await selection.getByRole('button', { name: 'Preview what will leave' }).click();
    const doc = page.getByRole('article', { name: 'Preview of what will be released' });
    await expect(doc.getByRole('heading', { name: 'Diagnoses', exact: true })).toBeVisible();
    await expect(doc.getByRole('heading', { name: 'Treatment plan, version 1' })).toBeVisible();
    await expect(doc.getByText(/F32\.1/).first()).toBeVisible();
    await expect(doc.getByText(new RegExp(GOAL)).first()).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '20-review-preview', 'wide');
    await doc.getByRole('heading', { name: 'Treatment plan, version 1' }).evaluate((el: unknown) => {
      (el as { scrollIntoView(o: { block: 'start' }): void }).scrollIntoView({ block: 'start' });
    });
    await page.screenshot({ path: `${SCREENS}/20-review-plan-section.png` });
    await selection.getByRole('button', { name: 'Approve this release' }).click();
    await expect(page.locator('.review-approved__who')).toBeVisible();
    await screenshotBothSizes(page, '20-approved', 'wide');

    // Front desk exports; the PDF has the codes and the goals, the bundle Condition, CarePlan and Goal.
    await switchTo(page, DESK);
    await page.goto(requestUrl);
    const exportForm = page.getByRole('form', { name: 'Export package' });
    await exportForm.getByLabel('Protect the package with a password').uncheck();
    await exportForm.getByRole('button', { name: /export/i }).click();
    const written = page.locator('.export-written');
    await expect(written.getByText('Package written')).toBeVisible({ timeout: 30_000 });
    await shot(page, 'exported');
    const name = (await written.locator('p code').first().textContent()) ?? '';
    const dir = join(harness.pickFolder, name);
    const text = pdfText(join(dir, 'records.pdf'));
    for (const words of [
      'F32.1',
      'F41.1',
      GOAL,
      OBJECTIVE,
      'Treatment plan, version 1',
      'DIAGNOSES ADDRESSED',
    ])
      expect(text).toContain(words);
    const bundle = JSON.parse(readFileSync(join(dir, 'records.fhir.json'), 'utf8')) as {
      entry: { resource: { resourceType: string; id: string } }[];
    };
    const types = bundle.entry.map((e) => e.resource.resourceType);
    expect(types.filter((t) => t === 'Condition')).toHaveLength(2);
    expect(types.filter((t) => t === 'CarePlan')).toHaveLength(1);
    expect(types.filter((t) => t === 'Goal')).toHaveLength(2);
    execFileSync('pdftoppm', ['-r', '60', '-png', join(dir, 'records.pdf'), join(SCREENS, '20-pdf-page')]);

    expect(problems).toEqual([]);
  });
});

/** Two diagnoses on the Diagnoses tab, found by code and by words: depression primary, anxiety second. */
async function addDiagnoses(page: Page, chartUrl: string): Promise<void> {
  await page.goto(`${chartUrl}/diagnoses`);
  const card = page.getByRole('region', { name: 'Diagnoses' });
  const dialog = page.getByRole('dialog', { name: 'Add a diagnosis' });
  const add = async (typed: string, code: string) => {
    await card.getByRole('button', { name: 'Add diagnosis' }).first().click();
    const combo = dialog.getByRole('combobox', { name: 'Diagnosis' });
    await combo.fill(typed);
    await expect(
      dialog.getByRole('listbox', { name: 'ICD-10-CM codes' }).getByRole('option').first(),
    ).toContainText(code);
    await combo.press('Enter');
    await dialog.getByLabel('Onset date').fill(localDate(-90));
    await dialog.getByRole('button', { name: 'Add diagnosis' }).click();
    await expect(dialog).toBeHidden();
  };
  await add('F321', 'F32.1');
  await add('generalized anx', 'F41.1');
  const ranked = page.getByRole('list', { name: 'Ranked diagnoses, primary first' });
  expect(await ranked.locator('.diagnosis__code').allTextContents()).toEqual(['F32.1', 'F41.1']);
  await screenshotBothSizes(page, '20-diagnoses', 'wide');
}

/** The plan written on the Treatment plan tab: one problem, its goal and a PHQ-9 objective, signed by both. */
async function writeAndSignPlan(page: Page, chartUrl: string): Promise<void> {
  await page.goto(`${chartUrl}/plan`);
  await page.getByRole('button', { name: 'Start a treatment plan' }).click();
  const editor = page.locator('.plan-editor');
  await editor
    .getByLabel('Problem, in the client’s terms')
    .fill('Low mood most days keeps the client from work');
  await editor.getByRole('checkbox', { name: /F32\.1/ }).check();
  await editor.getByRole('checkbox', { name: /F41\.1/ }).check();
  await editor.getByLabel('Goal 1.1', { exact: true }).fill(GOAL);
  await editor.getByLabel('Objective 1.1.1', { exact: true }).fill(OBJECTIVE);
  await editor.getByLabel('Baseline').fill('18');
  await editor.getByLabel('Target value of objective 1.1.1').fill('10');
  await editor.getByLabel('Target date').fill(localDate(90));
  await editor
    .getByLabel('Intervention', { exact: true })
    .fill('Behavioral activation and cognitive restructuring');
  await editor.getByLabel('Modality').fill('Individual CBT');
  await editor.getByLabel('Frequency').fill('Weekly, 50 minutes');
  await expect(editor.getByText(/^Saved/)).toBeVisible();
  await screenshotBothSizes(page, '20-plan-draft', 'wide');
  await editor.getByRole('button', { name: 'Sign as clinician' }).click();
  const confirm = page.getByRole('dialog', { name: 'Sign this treatment plan?' });
  await confirm.getByRole('button', { name: 'Sign as clinician' }).click();
  await expect(confirm).toHaveCount(0);
  await page.getByRole('button', { name: 'Record client’s signature' }).click();
  const signature = page.getByRole('dialog', { name: 'Record the client’s signature' });
  await signature.getByLabel('Client’s name as signed').fill('Avery Fictus');
  await signature.getByLabel('Date signed').fill(localDate(0));
  await signature.getByRole('button', { name: 'Record signature' }).click();
  await expect(signature).toHaveCount(0);
  await expect(
    page.getByRole('navigation', { name: 'Plan versions' }).getByText('Signed', { exact: true }),
  ).toBeVisible();
}

/** A progress note in the editor: the primary diagnosis ticked, the plan's goal marked, signed. */
async function noteOnGoal(page: Page, chartUrl: string): Promise<void> {
  await page.goto(`${chartUrl}/notes`);
  await page.getByRole('link', { name: 'New progress note' }).click();
  const form = page.getByRole('form', { name: 'Note editor' });
  const card = page.getByRole('region', { name: 'Diagnoses and treatment plan' });
  await expect(card.getByRole('checkbox', { name: /F32\.1/ })).toBeChecked();
  await card.getByRole('combobox', { name: new RegExp(GOAL) }).selectOption('progressing');
  await card.getByLabel(`Comment on the progress of: ${GOAL}`).fill('Worked two half days this week.');
  await form.getByLabel('Start').fill('10:00');
  await form.getByLabel('End').fill('10:50');
  await form.getByLabel('Service code').selectOption('90834');
  const choose = (group: string, option: string) =>
    form.getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true }).check();
  await choose('How the session took place', 'In person');
  await choose('Risk level', 'Low');
  await form.getByLabel('Subjective', { exact: true }).fill('Said the week felt lighter.');
  await form.getByLabel('Objective', { exact: true }).fill('Brighter affect; on time.');
  await form.getByLabel('Assessment', { exact: true }).fill('Depressive symptoms easing.');
  await form.getByLabel('Plan', { exact: true }).fill('Continue activation.');
  await expect(page.locator('.note-save').getByText(/^Saved /)).toBeVisible();
  await page.getByRole('button', { name: 'Sign note' }).click();
  const confirm = page.getByRole('dialog', { name: 'Sign this note?' });
  await confirm.getByRole('button', { name: 'Sign note' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.locator('.note-head').getByText('Signed', { exact: true })).toBeVisible();
}
