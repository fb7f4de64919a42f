// The shell's security defaults as plain data (no 'electron' import), so a unit test can check every
// item without Electron and window.ts, protocol.ts and ipc.ts all read the same values.
import type { WebPreferences } from 'electron';

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

/**
 * Electron's security checklist, items 2-4, 6, 9 and 10 (electronjs.org/docs/latest/tutorial/security).
 * Every key is written out even where it equals Electron 45's default, so a default that changes in a
 * later Electron cannot silently loosen Stillwater. window.ts adds only the preload path and devTools.
 */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} satisfies WebPreferences);

/** Schemes the session refuses outright: Stillwater is offline, so nothing may leave the machine. */
export const BLOCKED_REQUEST_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'];

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
