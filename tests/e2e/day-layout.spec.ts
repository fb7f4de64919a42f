// Every main screen at a 13-inch laptop at 150 % scaling (1024×700) and at 1920×1080: the owner (who
// is also the client's clinician, so every screen is open to them) walks the client list, each chart
// tab, the note editor, the notes list, releases and two requests, the audit log, settings with a
// backup, and staff, with the important dialogs open, then the sidebar folded and opened and the
// sign-in screen; front desk walks its client list, a chart's Sessions tab and releases. On each: a
// screenshot (test-results/screens/dl-<screen>-<size>.png), no horizontal page overflow, the editor
// and its side panel apart, and axe-core finding nothing serious or critical.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { buildPractice, CLINICIAN, FRONT_DESK, OWNER, PRACTICE, signedNote } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  axeProblems,
  callFromPage,
  firstSignIn,
  localDate,
  nav,
  SCREEN_SIZES,
  screenshot,
  signOut,
} from './support.ts';

/** What a person cannot work around: the page wider than the window, panels on top of each other. */
async function layoutProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  );
  if (scrollWidth > innerWidth)
    problems.push(`the page is ${String(scrollWidth)} px wide in a ${String(innerWidth)} px window`);
  const editor = page.locator('.note-editor__main');
  const main = (await editor.count()) > 0 ? await editor.boundingBox() : null;
  const side = main ? await page.locator('.note-editor__side').boundingBox() : null;
  if (main && side) {
    const apart =
      main.x + main.width <= side.x ||
      side.x + side.width <= main.x ||
      main.y + main.height <= side.y ||
      side.y + side.height <= main.y;
    if (!apart) problems.push('the note editor overlaps its side panel');
  }
  return problems;
}

/** Screenshots the screen as it is now and records what is wrong with it under its name. */
async function check(page: Page, name: string, found: string[]): Promise<void> {
  await screenshot(page, `dl-${name}`);
  for (const problem of [...(await layoutProblems(page)), ...(await axeProblems(page))])
    found.push(`${name}: ${problem}`);
}

interface Screen {
  name: string;
  /** The address inside the app (after #/). */
  path: string;
  /** What shows when the screen has loaded. */
  ready: (page: Page) => Locator;
  /** An important dialog of this screen: the button that opens it and its name. */
  dialog?: { button: string; name: string | RegExp };
}

/** The dialogs of the chart's tabs that take the most typing, opened by buttons of the same name. */
const CHART_DIALOGS: Partial<Record<string, { button: string; name: string }>> = {
  screenings: { button: 'Administer PHQ-9', name: 'Administer PHQ-9' },
  intake: { button: 'Record consent', name: 'Record consent' },
  disclosures: { button: 'Record a disclosure', name: 'Record a disclosure' },
};

const RECEIVER = {
  requesterName: 'Sample Family Medicine (synthetic)',
  recipient: { name: 'Dr. Example Receiver', address: '9 Example Plaza, Springfield, OR 97401' },
  purpose: 'Continuity of care',
  verification: { method: 'signed_request_on_file' },
} as const;
const COURT = {
  requesterName: 'County Court (synthetic)',
  recipient: { name: 'County Court Clerk', address: '1 Example Square, Eugene, OR 97401' },
  purpose: 'Court proceeding',
  verification: { method: 'court_document' },
} as const;

/** A third party's release request, received yesterday, entered through main; its id. */
async function thirdPartyRequest(
  page: Page,
  clientId: string,
  party: typeof RECEIVER | typeof COURT,
): Promise<string> {
  const created = await callFromPage<{ summary: { id: string } }>(page, 'releases.create', {
    clientId,
    details: { kind: 'third_party', receivedOn: localDate(-1), ...party },
  });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  return created.value?.summary.id ?? '';
}

/** Opens each screen and checks it at both sizes, with its dialog open too. */
async function walk(page: Page, url: string, screens: Screen[], found: string[]): Promise<void> {
  for (const screen of screens) {
    await page.goto(`${url}#/${screen.path}`);
    await expect(screen.ready(page), screen.name).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
    for (const size of SCREEN_SIZES) {
      await page.setViewportSize(size);
      await check(page, `${screen.name}-${size.name}`, found);
      if (!screen.dialog) continue;
      await page.getByRole('button', { name: screen.dialog.button }).click();
      const dialog = page.getByRole('dialog', { name: screen.dialog.name });
      await expect(dialog).toBeVisible();
      await check(page, `${screen.name}-dialog-${size.name}`, found);
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    }
  }
}

