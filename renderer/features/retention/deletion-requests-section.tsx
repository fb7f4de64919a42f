// The Rights tab's "Requests to delete": a client's request that the practice delete their record,
// recorded by whoever works the chart (not on one open read-only) and answered in writing by the
// owner with the retention rule that applies to this chart (HIPAA gives no right to deletion before
// retention ends). An unanswered request is on the due list and keeps the chart from being destroyed.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FileText, Plus, Trash2 } from 'lucide-react';
import { useSignedIn } from '../../app/session.tsx';
import { draftKey, type ClientRecord, type DeletionRequest } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { RecordDeletionDialog } from './record-deletion-dialog.tsx';
import { deletionRequestsQuery, retentionChanged } from './retention-queries.ts';

export function DeletionRequestsSection({ client }: { client: ClientRecord }) {
  const query = useQuery(deletionRequestsQuery(client.id));
  const recording = useDraftDialog(draftKey('deletion-request', client.id));
  const owner = useSignedIn().session.user.role === 'owner';
  const writable = chartWritable(client);
  return (
    <Card
      title="Requests to delete"
      icon={<Trash2 size={18} />}
      description="A client may ask the practice to delete their record. The law requires records to be kept for a set time, so the practice answers in writing with the rule that applies; after that time the owner may destroy the chart."
      actions={
        writable &&
        query.data && (
          <Button size="sm" icon={<Plus aria-hidden="true" size={15} />} onClick={recording.show}>
            Record a request
          </Button>
        )
      }
    >
      {query.isError && (
        <Banner tone="danger" live title="The requests to delete could not be loaded">
          {query.error.message}
        </Banner>
      )}
      {query.data && query.data.length === 0 && (
        <p className="muted">No request to delete on file for this client.</p>
      )}
      {query.data && query.data.length > 0 && (
        <ul className="restriction-list" aria-label="Requests to delete, newest first">
          {query.data.map((r) => (
            <DeletionItem key={r.id} request={r} owner={owner} writable={writable} />
          ))}
        </ul>
      )}
      {writable && recording.open && <RecordDeletionDialog client={client} onClose={recording.close} />}
    </Card>
  );
}

function DeletionItem({
  request: r,
  owner,
  writable,
}: {
  request: DeletionRequest;
  owner: boolean;
  writable: boolean;
}) {
  const queryClient = useQueryClient();
  const answer = useFormMutation({
    mutationFn: () => call('retention.answerDeletionRequest', { requestId: r.id }),
    onSuccess: () => {
      retentionChanged(queryClient);
    },
  });
  return (
    <li className="restriction">
      <div className="restriction__head">
        <p className="restriction__summary">{`Request of ${formatCalendarDate(r.receivedOn)}`}</p>
        <div className="restriction__badges">
          {r.answeredAt ? (
            <Badge tone="success">Answered</Badge>
          ) : (
            <Badge tone="warning">{`Answer by ${formatCalendarDate(r.dueOn)}`}</Badge>
          )}
        </div>
      </div>
      <blockquote className="restriction__request">{r.requestText}</blockquote>
      <dl className="restriction__facts">
        <div>
          <dt>Recorded by</dt>
          <dd>{r.recordedBy}</dd>
        </div>
        <div>
          <dt>Kept through</dt>
          <dd>{formatCalendarDate(r.retainUntil)}</dd>
        </div>
        {r.answeredAt && (
          <div>
            <dt>Answered</dt>
            <dd>{`${formatShortDateTime(r.answeredAt)} · letter in ${r.letterFolder ?? ''}`}</dd>
          </div>
        )}
      </dl>
      <p className="restriction__effect">{r.ruleText}</p>
      <ProblemBanner problem={answer.problem} title="The answer was not written" />
      {!r.answeredAt && owner && writable && (
        <div className="restriction__actions">
          <Button
            size="sm"
            variant="primary"
            icon={<FileText aria-hidden="true" size={15} />}
            disabled={answer.pending}
            onClick={() => {
              answer.submit();
            }}
          >
            Write the answer…
          </Button>
        </div>
      )}
      {!r.answeredAt && !owner && <p className="restriction__why">The practice owner writes the answer.</p>}
    </li>
  );
}
