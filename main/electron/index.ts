// Stillwater's main process: builds the core, wires it to Electron and runs the app's lifecycle.
// Nothing here knows about records (STYLE.md rule 15); security defaults live in window.ts.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session, webContents } from 'electron';
import { IPC_EVENT_PREFIX, type EventName, type EventPayload } from '../../preload/contract.ts';
import { isAppError } from '../core/errors.ts';
import { createCore, type Core, type Logger } from '../core/index.ts';
import { keytarKeychain } from '../core/vault/index.ts';
import { SEED_ORIGIN, seedPractice } from '../core/demo/index.ts';
import { pickFolderWithDialog, pickPathWithDialog } from './folder-picker.ts';
import { registerIpc } from './ipc.ts';
import type { SessionEnder } from './lock.ts';
import { openLogFile, type LogFile } from './log-file.ts';
import { installMenu } from './menu.ts';
import { lockOnPowerEvents, systemIdle } from './power.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { APP_ORIGIN, APP_START_URL } from './security.ts';
import { createMainWindow, hardenContents, hardenSession } from './window.ts';

// Paths are relative to the bundle (dist/electron/main.js), which is the only form Electron runs.
const PRELOAD_PATH = join(import.meta.dirname, 'preload.cjs');
const RENDERER_ROOT = join(import.meta.dirname, '..', 'renderer');

let mainWindow: BrowserWindow | null = null;

function sendEvent<E extends EventName>(windowId: string, event: E, payload: EventPayload<E>): void {
  const contents = webContents.fromId(Number(windowId));
  if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_PREFIX + event, payload);
}

const errorName = (error: unknown): string => (error instanceof Error ? error.name : typeof error);

function openMainWindow(ender: SessionEnder): void {
  const win = createMainWindow({ preload: PRELOAD_PATH, devTools: !app.isPackaged });
  const windowId = String(win.webContents.id);
  // A closed window or a crashed renderer leaves no session behind in main.
  const endHere = (): void => {
    ender.endSession(windowId, 'window-closed').catch((error: unknown) => {
      ender.onError(error);
    });
  };
  win.webContents.on('render-process-gone', endHere);
  win.on('closed', () => {
    endHere();
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  void win.loadURL(APP_START_URL);
}

/** Quitting waits for the core to end every session and close the vault (data key zeroed). */
function shutDownBeforeQuit(core: Core, log: LogFile): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    core
      .shutdown()
      .catch((error: unknown) => {
        log.logger.log('error', 'shell.shutdownFailed', { errorName: errorName(error) });
      })
      .finally(() => {
        state = 'closed';
        log.close();
        app.quit();
      });
  });
}

// `npm start -- --demo`: a synthetic practice in its own folder and keychain entry, never the real one.
const DEMO = process.argv.includes('--demo');

function createAppCore(logger: Logger): Core {
  return createCore({
    dataDir: join(app.getPath('userData'), DEMO ? 'demo-data' : 'data'),
    keychain: keytarKeychain(DEMO ? 'Stillwater-Demo' : 'Stillwater'),
    logger,
    allowedOrigins: DEMO ? [APP_ORIGIN, SEED_ORIGIN] : [APP_ORIGIN],
    onEvent: sendEvent,
    pickFolder: pickFolderWithDialog,
    pickPath: pickPathWithDialog,
    idle: systemIdle,
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const log = openLogFile(join(app.getPath('userData'), 'logs'));
  log.logger.log('info', 'shell.started', { version: app.getVersion(), platform: process.platform });
  let core: Core;
  try {
    core = createAppCore(log.logger);
  } catch (error) {
    log.logger.log('error', 'shell.coreFailed', { errorName: errorName(error) });
    dialog.showErrorBox(
      'Stillwater cannot start',
      isAppError(error) ? error.message : 'Stillwater could not open its data folder.',
    );
    app.exit(1);
    return;
  }
  if (DEMO && core.ctx.vault.status() === 'not-set-up') {
    await seedPractice(core, { clients: 300 });
  }
  hardenSession(session.defaultSession, { devTools: !app.isPackaged });
  serveRenderer(RENDERER_ROOT);
  registerIpc(core.router);
  const ender: SessionEnder = {
    // Menu, shortcut and OS events lock: the renderer gets its moment to save the last draft.
    endSession: (windowId, reason) => core.lock(windowId, reason),
    onError: (error) => {
      log.logger.log('error', 'shell.lockFailed', { errorName: errorName(error) });
    },
  };
  installMenu(ender, app.isPackaged);
  lockOnPowerEvents(ender);
  shutDownBeforeQuit(core, log);
  openMainWindow(ender);
}

// Every renderer sandboxed, whatever a window's options say (checklist item 4); before 'ready'.
app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Guards go on every webContents Electron ever creates, before any page can load.
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents);
  });
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // A records app leaves nothing running without a window, on macOS too.
  app.on('window-all-closed', () => {
    app.quit();
  });
  start().catch((error: unknown) => {
    dialog.showErrorBox('Stillwater cannot start', `Unexpected error (${errorName(error)}).`);
    app.exit(1);
  });
}
