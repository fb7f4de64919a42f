// The warning before the inactivity lock: a countdown to the lock, "Stay signed in" and "Lock now".
// The countdown runs from when main's warning arrived (its payload says how many seconds were
// left), so it is right whatever this computer's clock says. Screen readers hear the dialog when
// it opens and a short reminder at 30 and 10 seconds, not every tick.
import { Clock, Lock } from 'lucide-react';
import { useEffect, useState } from 'react';
import { formatDuration } from '../../lib/format.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';

export interface Warning {
  /** performance.now() when the lock is due. */
  deadline: number;
  /** Seconds left when the warning arrived. */
  total: number;
}

const secondsUntil = (deadline: number): number =>
  Math.max(0, Math.ceil((deadline - performance.now()) / 1000));

function reminder(seconds: number): string {
  if (seconds === 0) return 'Locking now.';
  if (seconds <= 10) return 'About 10 seconds until Stillwater locks.';
  if (seconds <= 30) return 'About 30 seconds until Stillwater locks.';
  return '';
}

export interface InactivityWarningProps {
  warning: Warning;
  onStay: () => void;
  onLockNow: () => void;
}

export function InactivityWarning({ warning, onStay, onLockNow }: InactivityWarningProps) {
  const [left, setLeft] = useState(() => secondsUntil(warning.deadline));
  useEffect(() => {
    const timer = window.setInterval(() => {
      setLeft(secondsUntil(warning.deadline));
    }, 250);
    return () => {
      window.clearInterval(timer);
    };
  }, [warning.deadline]);
  const share = warning.total > 0 ? Math.min(1, left / warning.total) : 0;

  return (
    <Dialog
      role="alertdialog"
      title="Stillwater is about to lock"
      description="There has been no activity in this window for a while. To keep records private, Stillwater locks when it is left unattended."
      onClose={onStay}
      dismissible={false}
      size="sm"
      className="lock-warning"
    >
      <div className="lock-warning__clock">
        <Clock aria-hidden="true" size={22} className="lock-warning__icon" />
        <span className="lock-warning__time" role="timer" aria-label="Time until the lock">
          {formatDuration(left)}
        </span>
        <span className="lock-warning__caption">{left > 0 ? 'until it locks' : 'Locking…'}</span>
      </div>
      <div className="lock-warning__bar" aria-hidden="true">
        <span style={{ transform: `scaleX(${String(share)})` }} />
      </div>
      <p className="lock-warning__note">
        What you were typing has been saved. After the lock, sign in again to continue where you left off.
      </p>
      <p className="sr-only" aria-live="polite">
        {reminder(left)}
      </p>
      <DialogFooter>
        <Button variant="ghost" icon={<Lock aria-hidden="true" size={16} />} onClick={onLockNow}>
          Lock now
        </Button>
        <Button variant="primary" onClick={onStay} data-autofocus>
          Stay signed in
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
