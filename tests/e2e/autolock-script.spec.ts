// A page cannot keep a session open by itself (DESIGN.md section 6, issue 15): main weighs each
// activity report against the OS idle time. A front-desk session with a script calling the bridge's
// session.activity in a loop stays open while the (harness's fake) OS idle time says someone is at the
// keyboard, and locks on time once it says nobody has touched it: the warning counts down through the
// flood and the lock comes one minute after the last real input. The owner's audit log names the lock.
// Screenshots: test-results/screens/5y-*.png.
import { expect, test, type Page } from '@playwright/test';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  callFromPage,
  firstSignIn,
  screenshot,
  setUpPractice,
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
};

const warningDialog = (page: Page) => page.getByRole('alertdialog', { name: 'Stillwater is about to lock' });
const lockedHeading = (page: Page) =>
  page.getByRole('heading', { name: 'Locked — sign in to continue', exact: true });
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

// What a hostile script in the page could do: report "activity" through the bridge ten times a second.
// (A string, because these tests compile without the DOM's types.)
const START_FLOOD = `(() => {
  globalThis.floodReports = 0;
  globalThis.flood = setInterval(() => {
    globalThis.floodReports += 1;
    globalThis.stillwater.call('session.activity', {}).catch(() => undefined);
  }, 100);
  return true;
})()`;
const STOP_FLOOD = '(() => { clearInterval(globalThis.flood); return globalThis.floodReports; })()';

/** Moves the core's clock in steps, letting the page's reports and main's events go by between them. */
async function pass(page: Page, harness: LaunchedHarness, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 5_000) {
    await harness.advance(Math.min(5_000, left));
    await page.waitForTimeout(300);
  }
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

    // The owner sets a 1-minute lock (warning 30 s) and adds a front-desk colleague.
    await setUpPractice(page, harness.url, OWNER);
    expect(
      (await callFromPage(page, 'settings.updateSession', { timeoutMinutes: 1, warningSeconds: 30 })).ok,
    ).toBe(true);
    const created = await callFromPage(page, 'staff.create', {
      displayName: DESK.name,
      username: DESK.username,
      role: 'front_desk',
      temporaryPassword: DESK.temporary,
    });
    expect(created.ok).toBe(true);
    const deskId = (created.value as { id: string }).id;
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
    await pass(page, harness, 10_000);
    await expect(lockedHeading(page)).toBeVisible();
    await expect(page.getByText('Locked after 1 minute without activity.')).toBeVisible();
    // The script really flooded main the whole time (ten a second over about ten seconds of wall time;
    // the count depends on the machine's speed, so only a floor is asserted).
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
