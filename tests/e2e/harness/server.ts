// The e2e test harness (DESIGN.md section 8): serves the built renderer over loopback HTTP and
// gives it a window.stillwater whose calls reach a real core (same contract, same router) in this
// process. Test-only: it lives in tests/ and is never packaged.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED_ORIGIN, seedPractice, type SeedAccount } from '../../../main/core/demo/seed.ts';
import { createCore, type Core } from '../../../main/core/index.ts';
import type { PathPicker } from '../../../main/core/backup/service.ts';
import { realIo, type BackupIo } from '../../../main/core/backup/writer.ts';
import type { Keychain } from '../../../main/core/vault/keychain.ts';
import type { EventName, EventPayload } from '../../../preload/contract.ts';
import { testKeychain } from '../../helpers/keychain.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { bridgeSource } from './bridge.ts';
import { HarnessClock } from './harness-clock.ts';
import { HarnessIdle, REAL_INPUT_MODES } from './harness-idle.ts';

export const HARNESS_WINDOW_ID = 'harness-window-1';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const RENDERER_DIR = join(REPO_ROOT, 'dist', 'renderer');

const MAX_BODY_BYTES = 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export interface HarnessOptions {
  /** A data folder to reuse; by default a fresh temp folder, removed on close. */
  dataDir?: string;
  /** By default the real OS keychain under a private service name (tests/helpers/keychain.ts). */
  keychain?: Keychain;
  /** 0 (default) picks a free port. */
  port?: number;
  rendererDir?: string;
  /** Builds a synthetic practice of this many clients first (main/core/demo/seed.ts). */
  seedClients?: number;
  /** With seedClients: signed progress notes per client. */
  seedNotesPerClient?: number;
  /**
   * What the folder picker answers (the Electron shell shows a dialog): by default a fresh
   * temp folder, removed on close. A test may change the answer with POST /__harness/pick-folder.
   */
  pickFolder?: string;
  /**
   * What the backup pickers answer: 'backup-folder' by default a fresh temp folder (removed on
   * close), 'restore-file' by default null (a cancelled dialog). POST /__harness/pick-path changes it.
   */
  pickPaths?: Partial<Record<PathPurpose, string | null>>;
}

export type PathPurpose = Parameters<PathPicker>[1];
const PATH_PURPOSES: readonly PathPurpose[] = ['backup-folder', 'restore-file'];

