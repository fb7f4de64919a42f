// The one place the shell listens to the renderer (STYLE.md rule 3): a single invoke channel whose
// calls all go to the core's router, tagged with the calling window and the origin of its main frame.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE } from '../../preload/contract.ts';
import type { CallContext, Router } from '../core/router.ts';
import { originOf } from './security.ts';

/**
 * Checklist item 17 (validate the sender of every IPC message): the origin comes from the sending
 * frame, and counts only when that frame is the main frame of one of Stillwater's windows. Anything
 * else gets origin '', which the router refuses as BAD_ORIGIN (a value, never a throw).
 */
export function callContextOf(event: IpcMainInvokeEvent): CallContext {
  const frame = event.senderFrame;
  const fromOwnWindow = BrowserWindow.fromWebContents(event.sender) !== null;
  const main = event.sender.mainFrame;
  // Compared by token, not object identity: a subframe (an injected iframe) never passes.
  const isMainFrame =
    frame !== null &&
    frame.parent === null &&
    frame.frameToken === main.frameToken &&
    frame.processId === main.processId;
  return {
    windowId: String(event.sender.id),
    origin: fromOwnWindow && isMainFrame ? originOf(frame.url) : '',
  };
}

export function registerIpc(router: Router): void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) =>
    router.handle(callContextOf(event), channel, input),
  );
}
