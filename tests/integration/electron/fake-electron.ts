// A stand-in for the parts of Electron the shell uses, recording what the shell asks of it, so the
// compiled main process can be driven on a machine without an Electron binary (shell-wiring.test.ts).
// It imitates Electron's documented behaviour only as far as the shell depends on it.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';

interface FakeFrame {
  url: string;
  frameToken: string;
  processId: number;
  parent: FakeFrame | null;
}

type Handler = (...args: never[]) => unknown;

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly name = 'Stillwater';
  isReady = false;
  userDataBase = '';
  quitRequests = 0;
  quitted = false;
  exitCode: number | undefined;
  singleInstanceLockRequests = 0;
  /** Each app.enableSandbox() call, and whether it came before 'ready' (Electron requires it). */
  sandboxCalls: { beforeReady: boolean }[] = [];
  #resolveReady: () => void = () => undefined;
  readonly #ready = new Promise<void>((resolve) => {
    this.#resolveReady = resolve;
  });

  becomeReady(): void {
    this.isReady = true;
    this.#resolveReady();
  }
  whenReady(): Promise<void> {
    return this.#ready;
  }
  getPath(name: string): string {
    return join(this.userDataBase, name);
  }
  getVersion(): string {
    return '0.1.0';
  }
  enableSandbox(): void {
    this.sandboxCalls.push({ beforeReady: !this.isReady });
  }
  requestSingleInstanceLock(): boolean {
    this.singleInstanceLockRequests += 1;
    return true;
  }
  /** Like Electron: 'before-quit' first, and a listener may cancel the quit with preventDefault(). */
  quit(): void {
    this.quitRequests += 1;
    const event = {
      defaultPrevented: false,
      preventDefault(): void {
        event.defaultPrevented = true;
      },
    };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

export const app = new FakeApp();

export class FakeWebContents extends EventEmitter {
  static readonly all = new Map<number, FakeWebContents>();
  static #nextId = 1;
  readonly id: number;
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  constructor() {
    super();
    this.id = FakeWebContents.#nextId++;
    this.mainFrame = {
      url: '',
      frameToken: `frame-${String(this.id)}`,
      processId: 100 + this.id,
      parent: null,
    };
    FakeWebContents.all.set(this.id, this);
    app.emit('web-contents-created', {}, this);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return false;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  subframe(url: string): FakeFrame {
    return { url, frameToken: `${this.mainFrame.frameToken}-child`, processId: 999, parent: this.mainFrame };
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly windows: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown>;
  loadedUrl: string | undefined;
  focusCount = 0;
  /** Whether the window has the keyboard focus (BrowserWindow.isFocused()). */
  focused = true;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.windows.push(this);
  }
  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.windows];
  }
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.windows.find((w) => w.webContents === contents) ?? null;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {
    return undefined;
  }
  focus(): void {
    this.focusCount += 1;
  }
  isFocused(): boolean {
    return this.focused;
  }
  show(): void {
    return undefined;
  }
}

export const calls = {
  privilegedSchemes: [] as { schemes: unknown; beforeReady: boolean }[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, Handler>(),
  ipcOther: [] as string[],
  menus: [] as { template: MenuItem[] }[],
  errorBoxes: [] as { title: string; content: string }[],
  openDialogs: [] as { parent: unknown; options: { title?: string; properties?: string[] } }[],
  /** What the next open dialog answers: a path, or null for Cancel. */
  openDialogAnswer: null as string | null,
};

export interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: string;
  submenu?: MenuItem[];
  click?: () => void;
}

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown): void {
    calls.privilegedSchemes.push({ schemes, beforeReady: !app.isReady });
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    calls.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    calls.ipcHandlers.set(channel, handler);
  },
  on(channel: string): void {
    calls.ipcOther.push(`on:${channel}`);
  },
  once(channel: string): void {
    calls.ipcOther.push(`once:${channel}`);
  },
};

class FakeSession extends EventEmitter {
  permissionRequestHandler: Handler | undefined;
  permissionCheckHandler: Handler | undefined;
  devicePermissionHandler: Handler | undefined;
  /** Like Electron: onBeforeRequest(listener) sees every request; with a filter, only those it names. */
  beforeRequest: { filter: { urls: string[] } | null; handler: Handler } | undefined;
  readonly webRequest = {
    onBeforeRequest: (first: { urls: string[] } | Handler, second?: Handler): void => {
      this.beforeRequest =
        typeof first === 'function'
          ? { filter: null, handler: first }
          : { filter: first, handler: second as Handler };
    },
  };
  setPermissionRequestHandler(handler: Handler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Handler): void {
    this.devicePermissionHandler = handler;
  }
}

export const session = { defaultSession: new FakeSession() };

export const webContents = {
  fromId: (id: number): FakeWebContents | undefined => FakeWebContents.all.get(id),
};

export const Menu = {
  buildFromTemplate: (template: MenuItem[]) => ({ template }),
  setApplicationMenu(menu: { template: MenuItem[] }): void {
    calls.menus.push(menu);
  },
};

class FakePowerMonitor extends EventEmitter {
  /** What getSystemIdleTime() answers: whole seconds since the last keyboard or mouse input. */
  idleSeconds = 0;
  idleQueries = 0;
  getSystemIdleTime(): number {
    this.idleQueries += 1;
    return this.idleSeconds;
  }
}

export const powerMonitor = new FakePowerMonitor();

export const dialog = {
  showErrorBox(title: string, content: string): void {
    calls.errorBoxes.push({ title, content });
  },
  showOpenDialog(
    first: unknown,
    second?: { title?: string; properties?: string[] },
  ): Promise<{ canceled: boolean; filePaths: string[] }> {
    const [parent, options] = second ? [first, second] : [null, first as { title?: string }];
    calls.openDialogs.push({ parent, options });
    const answer = calls.openDialogAnswer;
    return Promise.resolve(
      answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] },
    );
  },
};
