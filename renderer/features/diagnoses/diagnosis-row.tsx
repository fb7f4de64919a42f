// One diagnosis on the Diagnoses tab: rank, code and words, status, onset, who recorded it, and its
// actions (Move up / Move down for the keyboard, a drag handle for the mouse, Change, History).
import { useQuery } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, ChevronDown, ChevronRight, GripVertical, History, Pencil } from 'lucide-react';
import { useId, useState } from 'react';
import {
  DIAGNOSIS_STATUS_LABELS,
  type Diagnosis,
  type DiagnosisVersion,
} from '../../../preload/contract/diagnoses.ts';
import { draftKey } from '../../../preload/contract/drafts.ts';
import { formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { cx } from '../../ui/cx.ts';
import { Spinner } from '../../ui/spinner.tsx';
import { ChangeDiagnosisDialog } from './change-diagnosis-dialog.tsx';
import { diagnosisHistoryQuery } from './diagnosis-queries.ts';

export const STATUS_TONE: Record<Diagnosis['current']['status'], BadgeTone> = {
  active: 'accent',
  in_remission: 'info',
  resolved: 'neutral',
  entered_in_error: 'danger',
};

interface Drag {
  start: () => void;
  end: () => void;
  drop: () => void;
  /** Some row is being dragged (this one or another). */
  active: boolean;
}

interface Props {
  diagnosis: Diagnosis;
  /** Its place on the ranked list (0 is primary); null when it is not ranked. */
  position: number | null;
  count: number;
  dragging?: boolean;
  busy?: boolean;
  onMove?: (to: number) => void;
  drag?: Drag;
  /** A past list, or a chart open read-only: nothing to change, only the history to read. */
  readOnly?: boolean;
}

export function DiagnosisRow({
  diagnosis: d,
  position,
  count,
  dragging,
  busy,
  onMove,
  drag,
  readOnly,
}: Props) {
  const changing = useDraftDialog(draftKey('diagnosis-change', d.id));
  const [open, setOpen] = useState(false);
  const [over, setOver] = useState(false);
  const historyId = useId();
  const v = d.current;
  const closed = v.status === 'resolved' || v.status === 'entered_in_error';
  return (
    <li
      className={cx(
        'diagnosis',
        position === 0 && 'diagnosis--primary',
        dragging && 'diagnosis--dragging',
        over && 'diagnosis--over',
        closed && 'diagnosis--closed',
      )}
      data-code={d.code}
      onDragOver={
        drag?.active
          ? (event) => {
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              setOver(true);
            }
          : undefined
      }
      onDragLeave={() => {
        setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        drag?.drop();
      }}
    >
      <div className="diagnosis__main">
        <div className="diagnosis__rank">
          {drag && (
            <span
              className="diagnosis__grip"
              draggable={!busy}
              title="Drag to reorder"
              aria-hidden="true"
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', d.code);
                drag.start();
              }}
              onDragEnd={drag.end}
            >
              <GripVertical size={16} />
            </span>
          )}
          {position !== null ? (
            <span
              className="diagnosis__number"
              aria-label={position === 0 ? 'Primary, rank 1' : `Rank ${String(position + 1)}`}
            >
              {position + 1}
            </span>
          ) : (
            <span className="diagnosis__number diagnosis__number--none" aria-label="Not ranked">
              –
            </span>
          )}
        </div>
        <div className="diagnosis__what">
          <p className="diagnosis__title">
            <span className="diagnosis__code">{d.code}</span>
            <span className="diagnosis__words">{d.description}</span>
          </p>
          <p className="diagnosis__flags">
            {position === 0 && <Badge tone="accent">Primary</Badge>}
            {!d.inCodeSet && <Badge tone="warning">Not in the shipped list</Badge>}
            {d.part2 && <Badge tone="info">42 CFR Part 2</Badge>}
          </p>
        </div>
        <div className="diagnosis__status">
          <Badge tone={STATUS_TONE[v.status]}>{DIAGNOSIS_STATUS_LABELS[v.status]}</Badge>
        </div>
        <div className="diagnosis__onset">
          <span className="diagnosis__label">Onset</span>
          {v.onsetDate ? formatCalendarDate(v.onsetDate) : <span className="muted">Not recorded</span>}
        </div>
        <div className="diagnosis__recorded">
          <span className="diagnosis__label">Recorded</span>
          <span>
            {formatShortDateTime(d.recordedAt)} by {d.recordedBy.displayName}
          </span>
          {v.version > 1 && (
            <span className="muted diagnosis__changed">Updated {formatShortDateTime(v.at)}</span>
          )}
        </div>
        <div className="diagnosis__actions">
          {position !== null && onMove && (
            <>
              <Button
                size="sm"
                variant="ghost"
                className="diagnosis__move"
                icon={<ArrowUp aria-hidden="true" size={15} />}
                aria-label={`Move ${d.code} up`}
                title="Move up"
                disabled={position === 0 || busy}
                onClick={() => {
                  onMove(position - 1);
                }}
              />
              <Button
                size="sm"
                variant="ghost"
                className="diagnosis__move"
                icon={<ArrowDown aria-hidden="true" size={15} />}
                aria-label={`Move ${d.code} down`}
                title="Move down"
                disabled={position === count - 1 || busy}
                onClick={() => {
                  onMove(position + 1);
                }}
              />
            </>
          )}
          {!readOnly && v.status !== 'entered_in_error' && (
            <Button
              size="sm"
              icon={<Pencil aria-hidden="true" size={14} />}
              aria-label={`Change ${d.code}`}
              onClick={changing.show}
            >
              Change
            </Button>
          )}
          <Button
            size="sm"
            variant="ghost"
            icon={
              open ? (
                <ChevronDown aria-hidden="true" size={15} />
              ) : (
                <ChevronRight aria-hidden="true" size={15} />
              )
            }
            aria-expanded={open}
            aria-controls={historyId}
            aria-label={`History of ${d.code}`}
            onClick={() => {
              setOpen((o) => !o);
            }}
          >
            History
          </Button>
        </div>
      </div>
      {open && (
        <div id={historyId} className="diagnosis__history">
          <HistoryList clientId={d.clientId} diagnosisId={d.id} />
        </div>
      )}
      {!readOnly && changing.open && <ChangeDiagnosisDialog diagnosis={d} onClose={changing.close} />}
    </li>
  );
}

