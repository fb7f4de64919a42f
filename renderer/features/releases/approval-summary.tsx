// An approval in force: who approved, in which role and when, what it froze (counts by kind of
// record), the selection behind it, and — for the clinical team — exactly what was approved,
// as main shows it to them (another author's psychotherapy notes by count, never their content).
import { useQuery } from '@tanstack/react-query';
import { CircleCheck, Eye, EyeOff } from 'lucide-react';
import { useState } from 'react';
import type { ReleaseRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatShortDateTime } from '../../lib/calendar-date.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { StackedPreview } from './release-preview.tsx';
import { SelectionSummary } from './selection-summary.tsx';

type Approval = NonNullable<ReleaseRecord['approval']>;

export const APPROVER_ROLE: Record<Approval['role'], string> = {
  owner: 'practice owner',
  clinician: 'the client’s clinician',
};

export function ApprovalSummary({ record, approval }: { record: ReleaseRecord; approval: Approval }) {
  const { session } = useSignedIn();
  const [open, setOpen] = useState(false);
  const clinical = session.user.role !== 'front_desk';
  const shown = useQuery({
    queryKey: ['releases', 'approvedPreview', record.summary.id, approval.approvedAt],
    queryFn: () => call('releases.preview', { requestId: record.summary.id }),
    enabled: open && clinical,
    staleTime: 0,
  });
  const total = approval.records.reduce((n, r) => n + r.count, 0);
  return (
    <div className="review-approved">
      <p className="review-approved__who">
        <CircleCheck aria-hidden="true" size={16} />
        <span>
          Approved by {approval.approvedBy.displayName}, {APPROVER_ROLE[approval.role]}
        </span>
      </p>
      <p className="review-approved__when">{formatShortDateTime(approval.approvedAt)}</p>
      <div className="review-approved__records">
        <p className="review-approved__label">
          {total} record{total === 1 ? '' : 's'} frozen for export
        </p>
        <ul aria-label="Records approved">
          {approval.records.map((r) => (
            <li key={r.label}>
              <span>{r.label}</span>
              <span className="review-approved__count">{r.count}</span>
            </li>
          ))}
        </ul>
      </div>
      {record.selection && <SelectionSummary selection={record.selection} />}
      {clinical && (
        <div className="review-approved__show">
          <Button
            size="sm"
            icon={open ? <EyeOff aria-hidden="true" size={15} /> : <Eye aria-hidden="true" size={15} />}
            aria-expanded={open}
            onClick={() => {
              setOpen(!open);
            }}
          >
            {open ? 'Hide what was approved' : 'Show what was approved'}
          </Button>
        </div>
      )}
      {open && shown.isPending && <LoadingState label="Composing the approved document…" />}
      {open && shown.isError && (
        <Banner tone="danger" live title="The approved document could not be shown">
          {shown.error.message}
        </Banner>
      )}
      {open && shown.data && <StackedPreview preview={shown.data} label="What was approved" />}
    </div>
  );
}
