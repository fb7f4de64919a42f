// Sign-in submit → chart list interactive, in Chromium against the e2e harness (the built renderer,
// the harness's loopback bridge for IPC) on the bench's practice. Each run is a cold start: a new
// core over the practice's folder (as when the app opens), a new page, then the person signs in.
// Measured in the page: from the click on "Sign in" to the first client row drawn and filled, then
// one more frame and a task (the page answers input). The breakdown times each IPC call on the
// core's side (router.handle) so the rest is the bridge, the renderer and the browser.
import { chromium } from 'playwright';
import type { Keychain } from '../../main/core/vault/keychain.ts';
import { startHarness } from '../e2e/harness/server.ts';
import { stats, type Row } from './stats.ts';

export const SIGN_IN_GOAL_MS = 1000;

interface InPage {
  listed: number;
  interactive: number;
}

/**
 * Installs in the page, before the click, an observer that resolves when the list's first row is
 * filled (plain JavaScript: the bench is compiled without the DOM's types).
 */
const WATCH_SIGN_IN = `
window.stillwaterBenchSignIn = new Promise((resolve) => {
  let t0;
  document.addEventListener('click', (e) => {
    const b = e.target && e.target.closest ? e.target.closest('button') : null;
    if (b && b.textContent.trim() === 'Sign in') t0 = performance.now();
  }, true);
  const observer = new MutationObserver(() => {
    const row = document.querySelector('[role="listbox"][aria-label="Clients"] [role="option"]:not([aria-busy="true"])');
    if (t0 === undefined || !row) return;
    const start = t0;
    const listed = performance.now() - start;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve({ listed, interactive: performance.now() - start }), 0));
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
});
undefined;
`;

export interface SignInRun {
  who: string;
  listedMs: number;
  interactiveMs: number;
  /** Core-side time per channel called between the click and interactive (ms, summed). */
  calls: Record<string, number>;
}

export async function benchSignIn(options: {
  dataDir: string;
  keychain: Keychain;
  accounts: { label: string; username: string; password: string }[];
  runs: number;
  log: (line: string) => void;
}): Promise<{ rows: Row[]; runs: SignInRun[] }> {
  const browser = await chromium.launch({
    ...(process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH } : {}),
  });
  const runs: SignInRun[] = [];
  try {
    for (const account of options.accounts) {
      for (let i = 0; i < options.runs; i++) {
        const harness = await startHarness({ dataDir: options.dataDir, keychain: options.keychain });
        const calls: Record<string, number> = {};
        let recording = false;
        const handle = harness.core.router.handle.bind(harness.core.router);
        harness.core.router.handle = async (sender, channel, input) => {
          const t = performance.now();
          try {
            return await handle(sender, channel, input);
          } finally {
            if (recording && typeof channel === 'string')
              calls[channel] = (calls[channel] ?? 0) + performance.now() - t;
          }
        };
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(harness.url);
          await page.getByLabel('Username').fill(account.username);
          await page.getByLabel('Password', { exact: true }).fill(account.password);
          await page.evaluate(WATCH_SIGN_IN);
          recording = true;
          await page.getByRole('button', { name: 'Sign in' }).click();
          const m = await Promise.race([
            page.evaluate<InPage>('window.stillwaterBenchSignIn'),
            new Promise<never>((_, fail) =>
              setTimeout(() => {
                const failed = () => {
                  fail(new Error(`sign-in as ${account.username}: no client list within 60 s`));
                };
                page.screenshot({ path: 'bench-results/signin-timeout.png' }).then(failed, failed);
              }, 60_000).unref(),
            ),
          ]);
          recording = false;
          runs.push({ who: account.label, listedMs: m.listed, interactiveMs: m.interactive, calls });
          const top = Object.entries(calls)
            .sort((a, b) => b[1] - a[1])
            .map(([c, ms]) => `${c} ${ms.toFixed(0)}`)
            .join(', ');
          options.log(
            `  sign-in (${account.label}) ${m.interactive.toFixed(0)} ms to interactive (list drawn ${m.listed.toFixed(0)} ms); core: ${top}`,
          );
        } finally {
          await context.close();
          await harness.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  const rows: Row[] = options.accounts.map(({ label }) => {
    const s = stats(runs.filter((r) => r.who === label).map((r) => r.interactiveMs));
    return {
      operation: `sign-in submit -> client list interactive, cold start (${label}, Chromium)`,
      encrypted: s,
      plain: null,
      target: `max <= ${String(SIGN_IN_GOAL_MS)} ms`,
      pass: s.max <= SIGN_IN_GOAL_MS,
    };
  });
  return { rows, runs };
}