function describe(v: DiagnosisVersion, before: DiagnosisVersion | undefined): string {
  if (!before) {
    return `Recorded as ${DIAGNOSIS_STATUS_LABELS[v.status].toLowerCase()}${v.rank ? `, rank ${String(v.rank)}` : ''}${v.onsetDate ? `, onset ${formatCalendarDate(v.onsetDate)}` : ''}`;
  }
  const parts: string[] = [];
  if (v.status !== before.status)
    parts.push(`${DIAGNOSIS_STATUS_LABELS[before.status]} → ${DIAGNOSIS_STATUS_LABELS[v.status]}`);
  if (v.rank !== before.rank)
    parts.push(
      v.rank === null
        ? 'Left the ranked list'
        : `Rank ${before.rank === null ? '–' : String(before.rank)} → ${String(v.rank)}`,
    );
  if (v.onsetDate !== before.onsetDate)
    parts.push(`Onset ${v.onsetDate ? formatCalendarDate(v.onsetDate) : 'cleared'}`);
  return parts.length > 0 ? parts.join(' · ') : 'Note added';
}

function HistoryList({ clientId, diagnosisId }: { clientId: string; diagnosisId: string }) {
  const query = useQuery(diagnosisHistoryQuery(clientId, diagnosisId));
  if (query.isPending)
    return (
      <p className="muted">
        <Spinner size={14} /> Loading the history…
      </p>
    );
  if (query.isError) return <p className="field__error">{query.error.message}</p>;
  const versions = query.data.versions;
  return (
    <ol className="diagnosis-history" aria-label="History, oldest first">
      {versions.map((v, i) => (
        <li key={v.version} className="diagnosis-history__item">
          <History aria-hidden="true" size={14} className="diagnosis-history__icon" />
          <span className="diagnosis-history__when">{formatShortDateTime(v.at)}</span>
          <span className="diagnosis-history__what">{describe(v, versions[i - 1])}</span>
          <span className="diagnosis-history__who">{v.by.displayName}</span>
          {v.reason && <span className="diagnosis-history__reason">“{v.reason}”</span>}
        </li>
      ))}
    </ol>
  );
}
