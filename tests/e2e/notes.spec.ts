// Session notes, end to end in Chromium against a real core: a clinician writes a DAP note, closes
// the page mid-sentence and finds every word on reopening; signs it (then it cannot be edited, by
// the editor or by a direct call: LOCKED); adds an addendum; finds it by a word. A second clinician
// without a grant finds nothing; a psychotherapy note stays its author's alone; front desk sees
// that the session happened, never what was written. Supervision: the owner makes the second
// clinician the first one's supervisor, who co-signs the next note from the co-sign queue.
// A screenshot of every screen goes to test-results/screens/4x-*.png.
import { expect, test, type Page } from '@playwright/test';
import {
  buildPractice,
  CLINICIAN as CLIN_A,
  FRONT_DESK as DESK,
  OWNER,
  SECOND_CLINICIAN as CLIN_B,
} from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  SCREENS,
  callFromPage,
  firstSignIn,
  localDate,
  nav,
  screenshot,
  signIn,
  signOut,
  watchForErrors,
} from './support.ts';

// A word no template or label contains, so a search for it finds only what was typed.
const WORD = 'lighthouse';

const chartTabs = (page: Page) => page.getByRole('navigation', { name: 'Chart sections' });
const shot = (page: Page, name: string) => screenshot(page, `4x-${name}`);
/** What is in the window only: a page of 300 notes is not captured whole. */
const viewShot = (page: Page, name: string) => screenshot(page, `4x-${name}`, { viewportOnly: true });
const editor = (page: Page) => page.getByRole('form', { name: 'Note editor' });
const checklist = (page: Page) => page.getByRole('list', { name: 'Signing checklist' });
const saved = (page: Page) => page.locator('.note-save').getByText(/^Saved /);

/** Opens a page of the app at an address, signing in again if this window has no session. */
async function openAs(page: Page, url: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(url);
  const signInHeading = page.getByRole('heading', { name: 'Sign in', exact: true });
  const app = page.getByRole('navigation', { name: 'Main' });
  await expect(signInHeading.or(app)).toBeVisible({ timeout: 20_000 });
  if (await signInHeading.isVisible()) {
    await signIn(page, who.username, who.password);
    await expect(app).toBeVisible({ timeout: 20_000 });
    await page.goto(url);
  }
}

async function chooseRadio(page: Page, group: string, option: string): Promise<void> {
  await editor(page)
    .getByRole('radiogroup', { name: group })
    .getByRole('radio', { name: option, exact: true })
    .check();
}

/** Fills a progress note's session fields. */
async function fillSession(page: Page, options: { start: string; end: string; code: string }): Promise<void> {
  const form = editor(page);
  await form.getByLabel('Start').fill(options.start);
  await form.getByLabel('End').fill(options.end);
  await form.getByLabel('Service code').selectOption(options.code);
  await chooseRadio(page, 'How the session took place', 'In person');
  await form.getByLabel('Location').fill('Office 2');
  await form.getByLabel('Participants').fill('Client');
  await chooseRadio(page, 'Risk level', 'Low');
}

