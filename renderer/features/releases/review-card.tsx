// The review step: why the request came back (a record changed after approval, an authorization
// lapsed), then — for the client's assigned clinician or the owner — the selection, the preview
// and the decision; for everyone else who decides and, once approved, who approved what, in which
// role. Main says who may decide (next.canApprove, next.canDeny); this card offers only that.
import { Ban, RotateCcw, Stethoscope } from 'lucide-react';
import { draftKey, type ReleaseRecord } from '../../../preload/contract.ts';
import { useSignedIn } from '../../app/session.tsx';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { cx } from '../../ui/cx.ts';
import { ApprovalSummary } from './approval-summary.tsx';
import { DenyDialog } from './deny-dialog.tsx';
import { SelectionForm } from './selection-form.tsx';

/** Whether the signed-in person is choosing the records now (the page gives the card full width). */
export function isReviewing(record: ReleaseRecord, role: string): boolean {
  return record.summary.status === 'authorized' && record.next.canApprove && role !== 'front_desk';
}

export function ReviewCard({ record }: { record: ReleaseRecord }) {
  const { session } = useSignedIn();
  // Reopens by itself when a denial was being written as the app locked or closed.
  const denying = useDraftDialog(draftKey('denial', record.summary.id));
  const { summary, next } = record;
  const reviewing = isReviewing(record, session.user.role);
  const canDeny = session.user.role !== 'front_desk' && next.canDeny;

  const deny = canDeny && (
    <Button variant="danger" icon={<Ban aria-hidden="true" size={16} />} onClick={denying.show}>
      Deny request
    </Button>
  );
  let body;
  if (reviewing) body = <SelectionForm record={record} deny={deny} />;
  else if (record.approval)
    body = (
      <>
        <ApprovalSummary record={record} approval={record.approval} />
        {deny && <div className="release-wait">{deny}</div>}
      </>
    );
  else if (summary.status === 'draft')
    body = (
      <div className="release-wait">
        <p className="muted">{record.reviewers} reviews the request once its authority is on file.</p>
        {deny}
      </div>
    );
  else if (summary.status === 'authorized')
    body = (
      <div className="release-wait">
        <p className="muted">
          Waiting for {record.reviewers} to choose the records, preview them, and approve or deny.
          {record.reviewNote && ' Nothing can be exported until then.'}
          {session.user.role === 'clinician' && ' You can see the request, but not decide on it.'}
        </p>
        {deny}
      </div>
    );
  else body = <p className="muted">Not reviewed: the request was closed before approval.</p>;

  return (
    <Card
      title="Clinician review"
      icon={<Stethoscope size={18} />}
      description="Minimum necessary: only the kinds of record and the dates the recipient needs."
      className={cx('review-card', reviewing && 'review-card--wide')}
    >
      {record.reviewNote && (
        <Banner
          tone="warning"
          live
          className="banner--prominent review-card__back"
          title={
            <span className="review-card__back-title">
              <RotateCcw aria-hidden="true" size={15} /> Back for review
            </span>
          }
        >
          <p>{record.reviewNote}</p>
          {reviewing && <p>Choose the records again, preview them and approve what is in the chart now.</p>}
        </Banner>
      )}
      {body}
      {canDeny && denying.open && <DenyDialog record={record} onClose={denying.close} />}
    </Card>
  );
}
