// Records release, end to end in Chromium against a real core: front desk opens a third-party
// request and records the authorization (a missing 164.508(c) element is refused on its field),
// the clinician chooses and previews the records and approves, front desk exports a password-
// protected package and verifies it; a client's own request with its due date and extension; a
// denial with its ground, reviewable flag and written denial; the accounting of disclosures with
// and without the complete log. Screenshots go to test-results/screens/6x-*.png; PDF pages too.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildPractice,
  CLINICIAN as CLIN,
  FRONT_DESK as DESK,
  OWNER,
  signedNote,
} from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  SCREENS,
  callFromPage,
  firstSignIn,
  localDate,
  nav,
  screenshot,
  signOut,
  startRequest,
  switchTo,
  watchForErrors,
} from './support.ts';

// Words no template or label contains: one in a note inside the approved range, one outside it.
const SELECTED = 'lighthouse';
const UNSELECTED = 'zeppelin';
const PACKAGE_PASSWORD = 'granite-otter-saffron-73';

const shot = (page: Page, name: string) => screenshot(page, `6x-${name}`);
const steps = (page: Page) => page.getByRole('list', { name: 'Release progress' });

const pdf = (file: string, args: string[]): string =>
  execFileSync(args[0] ?? '', [...args.slice(1), file, ...(args[0] === 'pdftotext' ? ['-'] : [])], {
    encoding: 'utf8',
  });

test.use({ actionTimeout: 15_000 });

