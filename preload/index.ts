// The bridge: exposes window.stillwater (StillwaterApi from the contract) and nothing else. The page
// never sees ipcRenderer, an IpcRendererEvent, or a channel that is not in the contract (checklist
// item 20). Bundled to one CommonJS file: a sandboxed preload cannot require other files.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  channelNames,
  eventNames,
  IPC_EVENT_PREFIX,
  IPC_INVOKE,
  type Channel,
  type EventName,
  type EventPayload,
  type Input,
  type Output,
  type Result,
  type StillwaterApi,
} from './contract.ts';

const knownChannels = new Set<string>(channelNames);
const knownEvents = new Set<string>(eventNames);

const failure = (code: 'UNKNOWN_CHANNEL' | 'INTERNAL', message: string) =>
  ({ ok: false, error: { code, message } }) as const;

const api: StillwaterApi = {
  async call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
    if (typeof channel !== 'string' || !knownChannels.has(channel)) {
      return failure('UNKNOWN_CHANNEL', 'Stillwater does not know that request.');
    }
    try {
      return (await ipcRenderer.invoke(IPC_INVOKE, channel, input)) as Result<Output<C>>;
    } catch {
      // main never throws across IPC; this is the bridge itself failing (e.g. during shutdown).
      return failure(
        'INTERNAL',
        'Something went wrong inside Stillwater. Nothing was changed; please try again.',
      );
    }
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (typeof event !== 'string' || !knownEvents.has(event) || typeof listener !== 'function') {
      throw new TypeError('Stillwater has no such event.');
    }
    const ipcChannel = IPC_EVENT_PREFIX + event;
    const forward = (_event: IpcRendererEvent, payload: EventPayload<E>): void => {
      listener(payload);
    };
    ipcRenderer.on(ipcChannel, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('stillwater', api);
