// The review queue: the releases waiting for the signed-in person's decision (their assigned
// clients', or every one for the owner), as main lists them (releases.reviewQueue), overdue first,
// each with its legal due date. A card on the home screen and on Releases, and the count on the
// sidebar's Releases item. Front desk decides nothing, so neither shows for them.
import { useQuery } from '@tanstack/react-query';
import { CircleAlert, ClipboardCheck, RotateCcw } from 'lucide-react';
import { todayIso, type ReviewQueueItem } from '../../../preload/contract.ts';
import { useSignedIn } from '../../app/session.tsx';
import { dayNumber, formatCalendarDate } from '../../lib/calendar-date.ts';
import { Card } from '../../ui/card.tsx';
import { cx } from '../../ui/cx.ts';
import { SHORT_KIND_LABELS } from './release-format.tsx';
import { stateLawQuery } from '../settings/state-law-query.ts';
import { reviewQueueQuery } from './release-queries.ts';
import { releaseHref, releasesHref } from './release-routes.ts';

const plural = (n: number, one: string, many: string): string => `${String(n)} ${n === 1 ? one : many}`;

/** "3 releases await your review" (and how many are overdue): the badge's words and the card's title. */
export function queueSentence(items: readonly ReviewQueueItem[]): string {
  const n = items.length;
  const overdue = items.filter((i) => i.urgency === 'overdue').length;
  const base = `${plural(n, 'release awaits', 'releases await')} your review`;
  return overdue > 0 ? `${base}, ${String(overdue)} overdue` : base;
}

function useReviewQueue() {
  const { session } = useSignedIn();
  const decides = session.user.role !== 'front_desk';
  const queue = useQuery({ ...reviewQueueQuery, enabled: decides });
  return decides ? (queue.data ?? []) : [];
}

/** The count beside Releases in the sidebar, read out as a sentence. */
export function ReviewQueueBadge() {
  const items = useReviewQueue();
  if (items.length === 0) return null;
  const sentence = queueSentence(items);
  const overdue = items.some((i) => i.urgency === 'overdue');
  return (
    <>
      <span className={cx('nav-badge', overdue && 'nav-badge--overdue')} aria-hidden="true" title={sentence}>
        {items.length}
      </span>
      <span className="sr-only">{sentence}</span>
    </>
  );
}

/**
 * When it is due, in words: the legal date of a client's own request, or that there is none. Also
 * the due list's words for the other rights requests (rights/due-requests-card.tsx).
 */
export function Due({
  item,
  today,
}: {
  item: Pick<ReviewQueueItem, 'dueOn' | 'receivedOn' | 'urgency'>;
  today: string;
}) {
  if (!item.dueOn)
    return (
      <span className="queue-due queue-due--none">
        No legal due date · received {formatCalendarDate(item.receivedOn)}
      </span>
    );
  const days = dayNumber(item.dueOn) - dayNumber(today);
  const date = formatCalendarDate(item.dueOn);
  if (days < 0)
    return (
      <span className="queue-due queue-due--overdue">
        <CircleAlert aria-hidden="true" size={14} />
        Overdue: was due {date} ({plural(-days, 'day', 'days')} ago)
      </span>
    );
  const left = days === 0 ? 'today' : `in ${plural(days, 'day', 'days')}`;
  return (
    <span className={cx('queue-due', item.urgency === 'due-soon' && 'queue-due--soon')}>
      Due {date} ({left})
    </span>
  );
}

/**
 * The queue as a card. `limit`: how many to show (the home screen keeps it short and links to
 * Releases for the rest). Nothing is shown when nothing waits.
 */
export function ReviewQueueCard({ limit }: { limit?: number }) {
  const { session } = useSignedIn();
  const items = useReviewQueue();
  // The practice's deadlines (Settings → State law), for the sentence only: main dates each request.
  const deadlines = useQuery(stateLawQuery).data?.deadlines;
  if (items.length === 0) return null;
  const today = todayIso();
  const shown = limit === undefined ? items : items.slice(0, limit);
  const owner = session.user.role === 'owner';
  return (
    <Card
      title="Awaiting your review"
      icon={<ClipboardCheck size={18} />}
      description={`${queueSentence(items)}. A client’s own request must be answered within ${String(deadlines?.accessDays ?? 30)} days of receipt (one ${String(deadlines?.accessExtensionDays ?? 30)}-day extension).`}
      className="queue-card"
      actions={
        shown.length < items.length ? (
          <a className="btn btn--secondary btn--sm" href={releasesHref}>
            All {items.length} in Releases
          </a>
        ) : undefined
      }
    >
      <ul className="queue-rows" aria-label="Releases awaiting your review">
        {shown.map((item) => (
          <li key={item.id} className={cx('queue-row', item.urgency && `queue-row--${item.urgency}`)}>
            <a className="queue-row__link" href={releaseHref(item.id)}>
              <span className="queue-row__who">
                <span className="queue-row__name">{item.clientName}</span>
                <span className="queue-row__meta">
                  {SHORT_KIND_LABELS[item.kind]}
                  {item.recipientName !== item.clientName && ` · to ${item.recipientName}`}
                  {owner && ` · ${item.assignedClinician.displayName}`}
                </span>
              </span>
              {item.sentBack && (
                <span className="queue-row__back">
                  <RotateCcw aria-hidden="true" size={13} /> Back for review
                </span>
              )}
              <Due item={item} today={today} />
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}
