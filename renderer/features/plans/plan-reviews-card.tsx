// The home screen's "Treatment plan reviews": plans in force of the signed-in clinician's own
// clients whose review is due within a week or overdue (main lists them: plans.reviewsDue), each
// linking to the client's Treatment plan tab. Nothing shows when none is due; front desk never sees it.
import { useQuery } from '@tanstack/react-query';
import { ClipboardList } from 'lucide-react';
import { todayIso } from '../../../preload/contract.ts';
import { useSignedIn } from '../../app/session.tsx';
import { Card } from '../../ui/card.tsx';
import { cx } from '../../ui/cx.ts';
import { Due } from '../releases/review-queue.tsx';
import { reviewsDueQuery } from './plan-queries.ts';

const plural = (n: number, one: string, many: string): string => `${String(n)} ${n === 1 ? one : many}`;

export function PlanReviewsCard({ limit = 5 }: { limit?: number }) {
  const { session } = useSignedIn();
  const clinical = session.user.role !== 'front_desk';
  const due = useQuery({ ...reviewsDueQuery, enabled: clinical });
  const items = clinical ? (due.data ?? []) : [];
  if (items.length === 0) return null;
  const overdue = items.filter((i) => i.urgency === 'overdue').length;
  const today = todayIso();
  return (
    <Card
      title="Treatment plan reviews"
      icon={<ClipboardList size={18} />}
      description={`${plural(items.length, 'plan is', 'plans are')} due for review${overdue ? `, ${String(overdue)} overdue` : ''}. Review each with the client: continue it with a new review date, or revise it.`}
      className="queue-card plan-reviews-card"
    >
      <ul className="queue-rows" aria-label="Treatment plans due for review">
        {items.slice(0, limit).map((item) => (
          <li key={item.planId} className={cx('queue-row', `queue-row--${item.urgency}`)}>
            <a className="queue-row__link" href={item.href}>
              <span className="queue-row__who">
                <span className="queue-row__name">{item.clientName}</span>
                <span className="queue-row__meta">Treatment plan, version {item.version}</span>
              </span>
              <Due
                item={{ dueOn: item.reviewDueOn, receivedOn: item.reviewDueOn, urgency: item.urgency }}
                today={today}
              />
            </a>
          </li>
        ))}
      </ul>
      {items.length > limit && (
        <p className="plan-reviews-card__more">
          And {plural(items.length - limit, 'more plan', 'more plans')} due: the oldest are shown first.
        </p>
      )}
    </Card>
  );
}
