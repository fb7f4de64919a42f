// Every security default of the shell in one place (STYLE.md rule 13): the window (its options are
// built in security.ts, where a test checks them without Electron), the navigation and window-open
// guards applied to every webContents, and the session's permission, network and download policy.
import { basename, join } from 'node:path';
import {
  app,
  BrowserWindow,
  type Event,
  type Session,
  type WebContents,
  type WebContentsWillFrameNavigateEventParams,
} from 'electron';
import {
  isAllowedRequest,
  isAppBlobUrl,
  isAppUrl,
  isPermissionAllowed,
  newAppWindow,
  type AppWindowOptions,
} from './security.ts';

export function createMainWindow(options: AppWindowOptions): BrowserWindow {
  const win = newAppWindow(BrowserWindow, options);
  win.once('ready-to-show', () => {
    win.show();
  });
  return win;
}

type NavigationEvent = Event<{ url: string }>;

/** Checklist item 13: a page of the app may go to another page of the app, and nowhere else. */
function denyForeignNavigation(event: NavigationEvent): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

function denyForeignFrameNavigation(event: Event<WebContentsWillFrameNavigateEventParams>): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

/** Applied to every webContents Electron creates (app 'web-contents-created'). */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', denyForeignNavigation);
  contents.on('will-redirect', denyForeignNavigation);
  contents.on('will-frame-navigate', denyForeignFrameNavigation);
  // Checklist items 11 and 12: no <webview>, whatever a page tries.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  // Checklist item 14: no new windows; the app has no external links to hand to the OS either.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Checklist item 5 (permissions: clipboard writes for "Copy code" and nothing else), plus an offline
 * network policy (an allowlist) and a narrow download rule. The decisions are security.ts's.
 */
export function hardenSession(ses: Session, options: { devTools: boolean }): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  // Every request of every page, whatever its scheme: only the app's own are let through.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, options) });
  });
  // The renderer saves the recovery key and the audit CSV through a Blob and <a download>; that is the
  // only download there is, and the user picks where it goes in a save dialog.
  ses.on('will-download', (event, item, contents) => {
    if (!isAppBlobUrl(item.getURL()) || !isAppUrl(contents.getURL())) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({
      title: 'Save a copy',
      defaultPath: join(app.getPath('downloads'), basename(item.getFilename())),
    });
  });
}
