// Locking from the shell (menu, shortcut, OS events): it ends the session in the core for each window;
// the core then tells that window, which drops its record data (DESIGN.md section 6).
import { BrowserWindow } from 'electron';
import type { LockReason } from '../../preload/contract.ts';

export interface SessionEnder {
  endSession(windowId: string, reason: LockReason): Promise<void>;
  /** Reports a failure to lock (the shell has no UI of its own for it). */
  onError(error: unknown): void;
}

/** Every window at once: one keystroke or one screen lock leaves nothing open behind another window. */
export function lockAllWindows(ender: SessionEnder, reason: LockReason): void {
  for (const win of BrowserWindow.getAllWindows()) {
    ender.endSession(String(win.webContents.id), reason).catch((error: unknown) => {
      ender.onError(error);
    });
  }
}
