// Amendment requests from the desk to the letter (45 CFR 164.526; issue 19), end to end in Chromium
// against a real core: front desk records a client's written request on the chart's Rights tab; the
// clinician denies it and writes the denial letter (its four parts are in the PDF); front desk takes
// in the statement of disagreement; the clinician writes the rebuttal and sends the client a copy.
// A second request is accepted: the client agrees whom to tell, a notice is written, and the note
// view and the timeline show the amendment. Screenshots go to test-results/screens/19b-*.png.
import { expect, test, type Locator, type Page } from '@playwright/test';
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
  pdfText,
  SCREENS,
  screenshotBothSizes,
  signIn,
  switchTo,
  watchForErrors,
} from './support.ts';

const card = (page: Page) => page.getByRole('region', { name: 'Amendment requests' });
const request = (page: Page, received: string) =>
  card(page).getByRole('article', { name: `Amendment request received ${received}` });
const usDay = (iso: string) =>
  new Date(`${iso}T12:00:00`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  });

async function letterFolder(item: Locator): Promise<string> {
  const saved = item.getByText(/The letter is in the folder “/);
  await expect(saved).toBeVisible({ timeout: 30_000 });
  return /“(.+)”/.exec((await saved.textContent()) ?? '')?.[1] ?? '';
}

test.use({ actionTimeout: 15_000 });

