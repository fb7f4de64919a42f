// The compiled main process (dist/electron/main.js) driven end to end with Electron replaced by a
// recording stand-in (fake-electron.ts) and keytar by an in-memory keychain, over a real core in a temp
// folder: what Playwright's Electron launcher would check, for a machine that has no Electron binary.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../preload/contract.ts';
import { OWNER, PRACTICE } from '../../helpers/make-practice.ts';
import { app, BrowserWindow, calls, powerMonitor, session, type MenuItem } from './fake-electron.ts';
import { distElectron, distRenderer, ensureShellBuilt } from './shell-build.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
vi.mock('keytar', () => {
  const secrets = new Map<string, string>();
  const keytar = {
    getPassword: (service: string, account: string) =>
      Promise.resolve(secrets.get(`${service}/${account}`) ?? null),
    setPassword: (service: string, account: string, secret: string) => {
      secrets.set(`${service}/${account}`, secret);
      return Promise.resolve();
    },
    deletePassword: (service: string, account: string) =>
      Promise.resolve(secrets.delete(`${service}/${account}`)),
  };
  return { ...keytar, default: keytar };
});

const until = async (condition: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

let userData: string;
let win: BrowserWindow;

beforeAll(async () => {
  ensureShellBuilt();
  userData = mkdtempSync(join(tmpdir(), 'stillwater-shell-'));
  app.userDataBase = userData;
  await import(pathToFileURL(join(distElectron, 'main.js')).href);
  expect(BrowserWindow.windows).toHaveLength(0);
  app.becomeReady();
  await until(() => BrowserWindow.windows.length === 1, 'the main window');
  const first = BrowserWindow.windows[0];
  if (!first) throw new Error('no window');
  win = first;
}, 60_000);

afterAll(() => {
  rmSync(userData, { recursive: true, force: true });
});

type Invoke = (event: unknown, channel: unknown, input: unknown) => Promise<Result<unknown>>;
const invoke = (channel: string, input: unknown, frame: unknown = win.webContents.mainFrame) => {
  const handler = calls.ipcHandlers.get('stillwater:invoke') as Invoke | undefined;
  if (!handler) throw new Error('no invoke handler');
  return handler({ sender: win.webContents, senderFrame: frame }, channel, input);
};
const lockedEvents = () =>
  win.webContents.sent.filter((m) => m.channel === 'stillwater:event:session.locked').map((m) => m.payload);
const menuItem = (label: string): MenuItem | undefined =>
  calls.menus
    .at(-1)
    ?.template.flatMap((m) => m.submenu ?? [])
    .find((i) => i.label === label);

describe('the compiled main process, with a stand-in for Electron', () => {
  it('registers app:// as a privileged scheme before the app is ready, and takes the single-instance lock', () => {
    expect(calls.privilegedSchemes).toEqual([
      {
        schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
        beforeReady: true,
      },
    ]);
    expect(app.singleInstanceLockRequests).toBe(1);
  });

  it('sandboxes every renderer with app.enableSandbox(), before the app is ready', () => {
    expect(app.sandboxCalls).toEqual([{ beforeReady: true }]);
  });

  it('opens one sandboxed window on app://stillwater/ with the bundled preload', () => {
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: true,
    });
    expect(prefs.preload).toBe(join(distElectron, 'preload.cjs'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(win.loadedUrl).toBe('app://stillwater/');
    expect(calls.errorBoxes).toEqual([]);
  });

  it('guards the window: navigation, redirects, frames, new windows and webviews', () => {
    const attempt = (event: string, url: string): boolean => {
      let prevented = false;
      win.webContents.emit(event, {
        url,
        preventDefault: () => {
          prevented = true;
        },
      });
      return prevented;
    };
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(attempt(event, 'https://example.com/'), event).toBe(true);
      expect(attempt(event, 'file:///etc/passwd'), event).toBe(true);
      expect(attempt(event, 'app://stillwater/index.html'), event).toBe(false);
    }
    expect(win.webContents.windowOpenHandler?.({ url: 'app://stillwater/' })).toEqual({ action: 'deny' });
    expect(attempt('will-attach-webview', 'app://stillwater/')).toBe(true);
  });

  it('focuses the existing window when Stillwater is started again', () => {
    app.emit('second-instance');
    expect(win.focusCount).toBe(1);
  });

  it('grants only clipboard writes to the app’s own page, and lets only the app’s own requests through', () => {
    const ses = session.defaultSession;
    const request = (permission: string, requestingUrl: string): boolean | undefined => {
      let granted: boolean | undefined;
      (ses.permissionRequestHandler as ((...a: unknown[]) => void) | undefined)?.(
        win.webContents,
        permission,
        (g: boolean) => {
          granted = g;
        },
        { requestingUrl },
      );
      return granted;
    };
    const check = (permission: string, origin: string): boolean | undefined =>
      (ses.permissionCheckHandler as ((...a: unknown[]) => boolean) | undefined)?.(
        win.webContents,
        permission,
        origin,
        {},
      );
    // "Copy code" (navigator.clipboard.writeText) works; nothing else does, and no other page gets it.
    expect(request('clipboard-sanitized-write', 'app://stillwater/')).toBe(true);
    expect(check('clipboard-sanitized-write', 'app://stillwater')).toBe(true);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal']) {
      expect(request(permission, 'app://stillwater/'), permission).toBe(false);
      expect(check(permission, 'app://stillwater'), permission).toBe(false);
    }
    expect(request('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(check('clipboard-sanitized-write', 'https://example.com')).toBe(false);
    expect((ses.devicePermissionHandler as (() => boolean) | undefined)?.()).toBe(false);

    // Every request is seen (no filter), and only the app's own pass: an allowlist, not a denylist.
    expect(ses.beforeRequest?.filter).toBeNull();
    const cancelled = (url: string): unknown => {
      let response: unknown;
      (ses.beforeRequest?.handler as ((...a: unknown[]) => void) | undefined)?.({ url }, (r: unknown) => {
        response = r;
      });
      return (response as { cancel?: boolean } | undefined)?.cancel;
    };
    expect(cancelled('app://stillwater/assets/index.js')).toBe(false);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'ws://localhost/',
      'file:///etc/passwd',
      'ftp://example.com/x',
      'chrome-extension://abc/x.js',
      'app://elsewhere/x.js',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
  });

  it('downloads only Blobs of the app, through a save dialog', () => {
    const download = (url: string) => {
      let prevented = false;
      let dialog: { defaultPath?: string } | undefined;
      session.defaultSession.emit(
        'will-download',
        {
          preventDefault: () => {
            prevented = true;
          },
        },
        {
          getURL: () => url,
          getFilename: () => 'stillwater-audit.csv',
          setSaveDialogOptions: (o: { defaultPath?: string }) => {
            dialog = o;
          },
        },
        win.webContents,
      );
      return { prevented, dialog };
    };
    const own = download('blob:app://stillwater/2b7e9f1c-0c1a-4d55-9a8e-5d2f7d6b1e11');
    expect(own.prevented).toBe(false);
    expect(own.dialog?.defaultPath).toBe(join(userData, 'downloads', 'stillwater-audit.csv'));
    expect(download('https://example.com/x.csv').prevented).toBe(true);
    expect(download('blob:https://example.com/2b7e9f1c').prevented).toBe(true);
  });

  it('serves the built renderer over app:// with its headers, and refuses the rest', async () => {
    const handler = calls.protocolHandlers.get('app');
    if (!handler) throw new Error('no app:// handler');
    const traversal = await handler(new Request('app://stillwater/..%2f..%2fpackage.json'));
    expect(traversal.status).toBe(404);
    expect((await handler(new Request('app://stillwater/', { method: 'POST' }))).status).toBe(405);
    if (!existsSync(join(distRenderer, 'index.html'))) return;
    const page = await handler(new Request('app://stillwater/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe(readFileSync(join(distRenderer, 'index.html'), 'utf8'));
  });

  it('has one IPC entry point, which reaches the core with the origin of the main frame only', async () => {
    expect([...calls.ipcHandlers.keys()]).toEqual(['stillwater:invoke']);
    expect(calls.ipcOther).toEqual([]);
    const status = await invoke('app.status', {});
    expect(status).toEqual({ ok: true, value: { setUp: false, practiceName: null, session: null } });
    const fromSubframe = await invoke('app.status', {}, win.webContents.subframe('app://stillwater/'));
    expect(fromSubframe).toMatchObject({ ok: false, error: { code: 'BAD_ORIGIN' } });
    const noFrame = await invoke('app.status', {}, null);
    expect(noFrame).toMatchObject({ ok: false, error: { code: 'BAD_ORIGIN' } });
  });

  it('locks on "Lock now" (CmdOrCtrl+L), screen lock and suspend, and tells the window', async () => {
    const setup = await invoke('setup.createPractice', { practice: PRACTICE, owner: OWNER });
    expect(setup.ok).toBe(true);
    const lockNow = menuItem('Lock now');
    expect(lockNow?.accelerator).toBe('CmdOrCtrl+L');
    lockNow?.click?.();
    await until(() => lockedEvents().length === 1, 'the manual lock');

    const signIn = () => invoke('auth.signIn', { username: OWNER.username, password: OWNER.password });
    expect((await signIn()).ok).toBe(true);
    powerMonitor.emit('lock-screen');
    await until(() => lockedEvents().length === 2, 'the screen-lock lock');
    expect((await signIn()).ok).toBe(true);
    powerMonitor.emit('suspend');
    await until(() => lockedEvents().length === 3, 'the suspend lock');

    expect(lockedEvents()).toEqual([
      { reason: 'manual' },
      { reason: 'screen-locked' },
      { reason: 'suspend' },
    ]);
    const status = await invoke('app.status', {});
    expect(status).toMatchObject({ ok: true, value: { session: null } });
  }, 60_000);

  it('asks the OS idle time (powerMonitor) when a page reports activity', async () => {
    expect((await invoke('auth.signIn', { username: OWNER.username, password: OWNER.password })).ok).toBe(
      true,
    );
    const before = powerMonitor.idleQueries;
    powerMonitor.idleSeconds = 3600;
    expect(await invoke('session.activity', {})).toEqual({ ok: true, value: null });
    expect(powerMonitor.idleQueries).toBe(before + 1);
    powerMonitor.idleSeconds = 0;
    expect((await invoke('auth.signOut', {})).ok).toBe(true);
  });

  it('asks for a release package folder with the OS dialog, attached to the window that asked', async () => {
    expect((await invoke('auth.signIn', { username: OWNER.username, password: OWNER.password })).ok).toBe(
      true,
    );
    calls.openDialogAnswer = null;
    expect(await invoke('releases.verifyPackage', {})).toEqual({ ok: true, value: null });
    expect(calls.openDialogs.at(-1)).toEqual({
      parent: win,
      options: expect.objectContaining({
        title: 'Choose the release package folder to verify',
        properties: ['openDirectory'],
      }) as unknown,
    });
    const empty = mkdtempSync(join(tmpdir(), 'stillwater-notapackage-'));
    calls.openDialogAnswer = empty;
    expect(await invoke('releases.verifyPackage', {})).toMatchObject({
      ok: true,
      value: { ok: false, problems: [expect.stringContaining('no manifest.json') as unknown] },
    });
    rmSync(empty, { recursive: true });
    expect((await invoke('auth.signOut', {})).ok).toBe(true);
  });

  it('chooses the backup folder with the OS dialog and backs up through the bundled worker', async () => {
    expect((await invoke('auth.signIn', { username: OWNER.username, password: OWNER.password })).ok).toBe(
      true,
    );
    const folder = mkdtempSync(join(tmpdir(), 'stillwater-backups-'));
    calls.openDialogAnswer = folder;
    expect(await invoke('backup.chooseFolder', {})).toMatchObject({ ok: true, value: { folder } });
    expect(calls.openDialogs.at(-1)?.options).toMatchObject({
      properties: ['openDirectory', 'createDirectory'],
    });
    const run = await invoke('backup.runNow', {});
    expect(run).toMatchObject({
      ok: true,
      value: { lastFailure: null, lastVerified: expect.any(Object) as unknown },
    });
    const backups = readdirSync(folder);
    expect(backups).toHaveLength(1);
    expect(readdirSync(join(folder, backups[0] ?? '')).sort()).toEqual(['manifest.json', 'practice.db']);
    rmSync(folder, { recursive: true });
    expect((await invoke('auth.signOut', {})).ok).toBe(true);
  }, 60_000);

  it('shows reload and DevTools in the menu only when unpackaged (this run)', () => {
    const roles =
      calls.menus
        .at(-1)
        ?.template.flatMap((m) => m.submenu ?? [])
        .map((i) => i.role) ?? [];
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('writes its diagnostic log under userData/logs', async () => {
    const log = join(userData, 'userData', 'logs', 'stillwater.log');
    await until(() => existsSync(log) && readFileSync(log, 'utf8').includes('shell.started'), 'the log line');
    const line = JSON.parse(readFileSync(log, 'utf8').split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', event: 'shell.started', version: '0.1.0' });
  });

  it('quits when the last window closes, only after the core has ended the session', async () => {
    expect((await invoke('auth.signIn', { username: OWNER.username, password: OWNER.password })).ok).toBe(
      true,
    );
    app.emit('window-all-closed');
    expect(app.quitted).toBe(false);
    await until(() => app.quitted, 'the quit');
    expect(app.quitRequests).toBe(2);
    expect(lockedEvents().at(-1)).toEqual({ reason: 'app-quit' });
  }, 30_000);
});

describe('the menu when packaged', () => {
  it('has no reload or DevTools items', async () => {
    const { installMenu } = await import('../../../main/electron/menu.ts');
    installMenu({ endSession: () => Promise.resolve(), onError: () => undefined }, true);
    const roles =
      calls.menus
        .at(-1)
        ?.template.flatMap((m) => m.submenu ?? [])
        .map((i) => i.role) ?? [];
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toContain('quit');
  });
});
