// What front desk sees of a client's sessions (for scheduling and billing): the date, the clinician
// and the service code of each, newest first, and never anything written in a note. main sends
// front desk nothing more than these lines.
import { useQuery } from '@tanstack/react-query';
import { CalendarCheck, CalendarX } from 'lucide-react';
import { useLayoutEffect, useRef, useState } from 'react';
import type { ClientRecord, TimelineEntry } from '../../../preload/contract.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useWindowVirtualizer } from '../../lib/use-window-virtualizer.ts';
import { Banner } from '../../ui/banner.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { serviceCodeText } from './note-format.tsx';
import { timelineQuery } from './note-queries.ts';

type Session = Extract<TimelineEntry, { type: 'session' }>;
const ROW_HEIGHT = 48;

export function SessionsTab({ client }: { client: ClientRecord }) {
  const timeline = useQuery(timelineQuery(client.id));
  const sessions = (timeline.data ?? []).filter((e): e is Session => e.type === 'session');
  return (
    <div className="tab-panel">
      <div className="tab-panel__bar">
        <p className="tab-panel__lead">
          Sessions that took place, for scheduling and billing. What was said in a session is not shown.
        </p>
      </div>
      {timeline.isPending && <LoadingState label="Loading sessions…" />}
      {timeline.isError && (
        <Banner tone="danger" title="The sessions could not be loaded" live>
          {timeline.error.message}
        </Banner>
      )}
      {timeline.isSuccess && sessions.length === 0 && (
        <div className="panel">
          <EmptyState icon={<CalendarX size={28} />} title="No sessions yet">
            <p>A session appears here once its clinician has written the note.</p>
          </EmptyState>
        </div>
      )}
      {sessions.length > 0 && <SessionList sessions={sessions} />}
    </div>
  );
}

function SessionList({ sessions }: { sessions: readonly Session[] }) {
  // The virtualizer is one mutable object read afresh on every render: no compiler memoization.
  'use no memo';
  const bodyRef = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const observer = new ResizeObserver(() => {
      setMargin(body.getBoundingClientRect().top + window.scrollY);
    });
    observer.observe(document.body);
    return () => {
      observer.disconnect();
    };
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: sessions.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: margin,
  });
  return (
    <div className="sessions" role="table" aria-label="Sessions" aria-rowcount={sessions.length + 1}>
      <div className="sessions__row sessions__head" role="row" aria-rowindex={1}>
        <span role="columnheader">Date</span>
        <span role="columnheader">Clinician</span>
        <span role="columnheader">Service code</span>
      </div>
      <div
        ref={bodyRef}
        className="sessions__body"
        role="rowgroup"
        style={{ height: `${String(virtualizer.getTotalSize())}px` }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const s = sessions[row.index];
          if (!s) return null;
          return (
            <div
              key={row.key}
              className="sessions__row"
              role="row"
              aria-rowindex={row.index + 2}
              style={{ transform: `translateY(${String(row.start - virtualizer.options.scrollMargin)}px)` }}
            >
              <span role="cell" className="sessions__date">
                <CalendarCheck aria-hidden="true" size={15} />
                {formatCalendarDate(s.date)}
              </span>
              <span role="cell">{s.clinician.displayName}</span>
              <span role="cell">
                {serviceCodeText(s.serviceCode) ?? <span className="muted">Not recorded</span>}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
