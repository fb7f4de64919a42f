// The chart timeline's rows, virtualized against the page's own scroll: only the rows in view (and
// a few around them) exist, so a client with hundreds of notes opens and scrolls at once.
import { ChartLine, ClipboardList, FilePen, Lock, NotebookText, Stamp } from 'lucide-react';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import {
  INSTRUMENTS,
  SEVERITY_LABELS,
  type Severity,
  type TimelineEntry,
} from '../../../preload/contract.ts';
import { formatCalendarDate, parseCalendarDate } from '../../lib/calendar-date.ts';
import { useWindowVirtualizer } from '../../lib/use-window-virtualizer.ts';
import { Badge } from '../../ui/badge.tsx';
import { cx } from '../../ui/cx.ts';
import { useAmendedRecords } from '../amendments/record-amendments.tsx';
import { chartHref } from '../clients/client-routes.ts';
import {
  IntegrityBadge,
  isRisk,
  KIND_LABELS,
  minutesText,
  NoteStatusBadge,
  RISK_LABELS,
  RiskBadge,
} from './note-format.tsx';
import { TimelineLinks } from './note-links-view.tsx';
import { noteHref } from './note-routes.ts';
import { LOCALE } from '../../lib/locale.ts';

const ROW_ESTIMATE = 84;
const dayMonth = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric' });

function DateCell({ iso }: { iso: string }) {
  const date = parseCalendarDate(iso);
  if (!date) return <span className="tl-date">{iso}</span>;
  return (
    <time className="tl-date" dateTime={iso}>
      <span className="tl-date__day">{dayMonth.format(date)}</span>
      <span className="tl-date__year">{date.getFullYear()}</span>
    </time>
  );
}

const isSeverity = (s: string): s is Severity => s in SEVERITY_LABELS;

function entryKey(e: TimelineEntry, index: number): string {
  switch (e.type) {
    case 'note':
      return e.noteId;
    case 'session':
      return `session-${String(index)}`;
    case 'intake':
      return 'intake';
    case 'screening':
      return `screening-${e.instrument}-${e.date}-${String(index)}`;
  }
}

function Row({
  clientId,
  entry,
  amended,
}: {
  clientId: string;
  entry: TimelineEntry;
  /** The note carries an accepted amendment (45 CFR 164.526(c)(1)). */
  amended: boolean;
}): ReactNode {
  switch (entry.type) {
    case 'note': {
      // Moderate and high risk stand out as badges; none and low are read in passing.
      const elevated = entry.riskLevel === 'moderate' || entry.riskLevel === 'high';
      const meta = [
        entry.serviceCode,
        minutesText(entry.durationMinutes),
        entry.author.displayName,
        !elevated && isRisk(entry.riskLevel) ? RISK_LABELS[entry.riskLevel] : null,
        entry.addenda > 0 ? `${String(entry.addenda)} ${entry.addenda === 1 ? 'addendum' : 'addenda'}` : null,
      ].filter((m): m is string => m !== null);
      const privateNote = entry.kind === 'psychotherapy';
      return (
        <a
          className={cx(
            'tl-card',
            privateNote && 'tl-card--private',
            entry.status === 'draft' && 'tl-card--draft',
          )}
          href={noteHref(clientId, entry.noteId)}
        >
          <span className="tl-card__icon" aria-hidden="true">
            {privateNote ? <Lock size={16} /> : <NotebookText size={16} />}
          </span>
          <span className="tl-card__body">
            <span className="tl-card__title">
              {KIND_LABELS[entry.kind]}
              <span className="tl-card__template">{entry.templateLabel}</span>
            </span>
            <span className="tl-card__meta">{meta.join(' · ')}</span>
            <TimelineLinks diagnoses={entry.addressedDiagnoses} marks={entry.goalProgress} />
          </span>
          <span className="tl-card__badges">
            {entry.integrity === 'tampered' && <IntegrityBadge integrity="tampered" />}
            {elevated && <RiskBadge level={entry.riskLevel} />}
            {amended && (
              <Badge tone="success">
                <FilePen aria-hidden="true" size={11} className="badge__icon" />
                Amended
              </Badge>
            )}
            {entry.cosigned && (
              <Badge tone="accent">
                <Stamp aria-hidden="true" size={11} className="badge__icon" />
                Co-signed
              </Badge>
            )}
            <NoteStatusBadge status={entry.status} />
          </span>
        </a>
      );
    }
    case 'intake':
      return (
        <a className="tl-card tl-card--event" href={chartHref(clientId, 'intake')}>
          <span className="tl-card__icon" aria-hidden="true">
            <ClipboardList size={16} />
          </span>
          <span className="tl-card__body">
            <span className="tl-card__title">
              {entry.status === 'completed' ? 'Intake completed' : 'Intake in progress'}
            </span>
          </span>
        </a>
      );
    case 'screening':
      return (
        <a className="tl-card tl-card--event" href={chartHref(clientId, 'screenings')}>
          <span className="tl-card__icon" aria-hidden="true">
            <ChartLine size={16} />
          </span>
          <span className="tl-card__body">
            <span className="tl-card__title">
              {INSTRUMENTS[entry.instrument].name} · {entry.total}
              <span className="tl-card__template">
                {isSeverity(entry.severity) ? SEVERITY_LABELS[entry.severity] : entry.severity}
              </span>
            </span>
          </span>
        </a>
      );
    case 'session':
      return (
        <div className="tl-card tl-card--event">
          <span className="tl-card__body">
            <span className="tl-card__title">Session with {entry.clinician.displayName}</span>
            <span className="tl-card__meta">{entry.serviceCode ?? 'No service code'}</span>
          </span>
        </div>
      );
  }
}

