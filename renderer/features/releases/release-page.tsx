// One release request (#/releases/<id>): its status and progress, the request, its authority, the
// clinician's review, the export or the denial. Main decides what may happen next (record.next);
// this page offers only that, and shows main's refusal when something changed meanwhile.
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, FileX } from 'lucide-react';
import type { ReactNode } from 'react';
import { isApiError } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import type { ReleaseRecord } from '../../../preload/contract.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { chartHref } from '../clients/client-routes.ts';
import { AuthorizationsCard } from './authorizations-card.tsx';
import { DenialReviewCard } from '../denial-reviews/denial-review-card.tsx';
import { DenialCard } from './denial-card.tsx';
import { ExportCard } from './export-card.tsx';
import { RELEASE_KIND_LABELS, ReleaseStatusBadge } from './release-format.tsx';
import { releaseQuery } from './release-queries.ts';
import { releasesHref } from './release-routes.ts';
import { ReleaseSteps } from './release-steps.tsx';
import { DueDateCard, RequestSummary } from './request-summary.tsx';
import { isReviewing, ReviewCard } from './review-card.tsx';

/** Who receives it: for a representative's own-copy request, the representative, not the client. */
function recipientOf(record: ReleaseRecord): string {
  const d = record.details;
  if (d.kind === 'access' && !d.directedTo && d.requesterIsRepresentative)
    return `${d.requesterName} (personal representative)`;
  return record.summary.recipientName;
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <div className="page page--wide release-page">
      <a className="back-link" href={releasesHref}>
        <ArrowLeft aria-hidden="true" size={16} />
        Releases
      </a>
      {children}
    </div>
  );
}

export function ReleasePage({ requestId }: { requestId: string }) {
  const { session } = useSignedIn();
  const query = useQuery(releaseQuery(requestId));
  if (query.isPending)
    return (
      <Frame>
        <LoadingState label="Opening the request…" />
      </Frame>
    );
  if (query.isError) {
    const code = isApiError(query.error) ? query.error.code : 'INTERNAL';
    return (
      <Frame>
        <div className="panel">
          {code === 'NOT_FOUND' || code === 'INVALID_INPUT' ? (
            <EmptyState icon={<FileX size={28} />} title="No such request">
              <p>This release request does not exist. It may have been a mistyped or old link.</p>
            </EmptyState>
          ) : (
            <Banner tone="danger" title="The request could not be opened" live>
              {query.error.message}
            </Banner>
          )}
        </div>
      </Frame>
    );
  }
  const record = query.data;
  const { summary } = record;
  // The reviewer choosing records gets the page's width: the choices beside the preview.
  const reviewing = isReviewing(record, session.user.role);
  const showReview =
    !reviewing && (record.approval !== null || summary.status === 'draft' || summary.status === 'authorized');
  return (
    <Frame>
      <header className="release-head">
        <div className="release-head__text">
          <p className="release-head__kind">{RELEASE_KIND_LABELS[summary.kind]}</p>
          <h1 className="release-head__title">
            <a href={chartHref(summary.clientId)}>{summary.clientName}</a>
            <span className="release-head__chart">Chart {summary.chartNumber}</span>
          </h1>
          <p className="release-head__meta">
            To {recipientOf(record)} · {summary.kind === 'emergency' ? 'decided' : 'received'}{' '}
            {formatCalendarDate(summary.receivedOn)} · reviewed by {summary.assignedClinician.displayName} or
            the owner
          </p>
        </div>
        <div className="release-head__status">
          <ReleaseStatusBadge status={summary.status} />
          {summary.status === 'approved' && record.next.blockers.length > 0 && (
            <Badge tone="warning">Export blocked</Badge>
          )}
        </div>
      </header>
      <ReleaseSteps record={record} />
      {(summary.status === 'revoked' || summary.status === 'expired') && (
        <Banner
          tone="danger"
          className="banner--prominent"
          title={
            summary.status === 'revoked' ? 'The authorization was revoked' : 'The authorization has expired'
          }
        >
          No further export is possible under it. What was already sent stays in the disclosure log.
        </Banner>
      )}
      {reviewing && <ReviewCard record={record} />}
      <div className={reviewing ? 'release-grid release-grid--under-review' : 'release-grid'}>
        <div className="release-grid__main">
          {summary.status === 'denied' && <DenialCard record={record} />}
          <DenialReviewCard record={record} />
          {/* The step at hand goes first: the authority while a draft, then the review, then export. */}
          {summary.status === 'draft' && <AuthorizationsCard record={record} />}
          {showReview && <ReviewCard record={record} />}
          <ExportCard record={record} />
        </div>
        <div className="release-grid__side">
          <DueDateCard record={record} />
          <RequestSummary record={record} />
          {summary.status !== 'draft' && <AuthorizationsCard record={record} />}
        </div>
      </div>
    </Frame>
  );
}
