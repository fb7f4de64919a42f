// Retention and destruction (issue 19), end to end in Chromium against a real core: two discharged
// clients seen last eight years ago are past the practice's seven-year rule; the owner sees them in
// Settings > Retention and destruction with their dates, places a legal hold on one (whose
// destruction is then not offered), destroys the other after typing its chart number, and the
// certificate of destruction is written to the chosen folder. Screenshots go to
// test-results/screens/retention-*.png.
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { buildPractice, CLINICIAN as CLIN, OWNER, signedNote } from './fixtures/practice.ts';
import {
  axeProblems,
  callFromPage,
  localDate,
  nav,
  pdfText,
  SCREEN_SIZES,
  SCREENS,
  screenshotBothSizes,
  signIn,
  switchTo,
  watchForErrors,
} from './support.ts';

const section = (page: Page) =>
  page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Retention and destruction', exact: true }) });

/** The section alone at both sizes (the Settings page is long; the full-page shots show it in place). */
async function sectionShots(page: Page, name: string): Promise<void> {
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await section(page).screenshot({ path: `${SCREENS}/${name}-${size.name}.png`, animations: 'disabled' });
  }
}

async function ok<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await callFromPage<T>(page, channel, input);
  expect(r.ok, `${channel}: ${JSON.stringify(r.error)}`).toBe(true);
  return r.value as T;
}

test.use({ actionTimeout: 15_000 });

