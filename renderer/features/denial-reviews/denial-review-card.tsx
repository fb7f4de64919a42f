// The review of a denied access request on its release page (45 CFR 164.524(a)(4), (d)(4)): who it
// is referred to, its due date, the determination and the written notice. Main decides whether a
// review may be asked for (and why not), and who may record the determination; this card offers
// only that.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileDown, Gavel, Scale } from 'lucide-react';
import { draftKey, type ReleaseRecord } from '../../../preload/contract.ts';
import type { DenialReviewRecord } from '../../../preload/contract/denial-reviews.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { DeterminationDialog } from './determination-dialog.tsx';
import { releaseReviewsQuery, reviewChanged, reviewSettingsQuery } from './denial-review-queries.ts';
import { RequestReviewDialog } from './request-review-dialog.tsx';

/** Shown for a denied access request on a reviewable ground, and for any request that was reviewed. */
export function DenialReviewCard({ record }: { record: ReleaseRecord }) {
  const { summary, denial } = record;
  const access = summary.kind === 'access';
  const query = useQuery({ ...releaseReviewsQuery(summary.id), enabled: access });
  const asking = useDraftDialog(draftKey('denial-review', summary.id));
  const official = useQuery({ ...reviewSettingsQuery, enabled: access });
  const { session } = useSignedIn();
  if (!access || !query.data) return null;
  const { reviews, canRequest, blocker, canDecide } = query.data;
  const reviewableNow = summary.status === 'denied' && denial?.reviewable === true;
  if (reviews.length === 0 && !reviewableNow) return null;
  const settings = reviewableNow && reviews.length === 0;
  return (
    <Card
      title="Review of the denial"
      icon={<Scale size={18} />}
      className="denial-review-card"
      description="Reviewed by a licensed professional who took no part in the denial (45 CFR 164.524(a)(4)). The practice follows the determination and tells the client in writing."
      actions={
        canRequest && (
          <Button size="sm" variant="primary" onClick={asking.show}>
            Request review
          </Button>
        )
      }
    >
      {settings && !canRequest && blocker && (
        <Banner tone="warning" title="A review cannot be referred yet">
          {blocker}
          {session.user.role === 'owner' && (
            <>
              {' '}
              <a href="#/settings">Open Settings</a>
            </>
          )}
        </Banner>
      )}
      {settings && canRequest && (
        <p className="muted">
          When the client asks for a review (in writing or in person), record it here: it is referred at once
          to the designated reviewing official.
        </p>
      )}
      {reviews.map((review) => (
        <ReviewFacts key={review.id} review={review} canDecide={canDecide && review.determination === null} />
      ))}
      {canRequest && asking.open && (
        <RequestReviewDialog
          requestId={summary.id}
          reviewer={official.data?.official?.name ?? 'the designated reviewing official'}
          onClose={asking.close}
        />
      )}
    </Card>
  );
}

function ReviewFacts({ review, canDecide }: { review: DenialReviewRecord; canDecide: boolean }) {
  const queryClient = useQueryClient();
  const deciding = useDraftDialog(draftKey('review-determination', review.id));
  const notice = useMutation({
    mutationFn: () => call('denials.writeReviewNotice', { reviewId: review.id }),
    onSuccess: () => reviewChanged(queryClient),
  });
  const r = review.reviewer;
  const d = review.determination;
  return (
    <div className="denial-review">
      <dl className="release-facts">
        <div className="release-facts__row">
          <dt>Asked for</dt>
          <dd>
            {formatCalendarDate(review.receivedOn)},{' '}
            {review.receivedHow === 'written' ? 'in writing' : 'in person or by phone'}
            <span className="muted"> · recorded by {review.recordedBy}</span>
          </dd>
        </div>
        <div className="release-facts__row">
          <dt>Reviewer</dt>
          <dd>
            {r.name}
            {r.credentials ? `, ${r.credentials}` : ''}{' '}
            <Badge tone="neutral">{r.kind === 'outside' ? 'Outside the practice' : 'Staff'}</Badge>
            {r.contact && <span className="cell-person__meta">{r.contact}</span>}
          </dd>
        </div>
        <div className="release-facts__row">
          <dt>Denied by</dt>
          <dd>{review.deniedBy}</dd>
        </div>
        <div className="release-facts__row">
          <dt>Due</dt>
          <dd>
            {formatCalendarDate(review.dueOn)}{' '}
            {review.urgency === 'overdue' && <Badge tone="danger">Overdue</Badge>}
            {review.urgency === 'due-soon' && <Badge tone="warning">Due soon</Badge>}
            {!review.notice && (
              <span className="muted"> · the practice’s target, until the client has the notice</span>
            )}
          </dd>
        </div>
        <div className="release-facts__row">
          <dt>Determination</dt>
          <dd>
            {d ? (
              <>
                <Badge tone={d.outcome === 'reversed' ? 'success' : 'neutral'}>
                  {d.outcome === 'reversed' ? 'Denial reversed' : 'Denial upheld'}
                </Badge>{' '}
                {formatCalendarDate(d.decidedOn)}
                <span className="cell-person__meta">
                  {r.kind === 'outside'
                    ? `Recorded by ${d.recordedBy} on behalf of ${r.name}`
                    : `Recorded by ${d.recordedBy}`}
                </span>
                <span className="denial-review__reasons">{d.reasons}</span>
              </>
            ) : (
              <span className="muted">Waiting for {r.name}.</span>
            )}
          </dd>
        </div>
        {d && (
          <div className="release-facts__row">
            <dt>Notice</dt>
            <dd>
              {review.notice ? (
                <>
                  Saved {formatShortDateTime(review.notice.writtenAt)} by {review.notice.writtenBy}
                  <span className="cell-person__meta">
                    <code>{review.notice.folder}</code>
                  </span>
                </>
              ) : (
                <span className="muted">Not written yet: send the client the determination in writing.</span>
              )}
            </dd>
          </div>
        )}
      </dl>
      <div className="denial-review__actions">
        {canDecide && (
          <Button
            size="sm"
            variant="primary"
            icon={<Gavel aria-hidden="true" size={15} />}
            onClick={deciding.show}
          >
            Record determination
          </Button>
        )}
        {d && (
          <Button
            size="sm"
            variant={review.notice ? 'secondary' : 'primary'}
            icon={<FileDown aria-hidden="true" size={15} />}
            busy={notice.isPending}
            onClick={() => {
              notice.mutate();
            }}
          >
            {review.notice ? 'Write the notice again…' : 'Write notice…'}
          </Button>
        )}
      </div>
      {notice.isError && (
        <Banner tone="danger" live title="The notice was not saved">
          {notice.error.message}
        </Banner>
      )}
      {notice.data === null && (
        <Banner tone="info" live>
          No folder was chosen, so the notice was not saved.
        </Banner>
      )}
      {notice.data && (
        <Banner tone="success" live title="Notice saved">
          In the folder you chose: <code>{notice.data.folder}</code> (review-determination.pdf)
        </Banner>
      )}
      {canDecide && deciding.open && <DeterminationDialog review={review} onClose={deciding.close} />}
    </div>
  );
}
