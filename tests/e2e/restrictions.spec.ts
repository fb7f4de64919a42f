// A restriction that changes what a release contains (45 CFR 164.522(a)), end to end in Chromium
// against a real core: front desk records a client's self-pay restriction on the chart's Rights tab;
// the primary clinician agrees (declining is not offered, and says why); a release to the client's
// health plan for payment then leaves the self-paid sessions out: the review names the restriction
// as the reason, and the exported PDF carries only the later session. Screenshots go to
// test-results/screens/restrictions-*.png.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { usDate } from '../../preload/contract/us-date.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  buildPractice,
  CLINICIAN as CLIN,
  FRONT_DESK as DESK,
  OWNER,
  PRACTICE,
  signedNote,
} from './fixtures/practice.ts';
import {
  axeProblems,
  callFromPage,
  localDate,
  pdfText,
  screenshot,
  screenshotBothSizes,
  switchTo,
  watchForErrors,
} from './support.ts';

// Words no template or label contains, one per session, to find each again on screen and in the PDF.
const PAID_1 = 'Quillmarsh';
const PAID_2 = 'Tansyfold';
const BILLED = 'Alderwick';
const PLAN = {
  name: 'Example Health Plan (synthetic)',
  address: '77 Example Parkway, Springfield, OR 97401',
};

const section = (page: Page) => page.getByRole('region', { name: 'Restriction requests' });
const selectionForm = (page: Page) => page.getByRole('form', { name: 'Records to release' });
const documentPreview = (page: Page) =>
  page.getByRole('article', { name: 'Preview of what will be released' });

async function ok<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await callFromPage<T>(page, channel, input);
  expect(r.ok, `${channel}: ${JSON.stringify(r.error)}`).toBe(true);
  return r.value as T;
}

test.use({ actionTimeout: 15_000 });

