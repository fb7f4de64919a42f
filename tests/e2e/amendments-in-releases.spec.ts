// Amendments travel with later releases (45 CFR 164.526(c)(3), (d)(4)-(5)), end to end in Chromium
// against a real core: a client's request to amend one note is accepted and another's is denied with
// a statement of disagreement and a rebuttal (entered through main: the amendment journey is its own
// spec); the clinician's preview of a third-party release lists both under "Amendments and
// disagreements" and the document prints them after the records; the approved release shows the
// same; an amendment decided after approval stops the export with the reason on screen; approved
// again, the package's PDF carries them. Screenshots go to test-results/screens/19a-*.png.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
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
  localDate,
  okFromPage,
  pdfText,
  SCREENS,
  screenshot,
  screenshotBothSizes,
  switchTo,
  watchForErrors,
} from './support.ts';

// Words no template or label contains, one per part, to find each again on screen and in the PDF.
const ACCEPTED = 'Larkspurvale';
const STATEMENT = 'Heronwick';
const REBUTTAL = 'Gorsefield';
const LATE = 'Wealdmere';
const RECIPIENT = {
  name: 'Dr. Example Receiver, Sample Family Medicine',
  address: '9 Example Plaza, Springfield, OR 97401',
  purpose: 'Continuity of care',
};

const shot = (page: Page, name: string) => screenshot(page, `19a-${name}`);
const selectionForm = (page: Page) => page.getByRole('form', { name: 'Records to release' });
const amendmentsList = (page: Page) => page.getByRole('region', { name: 'Amendments and disagreements' });
const documentPreview = (page: Page) =>
  page.getByRole('article', { name: 'Preview of what will be released' });

const ok = okFromPage;

test.use({ actionTimeout: 15_000 });

