// What makes a release lawful, end to end in Chromium against a real core (issue 14): a
// psychotherapy note is shown and released only by its author (the owner's review lists it as not
// included, without a word of it); a revocation between approval and export stops the export with
// the reason on screen and sends the request back to review; a guardian's request for a minor's
// records leaves out the care the minor consented to alone; a medical-emergency disclosure goes
// only to the medical personnel treating it. Screenshots go to test-results/screens/14x-*.png.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  buildPractice,
  CLINICIAN as CLIN,
  type ClientSpec,
  FRONT_DESK as DESK,
  OWNER,
  PRACTICE,
  signedNote,
} from './fixtures/practice.ts';
import {
  callFromPage,
  localDate,
  nav,
  pdfText,
  screenshot,
  startRequest,
  switchTo,
  watchForErrors,
} from './support.ts';

// Words no template or label contains, one per record, so the package and the screens can be searched.
const PROCESS = 'Wrenhollow';
const ROUTINE = 'Cinderfield';
const GUARDIAN_EPISODE = 'Pebblemoor';
const MINOR_EPISODE = 'Thistlecombe';
const RECIPIENT = {
  name: 'Dr. Example Receiver, Sample Family Medicine',
  address: '9 Example Plaza, Springfield, OR 97401',
  purpose: 'Continuity of care',
};

