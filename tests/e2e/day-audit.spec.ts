// "Who opened this chart?" (issue 18, item 2): a clinician opens a client's chart and types a note
// for a while; the owner filters the audit log by that client and reads "Opened chart of …" rows,
// the note's autosaves as one row, nothing about the other client; the chart's Access history tab
// shows the same to the owner and to the primary clinician; the CSV export is written by main into
// the folder picked. Screenshots at 1024x700 and 1920x1080: test-results/screens/18a-*.png.
import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPractice } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  axeProblems,
  firstSignIn,
  SCREEN_SIZES,
  screenshotBothSizes,
  signOut,
  switchTo,
  watchForErrors,
} from './support.ts';

// Synthetic people only: obviously fictional.
const OWNER = { name: 'Dr. Hollis Auditwell', username: 'hauditwell', password: 'granite-fjord-lantern-64' };
const CLIN = {
  name: 'Dr. Sasha Example',
  username: 'sexample',
  temporary: 'willow-amber-cinder-23',
  password: 'meadow-quartz-heron-71',
  role: 'clinician',
  credentials: 'LMFT',
} as const;

const shots = (page: Page, name: string): Promise<void> => screenshotBothSizes(page, `18a-${name}`, 'narrow');

const chartTabs = (page: Page) => page.getByRole('navigation', { name: 'Chart sections' });
const editor = (page: Page) => page.getByRole('form', { name: 'Note editor' });
const saved = (page: Page) => page.locator('.note-save').getByText(/^Saved /);
const auditRows = (page: Page) => page.getByRole('table', { name: /Audit log entries/ }).locator('tbody tr');

test.use({
  actionTimeout: 15_000,
  viewport: { width: SCREEN_SIZES[0].width, height: SCREEN_SIZES[0].height },
});

test.describe('audit log journey', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('the owner finds who opened a chart, its access history, one row per typed note, and exports CSV', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN },
      clients: {
        ana: { first: 'Ana', last: 'Díaz', dateOfBirth: '1990-04-02', clinician: 'clin' },
        ben: { first: 'Ben', last: 'Okafor', dateOfBirth: '1979-11-30', clinician: 'clin' },
      },
    });
    const ana = practice.clients.ana.id;
    const ben = practice.clients.ben.id;
    await signOut(page);

    // The clinician opens Ana's chart, types a progress note for a while (several autosaves), then
    // opens Ben's chart.
    await firstSignIn(page, CLIN);
    await page.goto(`${harness.url}#/clients/${ana}/notes`);
    await page.getByRole('link', { name: 'New progress note' }).click();
    const subjective = editor(page).getByLabel('Subjective', { exact: true });
    const chunks = [
      'Arrived on time and said the week had been steadier. ',
      'Slept better after cutting late coffee. ',
      'Still worried about the move in spring. ',
      'Wants to keep practicing the breathing exercise.',
    ];
    for (const chunk of chunks) {
      await subjective.pressSequentially(chunk, { delay: 5 });
      await expect(saved(page)).toBeVisible();
      // Each pause is long enough for the editor to save what was typed.
      await page.waitForTimeout(1_200);
    }
    await page.goto(`${harness.url}#/clients/${ben}`);
    await expect(page.getByRole('heading', { name: /Ben Okafor/ })).toBeVisible();

    // As Ana's primary clinician, they see her chart's Access history.
    await page.goto(`${harness.url}#/clients/${ana}/access`);
    await expect(chartTabs(page).getByRole('link', { name: 'Access history' })).toBeVisible();
    const history = page.getByRole('table', { name: /Access history of Ana Díaz/ });
    await expect(history.getByText('Opened chart of Ana Díaz').first()).toBeVisible();
    await shots(page, 'access-history-clinician');
    expect(await axeProblems(page)).toEqual([]);

    // The owner filters the audit log by Ana.
    await switchTo(page, OWNER);
    await page.goto(`${harness.url}#/audit`);
    await expect(page.getByRole('heading', { name: 'Audit log', exact: true })).toBeVisible();
    const filters = page.getByRole('form', { name: 'Filter the audit log' });
    await filters.getByLabel('Client').fill('Díaz');
    await filters.getByRole('button', { name: /Ana Díaz/ }).click();
    await filters.getByRole('button', { name: 'Apply' }).click();
    await expect(auditRows(page).filter({ hasText: 'Opened chart of Ana Díaz' }).first()).toBeVisible();
    await expect(auditRows(page).filter({ hasText: 'Opened chart of Ana Díaz' }).first()).toContainText(
      CLIN.name,
    );
    // The typed note is one row, with its count of autosaves and their time span.
    const drafting = auditRows(page).filter({ hasText: /draft note from/ });
    await expect(drafting).toHaveCount(1);
    await expect(drafting).toContainText(
      /Edited draft note from \w{3} \d{1,2} \(\d+ autosaves\)|Started draft note/,
    );
    await expect(page.getByRole('table', { name: /Audit log entries/ })).not.toContainText('Ben Okafor');
    await expect(page.getByRole('table', { name: /Audit log entries/ })).not.toContainText(
      /[0-9a-f]{8}-[0-9a-f]{4}-/,
    );
    await shots(page, 'audit-by-client');
    expect(await axeProblems(page)).toEqual([]);

    // The CSV export: main writes it into the folder picked, and the export is itself audited.
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const banner = page.getByText(/^Saved \d+ entries as/);
    await expect(banner).toBeVisible();
    const file = readdirSync(harness.pickFolder).find((f) => /^stillwater-audit-.*\.csv$/.test(f));
    expect(file).toBeDefined();
    const csv = readFileSync(join(harness.pickFolder, file ?? ''), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^seq,at,who,description,record,client,/);
    expect(csv).toContain('Opened chart of Ana Díaz');
    expect(csv).not.toContain('Ben Okafor');
    await filters.getByRole('button', { name: 'Clear' }).click();
    await expect(auditRows(page).first()).toContainText(/Exported the audit log of Ana Díaz \(\d+ entries\)/);
    await shots(page, 'audit-all');

    // The owner sees Ana's Access history on her chart too.
    await page.goto(`${harness.url}#/clients/${ana}`);
    await chartTabs(page).getByRole('link', { name: 'Access history' }).click();
    await expect(
      page
        .getByRole('table', { name: /Access history of Ana Díaz/ })
        .getByText(/Edited draft note|Started draft note/),
    ).toHaveCount(1);
    await shots(page, 'access-history-owner');

    expect(problems).toEqual([]);
  });
});
