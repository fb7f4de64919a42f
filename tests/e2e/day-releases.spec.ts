// Releases that reach their reviewer (issue 18, items 4 and 5), end to end in Chromium against a
// real core: front desk sends two requests for review (a client's own copy received 35 days ago,
// overdue, and a third party's whose authorization covers progress notes and the intake for the
// last 90 days) and sees each one's status in the list; the clinician signs in to the queue on the
// home screen with the due dates, the overdue one first, and the count on the sidebar's Releases
// item; the review opens pre-selected from the authorization (notes, their addenda and the intake,
// its period); approving takes it out of the queue and the count follows. Screenshots at 1024×700
// and 1920×1080: test-results/screens/dr-<screen>-<size>.png.
import { expect, test, type Page } from '@playwright/test';
import { intake } from '../helpers/clients.ts';
import { hipaaAuthorization, thirdParty, accessRequest } from '../helpers/releases.ts';
import {
  buildPractice,
  CLINICIAN as CLIN,
  FRONT_DESK as DESK,
  OWNER,
  signedNote,
} from './fixtures/practice.ts';
import { launchHarness, type LaunchedHarness } from './harness/launch.ts';
import { callFromPage, localDate, nav, screenshotBothSizes, switchTo, watchForErrors } from './support.ts';

const shots = (page: Page, name: string): Promise<void> => screenshotBothSizes(page, `dr-${name}`, 'wide');

async function ok<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await callFromPage<T>(page, channel, input);
  expect(r.ok, `${channel}: ${JSON.stringify(r.error)}`).toBe(true);
  return r.value as T;
}

test.use({ actionTimeout: 15_000, viewport: { width: 1920, height: 1080 } });

