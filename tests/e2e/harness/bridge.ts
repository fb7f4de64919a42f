// The harness's stand-in for the preload bridge: window.stillwater with the same shape as
// StillwaterApi, over loopback HTTP (calls) and Server-Sent Events (events from main). It is sent
// to the page as /__harness/bridge.js, a same-origin script, so the app's CSP holds unchanged.
import type { StillwaterApi } from '../../../preload/contract.ts';

interface BridgeEventSource {
  addEventListener(type: 'message', listener: (event: { data: string }) => void): void;
}

interface BrowserGlobals {
  stillwater?: StillwaterApi;
  EventSource: new (url: string) => BridgeEventSource;
  fetch: typeof fetch;
}

/** Runs in the page. Self-contained: it is serialized with Function.prototype.toString. */
function installBridge(): void {
  const page = globalThis as unknown as BrowserGlobals;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: BridgeEventSource | null = null;

  const connect = (): void => {
    if (source) return;
    source = new page.EventSource('/__harness/events');
    source.addEventListener('message', (event) => {
      const message = JSON.parse(event.data) as { event: string; payload: unknown };
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    });
  };

  const api: StillwaterApi = {
    async call(channel, input) {
      const response = await page.fetch('/__harness/ipc', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel, input }),
      });
      if (!response.ok) throw new Error(`harness IPC failed with HTTP ${String(response.status)}`);
      return (await response.json()) as never;
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