export function Timeline({ clientId, entries }: { clientId: string; entries: readonly TimelineEntry[] }) {
  // The virtualizer is one mutable object read afresh on every render: no compiler memoization.
  'use no memo';
  const listRef = useRef<HTMLOListElement>(null);
  const [margin, setMargin] = useState(0);
  // Notes with an accepted amendment are marked (only the clinical team's timeline lists notes).
  const amended = useAmendedRecords(
    clientId,
    entries.some((e) => e.type === 'note'),
  );
  // Where the list starts on the page: the rows are placed relative to the page's scroll.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const observer = new ResizeObserver(() => {
      setMargin(list.getBoundingClientRect().top + window.scrollY);
    });
    observer.observe(document.body);
    return () => {
      observer.disconnect();
    };
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: entries.length,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    scrollMargin: margin,
    getItemKey: (index) => {
      const entry = entries[index];
      return entry ? entryKey(entry, index) : index;
    },
  });
  const rows = virtualizer.getVirtualItems();
  return (
    <ol
      ref={listRef}
      className="timeline-list"
      aria-label="Timeline"
      style={{ height: `${String(virtualizer.getTotalSize())}px` }}
    >
      {rows.map((row) => {
        const entry = entries[row.index];
        if (!entry) return null;
        const previous = entries[row.index - 1];
        const newDay = previous?.date !== entry.date;
        return (
          <li
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            className={cx(
              'tl-row',
              `tl-row--${entry.type}`,
              row.index === 0 && 'tl-row--first',
              row.index === entries.length - 1 && 'tl-row--last',
            )}
            style={{ transform: `translateY(${String(row.start - virtualizer.options.scrollMargin)}px)` }}
            aria-posinset={row.index + 1}
            aria-setsize={entries.length}
          >
            {newDay ? (
              <DateCell iso={entry.date} />
            ) : (
              <span className="tl-date">
                <span className="sr-only">{formatCalendarDate(entry.date)}</span>
              </span>
            )}
            <span className="tl-rail" aria-hidden="true" />
            <Row
              clientId={clientId}
              entry={entry}
              amended={entry.type === 'note' && amended.has(entry.noteId)}
            />
          </li>
        );
      })}
    </ol>
  );
}
