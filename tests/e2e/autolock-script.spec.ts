// A page cannot keep a session open by itself (DESIGN.md section 6, issue 15): main weighs each
// activity report against the OS idle time. A front-desk session with a script calling the bridge's
// session.activity in a loop stays open while the (harness's fake) OS idle time says someone is at the
// keyboard, and locks on time once it says nobody has touched it: the warning counts down through the
// flood and the lock comes one minute after the last real input. The owner's audit log names the lock.
// Screenshots: test-results/screens/5y-*.png.
import { expect, test, type Page } from '@playwright/test';
import { buildPractice } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  callFromPage,
  eventsDelivered,
  firstSignIn,
  nav,
  screenshot,
  signIn,
  signOut,
  watchForErrors,
} from './support.ts';

// Synthetic people only: obviously fictional.
const OWNER = {
  name: 'Dr. Marguerite Exampleton',
  username: 'mexampleton',
  password: 'harbor-quill-basalt-61',
};
const DESK = {
  name: 'Rowan Fillerby',
  username: 'rfillerby',
  temporary: 'thistle-copper-lagoon-28',
  password: 'meadow-anvil-cobalt-45',
  role: 'front_desk',
} as const;

const warningDialog = (page: Page) => page.getByRole('alertdialog', { name: 'Stillwater is about to lock' });
const lockedHeading = (page: Page) =>
  page.getByRole('heading', { name: 'Locked — sign in to continue', exact: true });

// What a hostile script in the page could do: report "activity" through the bridge ten times a second.
// It also counts the reports main has answered, so the test can let them go by between clock moves.
// (A string, because these tests compile without the DOM's types.)
const START_FLOOD = `(() => {
  globalThis.floodReports = 0;
  globalThis.floodAnswered = 0;
  globalThis.flood = setInterval(() => {
    globalThis.floodReports += 1;
    globalThis.stillwater
      .call('session.activity', {})
      .catch(() => undefined)
      .finally(() => {
        globalThis.floodAnswered += 1;
      });
  }, 100);
  return true;
})()`;
const STOP_FLOOD = '(() => { clearInterval(globalThis.flood); return globalThis.floodReports; })()';
const FLOOD_COUNTS = '({ sent: globalThis.floodReports, answered: globalThis.floodAnswered })';
const floodCounts = (page: Page) => page.evaluate<{ sent: number; answered: number }>(FLOOD_COUNTS);

/**
 * Moves the core's clock in 5-second steps. After each, main has answered two of the script's reports
 * sent since (the flood goes on between the moves, as it would between seconds); at the end, main's
 * events have reached the page.
 */
async function pass(page: Page, harness: LaunchedHarness, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 5_000) {
    await harness.advance(Math.min(5_000, left));
    const { sent } = await floodCounts(page);
    await expect
      .poll(async () => (await floodCounts(page)).answered, { intervals: [50] })
      .toBeGreaterThanOrEqual(sent + 2);
  }
  await eventsDelivered(page);
}

test.use({ actionTimeout: 15_000 });

test.describe('a script cannot keep a session open', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('front desk: reports in a loop extend the session only while the OS sees real input', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const problems = watchForErrors(page);

    // The owner, with a front-desk colleague, sets a 1-minute lock (warning 30 s).
    const practice = await buildPractice(page, harness, { owner: OWNER, staff: { desk: DESK } });
    expect(
      (await callFromPage(page, 'settings.updateSession', { timeoutMinutes: 1, warningSeconds: 30 })).ok,
    ).toBe(true);
    const deskId = practice.staff.desk.id;
    await signOut(page);
    await firstSignIn(page, DESK);
    await expect(nav(page)).toBeVisible();

    await page.evaluate(START_FLOOD);

    // Real input, as far as the OS can tell (the harness's default counts the page's reports as input,
    // as it must for Playwright's clicks): the reports keep the session open for 90 s, past the
    // 1-minute lock, with no warning.
    await pass(page, harness, 90_000);
    await expect(warningDialog(page)).toHaveCount(0);
    await expect(nav(page)).toBeVisible();

    // Nobody touches the computer from now on; the script goes on reporting "activity".
    await harness.setRealInput('stopped');
    await pass(page, harness, 40_000);
    await expect(warningDialog(page)).toBeVisible();
    await screenshot(page, '5y-warning-despite-script');
    // The flood does not take the warning back, and the lock comes 1 minute after the last real input.
    await pass(page, harness, 15_000);
    await expect(warningDialog(page)).toBeVisible();
    await expect(lockedHeading(page)).toHaveCount(0);
    // main agrees: the session is neither locking nor locked (it refuses the call while it is).
    expect((await callFromPage(page, 'clients.search', {})).ok).toBe(true);
    await pass(page, harness, 10_000);
    await expect(lockedHeading(page)).toBeVisible();
    await expect(page.getByText('Locked after 1 minute without activity.')).toBeVisible();
    // The script really flooded main the whole time (ten a second; main answered two sent after each of
    // the 31 clock moves, and the count depends on the machine's speed, so only a floor is asserted).
    const reports = Number(await page.evaluate(STOP_FLOOD));
    expect(reports).toBeGreaterThan(40);
    await screenshot(page, '5y-locked-despite-script');
    expect((await callFromPage(page, 'clients.search', {})).ok).toBe(false);

    // The owner's audit log: the front desk's session locked for inactivity.
    await harness.setRealInput('continuous');
    await signIn(page, OWNER.username, OWNER.password);
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    const audit = await callFromPage<{ entries: { actorId: string | null; detail: string }[] }>(
      page,
      'audit.list',
      { filter: { action: 'auth.locked' }, limit: 10 },
    );
    const deskLocks = (audit.value?.entries ?? []).filter((e) => e.actorId === deskId);
    expect(deskLocks.map((e) => (JSON.parse(e.detail) as { reason?: string }).reason)).toEqual([
      'inactivity',
    ]);

    expect(problems.filter((p) => !p.includes('ERR_FAILED'))).toEqual([]);
  });
});