test.describe('releases reach their reviewer', () => {
  let harness: LaunchedHarness;
  test.beforeAll(async () => {
    harness = await launchHarness();
  });
  test.afterAll(async () => {
    await harness.close();
  });

  test('the queue, the sidebar count, the defaults from the authorization, and the status at the desk', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const problems = watchForErrors(page);
    const practice = await buildPractice(page, harness, {
      owner: OWNER,
      staff: { clin: CLIN, desk: DESK },
      clients: {
        avery: { first: 'Avery', last: 'Fictus', dateOfBirth: '1988-07-14', clinician: 'clin' },
        rowan: { first: 'Rowan', last: 'Placeholder', dateOfBirth: '1979-03-02', clinician: 'clin' },
      },
      firstSignIns: true,
    });
    const avery = practice.clients.avery.id;
    const rowan = practice.clients.rowan.id;

    // The clinician's records: the intake, a note in the authorization's period with an addendum,
    // and one long before it.
    await switchTo(page, CLIN);
    await ok(page, 'intake.save', intake(avery));
    await signedNote(page, avery, localDate(-30), 'Synthetic: walked to the lighthouse twice this week.');
    await signedNote(page, avery, localDate(-200), 'Synthetic: talked about the zeppelin model kit.');
    const timeline = await ok<{ noteId?: string; date: string }[]>(page, 'notes.timeline', {
      clientId: avery,
    });
    const recent = timeline.find((e) => e.date === localDate(-30));
    expect(recent?.noteId).toBeTruthy();
    await ok(page, 'notes.addAddendum', {
      noteId: recent?.noteId,
      text: 'Synthetic: the session ran 50 minutes.',
    });
    await signedNote(page, rowan, localDate(-20), 'Synthetic: steady week.');
    // No release waits yet: no count beside Releases.
    await expect(nav(page).getByRole('link', { name: 'Releases', exact: true })).toBeVisible();

    // Front desk: Rowan's own copy, received 35 days ago (due 5 days ago), and Avery's third party.
    await switchTo(page, DESK);
    const own = await ok<{ summary: { id: string } }>(
      page,
      'releases.create',
      accessRequest(rowan, localDate(-35)),
    );
    await ok(page, 'releases.authorize', { requestId: own.summary.id });
    const request = thirdParty(avery);
    const tp = await ok<{ summary: { id: string } }>(page, 'releases.create', {
      ...request,
      details: { ...request.details, receivedOn: localDate(-2) },
    });
    await ok(
      page,
      'releases.addAuthorization',
      hipaaAuthorization(tp.summary.id, {
        recordTypes: ['progress_notes', 'intake'],
        recordsFrom: localDate(-90),
        recordsTo: localDate(0),
        description: 'Progress notes and the intake assessment of the last three months',
        signedOn: localDate(-3),
        expiresOn: localDate(180),
      }),
    );
    await ok(page, 'releases.authorize', { requestId: tp.summary.id });
    const draft = await ok<{ summary: { id: string } }>(
      page,
      'releases.create',
      accessRequest(avery, localDate(-1)),
    );

    // The desk sees every release's status, and can list those waiting for the clinician.
    await nav(page).getByRole('link', { name: 'Releases' }).click();
    const table = page.getByRole('table', { name: /Release requests/ });
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table.getByText('Awaiting clinician review')).toHaveCount(2);
    await expect(table.getByText('Awaiting authorization')).toHaveCount(1);
    // Front desk decides nothing: no queue, no count.
    await expect(page.getByRole('region', { name: 'Awaiting your review' })).toHaveCount(0);
    await shots(page, 'desk-status');
    await page.getByLabel('Status').selectOption('authorized');
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table.getByRole('link', { name: /Rowan Placeholder/ })).toBeVisible();
    expect(draft.summary.id).not.toBe('');

    // The clinician signs in to the queue: the overdue request first, with its due date, and the count.
    await switchTo(page, CLIN);
    const queue = page.getByRole('region', { name: 'Awaiting your review' });
    await expect(queue).toBeVisible();
    const rows = queue.getByRole('list', { name: 'Releases awaiting your review' }).getByRole('listitem');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Rowan Placeholder');
    await expect(rows.nth(0)).toContainText(/Overdue: was due .* \(5 days ago\)/);
    await expect(rows.nth(1)).toContainText('Avery Fictus');
    await expect(rows.nth(1)).toContainText('No legal due date');
    await expect(
      nav(page).getByRole('link', { name: 'Releases 2 releases await your review, 1 overdue' }),
    ).toBeVisible();
    await shots(page, 'clinician-home');

    // The review starts from the authorization: notes (their addenda with them) and the intake, its period.
    await rows.nth(1).getByRole('link').click();
    const selection = page.getByRole('form', { name: 'Records to release' });
    await expect(selection.locator('.review__defaults')).toContainText(
      'authorization signed by Avery Fictus',
    );
    const kinds = selection.getByRole('group', { name: 'Kinds of record' });
    await expect(kinds.getByRole('checkbox', { name: /Progress notes/ })).toBeChecked();
    await expect(kinds.getByRole('checkbox', { name: /Intake assessment/ })).toBeChecked();
    const addenda = kinds.getByRole('checkbox', { name: /Addenda to those notes/ });
    await expect(addenda).toBeChecked();
    await expect(addenda).toBeDisabled();
    for (const name of [
      /Assessments/,
      /Consents on file/,
      /Identification and contact/,
      /Psychotherapy notes/,
    ])
      await expect(kinds.getByRole('checkbox', { name })).not.toBeChecked();
    await expect(selection.getByLabel('From', { exact: true })).toHaveValue(localDate(-90));
    await expect(selection.getByLabel('To', { exact: true })).toHaveValue(localDate(0));
    await selection.getByRole('button', { name: 'Preview what will leave' }).click();
    const preview = page.getByRole('article', { name: 'Preview of what will be released' });
    await expect(preview.getByText(/lighthouse/).first()).toBeVisible();
    await expect(preview.getByText(/the session ran 50 minutes/).first()).toBeVisible();
    await expect(preview.getByText(/zeppelin/)).toHaveCount(0);
    await shots(page, 'review-defaults');
    await selection.getByRole('button', { name: 'Approve this release' }).click();
    await expect(page.locator('.review-approved__who')).toContainText('Approved by Dr. Morgan Example');

    // Approved: out of the queue, and the count follows without a reload.
    await expect(
      nav(page).getByRole('link', { name: 'Releases 1 release awaits your review, 1 overdue' }),
    ).toBeVisible();
    await nav(page)
      .getByRole('link', { name: /^Releases/ })
      .click();
    await expect(
      page.getByRole('region', { name: 'Awaiting your review' }).getByRole('listitem'),
    ).toHaveCount(1);
    await shots(page, 'clinician-releases');
    expect(problems).toEqual([]);
  });
});
