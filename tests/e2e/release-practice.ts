// A practice for the release journeys: the owner, a clinician and front desk (each signed in once
// through the screens, as a new colleague would), clients of the clinician's, signed notes, and
// moving between colleagues at the same window. Synthetic people only.
import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { callFromPage, firstSignIn, setUpPractice, signIn, signOut } from './support.ts';

export const OWNER = { name: 'Dr. Quinn Ledger', username: 'qledger', password: 'harbor-thistle-copper-29' };
export const CLIN = {
  name: 'Dr. Morgan Example',
  username: 'mexample',
  temporary: 'amber-willow-canyon-31',
  password: 'slate-river-fern-84',
};
export const DESK = {
  name: 'Robin Frontdesk',
  username: 'rfrontdesk',
  temporary: 'pebble-lantern-orchid-17',
  password: 'meadow-copper-violet-62',
};

export const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

export async function addStaff(
  page: Page,
  person: { name: string; username: string; temporary: string },
  role: 'clinician' | 'front_desk',
): Promise<void> {
  await page.getByRole('button', { name: 'Add staff member' }).click();
  const add = page.getByRole('dialog', { name: 'Add staff member' });
  await add.getByLabel('Full name').fill(person.name);
  await add.getByLabel('Username').fill(person.username);
  await add.getByLabel('Role').selectOption(role);
  await add.getByLabel('Temporary password').fill(person.temporary);
  if (role === 'clinician') await add.getByLabel('Credentials').fill('LCSW');
  await add.getByRole('button', { name: 'Add staff member' }).click();
  await page
    .getByRole('dialog', { name: `${person.name} was added` })
    .getByRole('button', { name: 'Done' })
    .click();
}

export async function switchTo(page: Page, who: { username: string; password: string }): Promise<void> {
  await signOut(page);
  await signIn(page, who.username, who.password);
  await expect(nav(page)).toBeVisible({ timeout: 20_000 });
}

/**
 * The owner sets up the practice and adds the clinician and front desk; each colleague signs in
 * once to choose a password. Returns the clinician's id; the owner is signed in at the end.
 */
export async function staffedPractice(page: Page, url: string): Promise<string> {
  await setUpPractice(page, url, OWNER);
  await nav(page).getByRole('link', { name: 'Staff' }).click();
  await addStaff(page, CLIN, 'clinician');
  await addStaff(page, DESK, 'front_desk');
  const staff = await callFromPage<{ id: string; username: string }[]>(page, 'staff.list', {});
  const clinId = staff.value?.find((s) => s.username === CLIN.username)?.id ?? '';
  expect(clinId).not.toBe('');
  for (const colleague of [CLIN, DESK]) {
    await signOut(page);
    await firstSignIn(page, colleague);
  }
  await switchTo(page, OWNER);
  return clinId;
}

export async function createClient(page: Page, input: Record<string, unknown>): Promise<string> {
  const created = await callFromPage<{ id: string }>(page, 'clients.create', {
    phone: '(555) 010-4477',
    communication: { voicemailOk: false, textOk: false, emailOk: false },
    guardians: [],
    ...input,
  });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  return created.value?.id ?? '';
}

/** A signed note by whoever is signed in: a progress note, or a psychotherapy note. */
export async function signedNote(
  page: Page,
  clientId: string,
  serviceDate: string,
  text: string,
  kind: 'progress' | 'psychotherapy' = 'progress',
): Promise<void> {
  const draft = await callFromPage<{ noteId: string }>(page, 'notes.saveDraft', {
    clientId,
    kind,
    template: 'dap',
    serviceDate,
    startTime: '10:00',
    endTime: '10:53',
    serviceCode: '90834',
    modality: 'video',
    location: 'Office 2',
    participants: 'Client',
    riskLevel: 'low',
    sections: {
      data: text,
      assessment: 'Synthetic: progress toward goal 1; mood brighter.',
      plan: 'Synthetic: continue weekly.',
    },
    part2: false,
  });
  expect(draft.ok, JSON.stringify(draft.error)).toBe(true);
  const signed = await callFromPage(page, 'notes.sign', { noteId: draft.value?.noteId });
  expect(signed.ok, JSON.stringify(signed.error)).toBe(true);
}

/** Opens a new request for the client found by this text, of the given kind. */
export async function startRequest(page: Page, clientText: string, kind: string): Promise<void> {
  await nav(page).getByRole('link', { name: 'Releases' }).click();
  await page.getByRole('link', { name: 'New request' }).first().click();
  const form = page.getByRole('form', { name: 'New release request' });
  await form.getByLabel('Client', { exact: true }).fill(clientText);
  await form.getByRole('list', { name: 'Matching clients' }).getByRole('button').first().click();
  await form.getByRole('radiogroup', { name: 'Kind of request' }).getByRole('radio', { name: kind }).check();
}

/** The text of a package's PDF (poppler's pdftotext). */
export const pdfText = (file: string): string =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
