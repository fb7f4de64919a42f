// Maps an app:// request to a file of the built renderer, refusing anything that could reach outside
// it, and names the headers each response carries. Pure (no 'electron'), so it is unit-tested directly.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.ts';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** With X-Content-Type-Options: nosniff, an unknown type is never guessed into something runnable. */
export const FALLBACK_MIME_TYPE = 'application/octet-stream';

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? FALLBACK_MIME_TYPE;
}

export function responseHeaders(filePath: string): Record<string, string> {
  return {
    'Content-Type': mimeTypeFor(filePath),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

// A dot segment in the raw request, plain or percent-encoded. The URL parser would resolve it inside
// the root anyway, but no page of the app ever asks for one, so such a request is refused outright.
const DOT_SEGMENT = /(?:^|[/\\]|%2f|%5c)(?:\.|%2e){1,2}(?:[/\\?#]|%2f|%5c|$)/i;
// After percent-decoding once, a path may hold only plain segments: no backslash (a separator on
// Windows), no ':' (drive letters, NTFS streams), no '%' (double encoding), no control characters.
const FORBIDDEN_CHARS = /[\\:%\p{Cc}]/u;

/**
 * The file under `root` that an app:// URL names, or null when the URL is not the app's, is malformed,
 * or would escape `root`. The root itself maps to index.html, as does any extension-less path (a
 * client-side route), so a reload never shows a bare 404.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  if (DOT_SEGMENT.test(requestUrl.replace(/^[a-z]+:\/\/[^/]*/i, ''))) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.username || url.password || url.port) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (FORBIDDEN_CHARS.test(decoded)) return null;

  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  // '//etc/passwd' and similar: an empty segment between slashes is never a real file of ours.
  if (/\/\//.test(decoded)) return null;

  const last = segments.at(-1);
  const relativePath = last === undefined || extname(last) === '' ? ['index.html'] : segments;

  const base = resolve(root);
  const target = resolve(base, ...relativePath);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !target.startsWith(base + sep)) return null;
  return target;
}
