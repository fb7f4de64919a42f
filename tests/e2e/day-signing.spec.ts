// Signing, printing and disclosures made by hand (issue 18): a 90834 note of a 53-minute session
// is flagged in the checklist and asks before it is signed; a signed note and the chart summary
// print from the chart on sheets of their own (checked as print media); a duty-to-warn call is
// recorded through the Disclosures tab and appears in the accounting with its basis. Screenshots
// at 1024×700 and 1920×1080: test-results/screens/ds-<screen>-<size>.png.
import { expect, test, type Page } from '@playwright/test';
import { buildPractice, OWNER, signedNote } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { callFromPage, localDate, SCREEN_SIZES, screenshotBothSizes, watchForErrors } from './support.ts';

const shots = (page: Page, name: string): Promise<void> => screenshotBothSizes(page, `ds-${name}`, 'narrow');

const editor = (page: Page) => page.getByRole('form', { name: 'Note editor' });
const checklistCard = (page: Page) => page.locator('.signing-card');

// window.print opens the system dialog in Electron; here it is counted, and the sheet stays until
// the test ends printing as the dialog would ('afterprint').
const COUNT_PRINTS = `window.__prints = 0; window.print = () => { window.__prints += 1; };`;
const printed = (page: Page) => page.evaluate(`window.dispatchEvent(new Event('afterprint'))`);

test.use({
  actionTimeout: 15_000,
  viewport: { width: SCREEN_SIZES[0].width, height: SCREEN_SIZES[0].height },
});

