// Treatment plans end to end in Chromium against a real core: a clinician drafts a plan on the
// chart's Treatment plan tab (problems, goals, measurable objectives with the latest PHQ-9 offered as
// the baseline, an intervention), signs it, records the client's signature; a signed progress note
// marks an objective; the plan view shows the note and the PHQ-9 trend against the target; the
// review date near makes the plan appear on the clinician's home screen; a review continues it.
// Front desk has no Treatment plan tab. Screenshots go to test-results/screens/plans-*.png.
import { expect, test, type Page } from '@playwright/test';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { buildPractice, CLINICIAN as CLIN, FRONT_DESK as DESK, OWNER } from './fixtures/practice.ts';
import {
  axeProblems,
  callFromPage,
  localDate,
  screenshot,
  screenshotBothSizes,
  signIn,
  switchTo,
  watchForErrors,
} from './support.ts';

async function ok<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await callFromPage<T>(page, channel, input);
  expect(r.ok, `${channel}: ${JSON.stringify(r.error)}`).toBe(true);
  return r.value as T;
}

const PHQ9 = (total: number): number[] => {
  const items = Array.from({ length: 9 }, () => 0);
  for (let i = 0; i < total; i++) items[i % 9] = (items[i % 9] ?? 0) + 1;
  return items;
};

test.use({ actionTimeout: 15_000 });

