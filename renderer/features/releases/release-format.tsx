// How a release's status, kind and due date read on screen: badges with words, never colour alone.
import { CalendarClock, CircleAlert } from 'lucide-react';
import {
  RELEASE_KIND_LABELS,
  type ReleaseKind,
  type ReleaseStatus,
  type ReleaseSummary,
} from '../../../preload/contract.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';

export const STATUS_LABELS: Record<ReleaseStatus, string> = {
  draft: 'Awaiting authorization',
  authorized: 'Awaiting clinician review',
  approved: 'Approved, ready to export',
  exported: 'Exported',
  denied: 'Denied',
  revoked: 'Authorization revoked',
  expired: 'Authorization expired',
};

const STATUS_TONES: Record<ReleaseStatus, BadgeTone> = {
  draft: 'neutral',
  authorized: 'info',
  approved: 'accent',
  exported: 'success',
  denied: 'danger',
  revoked: 'danger',
  expired: 'warning',
};

export const SHORT_KIND_LABELS: Record<ReleaseKind, string> = {
  access: 'Client’s own request',
  third_party: 'Third party',
  legal_order: 'Court order or subpoena',
  emergency: 'Disclosure without authorization',
};

export { RELEASE_KIND_LABELS };

export function ReleaseStatusBadge({ status }: { status: ReleaseStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

/** The legal due date of an access request, flagged when it is near or past. */
export function DueDate({ summary }: { summary: Pick<ReleaseSummary, 'dueOn' | 'urgency'> }) {
  if (!summary.dueOn) return <span className="muted">—</span>;
  const date = formatCalendarDate(summary.dueOn);
  if (summary.urgency === 'overdue')
    return (
      <span className="due due--overdue">
        <CircleAlert aria-hidden="true" size={14} />
        {date}
        <span className="due__flag">Overdue</span>
      </span>
    );
  if (summary.urgency === 'due-soon')
    return (
      <span className="due due--soon">
        <CalendarClock aria-hidden="true" size={14} />
        {date}
        <span className="due__flag">Due soon</span>
      </span>
    );
  return <span className="due">{date}</span>;
}