test.describe('signing, printing and disclosures made by hand', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('asks before signing a mismatched code, prints a note and the chart, records a disclosure', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    await page.addInitScript({ content: COUNT_PRINTS });
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      clients: {
        avery: { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'owner' },
      },
    });
    const client = practice.clients.avery;
    await signedNote(page, client.id, localDate(-7), 'Synthetic: first session; sleep and worry discussed.');

    // A 90834 note of a 53-minute session: the checklist says so while the note is written.
    await page.goto(`${harness.url}#/clients/${client.id}/notes`);
    await page.getByRole('link', { name: 'New progress note' }).click();
    const form = editor(page);
    await form.getByLabel('Start').fill('14:00');
    await form.getByLabel('End').fill('14:53');
    await form.getByLabel('Service code').selectOption('90834');
    await form
      .getByRole('radiogroup', { name: 'How the session took place' })
      .getByRole('radio', { name: 'In person', exact: true })
      .check();
    await form.getByLabel('Location').fill('Office 2');
    await form.getByLabel('Participants').fill('Client');
    await form
      .getByRole('radiogroup', { name: 'Risk level' })
      .getByRole('radio', { name: 'Low', exact: true })
      .check();
    for (const [label, text] of [
      ['Subjective', 'Synthetic: said the week felt steadier.'],
      ['Objective', 'Synthetic: calm, engaged, on time.'],
      ['Assessment', 'Synthetic: progress toward the sleep goal.'],
      ['Plan', 'Synthetic: continue weekly; keep the sleep diary.'],
    ] as const)
      await form.getByLabel(label, { exact: true }).fill(text);
    const mismatch =
      '90834 is for 38 to 52 minutes; this session lasted 53 minutes, which is billed as 90837.';
    await expect(checklistCard(page).getByText('Check the service code')).toBeVisible();
    await expect(checklistCard(page).getByText(mismatch)).toBeVisible();
    await expect(page.locator('.note-save').getByText(/^Saved /)).toBeVisible();
    await shots(page, 'editor-code-mismatch');

    // Signing asks, with the reason; going back changes nothing.
    await page.getByRole('button', { name: 'Sign note' }).click();
    const asking = page.getByRole('dialog', { name: 'Sign with this service code?' });
    await expect(asking.getByText(mismatch)).toBeVisible();
    await shots(page, 'sign-mismatch-dialog');
    await asking.getByRole('button', { name: 'Cancel' }).click();
    await expect(asking).toHaveCount(0);
    await expect(page.getByRole('heading', { name: /Progress note/ }).getByText('Draft')).toBeVisible();

    // Signed anyway: the confirmation goes to main with the code and length the clinician saw.
    await page.getByRole('button', { name: 'Sign note' }).click();
    await asking.getByRole('button', { name: 'Sign anyway' }).click();
    await expect(asking).toHaveCount(0);
    await expect(page.locator('.note-head').getByText('Signed', { exact: true })).toBeVisible();

    await shots(page, 'signed-note');

    // Print the note: main returns it (audited), the sheet is the only thing on paper.
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    const sheet = page.locator('.record-sheet');
    await expect(sheet).toHaveCount(1);
    expect(await page.evaluate('window.__prints')).toBe(1);
    await expect(sheet).toBeHidden();
    await page.emulateMedia({ media: 'print' });
    await expect(sheet).toBeVisible();
    // The sheet is aria-hidden (on screen it is never shown), so it is read by its text.
    await expect(sheet.locator('h1')).toHaveText('Progress note');
    await expect(sheet).toContainText('Synthetic: progress toward the sleep goal.');
    await expect(sheet).toContainText('90834 · Psychotherapy, 45 minutes');
    await expect(sheet).toContainText('SHA-256 of the signed content');
    await expect(sheet).toContainText('the print is recorded in the audit log');
    await expect(page.locator('#root')).toBeHidden();
    await expect(sheet).toContainText(/2:00\s?PM–2:53\s?PM \(53 min\)/);
    await shots(page, 'note-print');
    await page.emulateMedia({ media: 'screen' });
    await printed(page);
    await expect(sheet).toHaveCount(0);

    // The chart summary, from the chart's header.
    await page.goto(`${harness.url}#/clients/${client.id}`);
    await page.getByRole('button', { name: 'Print summary' }).click();
    const summary = page.locator('.record-sheet');
    await expect(summary.locator('h1')).toHaveText('Chart summary');
    await page.emulateMedia({ media: 'print' });
    await expect(summary).toContainText('Avery Fictus');
    // Both signed notes, newest first.
    await expect(summary.locator('tbody tr')).toHaveCount(2);
    await shots(page, 'chart-summary-print');
    await page.emulateMedia({ media: 'screen' });
    await printed(page);
    await expect(summary).toHaveCount(0);
    expect(await page.evaluate('window.__prints')).toBe(2);

    // Both prints are in the audit log, in words.
    const audit = await callFromPage(page, 'audit.list', { filter: {}, limit: 50 });
    expect(audit.ok, JSON.stringify(audit.error)).toBe(true);
    const actions = JSON.stringify(audit.value);
    expect(actions).toContain('note.print');
    expect(actions).toContain('chart.print');

    // A duty-to-warn call, recorded by hand, appears in the accounting with its basis.
    await page.goto(`${harness.url}#/clients/${client.id}/disclosures`);
    await page.getByRole('button', { name: 'Record a disclosure' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a disclosure' });
    await dialog.getByRole('button', { name: 'Record disclosure' }).click();
    await expect(dialog.getByText('Choose the basis of the disclosure.')).toBeVisible();
    await dialog.getByRole('radio', { name: /Serious threat \(duty to warn\)/ }).check();
    await dialog.getByLabel('Recipient', { exact: true }).fill('Officer Dana Example, Springfield Police');
    await dialog.getByLabel('Recipient address').fill('10 Main Street, Springfield, OR 97401');
    await dialog
      .getByLabel('What was disclosed')
      .fill('Synthetic: the client’s stated threat toward a named person, by phone.');
    await dialog.getByLabel('Purpose').fill('Synthetic: to avert a serious and imminent threat.');
    await shots(page, 'disclosure-dialog');
    await dialog.getByRole('button', { name: 'Record disclosure' }).click();
    await expect(dialog).toHaveCount(0);
    const row = page
      .locator('.accounting-table')
      .getByRole('row')
      .filter({ hasText: 'Officer Dana Example' });
    await expect(row).toContainText('Emergency (serious threat)');
    await expect(row).toContainText('Recorded by hand by');
    await shots(page, 'accounting-with-manual');
    // The printed accounting carries the basis too.
    await page.emulateMedia({ media: 'print' });
    const accounting = page.locator('.accounting-sheet');
    await expect(accounting).toBeVisible();
    await expect(accounting.locator('tr').filter({ hasText: 'Officer Dana Example' })).toContainText(
      'Emergency (serious threat)',
    );
    await shots(page, 'accounting-print');
    await page.emulateMedia({ media: 'screen' });

    // An intake code on a later session: only main knows the chart's earlier sessions, so the
    // question comes when Sign note is pressed, in the same dialog.
    const intake = await callFromPage<{ noteId: string }>(page, 'notes.saveDraft', {
      clientId: client.id,
      kind: 'progress',
      template: 'dap',
      serviceDate: localDate(),
      startTime: '09:00',
      endTime: '10:00',
      serviceCode: '90791',
      modality: 'video',
      riskLevel: 'low',
      sections: {
        data: 'Synthetic: re-evaluation requested.',
        assessment: 'Synthetic: stable.',
        plan: 'Synthetic: continue.',
      },
      part2: false,
    });
    expect(intake.ok, JSON.stringify(intake.error)).toBe(true);
    await page.goto(`${harness.url}#/clients/${client.id}/notes/${intake.value?.noteId ?? ''}`);
    await expect(checklistCard(page).getByText('Check the service code')).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign note' }).click();
    await page
      .getByRole('dialog', { name: 'Sign this note?' })
      .getByRole('button', { name: 'Sign note' })
      .click();
    await expect(
      asking.getByText(
        '90791 is an intake code, but this client already has a signed session note before this one.',
      ),
    ).toBeVisible();
    await shots(page, 'sign-intake-code-dialog');
    await asking.getByRole('button', { name: 'Sign anyway' }).click();
    await expect(page.locator('.note-head').getByText('Signed', { exact: true })).toBeVisible();

    expect(problems).toEqual([]);
  });
});