test.describe('retention and destruction', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('the owner holds one chart past retention and destroys another, with a certificate', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN },
      clients: {
        held: { first: 'Marlowe', last: 'Keepwell', dateOfBirth: '1979-04-02', clinician: 'clin' },
        gone: { first: 'Tobiah', last: 'Farewether', dateOfBirth: '1983-09-17', clinician: 'clin' },
      },
      firstSignIns: true,
    });
    const held = practice.clients.held.id;
    const gone = practice.clients.gone.id;
    await switchTo(page, CLIN);
    await signedNote(page, held, localDate(-20), 'Synthetic: last session before a move.');
    await signedNote(page, gone, localDate(-10), 'Synthetic: the Quenderwick plan is complete.');
    for (const clientId of [held, gone])
      await ok(page, 'clients.setStatus', {
        clientId,
        status: 'discharged',
        effectiveDate: localDate(-5),
        reason: 'Treatment completed',
      });

    // Eight years on, both charts are past the seven-year rule.
    await harness.advance(8 * 366 * 86_400_000);
    // The inactivity lock fired on the way: the owner signs in.
    await expect(page.getByRole('heading', { name: 'Locked — sign in to continue' })).toBeVisible();
    await signIn(page, OWNER.username, OWNER.password);
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    await page.goto(`${harness.url}#/settings`);
    const charts = section(page).getByRole('region', {
      name: 'Charts past retention and charts under a legal hold',
    });
    await expect(charts.getByRole('row')).toHaveCount(3);
    await expect(charts.getByRole('row', { name: /Keepwell/ })).toContainText('Years after the last visit');
    await expect(charts.getByRole('row', { name: /Farewether/ })).toContainText('May be destroyed');
    await section(page).getByRole('heading', { name: 'Charts past retention' }).scrollIntoViewIfNeeded();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, 'retention-settings', 'wide');
    await sectionShots(page, 'retention-section');

    // A legal hold on one: its destruction is no longer offered.
    await charts
      .getByRole('row', { name: /Keepwell/ })
      .getByRole('button', { name: 'Place hold' })
      .click();
    const hold = page.getByRole('dialog', { name: 'Place a legal hold' });
    await hold.getByLabel('Reason').fill('Subpoena in a synthetic custody matter');
    await hold.getByRole('button', { name: 'Place hold' }).click();
    await expect(hold).toBeHidden();
    const heldRow = charts.getByRole('row', { name: /Keepwell/ });
    await expect(heldRow).toContainText('Legal hold');
    await expect(heldRow.getByRole('button', { name: 'Destroy…' })).toBeDisabled();
    await expect(heldRow.getByRole('button', { name: 'Lift hold' })).toBeVisible();

    // The other is destroyed once its chart number is typed.
    const goneRow = charts.getByRole('row', { name: /Farewether/ });
    const chartNumber = /Chart (SW-\d+)/.exec((await goneRow.textContent()) ?? '')?.[1] ?? '';
    await goneRow.getByRole('button', { name: 'Destroy…' }).click();
    const destroy = page.getByRole('dialog', { name: `Destroy chart ${chartNumber}` });
    const confirm = destroy.getByRole('button', { name: 'Destroy chart' });
    await expect(confirm).toBeDisabled();
    await destroy.getByLabel(/Type the chart number/).fill('0');
    await expect(confirm).toBeDisabled();
    await destroy.getByLabel(/Type the chart number/).fill(chartNumber);
    await expect(confirm).toBeEnabled();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, 'retention-destroy-dialog', 'wide');
    await confirm.click();
    await expect(destroy).toBeHidden({ timeout: 30_000 });

    // The tombstone is listed; the certificate is in the folder; the chart is gone.
    const tombstones = section(page).getByRole('region', { name: 'Destroyed charts (tombstones)' });
    await expect(tombstones.getByRole('row', { name: new RegExp(`Chart ${chartNumber}`) })).toContainText(
      'Retention period ended',
    );
    await expect(charts.getByRole('row')).toHaveCount(2);
    const folder = readdirSync(harness.pickFolder).find((n) =>
      n.startsWith(`Stillwater-destruction-${chartNumber}`),
    );
    expect(folder).toBeDefined();
    const pdf = join(harness.pickFolder, folder ?? '', 'destruction-certificate.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain('Certificate of destruction');
    expect(text).toContain(chartNumber);
    expect(text).not.toContain('Farewether');
    expect((await callFromPage(page, 'clients.get', { clientId: gone })).error?.code).toBe('NOT_FOUND');
    await tombstones.scrollIntoViewIfNeeded();
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, 'retention-after', 'wide');
    await sectionShots(page, 'retention-section-after');

    // The held client asks that their record be deleted: recorded on the Rights tab, answered with
    // the rule that applies.
    await page.goto(`${harness.url}#/clients/${held}/rights`);
    const requests = page.getByRole('region', { name: 'Requests to delete' });
    await expect(requests.getByText('No request to delete on file for this client.')).toBeVisible();
    await requests.getByRole('button', { name: 'Record a request' }).click();
    const record = page.getByRole('dialog', { name: 'Record a request to delete' });
    await record
      .getByLabel('What the client asked')
      .fill('Synthetic: please delete everything you have about me.');
    expect(await axeProblems(page)).toEqual([]);
    await screenshotBothSizes(page, 'retention-deletion-dialog', 'wide');
    await record.getByRole('button', { name: 'Record request' }).click();
    await expect(record).toBeHidden();
    const item = requests.getByRole('listitem');
    await expect(item).toContainText('Answer by');
    await expect(item).toContainText('7 years after the last visit');
    await item.getByRole('button', { name: 'Write the answer…' }).click();
    await expect(item).toContainText('Answered');
    const answer = readdirSync(harness.pickFolder).find((n) => n.startsWith('Stillwater-deletion-answer-'));
    expect(answer).toBeDefined();
    const letter = pdfText(join(harness.pickFolder, answer ?? '', 'deletion-request-answer.pdf'));
    expect(letter).toContain('Dear Marlowe Keepwell');
    expect(letter).toContain('7 years after the last visit');
    expect(await axeProblems(page)).toEqual([]);
    await requests.scrollIntoViewIfNeeded();
    await screenshotBothSizes(page, 'retention-rights-tab', 'wide');
    expect(problems).toEqual([]);
  });
});
