// Nothing typed is ever lost (issue 18): every form that takes more than a line of text is a draft.
// A consent being recorded survives "Lock now" pressed right after the last key, and opens again
// with every word when the same person signs back in; Esc (or Cancel) with text asks "Discard?",
// "Keep editing" keeps it, "Discard" deletes it. A half-given PHQ-9 survives the inactivity lock, a
// release's extension reason a lock. A new release request survives leaving its page. An addendum
// being written survives its window closing mid-word, and is signed only after its text is shown
// and confirmed. The consent dialog's actions stay in view at 1024x700. Screenshots at 1024x700
// and 1920x1080: test-results/screens/18d-*.png.
import { expect, test, type Page } from '@playwright/test';
import { buildPractice, signedNote } from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import {
  callFromPage,
  localDate,
  nav,
  SCREEN_SIZES,
  screenshotBothSizes,
  signIn,
  signOut,
  startRequest,
  watchForErrors,
} from './support.ts';

// Synthetic people only: obviously fictional.
const OWNER = { name: 'Dr. Wren Draftwell', username: 'wdraftwell', password: 'lichen-harbor-spruce-58' };
const CLIENT = {
  first: 'Ottoline',
  last: 'Keepsake',
  dateOfBirth: '1984-06-21',
  clinician: 'owner',
} as const;

const lockedHeading = (page: Page) =>
  page.getByRole('heading', { name: 'Locked — sign in to continue', exact: true });

const shots = (page: Page, name: string): Promise<void> => screenshotBothSizes(page, `18d-${name}`, 'narrow');

async function signBackIn(page: Page): Promise<void> {
  await expect(lockedHeading(page)).toBeVisible();
  await signIn(page, OWNER.username, OWNER.password);
}

test.use({
  actionTimeout: 15_000,
  viewport: { width: SCREEN_SIZES[0].width, height: SCREEN_SIZES[0].height },
});