const heading = (name: string | RegExp) => (page: Page) =>
  page.getByRole('heading', { name, level: 1 }).first();

test.use({ actionTimeout: 15_000 });

test.describe('the day at two screen sizes', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('every screen fits 1024×700 and 1920×1080 and axe finds nothing serious', async ({ page }) => {
    test.setTimeout(180_000);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLINICIAN, desk: FRONT_DESK },
      clients: {
        avery: {
          first: 'Avery',
          last: 'Fictus-Longname',
          preferred: 'Ave',
          dateOfBirth: '1988-07-14',
          clinician: 'owner',
        },
        blake: { first: 'Blake', last: 'Samplewood', dateOfBirth: '1975-02-03', clinician: 'owner' },
      },
    });
    const clientId = practice.clients.avery.id;

    // A chart with a history: screenings for the trend, signed notes, a draft, a release in review.
    const scores: [string, number[], 'phq9' | 'gad7'][] = [
      [localDate(-60), [2, 2, 2, 2, 1, 1, 1, 1, 0], 'phq9'],
      [localDate(-30), [1, 1, 2, 1, 1, 1, 1, 0, 0], 'phq9'],
      [localDate(-2), [1, 1, 1, 0, 1, 0, 0, 0, 0], 'phq9'],
      [localDate(-60), [2, 2, 2, 1, 1, 1, 1], 'gad7'],
      [localDate(-2), [1, 1, 1, 0, 1, 0, 0], 'gad7'],
    ];
    for (const [administeredOn, items, instrument] of scores) {
      const recorded = await callFromPage(page, 'screenings.record', {
        clientId,
        instrument,
        administeredOn,
        items,
        context: 'follow_up',
      });
      expect(recorded.ok, JSON.stringify(recorded.error)).toBe(true);
    }
    await signedNote(page, clientId, localDate(-14), 'Synthetic: discussed sleep routine and a weekly walk.');
    await signedNote(
      page,
      clientId,
      localDate(-7),
      'Synthetic: reviewed the sleep diary; fewer night wakings.',
    );
    const draft = await callFromPage<{ noteId: string }>(page, 'notes.saveDraft', {
      clientId,
      kind: 'progress',
      template: 'soap',
      serviceDate: localDate(),
      sections: { subjective: 'Synthetic: said the week felt steadier than the last.' },
      part2: false,
    });
    expect(draft.ok, JSON.stringify(draft.error)).toBe(true);
    const requestId = await thirdPartyRequest(page, clientId, RECEIVER);
    const authorization = await callFromPage(page, 'releases.addAuthorization', {
      requestId,
      type: 'hipaa',
      recordTypes: ['progress_notes', 'addenda', 'screenings'],
      description: 'Progress notes and screenings from the last year',
      disclosingParty: PRACTICE.name,
      recipientName: RECEIVER.recipient.name,
      recipientAddress: RECEIVER.recipient.address,
      purpose: RECEIVER.purpose,
      expiresOn: localDate(180),
      signedBy: 'Avery Fictus-Longname',
      signedOn: localDate(-5),
      signerIsRepresentative: false,
      rightToRevokeStatement: true,
      conditioningStatement: true,
      redisclosureStatement: true,
    });
    expect(authorization.ok, JSON.stringify(authorization.error)).toBe(true);
    expect((await callFromPage(page, 'releases.authorize', { requestId })).ok).toBe(true);
    const draftRequestId = await thirdPartyRequest(page, practice.clients.blake.id, COURT);

    // A backup in the folder, so Settings shows its table of backups.
    await page.goto(`${harness.url}#/settings`);
    const backups = page.locator('#backups');
    await backups.getByRole('button', { name: 'Choose folder…' }).click();
    await backups.getByRole('button', { name: 'Back up now' }).click();
    await expect(backups.getByText('Backup made and verified')).toBeVisible({ timeout: 30_000 });

    const chart = `clients/${clientId}`;
    const chartName = heading(/Avery Fictus-Longname/);
    const screens: Screen[] = [
      { name: 'clients', path: 'clients', ready: (p) => p.getByText('Samplewood').first() },
      { name: 'chart-overview', path: chart, ready: chartName },
      {
        name: 'note-editor',
        path: `${chart}/notes/${draft.value?.noteId ?? ''}`,
        ready: heading(/progress note/i),
      },
      { name: 'notes', path: 'notes', ready: heading('Notes') },
      {
        name: 'release',
        path: `releases/${requestId}`,
        ready: heading(/Avery Fictus-Longname/),
      },
      {
        name: 'release-draft',
        path: `releases/${draftRequestId}`,
        ready: heading(/Blake Samplewood/),
        dialog: { button: 'Record authorization', name: 'Record an authorization' },
      },
      { name: 'releases', path: 'releases', ready: heading('Releases') },
      { name: 'audit', path: 'audit', ready: heading('Audit log') },
      {
        name: 'settings',
        path: 'settings',
        ready: (p) => p.getByRole('table', { name: 'Backups in the folder' }),
      },
      {
        name: 'staff',
        path: 'staff',
        ready: (p) => p.getByRole('cell', { name: FRONT_DESK.name }).first(),
        dialog: { button: 'Invite staff member', name: 'Invite staff member' },
      },
    ];
    // Every tab the chart has (others may add tabs): each is a screen of its own.
    await page.goto(`${harness.url}#/${chart}`);
    const tabLinks = page.getByRole('navigation', { name: 'Chart sections' }).getByRole('link');
    await expect(tabLinks.first()).toBeVisible({ timeout: 20_000 });
    const hrefs = await Promise.all((await tabLinks.all()).map((link) => link.getAttribute('href')));
    for (const href of hrefs) {
      const path = (href ?? '').replace(/^#\//, '');
      const tab = path.split('/')[2];
      if (!tab) continue;
      screens.splice(2, 0, {
        name: `chart-${tab}`,
        path,
        ready: chartName,
        ...(CHART_DIALOGS[tab] && { dialog: CHART_DIALOGS[tab] }),
      });
    }

    const found: string[] = [];
    await walk(page, harness.url, screens, found);

    // The sidebar collapsed to icons at the narrow size, and opened again by its toggle.
    await page.goto(`${harness.url}#/clients`);
    await page.setViewportSize(SCREEN_SIZES[0]);
    const clientsLink = nav(page).getByRole('link', { name: 'Clients' });
    await expect(clientsLink).toBeVisible();
    // The fold follows a media query's change event, a moment after the resize: poll for it.
    const sidebarWidth = async () => (await page.locator('.sidebar').boundingBox())?.width ?? 0;
    await expect.poll(sidebarWidth).toBeLessThan(100);
    const toggle = page.getByRole('button', { name: 'Expand sidebar' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Collapse sidebar' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await check(page, 'sidebar-expanded-narrow', found);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Expand sidebar' })).toBeFocused();
    // Tabbing to an icon shows its name beside it.
    await page.keyboard.press('Tab');
    await expect(clientsLink).toBeFocused();
    await expect(page.locator('.nav-link:focus-visible .sidebar__label')).toHaveCSS('opacity', '1');
    await screenshot(page, 'dl-sidebar-focus-narrow', { viewportOnly: true });
    // On a wide window the same button folds it away, and brings it back.
    await page.setViewportSize(SCREEN_SIZES[1]);
    await page.getByRole('button', { name: 'Collapse sidebar' }).click();
    await expect.poll(sidebarWidth).toBeLessThan(100);
    await screenshot(page, 'dl-sidebar-folded-wide', { viewportOnly: true });
    await page.getByRole('button', { name: 'Expand sidebar' }).click();
    await expect.poll(sidebarWidth).toBeGreaterThan(200);

    await signOut(page);
    for (const size of SCREEN_SIZES) {
      await page.setViewportSize(size);
      await check(page, `sign-in-${size.name}`, found);
    }

    // Front desk's own view: the list, the chart with its Sessions tab, and the releases' status.
    await firstSignIn(page, FRONT_DESK);
    await walk(
      page,
      harness.url,
      [
        { name: 'desk-clients', path: 'clients', ready: (p) => p.getByText('Samplewood').first() },
        { name: 'desk-chart-sessions', path: `${chart}/sessions`, ready: chartName },
        { name: 'desk-releases', path: 'releases', ready: heading('Releases') },
      ],
      found,
    );

    expect(found, `What is wrong:\n  ${found.join('\n  ')}`).toEqual([]);
  });
});
