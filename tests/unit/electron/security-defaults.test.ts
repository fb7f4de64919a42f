// The shell's security defaults, checked without Electron: the options every window gets, the CSP, the
// navigation and download rules, and the app:// path resolution (no escape from dist/renderer).
import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  FALLBACK_MIME_TYPE,
  mimeTypeFor,
  resolveAppPath,
  responseHeaders,
} from '../../../main/electron/protocol-paths.ts';
import {
  ALLOWED_PERMISSIONS,
  APP_ORIGIN,
  APP_START_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedRequest,
  isAppBlobUrl,
  isAppUrl,
  isPermissionAllowed,
  newAppWindow,
  originOf,
  windowIdleSeconds,
  type AppWindowOptions,
} from '../../../main/electron/security.ts';

/** Stands in for Electron's BrowserWindow and keeps what it was given. */
class RecordingWindow {
  readonly options: BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
  }
}
const windowOptions = (options: AppWindowOptions) => {
  const { webPreferences = {}, ...rest } = newAppWindow(RecordingWindow, options).options;
  return { webPreferences: webPreferences as Record<string, unknown>, rest };
};

describe('the window', () => {
  const { webPreferences, rest } = windowOptions({
    preload: '/app/dist/electron/preload.cjs',
    devTools: false,
  });

  it('gets every security setting of the checklist, written out', () => {
    expect(webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    });
  });

  it('has DevTools only when the caller asks (unpackaged runs)', () => {
    expect(windowOptions({ preload: '/p.cjs', devTools: true }).webPreferences.devTools).toBe(true);
    expect(webPreferences.devTools).toBe(false);
  });

  it('loads the bundled CommonJS preload it is given', () => {
    expect(webPreferences.preload).toMatch(/preload\.cjs$/);
  });

  it('is titled Stillwater and stays hidden until its first paint', () => {
    expect(rest.title).toBe('Stillwater');
    expect(rest.show).toBe(false);
  });
});