const AVERY = { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' } as const;

const shot = (page: Page, name: string) => screenshot(page, `14x-${name}`);
const selectionForm = (page: Page) => page.getByRole('form', { name: 'Records to release' });
const withheld = (page: Page) => page.getByRole('region', { name: 'Not included, and why' });
const documentPreview = (page: Page) =>
  page.getByRole('article', { name: 'Preview of what will be released' });
const statusBadge = (page: Page) => page.locator('.release-head__status');
/** Scrolls a dialog so this part of it is at the top of the screenshot. */
const scrollToTop = (part: Locator) =>
  part.evaluate((el: unknown) => {
    (el as { scrollIntoView(options: { block: 'start' }): void }).scrollIntoView({ block: 'start' });
  });

/**
 * The practice of these journeys: the owner, a clinician and front desk (each signed in once through
 * the screens, as a new colleague would), and one client of the clinician's. The owner is signed in.
 */
async function practiceWith(
  page: Page,
  harness: LaunchedHarness,
  client: ClientSpec<'clin'>,
): Promise<string> {
  const practice = await buildPractice(page, harness, {
    owner: OWNER,
    staff: { clin: CLIN, desk: DESK },
    clients: { client },
    firstSignIns: true,
  });
  return practice.clients.client.id;
}

/** Front desk writes a package with no password and returns its folder. */
async function exportPackage(page: Page, harness: LaunchedHarness): Promise<string> {
  const exportForm = page.getByRole('form', { name: 'Export package' });
  await exportForm.getByLabel('Protect the package with a password').uncheck();
  await exportForm.getByRole('button', { name: /export/i }).click();
  const written = page.locator('.export-written');
  await expect(written.getByText('Package written')).toBeVisible({ timeout: 30_000 });
  const name = (await written.locator('p code').first().textContent()) ?? '';
  expect(name).toMatch(/^Stillwater-release-/);
  return join(harness.pickFolder, name);
}

/** A third-party request with its authorizations, entered through main (the journey is what follows). */
async function thirdPartyRequest(
  page: Page,
  clientId: string,
  authorizations: { type: 'hipaa' | 'psychotherapy_notes'; recordTypes: string[]; description: string }[],
): Promise<string> {
  const created = await callFromPage<{ summary: { id: string } }>(page, 'releases.create', {
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
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  const requestId = created.value?.summary.id ?? '';
  for (const a of authorizations) {
    const added = await callFromPage(page, 'releases.addAuthorization', {
      requestId,
      ...a,
      disclosingParty: PRACTICE.name,
      recipientName: RECIPIENT.name,
      recipientAddress: RECIPIENT.address,
      purpose: RECIPIENT.purpose,
      expiresOn: localDate(180),
      signedBy: 'Avery Fictus',
      signedOn: localDate(-5),
      signerIsRepresentative: false,
      rightToRevokeStatement: true,
      conditioningStatement: true,
      redisclosureStatement: true,
    });
    expect(added.ok, JSON.stringify(added.error)).toBe(true);
  }
  const authorized = await callFromPage(page, 'releases.authorize', { requestId });
  expect(authorized.ok, JSON.stringify(authorized.error)).toBe(true);
  return requestId;
}

test.use({ actionTimeout: 15_000 });

test.describe('lawful releases', () => {
  let harness: LaunchedHarness;
  test.beforeEach(async () => {
    harness = await launchHarness();
  });
  test.afterEach(async () => {
    await harness.close();
  });

  test('a psychotherapy-notes release is approved by its author alone', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    const clientId = await practiceWith(page, harness, AVERY);

    // The clinician writes and signs a psychotherapy note.
    await switchTo(page, CLIN);
    await signedNote(
      page,
      clientId,
      localDate(-12),
      `Synthetic: my impressions of the ${PROCESS} dream.`,
      'psychotherapy',
    );

    // Front desk records the request and a psychotherapy-notes authorization of its own.
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
    await auth.getByRole('radio', { name: 'Psychotherapy-notes authorization' }).check();
    // It covers psychotherapy notes and nothing else; recipient and purpose come from the request.
    await expect(auth.getByRole('checkbox', { name: /^Psychotherapy notes/ })).toBeChecked();
    await expect(auth.getByRole('checkbox', { name: 'Progress notes' })).toBeDisabled();
    await expect(auth.getByLabel('Who may receive it')).toHaveValue(RECIPIENT.name);
    await expect(auth.getByLabel('Purpose')).toHaveValue(RECIPIENT.purpose);
    await auth
      .getByLabel('Description of the information')
      .fill('Psychotherapy notes of sessions in the last three months');
    await auth.getByLabel('Expires on').fill(localDate(180));
    await auth.getByLabel('Signed by', { exact: true }).fill('Avery Fictus');
    await auth.getByLabel(/right to revoke the authorization/).check();
    await auth.getByLabel(/conditioned on signing/).check();
    await auth.getByLabel(/may be redisclosed/).check();
    await scrollToTop(auth.locator('.authorization-kinds'));
    await shot(page, 'authorization-psychotherapy-notes');
    await auth.getByRole('button', { name: 'Record authorization' }).click();
    await expect(auth).toHaveCount(0);
    const onFile = page.getByRole('list', { name: 'Authorizations on file' });
    await expect(onFile.getByText('Psychotherapy notes', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Send to clinician for review' }).click();
    await expect(statusBadge(page).getByText('Awaiting clinician review')).toBeVisible();

    // The owner may review, but sees the note only as a count with its author and the reason.
    await switchTo(page, OWNER);
    await page.goto(requestUrl);
    await expect(selectionForm(page).getByRole('checkbox', { name: /^Psychotherapy notes/ })).toBeChecked();
    await selectionForm(page).getByRole('button', { name: 'Preview what will leave' }).click();
    await expect(withheld(page).getByText('1 psychotherapy note by Dr. Morgan Example')).toBeVisible();
    await expect(withheld(page)).toContainText('only by their author');
    await expect(documentPreview(page)).toBeVisible();
    await expect(page.getByText(new RegExp(PROCESS))).toHaveCount(0);
    await shot(page, 'review-owner-withheld');
    await selectionForm(page).getByRole('button', { name: 'Approve this release' }).click();
    await expect(selectionForm(page).getByText(/Nothing in this selection can leave/)).toBeVisible();
    await expect(statusBadge(page).getByText('Awaiting clinician review')).toBeVisible();

    // Its author sees its content in the preview and approves it.
    await switchTo(page, CLIN);
    await page.goto(requestUrl);
    await selectionForm(page).getByRole('button', { name: 'Preview what will leave' }).click();
    await expect(documentPreview(page).getByText(new RegExp(PROCESS))).toBeVisible();
    await expect(withheld(page)).toContainText(
      'Nothing in the chosen kinds of record and dates is held back.',
    );
    await shot(page, 'review-author');
    await selectionForm(page).getByRole('button', { name: 'Approve this release' }).click();
    await expect(page.locator('.review-approved__who')).toHaveText(
      'Approved by Dr. Morgan Example, the client’s clinician',
    );
    await expect(page.getByRole('list', { name: 'Records approved' })).toContainText('Notes1');
    await shot(page, 'approved-by-author');

    // Front desk exports; the package carries the note.
    await switchTo(page, DESK);
    await page.goto(requestUrl);
    await expect(page.getByText(new RegExp(PROCESS))).toHaveCount(0);
    const dir = await exportPackage(page, harness);
    expect(pdfText(join(dir, 'records.pdf'))).toContain(PROCESS);

    expect(problems).toEqual([]);
  });

  test('a revocation between approval and export stops the export, with the reason', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    const clientId = await practiceWith(page, harness, AVERY);
    await switchTo(page, CLIN);
    await signedNote(page, clientId, localDate(-20), `Synthetic: walked past ${ROUTINE} park twice.`);
    await signedNote(
      page,
      clientId,
      localDate(-12),
      `Synthetic: the ${PROCESS} image returns.`,
      'psychotherapy',
    );

    await switchTo(page, DESK);
    const requestId = await thirdPartyRequest(page, clientId, [
      {
        type: 'hipaa',
        recordTypes: ['progress_notes', 'addenda', 'screenings'],
        description: 'Progress notes and assessments of the last three months',
      },
      {
        type: 'psychotherapy_notes',
        recordTypes: ['psychotherapy_notes'],
        description: 'Psychotherapy notes of the last three months',
      },
    ]);
    const requestUrl = `${harness.url}#/releases/${requestId}`;

    // The clinician approves both notes.
    await switchTo(page, CLIN);
    await page.goto(requestUrl);
    await selectionForm(page).getByRole('button', { name: 'Preview what will leave' }).click();
    await expect(documentPreview(page).getByText(new RegExp(PROCESS))).toBeVisible();
    await expect(documentPreview(page).getByText(new RegExp(ROUTINE))).toBeVisible();
    await selectionForm(page).getByRole('button', { name: 'Approve this release' }).click();
    await expect(page.getByRole('list', { name: 'Records approved' })).toContainText('Notes2');

    // Before the export, the client revokes the psychotherapy-notes authorization.
    await switchTo(page, DESK);
    await page.goto(requestUrl);
    const pnAuthorization = page
      .getByRole('list', { name: 'Authorizations on file' })
      .getByRole('listitem')
      .filter({ hasText: 'Psychotherapy-notes authorization' });
    await pnAuthorization.getByRole('button', { name: 'Record revocation' }).click();
    const revoke = page.getByRole('dialog', { name: 'Record a revocation' });
    await revoke
      .getByLabel('Note', { exact: false })
      .fill('Synthetic: letter from the client received today.');
    await shot(page, 'revoke-dialog');
    await revoke.getByRole('button', { name: 'Record revocation' }).click();
    await expect(revoke).toHaveCount(0);
    await expect(pnAuthorization).toHaveClass(/auth-item--revoked/);
    // The revocation takes effect as it is recorded: nothing can be exported under the approval,
    // and the request is back with the reviewer, saying which authorization and why.
    await expect(statusBadge(page).getByText('Awaiting clinician review')).toBeVisible();
    const back = page.locator('.review-card__back');
    await expect(back.getByText('Back for review')).toBeVisible();
    await expect(back).toContainText(
      /1 approved record relied only on the psychotherapy-notes authorization signed by Avery Fictus on .*: it was revoked on/,
    );
    await expect(page.getByRole('form', { name: 'Export package' })).toHaveCount(0);
    await shot(page, 'revoked-back-to-review');

    // Asked through the bridge anyway, main refuses with the same reason and writes nothing.
    const refused = await callFromPage(page, 'releases.export', { requestId });
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toMatch(
      /^Nothing was exported\. The approval no longer holds: 1 approved record relied only on/,
    );

    // The clinician sees why, and approves what can still go: the progress note alone.
    await switchTo(page, CLIN);
    await page.goto(requestUrl);
    await expect(page.locator('.review-card__back')).toContainText(/it was revoked on/);
    await expect(selectionForm(page).getByRole('checkbox', { name: /^Psychotherapy notes/ })).toBeDisabled();
    await shot(page, 'back-to-review');
    await selectionForm(page).getByRole('button', { name: 'Preview what will leave' }).click();
    await expect(documentPreview(page).getByText(new RegExp(ROUTINE))).toBeVisible();
    await expect(documentPreview(page).getByText(new RegExp(PROCESS))).toHaveCount(0);
    await selectionForm(page).getByRole('button', { name: 'Approve this release' }).click();
    await expect(page.locator('.review-card__back')).toHaveCount(0);
    const dir = await exportPackage(page, harness);
    const text = pdfText(join(dir, 'records.pdf'));
    expect(text).toContain(ROUTINE);
    expect(text).not.toContain(PROCESS);

    expect(problems).toEqual([]);
  });

  test('a guardian’s request leaves out the care the minor consented to alone', async ({ page }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    const clientId = await practiceWith(page, harness, {
      first: 'Riley',
      last: 'Placeholder',
      // Sixteen years and a month old: a minor whatever today is.
      dateOfBirth: localDate(-30, -16),
      clinician: 'clin',
      guardians: [
        { name: 'Morgan Placeholder', relation: 'Mother', phone: '(555) 010-3030', legalAuthority: 'parent' },
      ],
    });

    // The clinician records the mother's consent to treatment, then a later episode the minor
    // consented to alone, as state law allows.
    await switchTo(page, CLIN);
    await page.goto(`${harness.url}#/clients/${clientId}/intake`);
    await page.getByRole('button', { name: 'Record consent' }).click();
    const consent = page.getByRole('dialog', { name: 'Record consent' });
    const who = consent.getByRole('radiogroup', { name: 'Who consented' });
    await consent.getByRole('radio', { name: /Consent to treatment/ }).check();
    await consent.getByLabel('Date given').fill(localDate(-150));
    await who.getByRole('radio', { name: 'A parent, guardian or representative' }).check();
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await expect(consent).toHaveCount(0);

    await page.getByRole('button', { name: 'Record consent' }).click();
    await consent.getByRole('radio', { name: /Consent to treatment/ }).check();
    await consent.getByLabel('Date given').fill(localDate(-45));
    await expect(consent.getByLabel('Date signed').first()).toHaveValue(localDate(-45));
    await who.getByRole('radio', { name: 'The minor alone, as state law allows' }).check();
    // The minor signs alone: the mother's signature prefilled from the chart is taken off.
    await expect(consent.getByLabel('Signer name')).toHaveCount(1);
    await expect(consent.getByLabel('Signer name')).toHaveValue('Riley Placeholder');
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await expect(consent.getByText('Record the state law that lets the minor consent alone.')).toBeVisible();
    await consent.getByLabel('State law that lets the minor consent').fill('ORS 109.675 (synthetic example)');
    await expect(consent.getByText('The minor’s own care')).toBeVisible();
    await scrollToTop(consent.locator('.consent-bases'));
    await shot(page, 'consent-minor-alone');
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await expect(consent).toHaveCount(0);
    const consents = page.locator('.consent-list');
    await expect(consents.getByText('Minor’s own care — not shared with guardians')).toHaveCount(1);
    await expect(consents.getByText('The minor alone, as state law allows')).toBeVisible();
    await expect(consents.getByText('ORS 109.675 (synthetic example)')).toBeVisible();
    await shot(page, 'consents-panel');

    // A note in each episode of care.
    await signedNote(
      page,
      clientId,
      localDate(-100),
      `Synthetic: family session about the ${GUARDIAN_EPISODE} move.`,
    );
    await signedNote(
      page,
      clientId,
      localDate(-20),
      `Synthetic: Riley spoke about ${MINOR_EPISODE} privately.`,
    );

    // The mother asks for a copy: front desk picks her from the chart and records her authority.
    await switchTo(page, DESK);
    await startRequest(page, 'Placeholder', 'Client’s own request for a copy');
    const form = page.getByRole('form', { name: 'New release request' });
    await form.getByLabel(/parent, guardian or other personal representative/).check();
    await form.getByRole('button', { name: 'Use Morgan Placeholder' }).click();
    await expect(form.getByLabel('Who asked')).toHaveValue('Morgan Placeholder');
    await expect(form.getByLabel('Representative’s authority')).toHaveValue(
      /Mother; parent with legal custody/,
    );
    await form.getByLabel('How it was checked').selectOption('photo_id');
    await shot(page, 'guardian-request');
    await form.getByRole('button', { name: 'Open request' }).click();
    await expect(page.getByRole('heading', { name: /Riley Placeholder/ })).toBeVisible();
    const requestUrl = page.url();
    await page.getByRole('button', { name: 'Send to clinician for review' }).click();
    await expect(statusBadge(page).getByText('Awaiting clinician review')).toBeVisible();

    // The clinician's review: the minor's own care is not included, and says why.
    await switchTo(page, CLIN);
    await page.goto(requestUrl);
    await selectionForm(page).getByRole('button', { name: 'Preview what will leave' }).click();
    // The whole record is pre-selected for a copy: the minor's own consent and note both stay home.
    await expect(withheld(page).getByText('2 records of care the minor consented to alone')).toBeVisible();
    await expect(withheld(page)).toContainText(
      'never released to, or at the request of, a parent or guardian',
    );
    await expect(documentPreview(page).getByText(new RegExp(GUARDIAN_EPISODE))).toBeVisible();
    await expect(page.getByText(new RegExp(MINOR_EPISODE))).toHaveCount(0);
    await shot(page, 'review-minor-withheld');
    await selectionForm(page).getByRole('button', { name: 'Approve this release' }).click();
    await expect(page.locator('.review-approved__who')).toContainText('Approved by Dr. Morgan Example');

    await switchTo(page, DESK);
    await page.goto(requestUrl);
    const dir = await exportPackage(page, harness);
    const text = pdfText(join(dir, 'records.pdf'));
    expect(text).toContain(GUARDIAN_EPISODE);
    expect(text).not.toContain(MINOR_EPISODE);

    expect(problems).toEqual([]);
  });

  test('a medical-emergency disclosure goes only to the medical personnel treating it', async ({ page }) => {
    test.setTimeout(180_000);
    const problems = watchForErrors(page);
    await practiceWith(page, harness, AVERY);
    await switchTo(page, CLIN);
    await startRequest(
      page,
      'Fictus',
      'Disclosure without authorization (duty to warn, mandated report, medical emergency)',
    );
    const form = page.getByRole('form', { name: 'New release request' });
    await form
      .getByRole('radiogroup', { name: 'What kind of disclosure' })
      .getByRole('radio', { name: 'Medical emergency' })
      .check();
    await expect(form.getByLabel('Who they are')).toHaveValue('medical_personnel');
    await form
      .getByLabel('The medical emergency')
      .fill('Synthetic: client brought in unresponsive after an overdose.');
    await form.getByLabel('Clinician who decided').selectOption({ label: CLIN.name });
    // The police are not medical personnel treating the emergency (42 CFR 2.51).
    await form.getByLabel('Recipient name').fill('Example Police Department');
    await form.getByLabel('Recipient address').fill('2 Example Road, Springfield, OR 97401');
    await form.getByRole('button', { name: 'Open request' }).click();
    await expect(form.getByLabel('Recipient name')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText(/goes only to the medical personnel treating the emergency/)).toBeVisible();
    await expect(form.getByText('Record the facility of the medical personnel.')).toBeVisible();
    await expect(form.getByText('Record the date and time of the disclosure.')).toBeVisible();
    await shot(page, 'emergency-refused');
    await form.getByLabel('Recipient name').fill('Dr. Sample Attending');
    await form.getByLabel('Facility').fill('Example General Hospital, emergency department');
    await form.getByLabel(/Date and time of the disclosure/).fill(`${localDate(0)}T09:30`);
    await form.getByRole('button', { name: 'Open request' }).click();
    await expect(page.getByRole('heading', { name: /Avery Fictus/ })).toBeVisible();
    const facts = page.locator('.release-facts');
    await expect(facts.getByText(/Medical emergency, to medical personnel treating it/)).toBeVisible();
    await expect(facts.getByText('Example General Hospital, emergency department')).toBeVisible();
    await expect(nav(page)).toBeVisible();
    await shot(page, 'emergency-request');

    expect(problems).toEqual([]);
  });
});
