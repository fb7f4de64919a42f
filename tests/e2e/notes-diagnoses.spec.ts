// A progress note addresses the client's diagnoses and the goals of the signed treatment plan, end
// to end in Chromium against a real core: the editor offers the current diagnoses with the primary
// ticked, and each goal and objective with a progress choice and a comment; signing without a
// diagnosis is refused on the checklist and under the field; the signed note, its timeline line
// and the print show the copy stored at signing, which stays as signed when the diagnosis changes
// later. Screenshots at both sizes go to test-results/screens/20n-*.png.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import type { PlanContent } from '../../preload/contract.ts';
import { buildPractice, CLINICIAN as CLIN, OWNER } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  axeProblems,
  localDate,
  okFromPage,
  screenshotBothSizes,
  switchTo,
  watchForErrors,
} from './support.ts';

const editor = (page: Page) => page.getByRole('form', { name: 'Note editor' });
const links = (page: Page) => page.getByRole('region', { name: 'Diagnoses and treatment plan' });
const checklist = (page: Page) => page.getByRole('list', { name: 'Signing checklist' });
const saved = (page: Page) => page.locator('.note-save').getByText(/^Saved /);

interface DiagnosisList {
  diagnoses: { id: string; code: string }[];
}

/** The client's chart as the clinician left it: two diagnoses and a plan signed by both. */
async function chartWithPlan(page: Page, clientId: string): Promise<{ depression: string }> {
  await okFromPage(page, 'diagnoses.add', {
    clientId,
    code: 'F32.1',
    status: 'active',
    rank: 1,
    part2: false,
  });
  const list = await okFromPage<DiagnosisList>(page, 'diagnoses.add', {
    clientId,
    code: 'F41.1',
    status: 'active',
    rank: 2,
    part2: false,
  });
  const depression = list.diagnoses.find((d) => d.code === 'F32.1')?.id ?? '';
  const problem = randomUUID();
  const content: PlanContent = {
    problems: [
      {
        id: problem,
        text: 'Low mood and loss of interest since the synthetic job loss',
        diagnosisIds: [depression],
        goals: [
          {
            id: randomUUID(),
            text: 'Return to the activities the client used to enjoy',
            objectives: [
              {
                id: randomUUID(),
                text: 'PHQ-9 below 10',
                measure: 'phq9',
                measureLabel: null,
                baseline: 17,
                target: { direction: 'below', value: 10 },
                targetDate: localDate(75),
              },
              {
                id: randomUUID(),
                text: 'Three planned activities a week',
                measure: 'other',
                measureLabel: 'Planned activities a week',
                baseline: 0,
                target: { direction: 'at_least', value: 3 },
                targetDate: localDate(45),
              },
            ],
          },
          {
            id: randomUUID(),
            text: 'Sleep through most nights',
            objectives: [
              {
                id: randomUUID(),
                text: 'Six hours of sleep five nights a week',
                measure: 'other',
                measureLabel: 'Nights a week sleeping 6 hours or more',
                baseline: 1,
                target: { direction: 'at_least', value: 5 },
                targetDate: localDate(60),
              },
            ],
          },
        ],
      },
    ],
    interventions: [
      {
        id: randomUUID(),
        text: 'Behavioral activation with an activity schedule',
        modality: 'Individual CBT',
        frequency: 'Weekly, 50 minutes',
        problemIds: [problem],
      },
    ],
  };
  const draft = await okFromPage<{ plan: { id: string } }>(page, 'plans.createDraft', { clientId });
  const planId = draft.plan.id;
  await okFromPage(page, 'plans.saveDraft', { planId, content, reviewDueOn: localDate(90), part2: false });
  await okFromPage(page, 'plans.signAsClinician', { planId });
  await okFromPage(page, 'plans.recordClientSignature', {
    planId,
    signer: 'client',
    signerName: 'Avery Fictus',
    signedOn: localDate(0),
  });
  return { depression };
}

async function chooseRadio(page: Page, group: string, option: string): Promise<void> {
  await editor(page)
    .getByRole('radiogroup', { name: group })
    .getByRole('radio', { name: option, exact: true })
    .check();
}

test.use({ actionTimeout: 15_000 });

