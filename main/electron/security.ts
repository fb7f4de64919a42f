// The shell's security defaults with no run-time 'electron' import (types only), so a unit test checks
// every item without Electron, and window.ts, protocol.ts and ipc.ts all read the same values.
import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'stillwater';
/** The only origin that may load in a window or call the router. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/`;

/** Served as a header with every app:// response; the renderer needs nothing from outside the app. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Electron's BrowserWindow, passed in so that this file needs no 'electron' import at run time. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export interface AppWindowOptions {
  /** The bundled, single-file CommonJS preload (a sandboxed preload cannot require other files). */
  preload: string;
  /** DevTools exist only in unpackaged (development) runs. */
  devTools: boolean;
}

/**
 * Creates a Stillwater window: Electron's security checklist items 2-4, 6 and 8-10
 * (electronjs.org/docs/latest/tutorial/security). Every key is written out even where it equals
 * Electron 45's default, so a default that changes later cannot loosen Stillwater.
 *
 * The options are one literal written at the `new BrowserWindow(...)` call on purpose: a unit test
 * passes a recorder as `BrowserWindow` and checks exactly what Electron receives, and Electronegativity,
 * which reads only options written at the call, checks them in the compiled bundle.
 */
export function newAppWindow<W>(BrowserWindow: WindowConstructor<W>, options: AppWindowOptions): W {
  return new BrowserWindow({
    title: 'Stillwater',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload,
      devTools: options.devTools,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click (auxclick) opens links in new windows; the app has no use for it.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
}

/**
 * The origin of a URL as the router compares it. WHATWG URL reports 'null' for the origin of a
 * non-special scheme such as app:, so it is built from scheme and host here. Anything unparsable is ''.
 */
export function originOf(url: string | undefined): string {
  if (!url) return '';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host ? `${APP_SCHEME}://${parsed.host}` : '';
  return parsed.origin === 'null' ? '' : parsed.origin;
}

/** True only for a page of the app itself: navigation guards let nothing else load. */
export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/** Downloads are allowed only for Blobs the app itself made (recovery key, audit CSV). */
export function isAppBlobUrl(url: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`);
}

/**
 * The session's network policy, an allowlist: Stillwater is offline, so a page may load the app's own
 * files and the Blobs and data: URLs it made itself (neither leaves the machine), and, in unpackaged
 * runs, DevTools' own pages. Everything else is cancelled, including schemes nobody listed (ftp:,
 * file: and UNC paths, chrome-extension:, a new one in a later Chromium).
 */
export function isAllowedRequest(url: string, options: { devTools: boolean }): boolean {
  if (isAppUrl(url) || isAppBlobUrl(url) || /^data:/i.test(url)) return true;
  return options.devTools && /^devtools:\/\//i.test(url);
}

/**
 * The idle time that bounds a window's activity report (DESIGN.md section 6: activity is input in
 * Stillwater's own window). The OS counts input anywhere on the computer, so a window without the focus
 * proves no input of its own: a page reporting "activity" while the person types in another
 * application keeps nothing open. (The cost: input made just before switching away, reported after,
 * is not counted, a few seconds at most.)
 */
export function windowIdleSeconds(windowFocused: boolean, systemIdleSeconds: number): number {
  return windowFocused ? systemIdleSeconds : Number.POSITIVE_INFINITY;
}

/** "Copy code" writes plain text to the clipboard; a page may do nothing else that needs a permission. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

/**
 * Checklist item 5: a permission is granted only when it is on ALLOWED_PERMISSIONS and a page of the
 * app asks (requestingUrl for a request, the requesting origin for a check).
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && isAppUrl(requestingUrl ?? '');
}
