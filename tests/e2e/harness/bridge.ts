// The harness's stand-in for the preload bridge: window.stillwater with the same shape as
// StillwaterApi, over loopback HTTP (calls) and Server-Sent Events (events from main). It is sent
// to the page as /__harness/bridge.js, a same-origin script, so the app's CSP holds unchanged.
import type { StillwaterApi } from '../../../preload/contract.ts';

interface BridgeEventSource {
  addEventListener(type: 'message', listener: (event: { data: string }) => void): void;
}

interface BridgeEventTarget {
  addEventListener(type: string, listener: () => void, options?: { capture?: boolean }): void;
}

/** Calls through the bridge per channel, started and answered (the app never reads them). */
export interface HarnessCalls {
  started: Record<string, number>;
  answered: Record<string, number>;
}

interface BrowserGlobals extends BridgeEventTarget {
  stillwater?: StillwaterApi;
  stillwaterHarnessCalls?: HarnessCalls;
  EventSource: new (url: string) => BridgeEventSource;
  fetch: typeof fetch;
  document: BridgeEventTarget & { visibilityState: string };
}

/** Runs in the page. Self-contained: it is serialized with Function.prototype.toString. */
function installBridge(): void {
  const page = globalThis as unknown as BrowserGlobals;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: BridgeEventSource | null = null;
  // While the page is hidden or unloading, calls go out as keepalive requests, which the browser
  // delivers even after the page is gone (Electron's IPC needs no such care). Registered before
  // the app's own listeners (this script runs first), so a save made on pagehide is covered.
  let leaving = false;
  // Browsers hold at most 64 KiB of keepalive request bodies in flight; a bigger one is refused.
  const keepaliveMaxBytes = 60_000;
  page.addEventListener(
    'pagehide',
    () => {
      leaving = true;
    },
    { capture: true },
  );
  page.addEventListener('pageshow', () => {
    leaving = false;
  });
  page.document.addEventListener(
    'visibilitychange',
    () => {
      leaving = page.document.visibilityState === 'hidden';
    },
    { capture: true },
  );

  const connect = (): void => {
    if (source) return;
    source = new page.EventSource('/__harness/events');
    source.addEventListener('message', (event) => {
      const message = JSON.parse(event.data) as { event: string; payload: unknown };
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    });
  };

  // Counted so a test can tell when nothing is still on its way to main (support.ts callsAnswered):
  // a call is started synchronously, so one the page's clock just set off is already counted.
  const calls: HarnessCalls = { started: {}, answered: {} };
  Object.defineProperty(page, 'stillwaterHarnessCalls', {
    value: calls,
    writable: false,
    configurable: false,
  });

  const api: StillwaterApi = {
    async call(channel, input) {
      calls.started[channel] = (calls.started[channel] ?? 0) + 1;
      try {
        const body = JSON.stringify({ channel, input });
        const response = await page.fetch('/__harness/ipc', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          keepalive: leaving && new TextEncoder().encode(body).byteLength <= keepaliveMaxBytes,
        });
        if (!response.ok) throw new Error(`harness IPC failed with HTTP ${String(response.status)}`);
        return (await response.json()) as never;
      } finally {
        calls.answered[channel] = (calls.answered[channel] ?? 0) + 1;
      }
    },
    on(event, listener) {
      connect();
      const set = listeners.get(event) ?? new Set<(payload: unknown) => void>();
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      listeners.set(event, set);
      return () => {
        set.delete(wrapped);
      };
    },
  };
  // Like contextBridge.exposeInMainWorld: a frozen, non-writable global.
  Object.defineProperty(page, 'stillwater', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
  });
  connect();
}

export const bridgeSource = `(${installBridge.toString()})();\n`;
