// A client's Disclosures tab: the accounting of disclosures for the last six years (45 CFR 164.528:
// date, recipient and address, what, why), which by law leaves out disclosures to the client and
// under an authorization; a switch shows the complete log. Printable on its own sheet. A disclosure
// made outside the app (a duty-to-warn call, a mandated report) is recorded here, with its basis
// (not on a chart open read-only, which offers no write).
import { useQuery } from '@tanstack/react-query';
import { FileOutput, Megaphone, Printer, ScrollText } from 'lucide-react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { draftKey, type ClientRecord, type Output } from '../../../preload/contract.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { SwitchField } from '../../ui/switch-field.tsx';
import { Table } from '../../ui/table.tsx';
import { SuspensionsCard } from '../accounting-suspensions/suspensions-card.tsx';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { ReleaseStatusBadge, SHORT_KIND_LABELS } from './release-format.tsx';
import { ManualDisclosureDialog } from './manual-disclosure-dialog.tsx';
import { accountingQuery, releaseListQuery } from './release-queries.ts';
import { newReleaseHref, releaseHref } from './release-routes.ts';

type Accounting = Output<'disclosures.accounting'>;

const BASIS_LABELS: Record<Accounting['entries'][number]['basis'], string> = {
  access: 'To the client',
  authorization: 'Under authorization',
  legal_order: 'Court order or subpoena',
  emergency: 'Emergency (serious threat)',
  mandated_report: 'Mandated report',
  required_by_law: 'Required by law',
  other: 'Other',
};