async function signNote(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign note' }).click();
  const confirm = page.getByRole('dialog', { name: 'Sign this note?' });
  await expect(
    confirm.getByText('Signing locks this note. Corrections after signing are addenda.'),
  ).toBeVisible();
  await confirm.getByRole('button', { name: 'Sign note' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.locator('.note-head').getByText('Signed', { exact: true })).toBeVisible();
}

test.use({ actionTimeout: 15_000 });

test.describe('session notes journey', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('write, close mid-sentence, sign, amend, search, keep private, co-sign', async ({ page, context }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);

    // The owner sets up the practice: two clinicians, a front-desk colleague, and a client of A's.
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { a: CLIN_A, b: CLIN_B, desk: DESK },
      clients: {
        avery: {
          first: 'Avery',
          last: 'Fictus',
          preferred: 'Ave',
          dateOfBirth: '1988-07-14',
          clinician: 'a',
        },
      },
    });
    const clientId = practice.clients.avery.id;
    const chartNotes = `${harness.url}#/clients/${clientId}/notes`;
    await signOut(page);

    // Clinician A opens the client's Notes tab: nothing yet, and the two ways to start a note.
    await firstSignIn(page, CLIN_A);
    await page.goto(chartNotes);
    await expect(chartTabs(page).getByRole('link')).toHaveText([
      'Overview',
      'Notes',
      'Diagnoses',
      'Treatment plan',
      'Intake',
      'Screenings',
      'Disclosures',
      'Rights',
      'Access history',
    ]);
    await expect(page.getByText('No notes yet')).toBeVisible();
    await page.getByRole('link', { name: 'New progress note' }).click();

    // The editor, empty: the checklist says what signing needs.
    await expect(page.getByRole('heading', { name: /New progress note/ })).toBeVisible();
    await expect(checklist(page).getByRole('button', { name: 'Start time' })).toBeVisible();
    await expect(page.getByText('Saves as you type')).toBeVisible();
    await shot(page, 'note-editor-empty');
    // Signing now shows what is missing, on the fields themselves.
    await page.getByRole('button', { name: 'Sign note' }).click();
    await expect(page.getByText('Not ready to sign yet: complete the highlighted fields.')).toBeVisible();
    await expect(editor(page).getByText('Choose a service code.')).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await shot(page, 'note-editor-not-ready');

    // The first change creates the note, and the address becomes the note's own.
    await editor(page)
      .getByLabel('Subjective', { exact: true })
      .fill('Arrived early; said the week felt lighter.');
    await expect(saved(page)).toBeVisible();
    await expect(page).toHaveURL(/#\/clients\/[0-9a-f-]{36}\/notes\/[0-9a-f-]{36}$/);

    // Switching to DAP warns that Subjective, not part of DAP, would be dropped (the choice waits).
    await editor(page)
      .getByRole('radiogroup', { name: 'Template' })
      .getByRole('radio', { name: 'DAP', exact: true })
      .click();
    const switching = page.getByRole('dialog', { name: 'Switch to DAP?' });
    await expect(switching.getByText(/DAP has no Subjective section/)).toBeVisible();
    await shot(page, 'template-switch');
    await switching.getByRole('button', { name: 'Switch to DAP' }).click();
    await expect(editor(page).getByLabel('Subjective', { exact: true })).toHaveCount(0);
    await expect(editor(page).getByLabel('Data', { exact: true })).toHaveValue('');
    await fillSession(page, { start: '14:00', end: '14:50', code: '90834' });
    await expect(editor(page).locator('.note-duration__value')).toHaveText('50 min');
    await editor(page)
      .getByLabel('Data', { exact: true })
      .fill(`Client described a week of better sleep and walked to the ${WORD} twice to manage worry.`);
    await expect(saved(page)).toBeVisible();
    const noteUrl = page.url();
    const noteId = /notes\/([0-9a-f-]{36})$/.exec(noteUrl)?.[1] ?? '';

    // Mid-sentence, the window closes at once: no waiting for "Saved".
    const partial = 'Mood brighter; worry still peaks at night when the house is qui';
    await editor(page).getByLabel('Assessment', { exact: true }).pressSequentially(partial, { delay: 5 });
    await page.close();

    // Reopened: every word is there.
    const reopened = await context.newPage();
    const reopenedProblems = watchForErrors(reopened);
    await openAs(reopened, noteUrl, CLIN_A);
    await expect(editor(reopened).getByLabel('Assessment', { exact: true })).toHaveValue(partial);
    await expect(editor(reopened).getByLabel('Data', { exact: true })).toHaveValue(new RegExp(WORD));

    // Complete it: the checklist fills up, then sign.
    const form = editor(reopened);
    await form.getByLabel('Assessment', { exact: true }).pressSequentially('et. Progress toward sleep goal.');
    // While the core cannot be reached, the editor says so and keeps trying; nothing is lost.
    const beforeOutage = reopenedProblems.length;
    await reopened.route('**/__harness/ipc', (route) =>
      route.request().postData()?.includes('"notes.saveDraft"') ? route.abort() : route.continue(),
    );
    await form
      .getByLabel('Plan', { exact: true })
      .fill('Continue evening walks; practise worry postponement; review sleep diary next week.');
    await expect(reopened.locator('.note-save')).toHaveText('Not saved — retrying');
    await reopened.locator('.note-editor__sticky').screenshot({ path: `${SCREENS}/4x-save-retrying.png` });
    await reopened.unroute('**/__harness/ipc');
    await expect(checklist(reopened).locator('.signing-item--done')).toHaveCount(9);
    await expect(reopened.locator('.note-save').getByText(/^Saved /)).toBeVisible();
    // The refused requests of the outage are the only errors the browser logged meanwhile.
    expect(reopenedProblems.splice(beforeOutage).every((p) => p.includes('ERR_FAILED'))).toBe(true);
    await shot(reopened, 'note-editor-filled');
    await reopened.setViewportSize({ width: 1280, height: 800 });
    await shot(reopened, 'note-editor-filled-1280');
    expect(await reopened.evaluate('document.documentElement.scrollWidth > window.innerWidth')).toBe(false);
    await reopened.setViewportSize({ width: 1360, height: 860 });
    await signNote(reopened);

    // Signed: read-only, with the hash and its check; a direct edit is refused.
    const head = reopened.locator('.note-head');
    await expect(head.getByText('Verified')).toBeVisible();
    await expect(head.locator('.note-hash')).toHaveText(/^[0-9a-f]{12}/);
    await expect(head.locator('.note-hash')).toHaveAttribute('title', /^SHA-256 [0-9a-f]{64}$/);
    await expect(reopened.getByRole('form', { name: 'Note editor' })).toHaveCount(0);
    await expect(reopened.getByRole('button', { name: 'Sign note' })).toHaveCount(0);
    await expect(reopened.getByText(/worry still peaks at night when the house is quiet\./)).toBeVisible();
    const edit = await callFromPage(reopened, 'notes.saveDraft', {
      noteId,
      clientId,
      kind: 'progress',
      template: 'dap',
      serviceDate: localDate(),
      sections: { data: 'Rewritten after signing.', assessment: '', plan: '' },
      part2: false,
    });
    expect(edit.ok).toBe(false);
    expect(edit.error?.code).toBe('LOCKED');

    // An addendum: signed as it is added, listed under the note.
    const addendum = reopened.getByRole('form', { name: 'Add addendum' });
    await addendum.getByRole('button', { name: 'Add addendum' }).click();
    await expect(addendum.getByText('Write the addendum.')).toBeVisible();
    await addendum
      .getByLabel('New addendum')
      .fill('Client called the next day: sleep diary started; no change to risk.');
    await addendum.getByRole('button', { name: 'Add addendum' }).click();
    // It is signed only once its text has been shown and confirmed (day-drafts.spec.ts).
    await reopened
      .getByRole('dialog', { name: 'Sign this addendum?' })
      .getByRole('button', { name: 'Sign addendum' })
      .click();
    const addenda = reopened.getByRole('list', { name: 'Addenda' });
    await expect(addenda.getByText('sleep diary started')).toBeVisible();
    await expect(addenda.getByText(CLIN_A.name)).toBeVisible();
    await shot(reopened, 'signed-note-addendum');

    // A psychotherapy note: a different header, no billing fields; private to A.
    await reopened.goto(chartNotes);
    await reopened.getByRole('link', { name: 'New psychotherapy note' }).click();
    const privateHead = reopened.locator('.note-head--private');
    await expect(
      privateHead.getByText('Psychotherapy note — kept apart from the record, visible only to you'),
    ).toBeVisible();
    await expect(editor(reopened).getByLabel('Service code')).toHaveCount(0);
    await editor(reopened)
      .getByLabel('Note', { exact: true })
      .fill(
        `My own process: I noticed pulling back when the client spoke of the ${WORD}; explore in supervision of self.`,
      );
    await editor(reopened).getByLabel('Plan', { exact: true }).fill('Reflect before next session.');
    await expect(reopened.locator('.note-save').getByText(/^Saved /)).toBeVisible();
    const privateId = /notes\/([0-9a-f-]{36})$/.exec(reopened.url())?.[1] ?? '';
    expect(privateId).not.toBe('');
    await shot(reopened, 'psychotherapy-note');
    await signNote(reopened);

    // A draft from last week, left unsigned: it stands out in the drafts list.
    await reopened.goto(chartNotes);
    await reopened.getByRole('link', { name: 'New progress note' }).click();
    await editor(reopened).getByLabel('Service date').fill(localDate(-5));
    await editor(reopened).getByLabel('Start').fill('09:00');
    await expect(reopened.locator('.note-save').getByText(/^Saved /)).toBeVisible();

    // The timeline, newest first.
    await reopened.goto(chartNotes);
    const timeline = reopened.getByRole('list', { name: 'Timeline' });
    await expect(timeline.getByRole('listitem')).toHaveCount(3);
    await expect(timeline.getByRole('link').filter({ hasText: 'DAP' })).toContainText('90834');
    await expect(timeline.getByRole('link').filter({ hasText: 'DAP' })).toContainText('Signed');
    await expect(timeline.getByRole('link').filter({ hasText: 'Psychotherapy note' })).toBeVisible();
    await shot(reopened, 'timeline');
    await reopened.setViewportSize({ width: 1280, height: 800 });
    await shot(reopened, 'timeline-1280');
    expect(await reopened.evaluate('document.documentElement.scrollWidth > window.innerWidth')).toBe(false);
    await reopened.setViewportSize({ width: 1360, height: 860 });

    // Notes: the drafts (the old one flagged), and search with the word highlighted.
    await nav(reopened).getByRole('link', { name: 'Notes' }).click();
    await expect(
      reopened.getByRole('list', { name: 'Unsigned drafts' }).getByText('Over 3 days'),
    ).toBeVisible();
    await shot(reopened, 'notes-area');
    await reopened.getByRole('searchbox', { name: 'Search notes' }).fill(WORD.slice(0, 6));
    const results = reopened.getByRole('region', { name: 'Search results' });
    await expect(results.locator('.hit')).toHaveCount(2);
    await expect(results.locator('mark').first()).toHaveText(new RegExp(`^${WORD}$`, 'i'));
    await expect(results.getByText('Avery Fictus (Ave)').first()).toBeVisible();
    await shot(reopened, 'notes-search');
    await results.locator('.hit').filter({ hasText: 'Progress' }).click();
    await expect(reopened.getByText('sleep diary started')).toBeVisible();
    await signOut(reopened);

    // Clinician B, not on the care team: the search finds nothing, the private note does not exist.
    await firstSignIn(reopened, CLIN_B);
    await nav(reopened).getByRole('link', { name: 'Notes' }).click();
    await reopened.getByRole('searchbox', { name: 'Search notes' }).fill(WORD);
    await expect(reopened.getByText(`No notes match “${WORD}”`)).toBeVisible();
    expect((await callFromPage(reopened, 'notes.get', { noteId: privateId })).error?.code).toBe('NOT_FOUND');
    expect((await callFromPage(reopened, 'notes.get', { noteId })).error?.code).toBe('NOT_FOUND');
    await signOut(reopened);

    // The owner cannot read the psychotherapy note either; makes B the supervisor of A.
    await signIn(reopened, OWNER.username, OWNER.password);
    await expect(nav(reopened)).toBeVisible({ timeout: 20_000 });
    expect((await callFromPage(reopened, 'notes.get', { noteId: privateId })).error?.code).toBe('NOT_FOUND');
    await nav(reopened).getByRole('link', { name: 'Staff' }).click();
    await reopened.getByRole('button', { name: `Actions for ${CLIN_A.name}` }).click();
    await reopened.getByRole('menuitem', { name: 'Set supervisor' }).click();
    const supervise = reopened.getByRole('dialog', { name: `Supervisor for ${CLIN_A.name}` });
    await supervise.getByLabel('Supervisor').selectOption({ label: `${CLIN_B.name}, LCSW` });
    await supervise.getByRole('button', { name: 'Save supervisor' }).click();
    await expect(supervise).toHaveCount(0);
    await expect(reopened.getByRole('row', { name: new RegExp(CLIN_A.name) })).toContainText(CLIN_B.name);
    // main's refusal shows in the dialog: two clinicians cannot supervise each other.
    await reopened.getByRole('button', { name: `Actions for ${CLIN_B.name}` }).click();
    await reopened.getByRole('menuitem', { name: 'Set supervisor' }).click();
    const back = reopened.getByRole('dialog', { name: `Supervisor for ${CLIN_B.name}` });
    await back.getByLabel('Supervisor').selectOption({ label: `${CLIN_A.name}, LCSW` });
    await back.getByRole('button', { name: 'Save supervisor' }).click();
    await expect(back.getByText('Two clinicians cannot supervise each other.')).toBeVisible();
    await back.getByRole('button', { name: 'Cancel' }).click();
    await shot(reopened, 'staff-supervision');
    await signOut(reopened);

    // Front desk: the session happened (date, clinician, code), and nothing of what was written.
    await firstSignIn(reopened, DESK);
    await reopened.goto(`${harness.url}#/clients/${clientId}/sessions`);
    await expect(chartTabs(reopened).getByRole('link')).toHaveText([
      'Overview',
      'Sessions',
      'Disclosures',
      'Rights',
    ]);
    const sessions = reopened.getByRole('table', { name: 'Sessions' });
    await expect(sessions.getByRole('row')).toHaveCount(3);
    await expect(sessions.getByRole('row').nth(1)).toContainText(CLIN_A.name);
    await expect(sessions.getByRole('row').nth(1)).toContainText('90834');
    await expect(reopened.getByText(WORD)).toHaveCount(0);
    await expect(nav(reopened).getByRole('link', { name: 'Notes' })).toHaveCount(0);
    await shot(reopened, 'front-desk-sessions');
    expect((await callFromPage(reopened, 'notes.get', { noteId })).error?.code).toBe('FORBIDDEN');
    await signOut(reopened);

    // A signs another note: it now waits for B's co-signature.
    await signIn(reopened, CLIN_A.username, CLIN_A.password);
    await expect(nav(reopened)).toBeVisible({ timeout: 20_000 });
    await reopened.goto(chartNotes);
    await reopened.getByRole('link', { name: 'New progress note' }).click();
    await chooseRadio(reopened, 'Template', 'Free form');
    await fillSession(reopened, { start: '10:00', end: '10:55', code: '90837' });
    // Moderate risk: the plan becomes required, and the checklist says so.
    await chooseRadio(reopened, 'Risk level', 'Moderate');
    await expect(checklist(reopened).getByRole('button', { name: 'Risk plan' })).toBeVisible();
    await editor(reopened)
      .getByLabel('Risk plan')
      .fill('Safety plan reviewed; crisis line card given; check in by phone on Thursday.');
    await expect(checklist(reopened).getByRole('button', { name: 'Risk plan' })).toHaveCount(0);
    await editor(reopened).getByLabel('Note', { exact: true }).fill('Reviewed the sleep diary together.');
    await editor(reopened)
      .getByLabel('Plan', { exact: true })
      .fill('Keep the diary; next session in a week.');
    await signNote(reopened);
    await expect(
      reopened.locator('.note-head').getByText(`Awaiting co-signature by ${CLIN_B.name}`),
    ).toBeVisible();
    await signOut(reopened);

    // B co-signs from the queue; the header shows who and when.
    await signIn(reopened, CLIN_B.username, CLIN_B.password);
    await expect(nav(reopened)).toBeVisible({ timeout: 20_000 });
    await nav(reopened).getByRole('link', { name: 'Notes' }).click();
    const queue = reopened.getByRole('list', { name: 'Co-sign queue' });
    await expect(queue.getByRole('link')).toHaveCount(1);
    await expect(queue).toContainText('Avery Fictus (Ave)');
    await shot(reopened, 'cosign-queue');
    await queue.getByRole('link').click();
    await reopened.getByRole('button', { name: 'Co-sign note' }).click();
    await reopened
      .getByRole('dialog', { name: 'Co-sign this note?' })
      .getByRole('button', { name: 'Co-sign note' })
      .click();
    await expect(reopened.locator('.note-head').getByText(`Co-signed by ${CLIN_B.name}`)).toBeVisible();
    await expect(reopened.getByText('Moderate risk')).toBeVisible();
    await expect(reopened.getByText('crisis line card given')).toBeVisible();
    await shot(reopened, 'cosigned-note');
    await nav(reopened).getByRole('link', { name: 'Notes' }).click();
    await expect(reopened.getByRole('list', { name: 'Co-sign queue' })).toHaveCount(0);

    expect(problems).toEqual([]);
    expect(reopenedProblems).toEqual([]);
  });
});