test.describe('a progress note addresses diagnoses and plan goals', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('tick, mark, sign; the note keeps what was true when it was signed', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN },
      clients: {
        client: { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' },
      },
      firstSignIns: true,
    });
    const clientId = practice.clients.client.id;
    await switchTo(page, CLIN);
    const { depression } = await chartWithPlan(page, clientId);

    // A new progress note: the current diagnoses, the primary ticked; the plan's goals, none marked.
    await page.goto(`${harness.url}#/clients/${clientId}/notes`);
    await page.getByRole('link', { name: 'New progress note' }).click();
    await expect(page.getByRole('heading', { name: /New progress note/ })).toBeVisible();
    const card = links(page);
    const primary = card.getByRole('checkbox', { name: /F32\.1/ });
    await expect(primary).toBeChecked();
    await expect(card.getByRole('checkbox', { name: /F41\.1/ })).not.toBeChecked();
    await expect(card.getByText('Plan version 1')).toBeVisible();
    await expect(card.getByRole('combobox', { name: /Return to the activities/ })).toHaveValue('');
    // Opening the editor saved nothing: no draft until the clinician writes.
    await expect(saved(page)).toHaveCount(0);

    // The session, then the diagnoses and goals this session addressed.
    const form = editor(page);
    await form.getByLabel('Start').fill('10:00');
    await form.getByLabel('End').fill('10:50');
    await form.getByLabel('Service code').selectOption('90834');
    await chooseRadio(page, 'How the session took place', 'In person');
    await chooseRadio(page, 'Risk level', 'Low');
    await card.getByRole('checkbox', { name: /F41\.1/ }).check();
    await card.getByRole('combobox', { name: /Return to the activities/ }).selectOption('progressing');
    await card
      .getByLabel('Comment on the progress of: Return to the activities')
      .fill('Walked to the farmers market twice; rejoined the synthetic book club.');
    await card.getByRole('combobox', { name: /PHQ-9 below 10/ }).selectOption('progressing');
    await card.getByLabel('Comment on the progress of: PHQ-9 below 10').fill('PHQ-9 today 13, from 17.');
    await card.getByRole('combobox', { name: /Six hours of sleep/ }).selectOption('no_change');
    await form.getByLabel('Subjective', { exact: true }).fill('Said the week felt lighter; slept poorly.');
    await form.getByLabel('Objective', { exact: true }).fill('Brighter affect; on time; PHQ-9 13.');
    await form.getByLabel('Assessment', { exact: true }).fill('Depressive symptoms easing; sleep unchanged.');
    await form.getByLabel('Plan', { exact: true }).fill('Continue activation; start a sleep diary.');
    await expect(saved(page)).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '20n-editor-marked', 'wide');

    // Unticking every diagnosis: the checklist and the field both say what signing needs.
    await card.getByRole('checkbox', { name: /F32\.1/ }).uncheck();
    await card.getByRole('checkbox', { name: /F41\.1/ }).uncheck();
    await expect(checklist(page).getByRole('button', { name: 'Diagnoses addressed' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign note' }).click();
    await expect(card.getByText('Tick at least one diagnosis this session addressed.')).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await screenshotBothSizes(page, '20n-editor-no-diagnosis', 'wide');
    await card.getByRole('checkbox', { name: /F32\.1/ }).check();
    await expect(checklist(page).getByText('Diagnoses addressed')).toBeVisible();
    await expect(saved(page)).toBeVisible();

    // Sign: the note shows the diagnosis and the progress it stored.
    await page.getByRole('button', { name: 'Sign note' }).click();
    const confirm = page.getByRole('dialog', { name: 'Sign this note?' });
    await confirm.getByRole('button', { name: 'Sign note' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(page.locator('.note-head').getByText('Signed', { exact: true })).toBeVisible();
    const addressed = page.getByRole('region', { name: 'Diagnoses and goals addressed' });
    await expect(addressed.getByText('F32.1')).toBeVisible();
    await expect(addressed.getByText('F41.1')).toHaveCount(0);
    await expect(addressed.getByText('Primary')).toBeVisible();
    await expect(addressed.getByText('PHQ-9 today 13, from 17.')).toBeVisible();
    await expect(addressed.getByText('No change')).toBeVisible();
    const noteUrl = page.url();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '20n-note-signed', 'wide');

    // On paper: the same copy, in words.
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    const sheet = page.locator('.record-sheet');
    await expect(sheet).toHaveCount(1);
    await page.emulateMedia({ media: 'print' });
    await expect(sheet).toContainText('Diagnoses addressed');
    await expect(sheet).toContainText(
      'F32.1 — Major depressive disorder, single episode, moderate (Primary)',
    );
    await expect(sheet).toContainText('Treatment plan goals (plan version 1)');
    await expect(sheet).toContainText('Objective: PHQ-9 below 10 — Progressing. PHQ-9 today 13, from 17.');
    await screenshotBothSizes(page, '20n-note-print', 'wide');
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(`window.dispatchEvent(new Event('afterprint'))`);
    await expect(sheet).toHaveCount(0);

    // Later the depression goes into remission and anxiety becomes primary: the note is unchanged.
    await okFromPage(page, 'diagnoses.change', {
      diagnosisId: depression,
      status: 'resolved',
      onsetDate: null,
      reason: 'Synthetic: symptoms resolved.',
    });
    await page.goto(`${harness.url}#/clients/${clientId}/notes`);
    const line = page.locator('.tl-card').filter({ hasText: 'Progress note' }).first();
    await expect(line.getByText(/F32\.1/)).toBeVisible();
    await expect(
      line.getByText(/Return to the activities the client used to enjoy: Progressing/),
    ).toBeVisible();
    await screenshotBothSizes(page, '20n-timeline', 'wide');
    await page.getByRole('button', { name: 'Print summary' }).click();
    const summary = page.locator('.record-sheet');
    await page.emulateMedia({ media: 'print' });
    await expect(summary).toContainText(
      'addressed F32.1 Major depressive disorder, single episode, moderate',
    );
    await expect(summary).toContainText('3 plan goals marked');
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(`window.dispatchEvent(new Event('afterprint'))`);
    await expect(summary).toHaveCount(0);
    await page.goto(noteUrl);
    await expect(addressed.getByText('F32.1')).toBeVisible();
    await expect(addressed.getByText('Primary')).toBeVisible();
    await expect(page.locator('.note-head').getByText('Verified')).toBeVisible();

    // A new note now offers only what is current: F41.1, and F32.1 no longer.
    await page.goto(`${harness.url}#/clients/${clientId}/notes/new/progress`);
    await expect(links(page).getByRole('checkbox', { name: /F41\.1/ })).toBeVisible();
    await expect(links(page).getByRole('checkbox', { name: /F32\.1/ })).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});