test.describe('records release journey', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('third-party release, access request with extension, denial, accounting', async ({ page }) => {
    test.setTimeout(420_000);
    const problems = watchForErrors(page);

    // The owner sets up the practice, a clinician and front desk, and a client of the clinician's.
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN, desk: DESK },
      clients: { avery: { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' } },
    });
    const clientId = practice.clients.avery.id;
    await signOut(page);

    // The clinician's record: two signed notes in range, one long before it, and a PHQ-9.
    await firstSignIn(page, CLIN);
    await signedNote(page, clientId, localDate(-400), `Synthetic: talked about the ${UNSELECTED} model kit.`);
    await signedNote(page, clientId, localDate(-30), `Synthetic: walked to the ${SELECTED} twice this week.`);
    await signedNote(page, clientId, localDate(-16), 'Synthetic: sleep steadier; fewer ruminations.');
    const phq = await callFromPage(page, 'screenings.record', {
      clientId,
      instrument: 'phq9',
      administeredOn: localDate(-16),
      items: [1, 1, 1, 1, 1, 1, 0, 0, 0],
      context: 'follow_up',
    });
    expect(phq.ok, JSON.stringify(phq.error)).toBe(true);
    await signOut(page);

    // (a) Front desk opens a third-party request.
    await firstSignIn(page, DESK);
    await nav(page).getByRole('link', { name: 'Releases' }).click();
    await expect(page.getByText('No release requests yet')).toBeVisible();
    await shot(page, 'releases-empty');
    await startRequest(page, 'Fictus', 'Third party, with written authorization');
    const form = page.getByRole('form', { name: 'New release request' });
    await form.getByLabel('Who asked').fill('Sample Family Medicine (synthetic)');
    await form.getByLabel('Purpose').fill('Continuity of care');
    await form.getByLabel('Recipient name').fill('Dr. Example Receiver, Sample Family Medicine');
    await form.getByLabel('Recipient address').fill('9 Example Plaza, Springfield, OR 97401');
    await form.getByLabel('How it was checked').selectOption('signed_request_on_file');
    await shot(page, 'new-request-third-party');
    await form.getByRole('button', { name: 'Open request' }).click();
    await expect(page.getByRole('heading', { name: /Avery Fictus/ })).toBeVisible();
    await expect(steps(page).getByRole('listitem')).toHaveCount(4);
    await expect(page.getByText('Record the client’s signed authorization.')).toBeVisible();
    await shot(page, 'request-draft');

    // The authorization: with the redisclosure statement left unchecked, it is refused on that box.
    await page.getByRole('button', { name: 'Record authorization' }).click();
    const auth = page.getByRole('dialog', { name: 'Record an authorization' });
    await auth.getByRole('radio', { name: 'HIPAA authorization' }).check();
    await auth
      .getByLabel('Description of the information')
      .fill('Progress notes and PHQ-9 results from the last two months');
    await auth.getByLabel('Expires on').fill(localDate(180));
    await auth.getByLabel('Signed by', { exact: true }).fill('Avery Fictus');
    await auth.getByLabel(/right to revoke the authorization/).check();
    await auth.getByLabel(/conditioned on signing/).check();
    await auth.getByLabel('Scanned signed form').setInputFiles({
      name: 'authorization-scan.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await auth.getByRole('button', { name: 'Record authorization' }).click();
    await expect(
      auth.getByText('The form must state that the information may be redisclosed.'),
    ).toBeVisible();
    await expect(auth.getByLabel(/may be redisclosed/)).toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'authorization-refused');
    await auth.getByLabel(/may be redisclosed/).check();
    await auth.getByRole('button', { name: 'Record authorization' }).click();
    await expect(auth).toHaveCount(0);
    const onFile = page.getByRole('list', { name: 'Authorizations on file' });
    await expect(onFile.getByText('Valid')).toBeVisible();
    await expect(onFile.getByText(/authorization-scan\.png/)).toBeVisible();
    await page.getByRole('button', { name: 'Send to clinician for review' }).click();
    await expect(page.locator('.release-head').getByText('Awaiting clinician review')).toBeVisible();
    // Front desk is never offered approve or deny.
    await expect(page.getByRole('button', { name: 'Approve this release' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Deny request' })).toHaveCount(0);
    await expect(page.getByText(/Waiting for Dr\. Morgan Example/)).toBeVisible();
    await shot(page, 'request-awaiting-review');
    const requestUrl = page.url();

    // The clinician chooses the records and dates, previews exactly what will leave, and approves.
    await switchTo(page, CLIN);
    await page.goto(requestUrl);
    const selection = page.getByRole('form', { name: 'Records to release' });
    await selection.getByLabel('From', { exact: true }).fill(localDate(-60));
    await selection.getByLabel('To', { exact: true }).fill(localDate(0));
    await expect(selection.getByRole('button', { name: 'Approve this release' })).toBeDisabled();
    await selection.getByRole('button', { name: 'Preview what will leave' }).click();
    const preview = page.getByRole('article', { name: 'Preview of what will be released' });
    await expect(preview.getByText(new RegExp(SELECTED)).first()).toBeVisible();
    await expect(preview.getByText(new RegExp(UNSELECTED))).toHaveCount(0);
    await shot(page, 'review-preview');
    await expect(page.getByRole('region', { name: 'Not included, and why' })).toContainText(
      'Nothing in the chosen kinds of record and dates is held back.',
    );
    await selection.getByRole('button', { name: 'Approve this release' }).click();
    await expect(page.locator('.review-approved__who')).toContainText(
      'Approved by Dr. Morgan Example, the client’s clinician',
    );

    // Front desk exports with a password, then verifies the package.
    await switchTo(page, DESK);
    await page.goto(requestUrl);
    const exportForm = page.getByRole('form', { name: 'Export package' });
    await exportForm.getByLabel('Package password').fill(PACKAGE_PASSWORD);
    await exportForm.getByLabel('Confirm password').fill(`${PACKAGE_PASSWORD}x`);
    await exportForm.getByRole('button', { name: /export/i }).click();
    await expect(exportForm.getByText('The two passwords do not match.')).toBeVisible();
    await exportForm.getByLabel('Confirm password').fill(PACKAGE_PASSWORD);
    await exportForm.getByRole('button', { name: /export/i }).click();
    const written = page.locator('.export-written');
    await expect(written.getByText('Package written')).toBeVisible({ timeout: 30_000 });
    const packageName = (await written.locator('p code').first().textContent()) ?? '';
    expect(packageName).toMatch(/^Stillwater-release-/);
    await expect(page.locator('.release-head').getByText('Exported', { exact: true })).toBeVisible();
    await shot(page, 'exported');

    const dir = join(harness.pickFolder, packageName);
    const files = readdirSync(dir).sort();
    expect(files).toContain('records.pdf');
    expect(files).toContain('manifest.json');
    // With a password the FHIR bundle travels inside the encrypted PDF, never as plain JSON beside it.
    expect(files).not.toContain('records.fhir.json');
    const recordsPdf = join(dir, 'records.pdf');
    expect(pdf(recordsPdf, ['pdfinfo', '-upw', PACKAGE_PASSWORD])).toMatch(/Encrypted:\s+yes/);
    expect(pdf(recordsPdf, ['pdfdetach', '-upw', PACKAGE_PASSWORD, '-list'])).toMatch(/records\.fhir\.json/);
    const text = pdf(recordsPdf, ['pdftotext', '-upw', PACKAGE_PASSWORD, '-layout']);
    expect(text).toContain(SELECTED);
    expect(text).not.toContain(UNSELECTED);
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      '-upw',
      PACKAGE_PASSWORD,
      recordsPdf,
      join(SCREENS, '6x-pdf-page'),
    ]);

    // A file the operating system drops into a folder it shows is named as ignored, not a failure.
    writeFileSync(join(dir, '.DS_Store'), 'Synthetic Finder metadata');
    await harness.setPickFolder(dir);
    await page.getByRole('button', { name: 'Verify package' }).first().click();
    const verified = page.getByRole('dialog', { name: 'Package verified' });
    await expect(verified.getByText('Every file matches, and the disclosure log records it')).toBeVisible();
    await expect(verified.getByText('Ignored (added by the operating system): .DS_Store')).toBeVisible();
    await shot(page, 'verify-passed');
    await verified.getByRole('button', { name: 'Close' }).last().click();
    await harness.setPickFolder(harness.pickFolder);

    // (b) The client's own request, received 25 days ago: due in 5 days, flagged in the list.
    await startRequest(page, 'Fictus', 'Client’s own request for a copy');
    await form.getByLabel('Date received').fill(localDate(-25));
    await form.getByLabel('Who asked').fill('Avery Fictus');
    await form.getByLabel('How it was checked').selectOption('photo_id');
    await form.getByRole('button', { name: 'Open request' }).click();
    await expect(page.getByRole('heading', { name: /Avery Fictus/ })).toBeVisible();
    const accessUrl = page.url();
    await page.goto(`${harness.url}#/releases`);
    const dueRow = page.locator('.releases-table__row--due-soon');
    await expect(dueRow.getByText('Due soon')).toBeVisible();
    await shot(page, 'releases-list');
    await page.goto(accessUrl);
    await expect(page.locator('.release-due').getByText('Due soon')).toBeVisible();
    await page.getByRole('button', { name: 'Extend 30 days' }).click();
    const extend = page.getByRole('dialog', { name: 'Extend the due date by 30 days' });
    await extend.getByRole('button', { name: 'Extend due date' }).click();
    await expect(extend.getByText('Reason for the delay is required.')).toBeVisible();
    await extend
      .getByLabel('Reason for the delay')
      .fill('Synthetic: older records are being retrieved from off-site storage.');
    await shot(page, 'extension-dialog');
    await extend.getByRole('button', { name: 'Extend due date' }).click();
    await expect(page.getByText(/Extended once, to/)).toBeVisible();
    await page.getByRole('button', { name: 'Send to clinician for review' }).click();
    await expect(page.locator('.release-head').getByText('Awaiting clinician review')).toBeVisible();
    await shot(page, 'access-request');

    // The clinician approves it (psychotherapy notes cannot be chosen) and exports it without a password.
    await switchTo(page, CLIN);
    await page.goto(accessUrl);
    await expect(selection.getByLabel(/Psychotherapy notes/)).toBeDisabled();
    await selection.getByLabel('From', { exact: true }).fill(localDate(-60));
    await selection.getByRole('button', { name: 'Preview what will leave' }).click();
    await expect(preview).toBeVisible();
    await selection.getByRole('button', { name: 'Approve this release' }).click();
    await exportForm.getByLabel('Protect the package with a password').uncheck();
    await exportForm.getByRole('button', { name: /export/i }).click();
    await expect(written.getByText('Package written')).toBeVisible({ timeout: 30_000 });
    const accessPackage = (await written.locator('p code').first().textContent()) ?? '';
    expect(existsSync(join(harness.pickFolder, accessPackage, 'records.fhir.json'))).toBe(true);

    // (c) A denial of a client's own request: its ground, reviewable, and the written denial.
    await startRequest(page, 'Fictus', 'Client’s own request for a copy');
    await form.getByLabel('Who asked').fill('Avery Fictus');
    await form.getByLabel('How it was checked').selectOption('known_to_staff');
    await form.getByRole('button', { name: 'Open request' }).click();
    await expect(page.getByRole('heading', { name: /Avery Fictus/ })).toBeVisible();
    await page.getByRole('button', { name: 'Deny request' }).click();
    const deny = page.getByRole('dialog', { name: 'Deny this request' });
    await deny.getByRole('button', { name: 'Deny request' }).click();
    await expect(deny.getByText('Choose the ground for the denial.')).toBeVisible();
    await deny.getByLabel('Ground for the denial').selectOption('endanger_life_safety');
    await expect(deny.getByText('Reviewable denial')).toBeVisible();
    await deny
      .getByLabel('Explanation')
      .fill('Synthetic: in the clinician’s judgment, access now is likely to endanger the client’s safety.');
    await shot(page, 'deny-dialog');
    await deny.getByRole('button', { name: 'Deny request' }).click();
    await expect(page.locator('.release-head').getByText('Denied', { exact: true })).toBeVisible();
    const denial = page.locator('.denial-card');
    await expect(denial.getByText('Reviewable', { exact: true })).toBeVisible();
    await denial.getByRole('button', { name: 'Read the letter' }).click();
    const shown = denial.getByRole('article', { name: 'The written denial' });
    await expect(shown.getByText('Your right to a review')).toBeVisible();
    await expect(shown.getByText(/Office for Civil Rights/)).toBeVisible();
    await shot(page, 'denial-letter-on-screen');
    await denial.getByRole('button', { name: 'Hide the letter' }).click();
    await expect(shown).toHaveCount(0);
    await denial.getByRole('button', { name: 'Save the written denial…' }).click();
    await expect(denial.getByText('Written denial saved')).toBeVisible({ timeout: 30_000 });
    await shot(page, 'denied');
    const letterPackage = (await denial.locator('.banner code').first().textContent()) ?? '';
    const letter = join(harness.pickFolder, letterPackage, 'denial-letter.pdf');
    const letterText = pdf(letter, ['pdftotext', '-layout']);
    expect(letterText).toMatch(/review/i);
    expect(letterText).toMatch(/Office for Civil Rights/);
    execFileSync('pdftoppm', ['-r', '60', '-png', letter, join(SCREENS, '6x-denial-letter')]);

    // (d) A court order, exported; the accounting lists it, but not the client's own copy or the
    // release under the client's authorization, until the complete log is switched on.
    await startRequest(page, 'Fictus', 'Court order or subpoena');
    await form.getByLabel('Kind of document').selectOption('court_order');
    await form.getByLabel('Date issued').fill(localDate(-3));
    await form.getByLabel('Court or issuing body').fill('Example County Circuit Court');
    await form.getByLabel('Case number').fill('SYN-2026-0001');
    await form.getByLabel('Judge or issuer').fill('Judge Sample (synthetic)');
    await form.getByLabel('What the order names').fill('Progress notes from the last two months');
    await form.getByLabel('Recipient name').fill('Clerk of the Court');
    await form.getByLabel('Recipient address').fill('1 Courthouse Square, Springfield, OR 97401');
    await form.getByLabel('How it was checked').selectOption('court_document');
    await form.getByRole('button', { name: 'Open request' }).click();
    await page.getByRole('button', { name: 'Send to clinician for review' }).click();
    // An order reaches exactly what it names: nothing is ticked until the reviewer chooses it.
    await expect(selection.getByLabel('Progress notes')).not.toBeChecked();
    await selection.getByLabel('Progress notes').check();
    await selection.getByLabel('From', { exact: true }).fill(localDate(-60));
    await selection.getByRole('button', { name: 'Preview what will leave' }).click();
    await expect(preview).toBeVisible();
    await selection.getByRole('button', { name: 'Approve this release' }).click();
    await exportForm.getByLabel('Protect the package with a password').uncheck();
    await exportForm.getByRole('button', { name: /export/i }).click();
    await expect(written.getByText('Package written')).toBeVisible({ timeout: 30_000 });

    await page.goto(`${harness.url}#/clients/${clientId}/disclosures`);
    const table = page.getByRole('table', { name: 'Disclosures, newest first' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByText('Clerk of the Court')).toBeVisible();
    await expect(
      page.getByText(/2 disclosures to the client or under an authorization not listed/),
    ).toBeVisible();
    await shot(page, 'accounting');
    await page.getByLabel('Show the complete log').check();
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table.getByText('Dr. Example Receiver, Sample Family Medicine')).toBeVisible();
    await shot(page, 'accounting-complete');

    expect(problems).toEqual([]);
  });
});