export function DisclosuresTab({ client }: { client: ClientRecord }) {
  const [includeAll, setIncludeAll] = useState(false);
  // Reopens by itself when a disclosure was being recorded as the app locked or closed.
  const recording = useDraftDialog(draftKey('disclosure', client.id));
  const accounting = useQuery(accountingQuery(client.id, includeAll));
  const requests = useQuery(releaseListQuery('', client.id));
  const mine = requests.data ?? [];
  const writable = chartWritable(client);
  const mayRecord = client.access.clinical && writable;

  return (
    <div className="disclosures">
      <Card
        title="Accounting of disclosures"
        icon={<ScrollText size={18} />}
        description="Six years back, as 45 CFR 164.528 requires: date, recipient and address, what was disclosed, and why."
        actions={
          <>
            {mayRecord && (
              <Button size="sm" icon={<Megaphone aria-hidden="true" size={15} />} onClick={recording.show}>
                Record a disclosure
              </Button>
            )}
            {accounting.data && (
              <Button
                size="sm"
                icon={<Printer aria-hidden="true" size={15} />}
                onClick={() => {
                  window.print();
                }}
              >
                Print
              </Button>
            )}
          </>
        }
      >
        <SwitchField
          label="Show the complete log"
          description="The accounting leaves out disclosures to the client and those under the client’s authorization; the complete log includes them."
          checked={includeAll}
          onChange={(event) => {
            setIncludeAll(event.target.checked);
          }}
        />
        {accounting.isPending && <LoadingState label="Loading the disclosure log…" />}
        {accounting.isError && (
          <Banner tone="danger" live title="The accounting could not be loaded">
            {accounting.error.message}
          </Banner>
        )}
        {accounting.data && <AccountingTable accounting={accounting.data} includeAll={includeAll} />}
      </Card>
      <SuspensionsCard client={client} />
      <Card
        title="Release requests"
        icon={<FileOutput size={18} />}
        actions={
          writable && (
            <a className="btn btn--secondary btn--sm" href={newReleaseHref}>
              <span className="btn__label">New request</span>
            </a>
          )
        }
      >
        {mine.length === 0 ? (
          <p className="muted">No release requests for this client.</p>
        ) : (
          <ul className="client-releases">
            {mine.map((r) => (
              <li key={r.id}>
                <a href={releaseHref(r.id)}>{SHORT_KIND_LABELS[r.kind]}</a>
                <span className="muted">
                  {r.recipientName} · received {formatCalendarDate(r.receivedOn)}
                </span>
                <ReleaseStatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      {accounting.data && <AccountingSheet accounting={accounting.data} includeAll={includeAll} />}
      {mayRecord && recording.open && <ManualDisclosureDialog client={client} onClose={recording.close} />}
    </div>
  );
}

function AccountingTable({ accounting, includeAll }: { accounting: Accounting; includeAll: boolean }) {
  const { entries, excludedCount } = accounting;
  return (
    <>
      <p className="accounting-range">
        {formatCalendarDate(accounting.from)} to {formatCalendarDate(accounting.to)}
        {!includeAll && excludedCount > 0 && (
          <span className="muted">
            {' '}
            · {excludedCount} disclosure{excludedCount === 1 ? '' : 's'} to the client or under an
            authorization not listed
          </span>
        )}
      </p>
      {entries.length === 0 ? (
        <EmptyState icon={<ScrollText size={28} />} title="Nothing to account for">
          <p>
            {includeAll
              ? 'No disclosures of this client’s records are in the log.'
              : 'No disclosures that the accounting must list. Switch on the complete log to see all of them.'}
          </p>
        </EmptyState>
      ) : (
        <Table caption="Disclosures, newest first" className="accounting-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Recipient</th>
              <th scope="col">What was disclosed</th>
              <th scope="col">Purpose</th>
              <th scope="col">Basis</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatCalendarDate(e.disclosedOn)}</td>
                <td>
                  <span className="cell-person__name">{e.recipientName}</span>
                  {e.recipientAddress && <span className="cell-person__meta">{e.recipientAddress}</span>}
                </td>
                <td>
                  {e.description}
                  {e.manual && <span className="cell-person__meta">Recorded by hand by {e.recordedBy}</span>}
                </td>
                <td>{e.purpose}</td>
                <td>
                  <Badge tone={e.basis === 'access' || e.basis === 'authorization' ? 'neutral' : 'info'}>
                    {BASIS_LABELS[e.basis]}
                  </Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

/** The printed accounting: outside the app's root, so print.css prints it alone. */
function AccountingSheet({ accounting, includeAll }: { accounting: Accounting; includeAll: boolean }) {
  const { practiceName } = useSignedIn();
  return createPortal(
    <article className="print-sheet accounting-sheet" aria-hidden="true">
      <p className="print-sheet__brand">{practiceName}</p>
      <h1 className="print-sheet__title">{includeAll ? 'Disclosure log' : 'Accounting of disclosures'}</h1>
      <dl className="print-sheet__meta">
        <div>
          <dt>Client</dt>
          <dd>
            {accounting.clientName} (chart {accounting.chartNumber})
          </dd>
        </div>
        <div>
          <dt>Period</dt>
          <dd>
            {formatCalendarDate(accounting.from)} – {formatCalendarDate(accounting.to)}
          </dd>
        </div>
      </dl>
      {accounting.entries.length === 0 ? (
        <p>No disclosures to list for this period.</p>
      ) : (
        <table className="accounting-sheet__table">
          <thead>
            <tr>
              <th>Date</th>
              <th>Recipient and address</th>
              <th>What was disclosed</th>
              <th>Purpose</th>
              <th>Basis</th>
            </tr>
          </thead>
          <tbody>
            {accounting.entries.map((e) => (
              <tr key={e.id}>
                <td>{formatCalendarDate(e.disclosedOn)}</td>
                <td>
                  {e.recipientName}
                  {e.recipientAddress ? `, ${e.recipientAddress}` : ''}
                </td>
                <td>{e.description}</td>
                <td>{e.purpose}</td>
                <td>{BASIS_LABELS[e.basis]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="print-sheet__footer">
        {includeAll
          ? 'The complete log, including disclosures to the client and under the client’s authorization.'
          : 'Prepared under 45 CFR 164.528. Disclosures to the client and those made under the client’s authorization are not included, as the rule provides.'}
      </p>
    </article>,
    document.body,
  );
}