test.describe('a client with 300 notes', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    harness = await launchHarness({ seedClients: 3, seedNotesPerClient: 300, timeoutMs: 150_000 });
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('opens the timeline at once, draws only what is in view, and reaches the oldest note', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const problems = watchForErrors(page);
    const owner = harness.accounts.find((a) => a.role === 'owner');
    if (!owner) throw new Error('The seeded practice has no owner account.');
    await page.goto(harness.url);
    await signIn(page, owner.username, owner.password);
    await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    // The first client, opened by its primary clinician (who wrote its notes).
    const found = await callFromPage<{
      clients: { id: string; primaryClinician: { displayName: string } }[];
    }>(page, 'clients.search', { query: '', offset: 0, limit: 1 });
    const client = found.value?.clients[0];
    if (!client) throw new Error('The seeded practice has no clients.');
    const clinician = harness.accounts.find((a) => a.displayName === client.primaryClinician.displayName);
    if (!clinician) throw new Error('No account for the primary clinician.');
    if (clinician.username !== owner.username) {
      await signOut(page);
      await signIn(page, clinician.username, clinician.password);
      await expect(nav(page)).toBeVisible({ timeout: 20_000 });
    }

    const started = Date.now();
    await page.goto(`${harness.url}#/clients/${client.id}/notes`);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    const rows = timeline.getByRole('listitem');
    await expect(rows.first()).toBeVisible();
    const opened = Date.now() - started;
    console.log(`Timeline with 300 notes drawn ${String(opened)} ms after navigation`);
    expect(opened).toBeLessThan(3000);
    await expect(rows.first()).toHaveAttribute('aria-setsize', '300');
    expect(await rows.count()).toBeLessThan(50);
    await viewShot(page, 'long-timeline');

    // The end of the page is the oldest note; still only a screenful of rows exists.
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await expect(timeline.locator('[aria-posinset="300"]')).toBeVisible();
    expect(await rows.count()).toBeLessThan(50);
    await expect(timeline.locator('[aria-posinset="300"]')).toContainText('Progress note');
    await viewShot(page, 'long-timeline-end');

    // A note from the list opens read-only, verified.
    await timeline.locator('[aria-posinset="300"]').getByRole('link').click();
    await expect(page.locator('.note-head').getByText('Verified')).toBeVisible();

    // A two-letter search across the caseload answers with highlighted passages.
    await nav(page).getByRole('link', { name: 'Notes' }).click();
    await page.getByRole('searchbox', { name: 'Search notes' }).fill('sl');
    const results = page.getByRole('region', { name: 'Search results' });
    await expect(results.locator('mark').first()).toBeVisible();
    await expect(results.locator('.hit').first()).toContainText(/Synthetic/);

    expect(problems).toEqual([]);
  });
});
