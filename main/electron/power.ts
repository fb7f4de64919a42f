// Locks every window at once when the OS screen locks or the computer goes to sleep, and tells the
// core how long the computer has been without keyboard or mouse input (DESIGN.md 6).
import { BrowserWindow, powerMonitor, webContents } from 'electron';
import type { IdleSource } from '../core/sessions/index.ts';
import { lockAllWindows, type SessionEnder } from './lock.ts';
import { windowIdleSeconds } from './security.ts';

/**
 * The OS idle time, which bounds what a renderer's activity report may claim: a page that reports
 * "activity" in a loop keeps no session open once nobody touches the computer, or while its window
 * does not have the focus.
 */
export const systemIdle: IdleSource = {
  systemIdleSeconds: (windowId) => {
    const contents = webContents.fromId(Number(windowId));
    const focused = contents ? (BrowserWindow.fromWebContents(contents)?.isFocused() ?? false) : false;
    return windowIdleSeconds(focused, powerMonitor.getSystemIdleTime());
  },
};

export function lockOnPowerEvents(deps: SessionEnder): void {
  powerMonitor.on('lock-screen', () => {
    lockAllWindows(deps, 'screen-locked');
  });
  powerMonitor.on('suspend', () => {
    lockAllWindows(deps, 'suspend');
  });
}
