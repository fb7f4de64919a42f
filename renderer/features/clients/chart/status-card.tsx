// The chart's status: current status since when and why, and the history of every change.
import { Activity } from 'lucide-react';
import type { ClientRecord } from '../../../../preload/contract.ts';
import { formatCalendarDate, formatShortDateTime } from '../../../lib/calendar-date.ts';
import { Button } from '../../../ui/button.tsx';
import { Card } from '../../../ui/card.tsx';
import { StatusBadge } from '../client-format.tsx';
import { chartWritable } from './chart-writable.ts';

export function StatusCard({ client, onChange }: { client: ClientRecord; onChange: () => void }) {
  return (
    <Card
      title="Status"
      icon={<Activity size={18} />}
      actions={
        chartWritable(client) && (
          <Button size="sm" onClick={onChange}>
            Change status
          </Button>
        )
      }
    >
      <div className="status-now">
        <StatusBadge status={client.status} />
        <span>since {formatCalendarDate(client.statusDate)}</span>
      </div>
      {client.statusReason && <p className="status-now__reason">{client.statusReason}</p>}
      <h3 className="card__subtitle">History</h3>
      <ol className="timeline">
        {client.statusHistory.map((h) => (
          <li key={`${h.changedAt}-${h.status}`} className="timeline__item">
            <div className="timeline__head">
              <StatusBadge status={h.status} />
              <span className="timeline__date">{formatCalendarDate(h.effectiveDate)}</span>
            </div>
            {h.reason && <p className="timeline__text">{h.reason}</p>}
            <p className="timeline__meta">
              {h.changedBy} · {formatShortDateTime(h.changedAt)}
            </p>
          </li>
        ))}
      </ol>
    </Card>
  );
}
