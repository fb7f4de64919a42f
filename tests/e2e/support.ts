// Helpers for the e2e journeys: screenshots, calls through the page's own window.stillwater, signing
// in, out and over to a colleague, knowing that main's events and the page's calls have arrived
// (instead of sleeping), local calendar dates, and the release steps two journeys share. The
// practice a journey starts from is built by fixtures/practice.ts. Synthetic people only.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { ErrorPayload } from '../../preload/contract.ts';
import type { HarnessCalls } from './harness/bridge.ts';

export const SCREENS = 'test-results/screens';

// Awaited through the debugger protocol: a polled string predicate would be eval, which the CSP refuses.
const SETTLED = `document.fonts.ready.then(
  () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))),
)`;

/**
 * Saves what a person would see: fonts loaded, the last render drawn (two frames), transitions at
 * their end, a modal as the viewport. A long page is captured whole unless `viewportOnly`.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { viewportOnly?: boolean } = {},
): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  const path = `${SCREENS}/${name}.png`;
  await page.evaluate(SETTLED);
  const dialogOpen = (await page.locator('dialog[open]').count()) > 0;
  const viewport = page.viewportSize();
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  if (options.viewportOnly || dialogOpen || !viewport || height <= viewport.height) {
    await page.screenshot({ path, animations: 'disabled' });
    return;
  }
  // A long page: the window made as tall as the page, so sticky bars sit where they end up,
  // not wherever the page happened to be scrolled.
  await page.setViewportSize({ width: viewport.width, height });
  await page.evaluate(SETTLED);
  await page.screenshot({ path, animations: 'disabled' });
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

/** Calls main through the page and expects it to succeed, saying the error when it does not. */
export async function okFromPage<T = unknown>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await callFromPage<T>(page, channel, input);
  expect(r.ok, `${channel}: ${JSON.stringify(r.error)}`).toBe(true);
  return r.value as T;
}

/**
 * Every event main sent before now has reached the page, and a frame has been drawn since: the
 * harness writes harness.sync on the page's event stream after them. What main did not send by
 * now, the page cannot be showing (a warning that must not come, a lock that must not happen).
 */
export async function eventsDelivered(page: Page): Promise<void> {
  await page.evaluate(
    async (id) => {
      const w = globalThis as unknown as {
        stillwater: { on(event: string, listener: (payload: { id?: string }) => void): () => void };
        requestAnimationFrame(callback: () => void): number;
      };
      await new Promise<void>((done, fail) => {
        const off = w.stillwater.on('harness.sync', (payload) => {
          if (payload.id !== id) return;
          off();
          done();
        });
        fetch('/__harness/sync', { method: 'POST', body: JSON.stringify({ id }) }).then((response) => {
          if (!response.ok) fail(new Error(`harness sync failed with HTTP ${String(response.status)}`));
        }, fail);
      });
      await new Promise<void>((done) => {
        w.requestAnimationFrame(() => w.requestAnimationFrame(done));
      });
    },
    `sync-${String(Date.now())}-${String(Math.random())}`,
  );
}

/** Calls on this channel the page has started and not yet had answered (harness/bridge.ts counts them). */
async function unanswered(page: Page, channel: string): Promise<number> {
  const calls = await page.evaluate(
    () => (globalThis as unknown as { stillwaterHarnessCalls: HarnessCalls }).stillwaterHarnessCalls,
  );
  return (calls.started[channel] ?? 0) - (calls.answered[channel] ?? 0);
}

/** Every call on this channel the page has made so far has been answered by main. */
export async function callsAnswered(page: Page, channel: string): Promise<void> {
  await expect
    .poll(() => unanswered(page, channel), { message: `${channel} calls still on their way` })
    .toBe(0);
}

export const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

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

/** The person at the window signs out and a colleague signs in with their own password. */
export async function switchTo(page: Page, who: { username: string; password: string }): Promise<void> {
  await signOut(page);
  await signIn(page, who.username, who.password);
  await expect(nav(page)).toBeVisible({ timeout: 20_000 });
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

/** Opens a new release request for the client found by this text, of the given kind. */
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

/** The two windows every screen must work in: a 13-inch laptop at 150 % and a full-HD monitor. */
export const SCREEN_SIZES = [
  { name: 'narrow', width: 1024, height: 700 },
  { name: 'wide', width: 1920, height: 1080 },
] as const;

/** The screen as it is now at both sizes (`<name>-narrow`, `<name>-wide`), the window left at `leaveAt`. */
export async function screenshotBothSizes(
  page: Page,
  name: string,
  leaveAt: 'narrow' | 'wide',
): Promise<void> {
  const sizes = leaveAt === 'wide' ? SCREEN_SIZES : [...SCREEN_SIZES].reverse();
  for (const size of sizes) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await screenshot(page, `${name}-${size.name}`);
  }
}

/** axe-core's serious and critical findings, one readable line per rule and element. */
export async function axeProblems(page: Page): Promise<string[]> {
  // With a modal dialog open only the dialog is checked: the page behind it is inert and was checked
  // without it. Only the violations are read: passes and incomplete results are not worked out.
  // Legacy mode runs axe in the page itself instead of gathering frames' results in a new blank
  // page for every check: the app has no frames, so nothing goes unchecked, and the walk stays short.
  const axe = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
  if ((await page.locator('dialog[open]').count()) > 0) axe.include('dialog[open]');
  const results = await axe.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (node) =>
          `axe ${v.id} (${v.impact ?? ''}): ${v.help} — ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
      ),
    );
}