test.describe('amendments in releases', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('the preview, the approval and the package carry them; one decided after approval sends it back', async ({
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

    // The clinician's notes, and the client's requests to amend two of them, decided.
    await switchTo(page, CLIN);
    const first = await signedNote(page, clientId, localDate(-30), 'Synthetic: spoke of the harbor walk.');
    const second = await signedNote(page, clientId, localDate(-23), 'Synthetic: spoke of the orchard.');
    const third = await signedNote(page, clientId, localDate(-16), 'Synthetic: spoke of the library.');
    const accepted = await ok<{ id: string }>(page, 'amendments.create', {
      clientId,
      receivedOn: localDate(-10),
      requestText: 'Synthetic: the note says my sister came; it was my cousin.',
      records: [{ itemKind: 'note', recordId: first }],
      includeIfDenied: false,
    });
    await ok(page, 'amendments.accept', {
      requestId: accepted.id,
      amendmentText: `Synthetic: amended at the client’s request: the cousin (${ACCEPTED}) came, not the sister.`,
    });
    const denied = await ok<{ id: string }>(page, 'amendments.create', {
      clientId,
      receivedOn: localDate(-9),
      requestText: 'Synthetic: please remove that I missed two sessions.',
      records: [{ itemKind: 'note', recordId: second }],
      includeIfDenied: false,
    });
    await ok(page, 'amendments.deny', {
      requestId: denied.id,
      basis: 'accurate_complete',
      explanation: 'Synthetic: the attendance log shows both sessions were missed.',
    });
    await ok(page, 'amendments.recordStatement', {
      requestId: denied.id,
      text: `Synthetic: I disagree; I called ahead both times (${STATEMENT}).`,
      filedOn: localDate(0),
    });
    await ok(page, 'amendments.recordRebuttal', {
      requestId: denied.id,
      text: `Synthetic: no calls were logged on either day (${REBUTTAL}).`,
      writtenOn: localDate(0),
    });

    // Front desk records a third-party request and its authorization.
    await switchTo(page, DESK);
    const created = await ok<{ summary: { id: string } }>(page, 'releases.create', {
      clientId,
      details: {
        kind: 'third_party',
        receivedOn: localDate(-2),
        requesterName: 'Sample Family Medicine (synthetic)',
        recipient: { name: RECIPIENT.name, address: RECIPIENT.address },
        purpose: RECIPIENT.purpose,
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
      recipientName: RECIPIENT.name,
      recipientAddress: RECIPIENT.address,
      purpose: RECIPIENT.purpose,
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

    // The clinician previews: both requests are listed, and the document prints them in full.
    await switchTo(page, CLIN);
    await page.goto(requestUrl);
    await selectionForm(page).getByRole('button', { name: 'Preview what will leave' }).click();
    await expect(amendmentsList(page).getByRole('listitem')).toHaveCount(2);
    await expect(amendmentsList(page)).toContainText('Accepted');
    await expect(amendmentsList(page)).toContainText('With the client’s statement of disagreement.');
    await expect(page.getByText(/2 amendment requests by the client go with these records/)).toBeVisible();
    const doc = documentPreview(page);
    await expect(doc.getByRole('heading', { name: 'Amendments and disagreements (1 of 2)' })).toBeVisible();
    for (const w of [ACCEPTED, STATEMENT, REBUTTAL]) await expect(doc.getByText(new RegExp(w))).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '19a-review-with-amendments', 'wide');
    await doc
      .getByRole('heading', { name: 'Amendments and disagreements (1 of 2)' })
      .evaluate((el: unknown) => {
        (el as { scrollIntoView(o: { block: 'start' }): void }).scrollIntoView({ block: 'start' });
      });
    await page.screenshot({ path: `${SCREENS}/19a-review-document-section.png` });
    await selectionForm(page).getByRole('button', { name: 'Approve this release' }).click();
    await expect(page.locator('.review-approved__who')).toBeVisible();

    // An amendment to the third note is accepted after approval: export stops and says why.
    const late = await ok<{ id: string }>(page, 'amendments.create', {
      clientId,
      receivedOn: localDate(-1),
      requestText: 'Synthetic: the library was the east branch.',
      records: [{ itemKind: 'note', recordId: third }],
      includeIfDenied: false,
    });
    await ok(page, 'amendments.accept', {
      requestId: late.id,
      amendmentText: `Synthetic: amended: the east branch (${LATE}).`,
    });
    await switchTo(page, DESK);
    await page.goto(requestUrl);
    const exportForm = page.getByRole('form', { name: 'Export package' });
    await exportForm.getByLabel('Protect the package with a password').uncheck();
    await exportForm.getByRole('button', { name: /export/i }).click();
    await expect(
      page
        .getByText(
          /Since approval, an amendment decision, a statement of disagreement or a rebuttal was recorded/,
        )
        .first(),
    ).toBeVisible();
    await shot(page, 'export-stopped');

    // Approved again, with the third amendment; the package carries all three.
    await switchTo(page, CLIN);
    await page.goto(requestUrl);
    await selectionForm(page).getByRole('button', { name: 'Preview what will leave' }).click();
    await expect(amendmentsList(page).getByRole('listitem')).toHaveCount(3);
    await selectionForm(page).getByRole('button', { name: 'Approve this release' }).click();
    await expect(page.locator('.review-approved__who')).toBeVisible();
    await page.getByRole('button', { name: /what was approved/i }).click();
    await expect(page.getByRole('region', { name: 'Amendments and disagreements' })).toBeVisible();
    await screenshotBothSizes(page, '19a-approved-with-amendments', 'wide');

    await switchTo(page, DESK);
    await page.goto(requestUrl);
    const form = page.getByRole('form', { name: 'Export package' });
    await form.getByLabel('Protect the package with a password').uncheck();
    await form.getByRole('button', { name: /export/i }).click();
    const written = page.locator('.export-written');
    await expect(written.getByText('Package written')).toBeVisible({ timeout: 30_000 });
    const name = (await written.locator('p code').first().textContent()) ?? '';
    const recordsPdf = join(harness.pickFolder, name, 'records.pdf');
    const text = pdfText(recordsPdf);
    for (const w of [ACCEPTED, STATEMENT, REBUTTAL, LATE]) expect(text).toContain(w);
    execFileSync('pdftoppm', ['-r', '60', '-png', recordsPdf, join(SCREENS, '19a-pdf-page')]);

    expect(problems).toEqual([]);
  });
});
