// The Rights tab's "Restriction requests" (45 CFR 164.522(a)): the chart's register, newest first,
// each with what it covers, its decision and what it does today. Anyone who works the chart records
// a request; the primary clinician or the owner agrees, declines or ends one (main decides; the
// buttons mirror it, and a chart open read-only offers none). Releases leave restricted records out
// in main, and the review says why.
import { useQuery } from '@tanstack/react-query';
import { Plus, ShieldBan } from 'lucide-react';
import { draftKey, type ClientRecord, type Restriction } from '../../../preload/contract.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { DecideRestrictionDialog } from './decide-restriction-dialog.tsx';
import { EndRestrictionDialog } from './end-restriction-dialog.tsx';
import { RecordRestrictionDialog } from './record-restriction-dialog.tsx';
import { restrictionsQuery } from './restriction-queries.ts';

const STATUS: Record<Restriction['status'], { label: string; tone: BadgeTone }> = {
  requested: { label: 'Awaiting decision', tone: 'warning' },
  agreed: { label: 'Agreed', tone: 'success' },
  declined: { label: 'Declined', tone: 'neutral' },
  terminated: { label: 'Ended', tone: 'neutral' },
};

export function RestrictionsSection({ client }: { client: ClientRecord }) {
  const query = useQuery(restrictionsQuery(client.id));
  const recording = useDraftDialog(draftKey('restriction', client.id));
  const data = query.data;
  const writable = chartWritable(client);
  return (
    <Card
      title="Restriction requests"
      icon={<ShieldBan size={18} />}
      description="A client may ask the practice not to disclose some records to someone, or for some purpose. An agreed restriction keeps those records out of every release it covers, except emergency treatment and disclosures the law requires (45 CFR 164.522(a))."
      className="restrictions-card"
      actions={
        writable &&
        data && (
          <Button size="sm" icon={<Plus aria-hidden="true" size={15} />} onClick={recording.show}>
            Record a request
          </Button>
        )
      }
    >
      {query.isError && (
        <Banner tone="danger" live title="The restriction requests could not be loaded">
          {query.error.message}
        </Banner>
      )}
      {data && data.restrictions.length === 0 && (
        <p className="muted">No restriction requests on file for this client.</p>
      )}
      {data && data.restrictions.length > 0 && (
        <ul className="restriction-list" aria-label="Restriction requests, newest first">
          {data.restrictions.map((r) => (
            <RestrictionItem key={r.id} restriction={r} mayDecide={writable && data.mayDecide} />
          ))}
        </ul>
      )}
      {writable && recording.open && data && (
        <RecordRestrictionDialog client={client} mayNameNotes={data.mayNameNotes} onClose={recording.close} />
      )}
    </Card>
  );
}

function RestrictionItem({ restriction: r, mayDecide }: { restriction: Restriction; mayDecide: boolean }) {
  const deciding = useDraftDialog(draftKey('restriction-decision', r.id));
  const ending = useDraftDialog(draftKey('restriction-end', r.id));
  const status = STATUS[r.status];
  return (
    <li className="restriction">
      <div className="restriction__head">
        <p className="restriction__summary">{r.summary}</p>
        <div className="restriction__badges">
          {r.selfPay && <Badge tone="info">Self-pay</Badge>}
          <Badge tone={status.tone}>{status.label}</Badge>
        </div>
      </div>
      {r.notes.length > 0 && (
        <p className="restriction__meta">Notes: {r.notes.map((n) => n.label).join('; ')}</p>
      )}
      <blockquote className="restriction__request">{r.request}</blockquote>
      <dl className="restriction__facts">
        <div>
          <dt>Received</dt>
          <dd>
            {formatCalendarDate(r.receivedOn)} · recorded by {r.recordedBy}
          </dd>
        </div>
        {r.decision && (
          <div>
            <dt>{r.status === 'declined' ? 'Declined' : 'Agreed'}</dt>
            <dd>
              {formatCalendarDate(r.decision.on)} by {r.decision.by}
              {r.decision.reason ? ` · ${r.decision.reason}` : ''}
            </dd>
          </div>
        )}
        {r.termination && (
          <div>
            <dt>Ended</dt>
            <dd>
              {formatCalendarDate(r.termination.on)}, recorded by {r.termination.by} · {r.termination.note}
            </dd>
          </div>
        )}
      </dl>
      <p
        className={
          r.status === 'agreed' ? 'restriction__effect restriction__effect--active' : 'restriction__effect'
        }
      >
        {r.effect}
      </p>
      {mayDecide && (r.status === 'requested' || r.status === 'agreed') && (
        <div className="restriction__actions">
          {r.status === 'requested' && (
            <Button size="sm" variant="primary" onClick={deciding.show}>
              {r.selfPay ? 'Agree' : 'Agree or decline'}
            </Button>
          )}
          {r.status === 'agreed' && (
            <Button size="sm" onClick={ending.show}>
              End restriction
            </Button>
          )}
          {r.selfPay && r.status === 'requested' && (
            <span className="restriction__why">
              A self-pay restriction cannot be declined (45 CFR 164.522(a)(1)(vi)).
            </span>
          )}
          {r.selfPay && r.status === 'agreed' && (
            <span className="restriction__why">Only the client can end a self-pay restriction.</span>
          )}
        </div>
      )}
      {mayDecide && deciding.open && <DecideRestrictionDialog restriction={r} onClose={deciding.close} />}
      {mayDecide && ending.open && <EndRestrictionDialog restriction={r} onClose={ending.close} />}
    </li>
  );
}
