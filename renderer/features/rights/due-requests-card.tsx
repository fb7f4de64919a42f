// The rights requests with a clock, beside the access requests on Releases (issue 19): amendment
// requests, reviews of a denial, deletion requests and the others, each with its due date in the
// same words and colors as the review queue, overdue first, linked to where it is worked.
import { useQuery } from '@tanstack/react-query';
import { CalendarClock } from 'lucide-react';
import { DUE_KIND_LABELS, todayIso } from '../../../preload/contract.ts';
import { Card } from '../../ui/card.tsx';
import { cx } from '../../ui/cx.ts';
import { Due } from '../releases/review-queue.tsx';
import { dueListQuery } from './due-queries.ts';

const plural = (n: number, one: string, many: string): string => `${String(n)} ${n === 1 ? one : many}`;

export function DueRequestsCard() {
  const due = useQuery(dueListQuery);
  const items = due.data ?? [];
  if (items.length === 0) return null;
  const today = todayIso();
  const overdue = items.filter((i) => i.urgency === 'overdue').length;
  const sentence = `${plural(items.length, 'client-rights request is', 'client-rights requests are')} open${
    overdue > 0 ? `, ${String(overdue)} overdue` : ''
  }`;
  return (
    <Card
      title="Other requests with a due date"
      icon={<CalendarClock size={18} />}
      description={`${sentence}: amendments, reviews of a denial and the other requests a client may make about their record.`}
      className="queue-card"
    >
      <ul className="queue-rows" aria-label="Client-rights requests with a due date">
        {items.map((item) => (
          <li
            key={`${item.kind}-${item.id}`}
            className={cx('queue-row', item.urgency && `queue-row--${item.urgency}`)}
          >
            <a className="queue-row__link" href={item.href}>
              <span className="queue-row__who">
                <span className="queue-row__name">{item.clientName}</span>
                <span className="queue-row__meta">
                  {DUE_KIND_LABELS[item.kind]} · {item.summary}
                </span>
              </span>
              <Due item={item} today={today} />
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}
