// Locks every window at once when the OS screen locks or the computer goes to sleep (DESIGN.md 6).
import { powerMonitor } from 'electron';
import { lockAllWindows, type SessionEnder } from './lock.ts';

export function lockOnPowerEvents(deps: SessionEnder): void {
  powerMonitor.on('lock-screen', () => {
    lockAllWindows(deps, 'screen-locked');
  });
  powerMonitor.on('suspend', () => {
    lockAllWindows(deps, 'suspend');
  });
}