describe('the content security policy', () => {
  it('is exactly the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  });

  it('allows no inline script, no eval and nothing from outside the app', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|https?:|\*/);
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('goes with every app:// response, with nosniff', () => {
    const headers = responseHeaders('/r/index.html');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
  });
});

describe('origins and navigation', () => {
  it('serves the app from app://stillwater', () => {
    expect(APP_ORIGIN).toBe('app://stillwater');
    expect(APP_START_URL).toBe('app://stillwater/');
  });

  it('derives the origin the router checks from a frame URL', () => {
    expect(originOf('app://stillwater/index.html')).toBe('app://stillwater');
    expect(originOf('app://stillwater/')).toBe('app://stillwater');
    expect(originOf('app://evil/index.html')).toBe('app://evil');
    expect(originOf('https://example.com/x')).toBe('https://example.com');
    expect(originOf('file:///etc/passwd')).toBe('');
    expect(originOf('about:blank')).toBe('');
    expect(originOf('data:text/html,hi')).toBe('');
    expect(originOf('')).toBe('');
    expect(originOf(undefined)).toBe('');
    expect(originOf('not a url')).toBe('');
  });

  it('lets a window go only to pages of the app', () => {
    expect(isAppUrl('app://stillwater/index.html')).toBe(true);
    for (const url of [
      'https://example.com',
      'http://stillwater/',
      'app://stillwater.example.com/',
      'app://evil/',
      'file:///C:/Windows/win.ini',
      'javascript:alert(1)',
      'about:blank',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('downloads only Blobs the app made itself', () => {
    expect(isAppBlobUrl('blob:app://stillwater/6d1f2a4e-6f5b-4c1e-9a57-1b1b0b4f3c11')).toBe(true);
    expect(isAppBlobUrl('blob:https://example.com/6d1f2a4e')).toBe(false);
    expect(isAppBlobUrl('https://example.com/file.csv')).toBe(false);
    expect(isAppBlobUrl('data:text/csv,a,b')).toBe(false);
    expect(isAppBlobUrl('app://stillwater/index.html')).toBe(false);
  });
});

describe('the network allowlist (the app is offline)', () => {
  const packaged = { devTools: false };

  it('lets through the app’s own files, and Blobs and data: URLs the app made', () => {
    for (const url of [
      'app://stillwater/',
      'app://stillwater/index.html',
      'app://stillwater/assets/index-Ab12.js',
      'blob:app://stillwater/6d1f2a4e-6f5b-4c1e-9a57-1b1b0b4f3c11',
      'data:image/svg+xml;base64,PHN2Zy8+',
    ]) {
      expect(isAllowedRequest(url, packaged), url).toBe(true);
    }
  });

  it('cancels everything else, schemes nobody listed included', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'http://stillwater/',
      'ws://localhost:9222/',
      'wss://example.com/socket',
      'file:///etc/passwd',
      'file://server/share/records.pdf',
      'ftp://example.com/file',
      'chrome-extension://abcdef/script.js',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html',
      'app://evil/x.js',
      'app://stillwater.example.com/x.js',
      'blob:https://example.com/6d1f2a4e',
      'javascript:alert(1)',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAllowedRequest(url, packaged), url).toBe(false);
    }
  });

  it('lets DevTools load its own pages only in unpackaged runs', () => {
    const url = 'devtools://devtools/bundled/inspector.html';
    expect(isAllowedRequest(url, { devTools: true })).toBe(true);
    expect(isAllowedRequest(url, packaged)).toBe(false);
    expect(isAllowedRequest('https://example.com/', { devTools: true })).toBe(false);
  });
});

describe('the idle time that bounds a window’s activity reports', () => {
  it('is the OS idle time while the window has the focus', () => {
    expect(windowIdleSeconds(true, 0)).toBe(0);
    expect(windowIdleSeconds(true, 42)).toBe(42);
  });

  it('proves no input while another application has the focus, however recent the OS says input was', () => {
    expect(windowIdleSeconds(false, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('permissions', () => {
  it('grant clipboard writes ("Copy code") and nothing else', () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://stillwater/')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://stillwater')).toBe(true);
    for (const permission of [
      'clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fullscreen',
      'pointerLock',
      'fileSystem',
      'unknown',
    ]) {
      expect(isPermissionAllowed(permission, 'app://stillwater/'), permission).toBe(false);
    }
  });

  it('grant nothing to a page that is not the app’s', () => {
    for (const url of ['https://example.com/', 'app://evil/', 'file:///x.html', '', undefined]) {
      expect(isPermissionAllowed('clipboard-sanitized-write', url), String(url)).toBe(false);
    }
  });
});

describe('app:// path resolution', () => {
  const root = resolve('/srv/stillwater/dist/renderer');
  const at = (path: string) => resolveAppPath(root, `app://stillwater${path}`);

  it('serves index.html for the root and for client-side routes', () => {
    expect(at('/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://stillwater')).toBe(join(root, 'index.html'));
    expect(at('/index.html')).toBe(join(root, 'index.html'));
    expect(at('/clients/42')).toBe(join(root, 'index.html'));
  });

  it('serves the files of the built renderer', () => {
    expect(at('/assets/index-Ab12.js')).toBe(join(root, 'assets', 'index-Ab12.js'));
    expect(at('/assets/inter%20var.woff2')).toBe(join(root, 'assets', 'inter var.woff2'));
    expect(at('/assets/app.css?v=1#x')).toBe(join(root, 'assets', 'app.css'));
  });

  it.each([
    ['encoded dot segments', '/%2e%2e/%2e%2e/etc/passwd.txt'],
    ['mixed-case encoded dot segments', '/%2E%2e/.%2E/secret.txt'],
    ['encoded slash after ..', '/..%2f..%2fetc%2fpasswd.txt'],
    ['encoded dot-dot and slash', '/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['double-encoded traversal', '/%252e%252e/%252e%252e/secret.txt'],
    ['backslash', '/..\\..\\Windows\\win.ini'],
    ['encoded backslash', '/..%5c..%5cWindows%5cwin.ini'],
    ['backslash inside a name', '/assets\\..\\..\\secret.txt'],
    ['absolute path (double slash)', '//etc/passwd.txt'],
    ['encoded absolute path', '/%2Fetc%2Fpasswd.txt'],
    ['Windows drive', '/C:/Windows/win.ini'],
    ['encoded Windows drive', '/C%3A%5CWindows%5Cwin.ini'],
    ['NTFS stream', '/index.html::$DATA'],
    ['NUL byte', '/index.html%00.js'],
    ['control character', '/assets/a%0a.js'],
    ['malformed escape', '/assets/%E0%A4%A.js'],
  ])('refuses %s (%s)', (_name, path) => {
    expect(at(path)).toBeNull();
  });

  it('refuses plain dot segments too, though the URL parser would keep them inside the root', () => {
    for (const path of ['/../../etc/passwd.txt', '/assets/../../../../secret.txt', '/./x.js', '/assets/..']) {
      expect(at(path), path).toBeNull();
    }
  });

  it('never returns a path outside the root, whatever it is asked', () => {
    const probes = [
      '/',
      '/a.js',
      '/a/b/c.css',
      '/%2e%2e',
      '/..',
      '/.%2e/x.js',
      '/%2E./x.js',
      '/x/%2e%2e%2f.js',
    ];
    for (const path of probes) {
      const result = at(path);
      expect(result === null || result.startsWith(root + sep), `${path} -> ${String(result)}`).toBe(true);
    }
  });

  it('refuses other hosts, schemes, ports and credentials', () => {
    for (const url of [
      'app://evil/index.html',
      'app://stillwater.evil/index.html',
      'file:///etc/passwd',
      'https://stillwater/index.html',
      'app://user:pw@stillwater/index.html',
      'app://stillwater:8080/index.html',
      'not a url',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('names a correct MIME type, and never guesses an unknown one', () => {
    expect(mimeTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a/app.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a/logo.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a/logo.png')).toBe('image/png');
    expect(mimeTypeFor('a/inter.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a/data.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeFor('a/unknown.bin')).toBe(FALLBACK_MIME_TYPE);
    expect(mimeTypeFor('a/no-extension')).toBe(FALLBACK_MIME_TYPE);
  });
});

describe('the pure modules', () => {
  it("do not import 'electron' at run time (only erased type imports)", () => {
    for (const file of ['security.ts', 'protocol-paths.ts']) {
      const source = readFileSync(join(import.meta.dirname, '../../../main/electron', file), 'utf8');
      const runtimeImports = source.match(/^import\s+(?!type\b)[^;]*from\s+'electron'/gm) ?? [];
      expect(runtimeImports, file).toEqual([]);
      expect(source).not.toMatch(/require\(\s*'electron'\s*\)|import\(\s*'electron'\s*\)/);
    }
  });
});
