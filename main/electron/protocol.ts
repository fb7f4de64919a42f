// app://stillwater serves the built renderer from disk (never file://, checklist item 18), with the
// CSP and nosniff headers on every response.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { resolveAppPath, responseHeaders } from './protocol-paths.ts';
import { APP_SCHEME } from './security.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const plain = (status: number, text: string): Response =>
  new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });

export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const filePath = resolveAppPath(rendererRoot, request.url);
    if (filePath === null) return plain(404, 'Not found');
    try {
      const body = await readFile(filePath);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: responseHeaders(filePath),
      });
    } catch {
      return plain(404, 'Not found');
    }
  });
}
