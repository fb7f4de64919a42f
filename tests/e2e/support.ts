// Helpers for the e2e journeys: screenshots, calls through the page's own window.stillwater,
// sign-in and sign-out, a practice set up through the same API the setup wizard uses, and
// local calendar dates. Synthetic people only.
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { ErrorPayload } from '../../preload/contract.ts';

export const SCREENS = 'test-results/screens';

/** Saves what a person would see: fonts loaded, the last render settled, a modal as the viewport. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  // Awaited through the debugger protocol: a polled string predicate would be eval, which the CSP refuses.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.waitForTimeout(200);
  const dialogOpen = (await page.locator('dialog[open]').count()) > 0;
  const viewport = page.viewportSize();
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  if (dialogOpen || !viewport || height <= viewport.height) {
    await page.screenshot({ path: `${SCREENS}/${name}.png` });
    return;
  }
  // A long page: the window made as tall as the page, so sticky bars sit where they end up,
  // not wherever the page happened to be scrolled.
  await page.setViewportSize({ width: viewport.width, height });
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${SCREENS}/${name}.png` });
  await page.setViewportSize(viewport);
}

export interface CallResult<T = unknown> {
  ok: boolean;
  value?: T;
  error?: ErrorPayload;
}

/** Calls main through the page's own window.stillwater, as the app would. */
export async function callFromPage<T = unknown>(
  page: Page,
  channel: string,
  input: unknown,
): Promise<CallResult<T>> {
  return page.evaluate(
    async ([c, i]) => {
      const api = (globalThis as unknown as { stillwater: { call(c: string, i: unknown): Promise<unknown> } })
        .stillwater;
      return (await api.call(c, i)) as CallResult<T>;
    },
    [channel, input] as const,
  );
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
}

/** First sign-in of a new colleague: the temporary password, then their own. */
export async function firstSignIn(
  page: Page,
  person: { username: string; temporary: string; password: string },
): Promise<void> {
  await signIn(page, person.username, person.temporary);
  await expect(page.getByRole('heading', { name: 'Choose your own password', exact: true })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByLabel('Temporary password').fill(person.temporary);
  await page.getByLabel('New password', { exact: true }).fill(person.password);
  await page.getByLabel('Confirm new password').fill(person.password);
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible({ timeout: 20_000 });
}

/** Sets up a practice through setup.createPractice (the wizard's own call) and signs the owner in. */
export async function setUpPractice(
  page: Page,
  url: string,
  owner: { name: string; username: string; password: string },
): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Tell us about your practice', exact: true })).toBeVisible();
  const setup = await callFromPage<{ recoveryKey: string }>(page, 'setup.createPractice', {
    practice: {
      name: 'Juniper Street Therapy (Synthetic)',
      addressLine1: '12 Example Street',
      city: 'Eugene',
      region: 'OR',
      postalCode: '97401',
      phone: '(555) 010-7700',
      privacyContact: 'Privacy Officer, Juniper Street (synthetic)',
    },
    owner: { displayName: owner.name, username: owner.username, password: owner.password },
  });
  expect(setup.ok).toBe(true);
  const confirmed = await callFromPage(page, 'setup.confirmRecoveryKey', {
    recoveryKey: setup.value?.recoveryKey,
  });
  expect(confirmed.ok).toBe(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible({ timeout: 20_000 });
}

/** A local calendar date (YYYY-MM-DD) some days and years from today. */
export function localDate(days = 0, years = 0): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() + years);
  d.setDate(d.getDate() + days);
  return `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "4/12/2011": a date as a person types it into search. */
export const typedDate = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${String(Number(m))}/${String(Number(d))}/${y ?? ''}`;
};

/** Collects page errors, failed requests and console errors (a CSP violation is one). */
export function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${String(response.status())} for ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return problems;
}