test.describe('dialog drafts journey', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('a dialog keeps its text across a lock, an inactivity lock and a closed window, and asks before discarding it', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, { owner: OWNER, clients: { c: CLIENT } });
    const clientId = practice.clients.c.id;
    const chart = `${harness.url}#/clients/${clientId}`;

    // A consent being recorded: the last words typed, then "Lock now" (Ctrl+L) at once.
    await page.goto(`${chart}/intake`);
    await page.getByRole('button', { name: 'Record consent' }).first().click();
    let consent = page.getByRole('dialog', { name: 'Record consent' });
    await expect(consent).toBeVisible();
    const typed = 'Client read the consent aloud and asked about the fee for late cancellation';
    await consent.getByLabel('Notes').fill(typed.slice(0, 40));
    await consent.getByLabel('Notes').pressSequentially(typed.slice(40), { delay: 5 });
    await page.keyboard.press('Control+l');
    await signBackIn(page);

    // Signed back in: the same dialog is open again, every word in it.
    consent = page.getByRole('dialog', { name: 'Record consent' });
    await expect(consent).toBeVisible({ timeout: 20_000 });
    await expect(consent.getByLabel('Notes')).toHaveValue(typed);
    await expect(consent.getByText('What you entered before is back')).toBeVisible();
    // Its actions are in view without scrolling, at 1024x700 too.
    await expect(consent.getByRole('button', { name: 'Record consent' })).toBeInViewport();
    await shots(page, 'consent-restored');
    await expect(consent.getByRole('button', { name: 'Record consent' })).toBeInViewport();

    // Esc with text asks first; Esc again (or "Keep editing") keeps everything.
    await consent.getByLabel('Notes').press('End');
    await page.keyboard.press('Escape');
    const question = consent.getByRole('alert').filter({ hasText: 'Discard what you typed?' });
    await expect(question).toBeVisible();
    await expect(consent.getByRole('button', { name: 'Keep editing' })).toBeFocused();
    await shots(page, 'consent-discard-step');
    await page.keyboard.press('Escape');
    await expect(question).toHaveCount(0);
    await expect(consent.getByLabel('Notes')).toHaveValue(typed);
    await expect(consent.getByLabel('Notes')).toBeFocused();
    await consent.getByRole('button', { name: 'Cancel' }).click();
    await consent.getByRole('button', { name: 'Keep editing' }).click();
    await expect(consent.getByLabel('Notes')).toHaveValue(typed);
    // A click beside the dialog closes nothing.
    await page.mouse.click(5, 5);
    await expect(consent.getByLabel('Notes')).toHaveValue(typed);

    // "Discard" deletes it: the dialog opens empty next time, and not by itself after a reload.
    await page.keyboard.press('Escape');
    await consent.getByRole('button', { name: 'Discard' }).click();
    await expect(consent).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Record consent' }).first()).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByRole('dialog', { name: 'Record consent' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Record consent' }).first().click();
    await expect(page.getByRole('dialog', { name: 'Record consent' }).getByLabel('Notes')).toHaveValue('');
    // Nothing typed: it closes without asking.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Record consent' })).toHaveCount(0);

    // A PHQ-9 half given when the inactivity lock comes (nobody touches the computer for 5 minutes).
    await page.goto(`${chart}/screenings`);
    await page.getByRole('button', { name: 'Administer PHQ-9' }).click();
    let phq = page.getByRole('dialog', { name: 'Administer PHQ-9' });
    for (const item of [1, 2, 3])
      await phq
        .getByRole('radiogroup', { name: new RegExp(`^${String(item)}`) })
        .getByRole('radio', { name: /Several days/ })
        .check();
    await expect(phq.getByText('3 of 9 answered')).toBeVisible();
    await harness.setRealInput('stopped');
    await harness.advance(5 * 60_000 + 1_000);
    await signBackIn(page);
    await harness.setRealInput('continuous');
    phq = page.getByRole('dialog', { name: 'Administer PHQ-9' });
    await expect(phq).toBeVisible({ timeout: 20_000 });
    await expect(phq.getByText('3 of 9 answered')).toBeVisible();
    await shots(page, 'phq9-restored');
    await page.keyboard.press('Escape');
    await phq.getByRole('button', { name: 'Discard' }).click();
    await expect(phq).toHaveCount(0);

    // A release's dialogs are drafts: the reason for an extension, typed just before a lock.
    const created = await callFromPage<{ summary: { id: string } }>(page, 'releases.create', {
      clientId,
      details: {
        kind: 'access',
        receivedOn: localDate(),
        requesterName: `${CLIENT.first} ${CLIENT.last}`,
        requesterIsRepresentative: false,
        signedDirectionOnFile: false,
        format: 'both',
        verification: { method: 'photo_id' },
      },
    });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
    await page.goto(`${harness.url}#/releases/${created.value?.summary.id ?? ''}`);
    await page.getByRole('button', { name: 'Extend 30 days' }).click();
    let extend = page.getByRole('dialog', { name: 'Extend the due date by 30 days' });
    const reason = 'Records from the prior clinician are being retrieved from storage';
    await extend.getByLabel('Reason for the delay').pressSequentially(reason, { delay: 5 });
    await page.keyboard.press('Control+l');
    await signBackIn(page);
    extend = page.getByRole('dialog', { name: 'Extend the due date by 30 days' });
    await expect(extend.getByLabel('Reason for the delay')).toHaveValue(reason, { timeout: 20_000 });
    await extend.getByRole('button', { name: 'Close' }).click();
    await extend.getByRole('button', { name: 'Discard' }).click();
    await expect(extend).toHaveCount(0);

    // A new release request is a draft too: left for another page, it is there on return.
    await startRequest(page, CLIENT.last, 'Court order or subpoena');
    let request = page.getByRole('form', { name: 'New release request' });
    const named = 'Intake assessment and progress notes from March through May (synthetic)';
    await request.getByLabel('What the order names').fill(named);
    await nav(page).getByRole('link', { name: 'Releases' }).click();
    await page.getByRole('link', { name: 'New request' }).first().click();
    request = page.getByRole('form', { name: 'New release request' });
    await expect(request.getByLabel('What the order names')).toHaveValue(named);
    await expect(request.getByText(`${CLIENT.first} ${CLIENT.last}`)).toBeVisible();
    await expect(page.getByText('Your unsaved request was restored')).toBeVisible();
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await expect(request.getByLabel('Client', { exact: true })).toHaveValue('');

    // An addendum being written when the window closes mid-word, without waiting for a save.
    const noteId = await signedNote(page, clientId, localDate(-1), 'Synthetic: client reports better sleep.');
    const noteUrl = `${chart}/notes/${noteId}`;
    await page.goto(noteUrl);
    const addendum = page.getByRole('form', { name: 'Add addendum' });
    const text = 'Client phoned the next morning: sleep diary started; no change to risk or plan';
    await addendum.getByLabel('New addendum').pressSequentially(text, { delay: 5 });
    await page.close();

    // The app opened again: whatever session the harness kept ends, and the owner signs in anew.
    const reopened = await context.newPage();
    const reopenedProblems = watchForErrors(reopened);
    await reopened.goto(noteUrl);
    const app = reopened.getByRole('navigation', { name: 'Main' });
    await expect(reopened.getByRole('heading', { name: 'Sign in', exact: true }).or(app)).toBeVisible({
      timeout: 20_000,
    });
    if (await app.isVisible()) await signOut(reopened);
    await signIn(reopened, OWNER.username, OWNER.password);
    await expect(app).toBeVisible({ timeout: 20_000 });
    await reopened.goto(noteUrl);
    const again = reopened.getByRole('form', { name: 'Add addendum' });
    await expect(again.getByLabel('New addendum')).toHaveValue(text, { timeout: 20_000 });

    // Signing it shows the text and asks; Cancel signs nothing.
    await again.getByRole('button', { name: 'Add addendum' }).click();
    const confirm = reopened.getByRole('dialog', { name: 'Sign this addendum?' });
    await expect(confirm.getByLabel('Addendum text')).toHaveText(text);
    await expect(confirm.getByText('can never be changed or removed')).toBeVisible();
    await shots(reopened, 'addendum-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(reopened.getByRole('list', { name: 'Addenda' })).toHaveCount(0);
    await again.getByRole('button', { name: 'Add addendum' }).click();
    await confirm.getByRole('button', { name: 'Sign addendum' }).click();
    await expect(reopened.getByRole('list', { name: 'Addenda' }).getByText(text)).toBeVisible();
    await expect(again.getByLabel('New addendum')).toHaveValue('');
    // Signed: its draft is gone.
    await reopened.reload();
    await expect(reopened.getByRole('form', { name: 'Add addendum' }).getByLabel('New addendum')).toHaveValue(
      '',
      { timeout: 20_000 },
    );
    const left = await callFromPage(reopened, 'drafts.get', { key: `addendum:${noteId}` });
    expect(left.value).toBeNull();

    expect(problems).toEqual([]);
    expect(reopenedProblems).toEqual([]);
  });
});
