// The banner over a chart (and its notes) opened under emergency access: read-only, why, when it
// ends and the time left. Main's clock decides: the banner counts down from main's last answer
// and asks again every half minute; at zero it drops everything read of the chart and asks again,
// so the chart closes on screen when main closes it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Siren } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { EMERGENCY_REASON_LABELS, type EmergencyGrant } from '../../../preload/contract.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatShortTime } from '../../lib/calendar-date.ts';
import { cx } from '../../ui/cx.ts';
import { emergencyStatusQuery, resetChart } from './emergency-queries.ts';

/** The last few minutes are shown in red, with seconds. */
const CLOSING_SECONDS = 5 * 60;

/** "42 min left", "4:05 left" in the last minutes. */
export function timeLeft(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s > CLOSING_SECONDS) return `${String(Math.ceil(s / 60))} min left`;
  return `${String(Math.floor(s / 60))}:${String(s % 60).padStart(2, '0')} left`;
}

/** Seconds left of the grant: main's answer, less the time since it came, ticking each second. */
function useSecondsLeft(grant: EmergencyGrant | null, answeredAt: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!grant) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      window.clearInterval(timer);
    };
  }, [grant]);
  if (!grant) return null;
  const elapsed = Math.max(0, (now - answeredAt) / 1000);
  return Math.max(0, grant.remainingSeconds - elapsed);
}

export function EmergencyBanner({ clientId }: { clientId: string }) {
  const { session } = useSignedIn();
  const status = useQuery({ ...emergencyStatusQuery(clientId), enabled: session.user.role !== 'front_desk' });
  const grant = status.data?.grant ?? null;
  const left = useSecondsLeft(grant, status.dataUpdatedAt);
  const queryClient = useQueryClient();
  // The grant on screen; when it ends (the countdown reaches zero, or main answers that none is in
  // force), everything read of the chart is dropped once and asked again, and main refuses it.
  const shown = useRef<string | null>(null);
  const over = grant === null || (left !== null && left <= 0);
  useEffect(() => {
    if (grant && !over) {
      shown.current = grant.id;
      return;
    }
    if (shown.current === null || (grant === null && status.isFetching)) return;
    shown.current = null;
    resetChart(queryClient);
  }, [over, grant, status.isFetching, queryClient]);
  if (!grant || left === null || over) return null;
  const closing = left <= CLOSING_SECONDS;
  return (
    <div
      className={cx('emergency-banner', closing && 'emergency-banner--closing')}
      role="region"
      aria-label="Emergency access"
    >
      <Siren aria-hidden="true" size={20} className="emergency-banner__icon" />
      <div className="emergency-banner__body">
        <p className="emergency-banner__title">
          Emergency access · read-only
          <span className="emergency-banner__reason">{EMERGENCY_REASON_LABELS[grant.reason]}</span>
        </p>
        <p className="emergency-banner__text">
          {grant.part2
            ? 'Part 2 records are open to you for this medical emergency, recorded as a disclosure under 42 CFR 2.51. '
            : ''}
          Psychotherapy notes are never shown. Every read is recorded, and the owner and the client’s
          clinician are told.
        </p>
      </div>
      <div className="emergency-banner__time">
        <span className="emergency-banner__left" role="timer" aria-live="off">
          {timeLeft(left)}
        </span>
        <span className="emergency-banner__ends">Ends {formatShortTime(grant.expiresAt)}</span>
      </div>
    </div>
  );
}
