// A client's suspensions of the accounting of disclosures (45 CFR 164.528(a)(2)) on the Disclosures
// tab: each statement, the recipient it names, its period and whether it is in force today. Main
// leaves that recipient's disclosures out of the accounting meanwhile; this card shows why.
import { useQuery } from '@tanstack/react-query';
import { PauseCircle } from 'lucide-react';
import { draftKey, type ClientRecord } from '../../../preload/contract.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { Table } from '../../ui/table.tsx';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { SuspensionDialog } from './suspension-dialog.tsx';
import { suspensionsQuery } from './suspension-queries.ts';

export function SuspensionsCard({ client }: { client: ClientRecord }) {
  const { session } = useSignedIn();
  const query = useQuery(suspensionsQuery(client.id));
  const recording = useDraftDialog(draftKey('suspension', client.id));
  const mayRecord = session.user.role !== 'front_desk' && chartWritable(client);
  const data = query.data;
  const inForce = data?.suspensions.filter((s) => s.inForce) ?? [];
  return (
    <Card
      title="Suspensions of the accounting"
      icon={<PauseCircle size={18} />}
      description="When a health oversight agency or law enforcement official states that an accounting would impede its activities, disclosures to it are left out while the statement is in force (45 CFR 164.528(a)(2))."
      actions={
        mayRecord &&
        data &&
        data.recipients.length > 0 && (
          <Button size="sm" onClick={recording.show}>
            Record a suspension
          </Button>
        )
      }
    >
      {query.isError && (
        <Banner tone="danger" live title="The suspensions could not be loaded">
          {query.error.message}
        </Banner>
      )}
      {inForce.length > 0 && (
        <Banner tone="warning" title="The accounting is suspended for some recipients">
          Left out today: {[...new Set(inForce.map((s) => s.recipientName))].join('; ')}. They reappear when
          the statement ends.
        </Banner>
      )}
      {data && data.suspensions.length === 0 && (
        <p className="muted">No statement suspends this client’s accounting.</p>
      )}
      {data && data.suspensions.length > 0 && (
        <Table caption="Statements, newest first" className="suspensions-table">
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Statement</th>
              <th scope="col">Suspended</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {data.suspensions.map((s) => (
              <tr key={s.id}>
                <td>
                  <span className="cell-person__name">{s.recipientName}</span>
                  <span className="cell-person__meta">
                    {s.agency} · {s.official}
                  </span>
                </td>
                <td>
                  {s.kind === 'written' ? 'Written' : 'Oral'}, {formatCalendarDate(s.statedOn)}
                  <span className="cell-person__meta">
                    Recorded by {s.recordedBy}
                    {s.followsId ? ' · continues an oral statement' : ''}
                  </span>
                </td>
                <td className="nowrap">
                  {formatCalendarDate(s.statedOn)} – {formatCalendarDate(s.endsOn)}
                </td>
                <td>
                  {s.inForce ? (
                    <Badge tone="warning">In force</Badge>
                  ) : s.followedBy ? (
                    <Badge tone="neutral">Followed in writing</Badge>
                  ) : (
                    <Badge tone="neutral">Ended</Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {mayRecord && data && recording.open && (
        <SuspensionDialog
          client={client}
          recipients={data.recipients}
          suspensions={data.suspensions}
          onClose={recording.close}
        />
      )}
    </Card>
  );
}
