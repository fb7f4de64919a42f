// The chart's amendment requests on its Rights tab (45 CFR 164.526; issue 19): each request with its
// status and due date, the records it names, the client's words, the decision, the statement of
// disagreement and the rebuttal, whom to tell, and the letters; the actions each person may take.
// Main decides who may do what (mayDecide mirrors it); front desk never sees the amendment's text.
import { useQuery } from '@tanstack/react-query';
import { FilePen, Plus } from 'lucide-react';
import { useState } from 'react';
import { draftKey, type AmendmentView, type ClientRecord } from '../../../preload/contract.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { amendmentListQuery } from './amendment-queries.ts';
import { AmendmentItem, type AmendmentDialog } from './amendment-item.tsx';
import { DecideDialog } from './decide-dialog.tsx';
import { ExtendDialog } from './extend-dialog.tsx';
import { IncludeDialog } from './include-dialog.tsx';
import { NotifyDialog } from './notify-dialog.tsx';
import { ReplyDialog } from './reply-dialog.tsx';
import { RequestDialog } from './request-dialog.tsx';
import { stateLawQuery } from '../settings/state-law-query.ts';

export function AmendmentsSection({ client }: { client: ClientRecord }) {
  const list = useQuery(amendmentListQuery(client.id));
  // A request left half typed (the app locked or closed) opens again by itself.
  const recording = useDraftDialog(draftKey('amendment-new', client.id));
  const [open, setOpen] = useState<{ dialog: AmendmentDialog; request: AmendmentView } | null>(null);
  const close = () => {
    setOpen(null);
  };
  const requests = list.data ?? [];
  const writable = chartWritable(client);
  const openCount = requests.filter((r) => r.status === 'open').length;
  // The practice's deadlines (Settings → State law), for the sentence only: main dates each request.
  const deadlines = useQuery(stateLawQuery).data?.deadlines;
  return (
    <Card
      title="Amendment requests"
      icon={<FilePen size={18} />}
      description={`A client’s written request to correct their record. Answer within ${String(deadlines?.amendmentDays ?? 60)} days (one ${String(deadlines?.amendmentExtensionDays ?? 30)}-day extension, told to the client in writing); the original record is never changed.`}
      actions={
        writable && (
          <Button size="sm" icon={<Plus aria-hidden="true" size={15} />} onClick={recording.show}>
            Record request
          </Button>
        )
      }
      className="amendments-card"
    >
      {list.isPending ? (
        <LoadingState label="Loading amendment requests" />
      ) : list.isError ? (
        <Banner tone="danger" title="The amendment requests could not be loaded">
          {list.error.message}
        </Banner>
      ) : requests.length === 0 ? (
        <p className="muted">
          No amendment requests.
          {writable && ' Record one when the client asks in writing to change their record.'}
        </p>
      ) : (
        <>
          <p className="amendments-card__summary">
            {requests.length === 1 ? '1 request' : `${String(requests.length)} requests`}
            {openCount > 0 ? ` · ${String(openCount)} awaiting a decision` : ''}
          </p>
          <ol className="amendment-list" aria-label="Amendment requests">
            {requests.map((r) => (
              <AmendmentItem
                key={r.id}
                request={r}
                writable={writable}
                onOpen={(dialog) => {
                  setOpen({ dialog, request: r });
                }}
              />
            ))}
          </ol>
        </>
      )}
      {writable && recording.open && <RequestDialog client={client} onClose={recording.close} />}
      {open?.dialog === 'decide' && <DecideDialog request={open.request} onClose={close} />}
      {open?.dialog === 'extend' && <ExtendDialog request={open.request} onClose={close} />}
      {open?.dialog === 'statement' && (
        <ReplyDialog kind="statement" request={open.request} onClose={close} />
      )}
      {open?.dialog === 'rebuttal' && <ReplyDialog kind="rebuttal" request={open.request} onClose={close} />}
      {open?.dialog === 'include' && <IncludeDialog request={open.request} onClose={close} />}
      {open?.dialog === 'notify' && <NotifyDialog request={open.request} onClose={close} />}
    </Card>
  );
}
