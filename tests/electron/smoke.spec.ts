// Electron smoke test: the built app launched by Playwright's Electron launcher. Where no Electron
// binary is installed (its download is blocked on the machines this project is built on) the suite is
// skipped, and the report says so and why (DESIGN.md section 8).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

/**
 * The Electron binary's path, or why there is none. node_modules/electron/index.js downloads the binary
 * when it is missing, so `require('electron')` is called only once the binary is known to be on disk:
 * a test run must never start a 100 MB download, and here the download is blocked anyway.
 */
function findElectron(): { path: string } | { reason: string } {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathTxt = join(pkgDir, 'path.txt');
  const defaultName =
    process.platform === 'darwin'
      ? 'Electron.app/Contents/MacOS/Electron'
      : process.platform === 'win32'
        ? 'electron.exe'
        : 'electron';
  const expected = override ? join(override, defaultName) : join(pkgDir, 'dist', defaultName);
  if (!override && !existsSync(pathTxt)) {
    return {
      reason:
        `no Electron binary at ${expected} because the download is blocked here ` +
        `(node_modules/electron has no path.txt: its binary download never completed)`,
    };
  }
  try {
    const resolved: unknown =
      override !== undefined || existsSync(expected) ? require('electron') : undefined;
    if (typeof resolved === 'string' && existsSync(resolved)) return { path: resolved };
    return { reason: `no Electron binary at ${expected} because the download is blocked here` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { reason: `no Electron binary at ${expected} because the download is blocked here (${message})` };
  }
}

const found = findElectron();
if ('reason' in found) console.log(`Electron smoke test skipped: ${found.reason}`);

test.describe('Stillwater in Electron', () => {
  test.skip('reason' in found, 'reason' in found ? found.reason : '');

  let app: ElectronApplication | undefined;
  let page: Page;
  let userData: string | undefined;

  const running = (): ElectronApplication => {
    if (!app) throw new Error('the app was not launched');
    return app;
  };

  test.beforeAll(async () => {
    if (!('path' in found)) return;
    for (const built of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build first`);
    }
    // A throwaway profile: userData follows XDG_CONFIG_HOME on Linux and APPDATA on Windows.
    userData = mkdtempSync(join(tmpdir(), 'stillwater-electron-'));
    app = await electron.launch({
      executablePath: found.path,
      args: [root],
      env: { ...process.env, XDG_CONFIG_HOME: userData, APPDATA: userData },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens one window at app://stillwater, titled Stillwater', async () => {
    expect(page.url()).toMatch(/^app:\/\/stillwater\//);
    const title = await running().evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.getTitle(),
    );
    expect(title).toBe('Stillwater');
    expect(running().windows()).toHaveLength(1);
  });

  test('gives the page window.stillwater with call and on only, and no Node', async () => {
    const surface = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      const api = w.stillwater as Record<string, unknown> | undefined;
      return {
        keys: api ? Object.keys(api).sort() : null,
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        ipcRenderer: typeof w.ipcRenderer,
      };
    });
    expect(surface).toEqual({
      keys: ['call', 'on'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
    });
  });

  test('answers a call through the bridge with a result value', async () => {
    const result = await page.evaluate(async () => {
      const api = (globalThis as unknown as { stillwater: { call(c: string, i: unknown): Promise<unknown> } })
        .stillwater;
      const known = (await api.call('app.status', {})) as { ok: boolean };
      const unknown = (await api.call('no.suchChannel', {})) as { ok: boolean; error?: { code: string } };
      return { known: typeof known.ok, unknown };
    });
    expect(result.known).toBe('boolean');
    expect(result.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  test('serves the page with the CSP and nosniff headers', async () => {
    const headers = await page.evaluate(async () => {
      const response = await fetch('/');
      return {
        csp: response.headers.get('content-security-policy'),
        nosniff: response.headers.get('x-content-type-options'),
      };
    });
    expect(headers.csp).toContain("default-src 'none'");
    expect(headers.nosniff).toBe('nosniff');
  });

  test('refuses to navigate to https://example.com or open a window', async () => {
    const before = page.url();
    // A page-initiated navigation, which is what will-navigate guards (programmatic loads skip it).
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com';
    });
    await page.waitForTimeout(1000);
    expect(page.url()).toBe(before);
    const opened = await page.evaluate(
      () => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com') === null,
    );
    expect(opened).toBe(true);
    expect(running().windows()).toHaveLength(1);
  });
});
