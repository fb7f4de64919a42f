// Everything about the inactivity lock while someone is signed in (DESIGN.md section 6): input is
// reported to main, main's warning is shown with its countdown, main's "save now" is answered once
// the drafts being typed are saved, and Ctrl/Cmd+L locks (the Electron menu has the same shortcut;
// a lock asked for twice is still one lock).
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { call, on } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { flushPendingSaves } from '../../lib/pending-saves.ts';
import { InactivityWarning, type Warning } from './inactivity-warning.tsx';
import { activityThrottleMs, sessionSettingsQuery } from './session-settings-query.ts';
import { useActivityReporter } from './use-activity-reporter.ts';

/** Below main's wait for the last save (FLUSH_WAIT_MS, 300 ms), so the answer arrives in time. */
const SAVE_NOW_BUDGET_MS = 250;

const isLockShortcut = (event: KeyboardEvent): boolean =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l';

export function SessionLock() {
  const { lock } = useSession();
  const settings = useQuery(sessionSettingsQuery);
  const [warning, setWarning] = useState<Warning | null>(null);
  // main's "activity seen" can arrive between a press and its click: the warning waits for the
  // release, so the click lands on the warning and never on the page underneath.
  const pointerDown = useRef(false);
  const dismissAfterRelease = useRef(false);

  useActivityReporter({ throttleMs: activityThrottleMs(settings.data), warned: warning !== null });

  useEffect(() => {
    const offWarning = on('session.warning', ({ secondsLeft }) => {
      setWarning({ deadline: performance.now() + secondsLeft * 1000, total: secondsLeft });
    });
    const offActive = on('session.active', () => {
      if (pointerDown.current) dismissAfterRelease.current = true;
      else setWarning(null);
    });
    const offSaveNow = on('session.saveNow', () => {
      void flushPendingSaves(SAVE_NOW_BUDGET_MS)
        .then(() => call('session.draftFlushed', {}))
        .catch(() => undefined);
    });
    const onDown = (): void => {
      pointerDown.current = true;
    };
    const onUp = (): void => {
      pointerDown.current = false;
      if (!dismissAfterRelease.current) return;
      dismissAfterRelease.current = false;
      // After the click this release belongs to has been delivered.
      window.setTimeout(() => {
        setWarning(null);
      }, 0);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (!isLockShortcut(event)) return;
      event.preventDefault();
      void lock();
    };
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('pointerup', onUp, true);
    window.addEventListener('pointercancel', onUp, true);
    window.addEventListener('keydown', onKey);
    return () => {
      offWarning();
      offActive();
      offSaveNow();
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('pointerup', onUp, true);
      window.removeEventListener('pointercancel', onUp, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [lock]);

  if (!warning) return null;
  return (
    <InactivityWarning
      warning={warning}
      onStay={() => {
        setWarning(null);
        call('session.activity', {}).catch(() => undefined);
      }}
      onLockNow={() => {
        void lock();
      }}
    />
  );
}