export interface Harness {
  url: string;
  core: Core;
  dataDir: string;
  /** The seeded practice's accounts (empty unless seedClients was given). */
  accounts: SeedAccount[];
  /** Where the folder picker points (release packages land here). */
  pickFolder: string;
  /** Where the backup-folder picker points at start. */
  backupFolder: string | null;
  clock: HarnessClock;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = resolve(options.rendererDir ?? RENDERER_DIR);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run "npm run build:renderer" first.`);
  }
  const temp = options.dataDir ? null : tempDir('stillwater-harness-');
  const dataDir = options.dataDir ?? (temp as { path: string }).path;
  const keychain = options.keychain ?? (await testKeychain());
  const clock = new HarnessClock();
  const idle = new HarnessIdle(clock);
  const pickTemp = options.pickFolder ? null : tempDir('stillwater-exports-');
  // null: the person cancelled the dialog.
  let picked: string | null = options.pickFolder ?? (pickTemp as { path: string }).path;
  const backupTemp =
    options.pickPaths?.['backup-folder'] === undefined ? tempDir('stillwater-backups-') : null;
  const pickedPaths: Record<PathPurpose, string | null> = {
    'backup-folder': options.pickPaths?.['backup-folder'] ?? backupTemp?.path ?? null,
    'restore-file': options.pickPaths?.['restore-file'] ?? null,
  };
  // The backup drive's free space as main reads it: the real drive's unless a test says otherwise
  // with POST /__harness/free-bytes (a nearly full drive cannot be made on demand).
  let freeBytes: number | null = null;
  const backupIo: BackupIo = {
    ...realIo,
    freeBytes: (dir) => freeBytes ?? realIo.freeBytes(dir),
  };

  const streams = new Set<ServerResponse>();
  const writeEvent = (event: string, payload: unknown): void => {
    const data = JSON.stringify({ event, payload });
    for (const res of streams) res.write(`data: ${data}\n\n`);
  };
  const broadcast = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    writeEvent(event, payload);
  };

  let core: Core | null = null;
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('harness error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://harness.invalid');
    if (url.pathname === '/__harness/ipc') {
      await ipc(req, res);
      return;
    }
    if (url.pathname === '/__harness/events') {
      events(req, res);
      return;
    }
    if (url.pathname === '/__harness/advance' && req.method === 'POST') {
      const ms = Number(url.searchParams.get('ms'));
      if (!Number.isInteger(ms) || ms < 0) {
        send(res, 400, 'text/plain', 'ms must be a whole number of milliseconds');
        return;
      }
      clock.advance(ms);
      send(res, 200, 'application/json', JSON.stringify({ now: clock.now() }));
      return;
    }
    if (url.pathname === '/__harness/sync' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as { id?: unknown };
      if (typeof body.id !== 'string') {
        send(res, 400, 'text/plain', 'id must be a string');
        return;
      }
      // On each page's event stream after everything main sent before it: a page that has this has
      // had those (support.ts eventsDelivered).
      writeEvent('harness.sync', { id: body.id });
      send(res, 200, 'application/json', JSON.stringify({ id: body.id }));
      return;
    }
    if (url.pathname === '/__harness/idle' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as { realInput?: unknown };
      const mode = REAL_INPUT_MODES.find((m) => m === body.realInput);
      if (!mode) {
        send(res, 400, 'text/plain', `realInput must be one of ${REAL_INPUT_MODES.join(', ')}`);
        return;
      }
      idle.set(mode);
      send(res, 200, 'application/json', JSON.stringify({ idleSeconds: idle.systemIdleSeconds() }));
      return;
    }
    if (url.pathname === '/__harness/pick-folder' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as { folder?: unknown };
      picked = typeof body.folder === 'string' ? body.folder : null;
      send(res, 200, 'application/json', JSON.stringify({ folder: picked }));
      return;
    }
    if (url.pathname === '/__harness/free-bytes' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as { bytes?: unknown };
      freeBytes = typeof body.bytes === 'number' && body.bytes >= 0 ? body.bytes : null;
      send(res, 200, 'application/json', JSON.stringify({ bytes: freeBytes }));
      return;
    }
    if (url.pathname === '/__harness/pick-path' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as { purpose?: unknown; path?: unknown };
      const purpose = PATH_PURPOSES.find((p) => p === body.purpose);
      if (!purpose) {
        send(res, 400, 'text/plain', `purpose must be one of ${PATH_PURPOSES.join(', ')}`);
        return;
      }
      pickedPaths[purpose] = typeof body.path === 'string' ? body.path : null;
      send(res, 200, 'application/json', JSON.stringify({ purpose, path: pickedPaths[purpose] }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain', 'Method not allowed');
      return;
    }
    if (url.pathname === '/__harness/bridge.js') {
      send(res, 200, TYPES['.js'], bridgeSource);
      return;
    }
    await serveFile(url.pathname, res);
  }

  async function ipc(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      send(res, 405, 'text/plain', 'Method not allowed');
      return;
    }
    if (!core) {
      send(res, 503, 'text/plain', 'Core not ready');
      return;
    }
    let body: { channel?: unknown; input?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as { channel?: unknown; input?: unknown };
    } catch {
      send(res, 400, 'text/plain', 'Bad request');
      return;
    }
    if (body.channel === 'session.activity') idle.pageReported();
    // The page's Origin header goes to the router as Electron's sender-frame origin would, so
    // the router's origin check is exercised, not bypassed.
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : '';
    const result = await core.router.handle(
      { windowId: HARNESS_WINDOW_ID, origin },
      body.channel,
      body.input,
    );
    send(res, 200, 'application/json', JSON.stringify(result));
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    req.on('close', () => {
      streams.delete(res);
    });
  }

  async function serveFile(pathname: string, res: ServerResponse): Promise<void> {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      send(res, 400, 'text/plain', 'Bad request');
      return;
    }
    if (relative.includes('\0')) {
      send(res, 400, 'text/plain', 'Bad request');
      return;
    }
    if (relative === '/' || relative === '/index.html') {
      await serveIndex(res);
      return;
    }
    // Path traversal: the resolved file must stay inside the renderer folder.
    const file = resolve(rendererDir, `.${relative}`);
    if (!file.startsWith(rendererDir + sep)) {
      send(res, 404, 'text/plain', 'Not found');
      return;
    }
    try {
      if (!(await stat(file)).isFile()) {
        send(res, 404, 'text/plain', 'Not found');
        return;
      }
    } catch {
      send(res, 404, 'text/plain', 'Not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    send(res, 200, type, await readFile(file));
  }

  async function serveIndex(res: ServerResponse): Promise<void> {
    const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
    // The bridge must run before the app's module script, like a preload does.
    const tag = '<script src="/__harness/bridge.js"></script>\n    ';
    const at = html.indexOf('<script type="module"');
    const injected =
      at >= 0 ? html.slice(0, at) + tag + html.slice(at) : html.replace('</head>', `${tag}</head>`);
    send(res, 200, TYPES['.html'], injected);
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${String(port)}`;

  const seedClients = options.seedClients ?? 0;
  const seeding = createCore({
    dataDir,
    keychain,
    clock,
    idle,
    pickFolder: () => Promise.resolve(picked),
    pickPath: (_windowId, purpose) => Promise.resolve(pickedPaths[purpose]),
    testSeams: { backupIo },
    // The seed's calls carry an origin of their own; it is allowed only in a seeded harness.
    allowedOrigins: seedClients > 0 ? [origin, SEED_ORIGIN] : [origin],
    onEvent: (_windowId, event, payload) => {
      broadcast(event, payload);
    },
  });
  // A few intakes are enough for the list; the page is served once the practice is built.
  const accounts =
    seedClients > 0
      ? (
          await seedPractice(seeding, {
            clients: seedClients,
            intakeShare: 0.05,
            ...(options.seedNotesPerClient ? { notesPerClient: options.seedNotesPerClient } : {}),
          })
        ).accounts
      : [];
  core = seeding;
  const started = core;

  return {
    url: `${origin}/`,
    core: started,
    dataDir,
    accounts,
    pickFolder: options.pickFolder ?? pickTemp?.path ?? '',
    backupFolder: pickedPaths['backup-folder'],
    clock,
    async close() {
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((done) => {
        server.close(() => {
          done();
        });
      });
      await started.shutdown();
      temp?.remove();
      pickTemp?.remove();
      backupTemp?.remove();
    },
  };
}

function send(res: ServerResponse, status: number, type: string | undefined, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        fail(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      done(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', fail);
  });
}
