// The inactivity lock, end to end in Chromium against a real core (DESIGN.md section 6). The owner
// sets a short timeout (1 minute, warning 30 s) in Settings; a clinician types a note; the harness
// moves the core's clock forward: the warning counts down, "Stay signed in" keeps the session, the
// next time it locks. Afterwards the page holds no client name and no note text (DOM and storage);
// the same clinician signing back in is back in the note with every word; after "Lock now"
// (Ctrl+L) a colleague starts at their own home page and cannot reach the draft. The owner's audit
// log shows both locks and the sign-in after them. Screenshots: test-results/screens/5x-*.png.
import { expect, test, type Page } from '@playwright/test';
import { buildPractice } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  callFromPage,
  callsAnswered,
  eventsDelivered,
  firstSignIn,
  nav,
  screenshot,
  signIn,
  signOut,
  watchForErrors,
} from './support.ts';

// Synthetic people only: obviously fictional.
const OWNER = { name: 'Dr. Elsa Pinewood', username: 'epinewood', password: 'juniper-anchor-maple-38' };
const CLIN_A = {
  name: 'Dr. Tobin Placeholder',
  username: 'tplaceholder',
  temporary: 'copper-fennel-harbor-64',
  password: 'willow-granite-comet-27',
  role: 'clinician',
} as const;
const CLIN_B = {
  name: 'Dr. Juno Mockwell',
  username: 'jmockwell',
  temporary: 'lantern-basil-quarry-15',
  password: 'saffron-ridge-otter-93',
  role: 'clinician',
} as const;
const CLIENT = {
  first: 'Perpetua',
  last: 'Quillfeather',
  dateOfBirth: '1990-03-09',
  clinician: 'a',
} as const;
// A phrase nothing else on any page contains.
const PHRASE = 'rode the ferry to Marrowick Sound at dawn';

// 1 minute with a 30-second warning: the renderer reports input at most every 7.5 s
// (activityThrottleMs: a quarter of the 30 quiet seconds before the warning).
const REPORT_EVERY_MS = 7_500;

const shot = (page: Page, name: string) => screenshot(page, `5x-${name}`);
const warningDialog = (page: Page) => page.getByRole('alertdialog', { name: 'Stillwater is about to lock' });
const lockedHeading = (page: Page) =>
  page.getByRole('heading', { name: 'Locked — sign in to continue', exact: true });
const editor = (page: Page) => page.getByRole('form', { name: 'Note editor' });

/**
 * The last input's throttled report has gone to main: the page's clock moves past the throttle, so the
 * renderer sends what it held back, and main has answered every report. The core's clock can then move
 * without a report arriving late.
 */
async function reportsSettled(page: Page): Promise<void> {
  await page.clock.runFor(REPORT_EVERY_MS + 500);
  await callsAnswered(page, 'session.activity');
}

/**
 * Everything the page keeps: its DOM, title, both storages and IndexedDB (the names of its
 * databases; the app creates none). A string, because these tests compile without the DOM's types.
 */
const PAGE_CONTENTS = `(async () => {
  const storage = (s) => Array.from({ length: s.length }, (_, i) => s.key(i) + '=' + s.getItem(s.key(i))).join('\\n');
  const databases = (await indexedDB.databases()).map((d) => d.name);
  return JSON.stringify({
    html: document.documentElement.outerHTML,
    title: document.title,
    local: storage(localStorage),
    session: storage(sessionStorage),
    databases,
  });
})()`;

async function pageContents(page: Page): Promise<string> {
  return String(await page.evaluate(PAGE_CONTENTS));
}

async function expectNoRecordData(page: Page): Promise<void> {
  const contents = await pageContents(page);
  for (const text of [CLIENT.first, CLIENT.last, PHRASE, 'Marrowick']) expect(contents).not.toContain(text);
  expect((JSON.parse(contents) as { databases: string[] }).databases).toEqual([]);
}

test.use({ actionTimeout: 15_000 });

