// The review of a reviewable denial and a suspension of the accounting, end to end in Chromium
// against a real core (issue 19; 45 CFR 164.524(a)(4), (d)(4) and 164.528(a)(2)): the owner
// designates the reviewing official in Settings; front desk records the client's request for review
// on the denied request's page; the reviewer reverses the denial there, the request goes back to
// review and the written notice is saved; a clinician records an oversight agency's written statement
// on the Disclosures tab and the accounting leaves out that agency only. Screenshots go to
// test-results/screens/19r-*.png.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  buildPractice,
  CLINICIAN as CLIN,
  FRONT_DESK as DESK,
  OWNER,
  SECOND_CLINICIAN as REVIEWER,
} from './fixtures/practice.ts';
import {
  axeProblems,
  callFromPage,
  localDate,
  nav,
  pdfText,
  screenshot,
  screenshotBothSizes,
  switchTo,
  watchForErrors,
} from './support.ts';

const AVERY = { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' } as const;
const BOARD = 'Example State Health Oversight Board (synthetic)';
const POLICE = 'Springfield Police Department (synthetic)';

test.use({ actionTimeout: 15_000 });

async function ok<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await callFromPage<T>(page, channel, input);
  expect(r.ok, `${channel}: ${JSON.stringify(r.error)}`).toBe(true);
  return r.value as T;
}

test.describe('review of a denial and suspension of the accounting', () => {
  let harness: LaunchedHarness;
  test.beforeEach(async () => {
    harness = await launchHarness();
  });
  test.afterEach(async () => {
    await harness.close();
  });

  test('a reviewable denial from the request for review to the notice; a suspension on the Disclosures tab', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN, reviewer: REVIEWER, desk: DESK },
      clients: { avery: AVERY },
      firstSignIns: true,
    });
    const clientId = practice.clients.avery.id;
    const reviewerId = practice.staff.reviewer.id;
    await ok(page, 'clients.addCareTeamMember', { clientId, userId: reviewerId });

    // The owner designates the reviewing official in Settings.
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Reviewing official' });
    await expect(form).toBeVisible();
    await form.getByLabel('Staff member', { exact: true }).selectOption({ label: REVIEWER.name });
    await form.getByLabel('Target for a determination (days)').fill('10');
    await form.getByRole('button', { name: 'Save reviewing official' }).click();
    await expect(form.getByText('Reviewing official saved')).toBeVisible();
    await form.scrollIntoViewIfNeeded();
    await screenshotBothSizes(page, '19r-settings', 'wide');
    expect(await axeProblems(page)).toEqual([]);

    // The client's clinician denies the client's request on a reviewable ground.
    await switchTo(page, CLIN);
    const request = await ok<{ summary: { id: string } }>(page, 'releases.create', {
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
    const requestId = request.summary.id;
    await ok(page, 'releases.deny', {
      requestId,
      ground: 'endanger_life_safety',
      explanation: 'Synthetic: access is reasonably likely to endanger the client’s life.',
    });

    // Front desk records the client's request for review on the release page.
    await switchTo(page, DESK);
    await page.goto(`${harness.url}#/releases/${requestId}`);
    const card = page.getByRole('region', { name: 'Review of the denial' });
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: 'Request review' }).click();
    const asking = page.getByRole('dialog', { name: 'Request review' });
    await expect(asking.getByText(`referred at once to ${REVIEWER.name}`)).toBeVisible();
    await screenshot(page, '19r-request-dialog');
    expect(await axeProblems(page)).toEqual([]);
    await asking.getByRole('button', { name: 'Record and refer' }).click();
    await expect(asking).toHaveCount(0);
    await expect(card.getByText(`Waiting for ${REVIEWER.name}.`)).toBeVisible();
    await expect(card.getByRole('button', { name: 'Record determination' })).toHaveCount(0);
    await screenshotBothSizes(page, '19r-review-referred', 'wide');

    // The reviewer reverses the denial.
    await switchTo(page, REVIEWER);
    await page.goto(`${harness.url}#/releases/${requestId}`);
    await card.getByRole('button', { name: 'Record determination' }).click();
    const deciding = page.getByRole('dialog', { name: 'Record determination' });
    await deciding.getByRole('button', { name: 'Record determination' }).click();
    await expect(deciding.getByText('Choose to uphold or reverse the denial.')).toBeVisible();
    await deciding.getByText('Reverse the denial', { exact: true }).click();
    await deciding
      .getByLabel('Reasons')
      .fill('Synthetic: with the safety plan in place, access is not reasonably likely to endanger anyone.');
    await screenshot(page, '19r-determination-dialog');
    expect(await axeProblems(page)).toEqual([]);
    await deciding.getByRole('button', { name: 'Record determination' }).click();
    await expect(deciding).toHaveCount(0);
    await expect(card.getByText('Denial reversed')).toBeVisible();
    // The request goes back to review: the practice must provide access.
    await expect(page.getByText(/reversed the denial on review/).first()).toBeVisible();

    // The written notice of the determination.
    await card.getByRole('button', { name: 'Write notice…' }).click();
    await expect(card.getByText('Notice saved')).toBeVisible();
    const folder = (await card.locator('.banner code').first().textContent()) ?? '';
    const text = pdfText(join(harness.pickFolder, folder, 'review-determination.pdf'));
    expect(text).toContain('reversed the denial');
    expect(text).toContain('safety plan in place');
    await screenshotBothSizes(page, '19r-review-reversed', 'wide');
    expect(await axeProblems(page)).toEqual([]);

    // Two disclosures outside the app, then an oversight agency's written statement.
    await switchTo(page, CLIN);
    for (const recipient of [BOARD, POLICE]) {
      await ok(page, 'disclosures.record', {
        clientId,
        disclosedOn: localDate(-3),
        recipientName: recipient,
        description: 'Records read to an investigator (synthetic)',
        purpose: 'Required by law (synthetic)',
        basis: 'required_by_law',
      });
    }
    await page.goto(`${harness.url}#/clients/${clientId}/disclosures`);
    const accounting = page.getByRole('table', { name: 'Disclosures, newest first' });
    await expect(accounting.getByText(BOARD)).toBeVisible();
    const suspensions = page.getByRole('region', { name: 'Suspensions of the accounting' });
    await suspensions.getByRole('button', { name: 'Record a suspension' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a suspension' });
    await dialog.getByLabel('Recipient in the disclosure log').selectOption(BOARD);
    await dialog.getByLabel('Agency').fill('Example State Health Oversight Board');
    await dialog.getByLabel('Official (name and title)').fill('Inspector Rowan Sample, Chief Investigator');
    await dialog.getByLabel('Suspended through').fill(localDate(60));
    await screenshot(page, '19r-suspension-dialog');
    expect(await axeProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Record statement' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(suspensions.getByText('In force', { exact: true })).toBeVisible();
    // The accounting leaves out that agency only.
    await expect(accounting.getByText(BOARD)).toHaveCount(0);
    await expect(accounting.getByText(POLICE)).toBeVisible();
    await screenshotBothSizes(page, '19r-disclosures-suspended', 'wide');
    expect(await axeProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
