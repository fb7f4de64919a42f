// The IPC wiring, checked statically over the sources (STYLE.md rules 1 and 3): ipcMain is used in one
// file only, the preload never hands the page ipcRenderer, and the core and db never import Electron.
// Then ipc.ts itself, with Electron replaced by a stand-in: how it derives the caller's origin.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|cjs)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'));
}
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const shipped = ['main', 'preload', 'db', 'renderer'].flatMap((dir) => {
  try {
    return sourceFiles(dir);
  } catch {
    return [];
  }
});

describe('where IPC is wired', () => {
  it('uses ipcMain in main/electron/ipc.ts only', () => {
    const users = shipped.filter((f) => /\bipcMain\b/.test(read(f)));
    expect(users).toEqual(['main/electron/ipc.ts']);
  });

  it('registers exactly one ipcMain handler, on the contract’s invoke channel, and nothing else', () => {
    const source = read('main/electron/ipc.ts');
    const uses = [...source.matchAll(/\bipcMain\s*\.\s*(\w+)/g)].map((m) => m[1]);
    expect(uses).toEqual(['handle']);
    expect(source).toMatch(/ipcMain\.handle\(IPC_INVOKE,/);
    expect(source).not.toMatch(/ipcMain\.(on|once|handleOnce|addListener)\b/);
  });

  it('keeps main/core and db free of Electron', () => {
    const offenders = shipped
      .filter((f) => f.startsWith('main/core/') || f.startsWith('db/'))
      .filter((f) =>
        /from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/.test(
          read(f),
        ),
      );
    expect(offenders).toEqual([]);
  });
});

describe('the preload', () => {
  const file = 'preload/index.ts';
  const sf = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const nodes: ts.Node[] = [];
  const walk = (n: ts.Node): void => {
    nodes.push(n);
    ts.forEachChild(n, walk);
  };
  walk(sf);

  it('exposes one object, window.stillwater, with only call and on', () => {
    const exposes = nodes.filter(
      (n): n is ts.CallExpression =>
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        n.expression.name.text === 'exposeInMainWorld',
    );
    expect(exposes).toHaveLength(1);
    const [key, value] = exposes[0]?.arguments ?? [];
    expect(key && ts.isStringLiteral(key) ? key.text : undefined).toBe('stillwater');
    expect(value && ts.isIdentifier(value)).toBe(true);
    const decl = nodes.find(
      (n): n is ts.VariableDeclaration =>
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        value !== undefined &&
        n.name.text === value.getText(),
    );
    const init = decl?.initializer;
    expect(init && ts.isObjectLiteralExpression(init)).toBe(true);
    const members = (init as ts.ObjectLiteralExpression).properties.map((p) => p.name?.getText());
    expect(members.sort()).toEqual(['call', 'on']);
  });

  it('never hands ipcRenderer to the page: it is only ever called', () => {
    const refs = nodes.filter((n): n is ts.Identifier => ts.isIdentifier(n) && n.text === 'ipcRenderer');
    const allowed = new Set(['invoke', 'on', 'removeListener']);
    for (const ref of refs) {
      const parent = ref.parent;
      if (ts.isImportSpecifier(parent)) continue;
      // ipcRenderer.<method>(...) with a method from the short list, and nothing else.
      const isCall =
        ts.isPropertyAccessExpression(parent) &&
        parent.expression === ref &&
        allowed.has(parent.name.text) &&
        ts.isCallExpression(parent.parent) &&
        parent.parent.expression === parent;
      expect(
        isCall,
        `ipcRenderer used as a value at ${String(sf.getLineAndCharacterOfPosition(ref.getStart()).line + 1)}`,
      ).toBe(true);
    }
    expect(refs.length).toBeGreaterThan(0);
  });

  it('checks channel and event names against the contract before touching IPC', () => {
    const source = read(file);
    expect(source).toMatch(/new Set<string>\(channelNames\)/);
    expect(source).toMatch(/new Set<string>\(eventNames\)/);
    expect(source).toMatch(/ipcRenderer\.invoke\(IPC_INVOKE, channel, input\)/);
  });

  it('passes an event listener the payload only, never the IpcRendererEvent', () => {
    expect(read(file)).toMatch(
      /\(_event: IpcRendererEvent, payload: [^)]*\): void => \{\s*listener\(payload\);\s*\}/,
    );
  });
});

// ---- ipc.ts itself, with a stand-in for Electron -------------------------------------------------

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  ownContents: new Set<unknown>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => {
      electron.handlers.set(channel, handler);
    },
  },
  BrowserWindow: {
    fromWebContents: (contents: unknown) => (electron.ownContents.has(contents) ? {} : null),
  },
}));

interface FakeFrame {
  url: string;
  frameToken: string;
  processId: number;
  parent: FakeFrame | null;
}
const frame = (url: string, token: string, parent: FakeFrame | null = null): FakeFrame => ({
  url,
  frameToken: token,
  processId: 7,
  parent,
});

describe('ipc.ts', () => {
  const mainFrame = frame('app://stillwater/index.html', 'main');
  const contents = { id: 42, mainFrame };
  const calls: { ctx: unknown; channel: unknown; input: unknown }[] = [];

  beforeEach(async () => {
    electron.handlers.clear();
    electron.ownContents.clear();
    electron.ownContents.add(contents);
    calls.length = 0;
    const { registerIpc } = await import('../../../main/electron/ipc.ts');
    registerIpc({
      handle: (ctx, channel, input) => {
        calls.push({ ctx, channel, input });
        return Promise.resolve({ ok: true, value: null });
      },
    });
  });

  const invoke = async (senderFrame: FakeFrame | null, sender: unknown = contents) => {
    const handler = electron.handlers.get('stillwater:invoke');
    expect(handler).toBeDefined();
    await handler?.({ sender, senderFrame }, 'app.status', {});
    return calls.at(-1)?.ctx;
  };

  it('registers the one invoke channel and passes channel and input through untouched', async () => {
    expect([...electron.handlers.keys()]).toEqual(['stillwater:invoke']);
    await invoke(mainFrame);
    expect(calls[0]).toMatchObject({ channel: 'app.status', input: {} });
  });

  it("tags a call from the window's main frame with the window and app://stillwater", async () => {
    expect(await invoke(mainFrame)).toEqual({ windowId: '42', origin: 'app://stillwater' });
  });

  it('gives no origin to a subframe, a missing frame, or a webContents that is not our window', async () => {
    const child = frame('app://stillwater/index.html', 'child', mainFrame);
    expect(await invoke(child)).toEqual({ windowId: '42', origin: '' });
    expect(await invoke(null)).toEqual({ windowId: '42', origin: '' });
    expect(await invoke(frame('app://stillwater/', 'other'))).toEqual({ windowId: '42', origin: '' });
    const stranger = { id: 9, mainFrame };
    expect(await invoke(mainFrame, stranger)).toEqual({ windowId: '9', origin: '' });
  });

  it('reports the real origin of a foreign page loaded in our window (the router refuses it)', async () => {
    const foreign = frame('https://example.com/', 'main');
    const hijacked = { id: 42, mainFrame: foreign };
    electron.ownContents.add(hijacked);
    expect(await invoke(foreign, hijacked)).toEqual({ windowId: '42', origin: 'https://example.com' });
  });
});