test.describe('amendment requests', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('from the written request to the letters: denied with a statement and rebuttal, and accepted with notices', async ({
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
    const rights = `${harness.url}#/clients/${clientId}/rights`;
    await switchTo(page, CLIN);
    const first = await signedNote(page, clientId, localDate(-21), 'Synthetic: spoke of the harbor walk.');
    await signedNote(page, clientId, localDate(-14), 'Synthetic: spoke of the orchard.');

    // Front desk records the written request, with someone the client wants told.
    await switchTo(page, DESK);
    await page.goto(rights);
    await expect(card(page).getByText('No amendment requests.')).toBeVisible();
    await card(page).getByRole('button', { name: 'Record request' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record an amendment request' });
    await dialog.getByLabel('Date received').fill(localDate(-2));
    await dialog
      .getByRole('checkbox', { name: new RegExp(`Session note of ${usDay(localDate(-21))}`) })
      .check();
    await dialog
      .getByLabel('What the client asks to change, in their words')
      .fill('Synthetic: the note says I missed a week of work in March. I did not; please correct it.');
    await dialog.getByRole('button', { name: 'Add a person' }).click();
    await dialog.getByLabel('Name').fill('Dr. Example Named, Sample Clinic');
    await dialog.getByLabel('Address').fill('4 Sample Lane, Springfield, OR 97401');
    // Locked in the middle (Ctrl+L): signed back in, the dialog opens again with every word.
    await page.keyboard.press('Control+l');
    await expect(
      page.getByRole('heading', { name: 'Locked — sign in to continue', exact: true }),
    ).toBeVisible();
    await signIn(page, DESK.username, DESK.password);
    await expect(dialog).toBeVisible({ timeout: 20_000 });
    await expect(dialog.getByText('What you entered before is back')).toBeVisible();
    await expect(dialog.getByLabel('Address')).toHaveValue('4 Sample Lane, Springfield, OR 97401');
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '19b-record-request', 'wide');
    await dialog.getByRole('button', { name: 'Record request' }).click();
    await expect(dialog).toBeHidden();
    const denied = request(page, usDay(localDate(-2)));
    await expect(denied.getByText('Awaiting decision')).toBeVisible();
    await expect(denied.getByText(`Due ${usDay(localDate(58))}`)).toBeVisible();
    await expect(
      denied.getByText('The author of these records, the client’s primary clinician'),
    ).toBeVisible();
    await expect(denied.getByRole('button', { name: 'Decide' })).toHaveCount(0);
    await screenshotBothSizes(page, '19b-request-recorded', 'wide');

    // The author is away: front desk gives the one extension and writes the letter that says so.
    await denied.getByRole('button', { name: 'Extend due date' }).click();
    const extend = page.getByRole('dialog', { name: 'Extend the due date' });
    await extend
      .getByLabel('Reason for the delay')
      .fill('Synthetic: the author of the note is away this week.');
    await extend.getByRole('button', { name: 'Extend due date' }).click();
    await expect(extend).toBeHidden();
    await expect(denied.getByText(`Extended to ${usDay(localDate(88))}`)).toBeVisible();
    await denied.getByRole('button', { name: 'Write extension letter' }).click();
    const extension = await letterFolder(denied);
    expect(pdfText(join(harness.pickFolder, extension, 'amendment-extension.pdf'))).toContain(
      'the author of the note is away',
    );
    await screenshotBothSizes(page, '19b-extended', 'wide');
    // The request is on the due list beside the access requests.
    await page.goto(`${harness.url}#/releases`);
    const due = page.getByRole('list', { name: 'Client-rights requests with a due date' });
    await expect(due.getByText(/Amendment request · Amend 1 record/)).toBeVisible();
    await screenshotBothSizes(page, '19b-due-list', 'wide');

    // The clinician (author and primary clinician) denies it and writes the denial letter.
    await switchTo(page, CLIN);
    await page.goto(rights);
    await denied.getByRole('button', { name: 'Decide' }).click();
    const decide = page.getByRole('dialog', { name: 'Decide the amendment request' });
    await decide.getByRole('radio', { name: /Deny/ }).check();
    await decide.getByLabel('Basis for the denial').selectOption({ label: 'Accurate and complete' });
    await decide
      .getByLabel('Explanation')
      .fill('Synthetic: the note records what you told me in session on that day.');
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '19b-decide-deny', 'wide');
    await decide.getByRole('button', { name: 'Deny request' }).click();
    await expect(decide).toBeHidden();
    await expect(denied.locator('.badge', { hasText: 'Denied' })).toBeVisible();
    await denied.getByRole('button', { name: 'Write denial letter' }).click();
    const folder = await letterFolder(denied);
    const denialPdf = join(harness.pickFolder, folder, 'amendment-denial.pdf');
    execFileSync('pdftoppm', ['-r', '60', '-png', denialPdf, join(SCREENS, '19b-denial-letter')]);
    const letter = pdfText(denialPdf).replace(/\s+/g, ' ');
    expect(letter).toContain('The record is accurate and complete.');
    expect(letter).toContain('statement disagreeing with this decision');
    expect(letter).toContain('ask us to include your request and this letter');
    expect(letter).toContain(PRACTICE.privacyContact);
    expect(letter).toContain('Office for Civil Rights');

    // Front desk takes in the client's statement of disagreement.
    await switchTo(page, DESK);
    await page.goto(rights);
    await denied.getByRole('button', { name: 'Record statement of disagreement' }).click();
    const statement = page.getByRole('dialog', { name: 'Record the statement of disagreement' });
    await statement
      .getByLabel('The client’s statement')
      .fill('Synthetic: I disagree. I worked every day that week and can show my timesheets.');
    await expect(statement.getByText(/characters \(about one page\)/)).toBeVisible();
    await screenshotBothSizes(page, '19b-statement', 'wide');
    await statement.getByRole('button', { name: 'Record statement' }).click();
    await expect(statement).toBeHidden();

    // The clinician writes the rebuttal and sends the client a copy.
    await switchTo(page, CLIN);
    await page.goto(rights);
    await denied.getByRole('button', { name: 'Write rebuttal' }).click();
    const rebuttal = page.getByRole('dialog', { name: 'Write a rebuttal' });
    await rebuttal
      .getByLabel('The rebuttal')
      .fill('Synthetic: the note quotes the client’s own words that day.');
    await rebuttal.getByRole('button', { name: 'Record rebuttal' }).click();
    await expect(rebuttal).toBeHidden();
    await denied.getByRole('button', { name: 'Send the client a copy of the rebuttal' }).click();
    const copy = await letterFolder(denied);
    expect(pdfText(join(harness.pickFolder, copy, 'amendment-rebuttal.pdf'))).toContain('quotes the client');
    await expect(denied.locator('.amendment__letters').getByText('Copy of the rebuttal')).toBeVisible();

    // A second request, accepted: whom to tell, and a notice to each.
    const accepted = await page.evaluate(
      async ([c, n, day]) => {
        const api = (
          globalThis as unknown as { stillwater: { call(c: string, i: unknown): Promise<unknown> } }
        ).stillwater;
        return api.call('amendments.create', {
          clientId: c,
          receivedOn: day,
          requestText: 'Synthetic: my sister did not come to that session; it was my cousin.',
          records: [{ itemKind: 'note', recordId: n }],
          includeIfDenied: false,
          notify: [
            { name: 'Dr. Example Named, Sample Clinic', address: '4 Sample Lane, Springfield, OR 97401' },
          ],
        });
      },
      [clientId, first, localDate(-1)] as const,
    );
    expect((accepted as { ok: boolean }).ok).toBe(true);
    await page.reload();
    const second = request(page, usDay(localDate(-1)));
    await second.getByRole('button', { name: 'Decide' }).click();
    await decide.getByRole('radio', { name: /Accept/ }).check();
    await decide
      .getByLabel('The amendment')
      .fill('Synthetic: amended at the client’s request: the cousin came, not the sister.');
    await decide.getByRole('button', { name: 'Accept and append' }).click();
    await expect(decide).toBeHidden();
    await second.getByRole('button', { name: 'Choose whom to tell' }).click();
    const notify = page.getByRole('dialog', { name: 'Whom to tell of the amendment' });
    await expect(notify.getByText('Named by the client')).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '19b-notify', 'wide');
    await notify.getByRole('button', { name: 'Record the list (1)' }).click();
    await expect(notify).toBeHidden();
    await second.getByRole('button', { name: 'Write notice' }).click();
    const notice = await letterFolder(second);
    expect(pdfText(join(harness.pickFolder, notice, 'amendment-notice.pdf'))).toContain('the cousin came');
    await expect(second.getByText('Notice written')).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, '19b-rights-tab', 'wide');

    // The note shows the amendment with it; the timeline marks it.
    await page.goto(`${harness.url}#/clients/${clientId}/notes/${first}`);
    const amended = page.getByRole('region', { name: 'Amendments to this record' });
    await expect(amended.getByText('the cousin came, not the sister')).toBeVisible();
    await screenshotBothSizes(page, '19b-note-amended', 'wide');
    await page.goto(`${harness.url}#/clients/${clientId}/notes`);
    await expect(page.getByRole('list', { name: 'Timeline' }).getByText('Amended')).toBeVisible();
    await screenshotBothSizes(page, '19b-timeline-amended', 'wide');

    expect(problems).toEqual([]);
  });
});