test.describe('treatment plans', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('draft, sign by both, a note marks an objective, the trend and the review on the home screen', async ({
    page,
  }) => {
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
    const clientId = practice.clients.client.id;
    const planUrl = `${harness.url}#/clients/${clientId}/plan`;

    await switchTo(page, CLIN);
    const dx = await ok<{ diagnoses: { id: string }[] }>(page, 'diagnoses.add', {
      clientId,
      code: 'F32.1',
      status: 'active',
      part2: false,
    });
    await ok(page, 'diagnoses.add', { clientId, code: 'F41.1', status: 'active', part2: false });
    for (const [days, total] of [
      [-60, 18],
      [-30, 15],
      [-10, 13],
    ] as const)
      await ok(page, 'screenings.record', {
        clientId,
        instrument: 'phq9',
        administeredOn: localDate(days),
        items: PHQ9(total),
        difficulty: 1,
        context: days === -60 ? 'intake' : 'follow_up',
      });

    await page.goto(planUrl);
    await expect(page.getByRole('heading', { name: 'No treatment plan yet' })).toBeVisible();
    await screenshot(page, 'plans-empty');
    await page.getByRole('button', { name: 'Start a treatment plan' }).click();
    await expect(page.getByRole('heading', { name: 'New treatment plan' })).toBeVisible();

    const problem1 = page.getByRole('group', { name: 'Problem 1' });
    await problem1
      .getByLabel('Problem, in the client’s terms')
      .fill('Low mood most days; withdrawn from friends (synthetic).');
    await problem1.getByLabel(/^F32\.1/).check();
    await problem1
      .getByLabel('Goal 1.1', { exact: true })
      .fill('Feel able to enjoy time with friends again.');
    await problem1
      .getByLabel('Objective 1.1.1', { exact: true })
      .fill('Depressive symptoms in the mild range.');
    await problem1.getByRole('button', { name: /^Use 13/ }).click();
    await problem1.getByLabel('Target value of objective 1.1.1').fill('10');
    await problem1.getByLabel('Target date').fill(localDate(120));
    await problem1.getByRole('button', { name: 'Add objective to goal 1.1' }).click();
    await problem1
      .getByLabel('Objective 1.1.2', { exact: true })
      .fill('Meets a friend at least twice a week.');
    const second = problem1.locator('.plan-editor__objective').nth(1);
    await second.getByLabel('Measure').selectOption('other');
    await second.getByLabel('Measured by').fill('Social outings a week');
    await second.getByLabel('Target direction of objective 1.1.2').selectOption('at_least');
    await second.getByLabel('Target value of objective 1.1.2').fill('2');
    await second.getByLabel('Target date').fill(localDate(90));
    const intervention = page.getByRole('group', { name: 'Intervention 1' });
    await intervention
      .getByLabel('Intervention', { exact: true })
      .fill('Behavioral activation; cognitive restructuring.');
    await intervention.getByLabel('Modality').fill('Individual CBT');
    await intervention.getByLabel('Frequency').fill('Weekly, 50 minutes');
    // The review falls due within a week, so the plan shows on the home screen once signed.
    await page.getByLabel('Review due').fill(localDate(4));
    await expect(page.getByText(/^Saved /)).toBeVisible({ timeout: 10_000 });
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, 'plans-editor', 'wide');

    // Words typed just before "Lock now" (Ctrl+L) are saved: signed back in, they are in the plan.
    const tail = ' Sleeping late on weekdays.';
    await problem1.getByLabel('Problem, in the client’s terms').press('End');
    await problem1.getByLabel('Problem, in the client’s terms').pressSequentially(tail, { delay: 5 });
    await page.keyboard.press('Control+l');
    await expect(page.getByRole('heading', { name: /locked/i }).first()).toBeVisible();
    await signIn(page, CLIN.username, CLIN.password);
    await expect(page.getByRole('heading', { name: /treatment plan/i }).first()).toBeVisible({
      timeout: 20_000,
    });
    await expect(problem1.getByLabel('Problem, in the client’s terms')).toHaveValue(
      `Low mood most days; withdrawn from friends (synthetic).${tail}`,
    );

    // Signing an incomplete plan names what is missing: try it with an empty goal first.
    await problem1.getByRole('button', { name: 'Add goal to problem 1' }).click();
    await page.getByRole('button', { name: 'Sign as clinician' }).first().click();
    await page
      .getByRole('dialog', { name: 'Sign this treatment plan?' })
      .getByRole('button', { name: 'Sign as clinician' })
      .click();
    await expect(
      page.getByText('The plan is not ready to sign. What is missing is marked below.'),
    ).toBeVisible();
    await expect(page.getByText('Describe goal 1.2.').first()).toBeVisible();
    await screenshot(page, 'plans-editor-not-ready', { viewportOnly: true });
    await problem1.getByRole('button', { name: 'Remove goal 1.2' }).click();

    await page.getByRole('button', { name: 'Sign as clinician' }).first().click();
    await page
      .getByRole('dialog', { name: 'Sign this treatment plan?' })
      .getByRole('button', { name: 'Sign as clinician' })
      .click();
    await expect(
      page.getByText('Signed by the clinician. The plan is in force once the client signs it.'),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Record client’s signature' }).click();
    const sig = page.getByRole('dialog', { name: 'Record the client’s signature' });
    await sig.getByRole('radio', { name: 'A representative' }).check();
    await sig.getByRole('button', { name: 'Record signature' }).click();
    await expect(
      sig.getByText('Record the representative’s authority to sign for the client.'),
    ).toBeVisible();
    await sig.getByRole('radio', { name: 'The client' }).check();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, 'plans-client-signature', 'wide');
    await sig.getByRole('button', { name: 'Record signature' }).click();
    await expect(sig).toBeHidden();
    await expect(page.getByRole('button', { name: /Version 1\s*Signed/ })).toBeVisible();

    // A progress note marks objective 1.1.1.
    const plans = await ok<{
      plans: { content: { problems: { goals: { id: string; objectives: { id: string }[] }[] }[] } }[];
    }>(page, 'plans.ofClient', { clientId });
    const goal = plans.plans[0]?.content.problems[0]?.goals[0];
    const draft = await ok<{ noteId: string }>(page, 'notes.saveDraft', {
      clientId,
      kind: 'progress',
      template: 'dap',
      serviceDate: localDate(-1),
      startTime: '10:00',
      endTime: '10:50',
      serviceCode: '90834',
      modality: 'in_person',
      riskLevel: 'low',
      sections: {
        data: 'Synthetic: went to the farmers market with a friend.',
        assessment: 'Synthetic: mood brighter.',
        plan: 'Synthetic: continue weekly.',
      },
      part2: false,
      addressedDiagnosisIds: [dx.diagnoses[0]?.id],
      goalMarks: [
        {
          goalId: goal?.id,
          objectiveId: goal?.objectives[0]?.id,
          progress: 'progressing',
          comment: 'PHQ-9 down from 18 to 13.',
        },
      ],
    });
    await ok(page, 'notes.sign', { noteId: draft.noteId });

    await page.reload();
    const doc = page.getByRole('article', { name: 'Treatment plan, version 1' });
    await expect(doc.getByText('PHQ-9 down from 18 to 13.')).toBeVisible();
    await expect(
      doc.getByText(/PHQ-9 total score: latest 13 .* target below 10 \(not yet met\)/),
    ).toBeVisible();
    await expect(
      doc.getByText('Major depressive disorder, single episode, moderate', { exact: false }),
    ).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, 'plans-signed-view', 'wide');

    // The home screen lists the review due within the week.
    await page.goto(`${harness.url}#/clients`);
    const card = page.getByRole('region', { name: 'Treatment plan reviews' });
    await expect(card.getByRole('link', { name: /Avery Fictus/ })).toBeVisible();
    await screenshotBothSizes(page, 'plans-home-reviews', 'wide');
    await card.getByRole('link', { name: /Avery Fictus/ }).click();
    await page.getByRole('button', { name: 'Record review' }).click();
    const review = page.getByRole('dialog', { name: 'Record a review of the plan' });
    await review.getByLabel('Comment').fill('Synthetic: progressing; continue as planned.');
    await screenshot(page, 'plans-review-dialog');
    await review.getByRole('button', { name: 'Record review' }).click();
    await expect(review).toBeHidden();
    await page.goto(`${harness.url}#/clients`);
    await expect(page.getByRole('region', { name: 'Treatment plan reviews' })).toHaveCount(0);

    // Front desk: no Treatment plan tab, and main refuses the channel.
    await switchTo(page, DESK);
    await page.goto(`${harness.url}#/clients/${clientId}`);
    await expect(page.getByRole('link', { name: 'Treatment plan' })).toHaveCount(0);
    const refused = await callFromPage(page, 'plans.ofClient', { clientId });
    expect(refused.error?.code).toBe('FORBIDDEN');

    // The owner sets the review interval in Settings.
    await switchTo(page, OWNER);
    await page.goto(`${harness.url}#/settings`);
    const settings = page.getByRole('form', { name: 'Treatment plan review interval' });
    await settings.getByLabel('Review a plan every (days)').fill('60');
    await settings.getByRole('button', { name: 'Save review interval' }).click();
    await expect(page.getByText('Review interval saved')).toBeVisible();
    await settings.scrollIntoViewIfNeeded();
    await screenshot(page, 'plans-settings', { viewportOnly: true });

    expect(problems.filter((p) => !p.includes('HTTP 4'))).toEqual([]);
  });
});
