// Every screening on the chart, newest first, with its answers a click away.
import { Flag } from 'lucide-react';
import { useState } from 'react';
import {
  ANSWER_LABELS,
  DIFFICULTY_LABELS,
  INSTRUMENTS,
  type ScreeningRecord,
} from '../../../preload/contract.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { Table } from '../../ui/table.tsx';
import { CONTEXT_LABELS } from './screening-queries.ts';
import { SeverityBadge } from './severity-badge.tsx';

export function ScreeningHistory({ records }: { records: readonly ScreeningRecord[] }) {
  const [open, setOpen] = useState<ScreeningRecord | null>(null);
  const sorted = [...records].sort(
    (a, b) => b.administeredOn.localeCompare(a.administeredOn) || a.instrument.localeCompare(b.instrument),
  );
  return (
    <>
      <Table caption="Screening history" className="screening-table">
        <thead>
          <tr>
            <th scope="col">Date given</th>
            <th scope="col">Measure</th>
            <th scope="col" className="table__num">
              Score
            </th>
            <th scope="col">Severity</th>
            <th scope="col">Given at</th>
            <th scope="col">Given by</th>
            <th scope="col" className="table__actions">
              <span className="sr-only">Answers</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.id}>
              <td className="nowrap">{formatCalendarDate(r.administeredOn)}</td>
              <td>
                <span className="cell-badges">
                  <strong>{INSTRUMENTS[r.instrument].name}</strong>
                  {r.item9Positive && (
                    <Badge tone="danger">
                      <Flag aria-hidden="true" size={12} className="badge__icon" />
                      Item 9
                    </Badge>
                  )}
                </span>
              </td>
              <td className="table__num">
                {r.total}
                <span className="muted">/{INSTRUMENTS[r.instrument].max}</span>
              </td>
              <td>
                <SeverityBadge severity={r.severity} />
              </td>
              <td>{CONTEXT_LABELS[r.context]}</td>
              <td className="muted">{r.administeredBy}</td>
              <td className="table__actions">
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Answers of the ${INSTRUMENTS[r.instrument].name} of ${formatCalendarDate(r.administeredOn)}`}
                  onClick={() => {
                    setOpen(r);
                  }}
                >
                  Answers
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {open && (
        <AnswersDialog
          record={open}
          onClose={() => {
            setOpen(null);
          }}
        />
      )}
    </>
  );
}

function AnswersDialog({ record, onClose }: { record: ScreeningRecord; onClose: () => void }) {
  const def = INSTRUMENTS[record.instrument];
  return (
    <Dialog
      title={`${def.name} of ${formatCalendarDate(record.administeredOn)}`}
      description={`${CONTEXT_LABELS[record.context]} · given by ${record.administeredBy}`}
      size="lg"
      onClose={onClose}
    >
      <ol className="answer-list">
        {def.items.map((text, i) => {
          const answer = record.items[i] ?? 0;
          return (
            <li
              key={text}
              className={
                record.instrument === 'phq9' && i === 8 && answer > 0 ? 'answer-list__flag' : undefined
              }
            >
              <span className="answer-list__text">
                {i + 1}. {text}
              </span>
              <span className="answer-list__answer">
                {ANSWER_LABELS[answer]} <span className="muted">({answer})</span>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="answer-list__total">
        Total <strong>{record.total}</strong> / {def.max} · <SeverityBadge severity={record.severity} />
        {record.difficulty !== null && (
          <span className="muted"> · Difficulty: {DIFFICULTY_LABELS[record.difficulty]?.toLowerCase()}</span>
        )}
      </p>
      <DialogFooter>
        <Button variant="primary" onClick={onClose} data-autofocus>
          Close
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