test.describe('restriction requests', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('a self-pay restriction keeps the paid sessions out of a release to the health plan', async ({
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
    const rightsUrl = `${harness.url}#/clients/${clientId}/rights`;

    await switchTo(page, CLIN);
    await signedNote(page, clientId, localDate(-40), `Synthetic: spoke of the ${PAID_1} garden.`);
    await signedNote(page, clientId, localDate(-33), `Synthetic: spoke of the ${PAID_2} bridge.`);
    await signedNote(page, clientId, localDate(-5), `Synthetic: spoke of the ${BILLED} market.`);

    // Front desk records the request on the Rights tab.
    await switchTo(page, DESK);
    await page.goto(rightsUrl);
    await expect(section(page).getByText('No restriction requests on file for this client.')).toBeVisible();
    await section(page).getByRole('button', { name: 'Record a request' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a restriction request' });
    await dialog.getByLabel('Date received').fill(localDate(-2));
    await dialog
      .getByLabel('The client’s request')
      .fill(
        'Synthetic: in writing: I paid for my first two sessions myself; please do not send them to my insurer.',
      );
    // Any other restriction names to whom and for what; a self-pay one is always to health plans.
    await dialog.getByText('Not to whom, for what').evaluate((el: unknown) => {
      (el as { scrollIntoView(o: { block: 'start' }): void }).scrollIntoView({ block: 'start' });
    });
    await screenshot(page, 'restrictions-record-dialog-general');
    await dialog.getByLabel(/paid in full out of pocket/).check();
    await expect(dialog.getByText(/The practice must agree: a self-pay restriction/)).toBeVisible();
    await dialog.getByLabel('Care paid for from').fill(localDate(-45));
    await dialog.getByLabel('Through').fill(localDate(-30));
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, 'restrictions-record-dialog', 'wide');
    await dialog.getByRole('button', { name: 'Record request' }).click();
    await expect(dialog).toBeHidden();
    const item = section(page).getByRole('listitem');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Awaiting decision');
    await expect(item).toContainText(
      `All records from ${usDate(localDate(-45))} to ${usDate(localDate(-30))} (care paid in full out of pocket): not to a health plan for payment or health care operations`,
    );
    // Front desk records; only the primary clinician or the owner decides.
    await expect(item.getByRole('button', { name: /agree/i })).toHaveCount(0);

    // The clinician agrees: declining a self-pay restriction is not offered, and says why.
    await switchTo(page, CLIN);
    await page.goto(rightsUrl);
    await expect(
      section(page).getByText('A self-pay restriction cannot be declined (45 CFR 164.522(a)(1)(vi)).'),
    ).toBeVisible();
    await section(page).getByRole('button', { name: 'Agree' }).click();
    const decide = page.getByRole('dialog', { name: 'Decide on the restriction request' });
    await expect(decide.getByRole('radio', { name: /Declines/ })).toBeDisabled();
    await expect(decide.getByText(/Not possible: the client paid in full out of pocket/)).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, 'restrictions-decide-dialog', 'wide');
    await decide.getByRole('button', { name: 'Agree to restriction' }).click();
    await expect(decide).toBeHidden();
    await expect(section(page).getByRole('listitem')).toContainText('Agreed');
    await expect(
      section(page).getByText(/^In force: releases to a health plan leave these records out/),
    ).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, 'restrictions-rights-tab', 'wide');

    // The health plan asks for the records, for payment.
    await switchTo(page, DESK);
    const created = await ok<{ summary: { id: string } }>(page, 'releases.create', {
      clientId,
      details: {
        kind: 'third_party',
        receivedOn: localDate(-1),
        requesterName: 'Example Health Plan claims unit (synthetic)',
        recipient: PLAN,
        recipientIsHealthPlan: true,
        purpose: 'Claims review',
        purposeCategory: 'payment',
        verification: { method: 'signed_request_on_file' },
      },
    });
    const requestId = created.summary.id;
    await ok(page, 'releases.addAuthorization', {
      requestId,
      type: 'hipaa',
      recordTypes: ['progress_notes', 'addenda'],
      description: 'Progress notes of the last three months',
      disclosingParty: PRACTICE.name,
      recipientName: PLAN.name,
      recipientAddress: PLAN.address,
      purpose: 'Claims review',
      expiresOn: localDate(180),
      signedBy: 'Avery Fictus',
      signedOn: localDate(-3),
      signerIsRepresentative: false,
      rightToRevokeStatement: true,
      conditioningStatement: true,
      redisclosureStatement: true,
    });
    await ok(page, 'releases.authorize', { requestId });
    const requestUrl = `${harness.url}#/releases/${requestId}`;

    // The clinician's review: the two paid sessions are withheld, the restriction named.
    await switchTo(page, CLIN);
    await page.goto(requestUrl);
    await expect(page.getByText(/\(a health plan\)/)).toBeVisible();
    await selectionForm(page).getByRole('button', { name: 'Preview what will leave' }).click();
    const withheld = page.getByRole('region', { name: 'Not included, and why' });
    await expect(
      withheld.getByText(`2 records under the restriction agreed on ${usDate(localDate(0))}`),
    ).toBeVisible();
    await expect(
      withheld.getByText(/care paid in full out of pocket.*164\.522\(a\)\(1\)\(vi\)/),
    ).toBeVisible();
    const doc = documentPreview(page);
    await expect(doc.getByText(new RegExp(BILLED))).toBeVisible();
    await expect(doc.getByText(new RegExp(PAID_1))).toHaveCount(0);
    await expect(doc.getByText(new RegExp(PAID_2))).toHaveCount(0);
    expect(await axeProblems(page)).toEqual([]);
    await withheld.evaluate((el: unknown) => {
      (el as { scrollIntoView(o: { block: 'center' }): void }).scrollIntoView({ block: 'center' });
    });
    await screenshotBothSizes(page, 'restrictions-review-withheld', 'wide');
    await selectionForm(page).getByRole('button', { name: 'Approve this release' }).click();
    await expect(page.locator('.review-approved__who')).toBeVisible();

    // Front desk exports: the package carries the billed session only.
    await switchTo(page, DESK);
    await page.goto(requestUrl);
    const form = page.getByRole('form', { name: 'Export package' });
    await form.getByLabel('Protect the package with a password').uncheck();
    await form.getByRole('button', { name: /export/i }).click();
    const written = page.locator('.export-written');
    await expect(written.getByText('Package written')).toBeVisible({ timeout: 30_000 });
    const name = (await written.locator('p code').first().textContent()) ?? '';
    const text = pdfText(join(harness.pickFolder, name, 'records.pdf'));
    expect(text).toContain(BILLED);
    expect(text).not.toContain(PAID_1);
    expect(text).not.toContain(PAID_2);

    expect(problems).toEqual([]);
  });
});