test.describe('inactivity lock journey', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('warns, stays, locks, clears the page, restores the same person, not another', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchForErrors(page);
    // The page's timers run on Playwright's clock (in step with real time until a test moves it), so
    // the renderer's throttled activity report can be sent without waiting for it.
    await page.clock.install();

    // The owner sets up the practice (two clinicians, a client of the first one's) and shortens the
    // inactivity lock in Settings.
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { a: CLIN_A, b: CLIN_B },
      clients: { perpetua: CLIENT },
    });
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    const lockForm = page.getByRole('form', { name: 'Inactivity lock' });
    await expect(lockForm.getByLabel('Lock after (minutes)')).toHaveValue('5');
    await expect(lockForm.getByLabel('Warn before (seconds)')).toHaveValue('60');
    // The contract's rules show on the fields before anything is sent.
    await lockForm.getByLabel('Lock after (minutes)').fill('0');
    await lockForm.getByRole('button', { name: 'Save inactivity lock' }).click();
    await expect(lockForm.getByText('Lock after at least 1 minute.')).toBeVisible();
    await lockForm.getByLabel('Lock after (minutes)').fill('1');
    await lockForm.getByRole('button', { name: 'Save inactivity lock' }).click();
    await expect(
      lockForm.getByText('The warning must come before the lock: make it shorter than the timeout.'),
    ).toBeVisible();
    await lockForm.getByLabel('Warn before (seconds)').fill('30');
    await lockForm.getByRole('button', { name: 'Save inactivity lock' }).click();
    await expect(lockForm.getByText('Inactivity lock saved')).toBeVisible();
    await expect(
      lockForm.getByText(
        'Stillwater locks after 1 minute without activity, with a warning 30 seconds before.',
      ),
    ).toBeVisible();
    await page.locator('section').filter({ has: lockForm }).scrollIntoViewIfNeeded();
    await shot(page, 'settings-inactivity-lock');

    // main refuses what the form would not send, field by field, and nothing changes.
    const refused: [unknown, string, string][] = [
      [{ timeoutMinutes: 0, warningSeconds: 30 }, 'timeoutMinutes', 'Lock after at least 1 minute.'],
      [{ timeoutMinutes: 61, warningSeconds: 30 }, 'timeoutMinutes', 'Lock after at most 60 minutes.'],
      [{ timeoutMinutes: -1, warningSeconds: 30 }, 'timeoutMinutes', 'Lock after at least 1 minute.'],
      [{ timeoutMinutes: '5', warningSeconds: 30 }, 'timeoutMinutes', 'Enter a number of minutes.'],
      [{ warningSeconds: 30 }, 'timeoutMinutes', 'Enter a number of minutes.'],
      [{ timeoutMinutes: 1, warningSeconds: 5 }, 'warningSeconds', 'Warn at least 10 seconds before.'],
      [
        { timeoutMinutes: 1, warningSeconds: 60 },
        'warningSeconds',
        'The warning must come before the lock: make it shorter than the timeout.',
      ],
    ];
    for (const [input, path, message] of refused) {
      const result = await callFromPage(page, 'settings.updateSession', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      expect(result.error?.code).toBe('INVALID_INPUT');
      expect(result.error?.fields).toContainEqual({ path, message });
    }
    expect((await callFromPage(page, 'settings.getSession', {})).value).toEqual({
      timeoutMinutes: 1,
      warningSeconds: 30,
    });

    const { idOf } = practice;
    const clientId = practice.clients.perpetua.id;
    await signOut(page);

    // Clinician A starts a note and types a phrase.
    await firstSignIn(page, CLIN_A);
    await page.goto(`${harness.url}#/clients/${clientId}/notes/new/progress`);
    await expect(page.getByRole('heading', { name: /New progress note/ })).toBeVisible();
    await editor(page)
      .getByLabel('Subjective', { exact: true })
      .pressSequentially(`Over the weekend the client ${PHRASE}.`, { delay: 5 });
    await expect(page.locator('.note-save').getByText(/^Saved /)).toBeVisible();
    await expect(page).toHaveURL(/#\/clients\/[0-9a-f-]{36}\/notes\/[0-9a-f-]{36}$/);
    const noteUrl = page.url();
    const noteId = /notes\/([0-9a-f-]{36})$/.exec(noteUrl)?.[1] ?? '';

    // 30 quiet seconds later (on the core's clock) the warning counts down the 30 left.
    await reportsSettled(page);
    const warning = warningDialog(page);
    await harness.advance(20_000);
    await eventsDelivered(page);
    for (let step = 0; step < 20 && (await warning.count()) === 0; step += 1) {
      await harness.advance(1_000);
      await eventsDelivered(page);
    }
    await expect(warning).toBeVisible();
    const timer = warning.getByRole('timer');
    await expect(timer).toHaveText(/^0:(2\d|30)$/);
    const first = await timer.textContent();
    await expect(timer).not.toHaveText(first ?? '', { timeout: 3_000 });
    await expect(warning.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
    await shot(page, 'warning');

    // "Stay signed in": the warning goes and the session stays past the moment it would have locked
    // (the click was reported at once, so the next warning is 30 s away on the core's clock).
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    await expect(warning).toHaveCount(0);
    await callsAnswered(page, 'session.activity');
    await harness.advance(25_000);
    await eventsDelivered(page);
    await expect(warning).toHaveCount(0);
    await expect(editor(page).getByLabel('Subjective', { exact: true })).toHaveValue(new RegExp(PHRASE));

    // Any input dismisses the warning too: a key press.
    await harness.advance(15_000);
    await expect(warning).toBeVisible();
    await page.keyboard.press('Shift');
    await expect(warning).toHaveCount(0);
    await callsAnswered(page, 'session.activity');

    // Left alone: the warning, then the lock.
    await harness.advance(31_000);
    await expect(warning).toBeVisible();
    await harness.advance(30_000);
    await expect(lockedHeading(page)).toBeVisible();
    await expect(page.getByText('Locked after 1 minute without activity.')).toBeVisible();
    await expect(warning).toHaveCount(0);
    await expect(nav(page)).toHaveCount(0);
    await shot(page, 'locked');
    await expectNoRecordData(page);
    // main refuses the record itself too.
    expect((await callFromPage(page, 'notes.get', { noteId })).error?.code).toBe('LOCKED');

    // The same clinician signs back in: the same note, every word there.
    await signIn(page, CLIN_A.username, CLIN_A.password);
    await expect(editor(page)).toBeVisible({ timeout: 20_000 });
    expect(page.url()).toBe(noteUrl);
    await expect(editor(page).getByLabel('Subjective', { exact: true })).toHaveValue(
      `Over the weekend the client ${PHRASE}.`,
    );
    // Typed after the return, then locked at once with Ctrl+L: the words are saved on the way out.
    await editor(page)
      .getByLabel('Plan', { exact: true })
      .pressSequentially('Review the sleep log next week');
    await page.keyboard.press('Control+l');
    await expect(lockedHeading(page)).toBeVisible();
    await expect(page.getByText('Locked with Lock now.')).toBeVisible();
    await expectNoRecordData(page);

    // A colleague at the same computer: their own home page, not the note; the draft is not theirs.
    await firstSignIn(page, CLIN_B);
    expect(new URL(page.url()).hash).toBe('#/clients');
    await expect(page.getByText(PHRASE)).toHaveCount(0);
    expect((await callFromPage(page, 'notes.get', { noteId })).error?.code).toBe('NOT_FOUND');
    expect((await callFromPage<unknown[]>(page, 'notes.myDrafts', {})).value).toEqual([]);
    expect(await pageContents(page)).not.toContain(PHRASE);
    await shot(page, 'other-user-home');
    // The Lock button locks too.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(lockedHeading(page)).toBeVisible();

    // A comes back once more: the words typed before Ctrl+L are there.
    await signIn(page, CLIN_A.username, CLIN_A.password);
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    expect(new URL(page.url()).hash).toBe('#/clients');
    await page.goto(noteUrl);
    await expect(editor(page).getByLabel('Plan', { exact: true })).toHaveValue(
      'Review the sleep log next week',
    );
    await signOut(page);

    // The owner's audit log: the automatic lock, the manual locks, and A signing in after them.
    await signIn(page, OWNER.username, OWNER.password);
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    const audit = await callFromPage<{
      entries: { action: string; actorId: string | null; detail: string }[];
    }>(page, 'audit.list', { filter: {}, limit: 200 });
    const story = (audit.value?.entries ?? [])
      .slice()
      .reverse()
      .filter((e) => e.action === 'auth.locked' || e.action === 'auth.signIn')
      .map((e) => {
        const who =
          e.actorId === idOf(CLIN_A.username) ? 'A' : e.actorId === idOf(CLIN_B.username) ? 'B' : 'O';
        const reason = (JSON.parse(e.detail) as { reason?: string }).reason;
        return `${who} ${e.action}${reason ? ` ${reason}` : ''}`;
      });
    expect(story).toEqual([
      'O auth.signIn',
      'A auth.signIn',
      'A auth.locked inactivity',
      'A auth.signIn',
      'A auth.locked manual',
      'B auth.signIn',
      'B auth.locked manual',
      'A auth.signIn',
      'O auth.signIn',
    ]);
    await nav(page).getByRole('link', { name: 'Audit' }).click();
    const log = page.getByRole('table');
    await expect(log.getByRole('row').filter({ hasText: 'No activity: locked automatically' })).toHaveCount(
      1,
    );
    await expect(log.getByRole('row').filter({ hasText: 'Lock now' })).toHaveCount(2);
    await expect(log.getByRole('row').filter({ hasText: 'Inactivity lock 5 → 1 min' })).toHaveCount(1);
    await shot(page, 'audit');

    expect(problems.filter((p) => !p.includes('ERR_FAILED'))).toEqual([]);
  });
});
