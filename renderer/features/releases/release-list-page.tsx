// Releases: every request the signed-in person may see (a clinician's caseload), overdue and
// due-soon access requests first, filtered by status; a new request, and Verify package.
import { useQuery } from '@tanstack/react-query';
import { FilePlus2, FileOutput, SearchX } from 'lucide-react';
import { useState } from 'react';
import type { ReleaseStatus } from '../../../preload/contract.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { Banner } from '../../ui/banner.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Field, Select } from '../../ui/field.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { Table } from '../../ui/table.tsx';
import { DueDate, ReleaseStatusBadge, SHORT_KIND_LABELS, STATUS_LABELS } from './release-format.tsx';
import { releaseListQuery } from './release-queries.ts';
import { newReleaseHref, releaseHref } from './release-routes.ts';
import { VerifyPackageButton } from './verify-package.tsx';
import { ExportProblems } from './export-problems.tsx';
import { ReviewQueueCard } from './review-queue.tsx';
import { DueRequestsCard } from '../rights/due-requests-card.tsx';
import { stateLawQuery } from '../settings/state-law-query.ts';

const STATUSES = Object.keys(STATUS_LABELS) as ReleaseStatus[];

export function ReleaseListPage() {
  const { session } = useSignedIn();
  const [status, setStatus] = useState<ReleaseStatus | ''>('');
  const list = useQuery(releaseListQuery(status));
  const rows = list.data ?? [];
  const overdue = rows.filter((r) => r.urgency === 'overdue').length;
  const dueSoon = rows.filter((r) => r.urgency === 'due-soon').length;
  // The practice's deadlines (Settings → State law); main stores each request's due date itself.
  const stateLaw = useQuery(stateLawQuery);
  const days = {
    access: stateLaw.data?.deadlines.accessDays ?? 30,
    extension: stateLaw.data?.deadlines.accessExtensionDays ?? 30,
  };

  return (
    <div className="page page--wide">
      <PageHeader
        title="Releases"
        description="Requests for records from clients, third parties and courts: their authorization, the clinician’s review, and what left the practice."
        actions={
          <>
            <VerifyPackageButton />
            <a className="btn btn--primary btn--md" href={newReleaseHref}>
              <FilePlus2 aria-hidden="true" size={16} />
              <span className="btn__label">New request</span>
            </a>
          </>
        }
      />
      {session.user.role === 'owner' && <ExportProblems />}
      <ReviewQueueCard />
      <DueRequestsCard />
      <div className="filter-bar releases-toolbar">
        <Field label="Status" className="releases-toolbar__filter">
          <Select
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as ReleaseStatus | '');
            }}
          >
            <option value="">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        {(overdue > 0 || dueSoon > 0) && (
          <p className="releases-toolbar__alert" role="status">
            {[
              overdue > 0 ? `${String(overdue)} overdue` : null,
              dueSoon > 0 ? `${String(dueSoon)} due within 7 days` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        )}
      </div>
      {list.isError && (
        <Banner tone="danger" title="The releases could not be loaded" live>
          {list.error.message}
        </Banner>
      )}
      {list.isPending && (
        <div className="panel">
          <LoadingState label="Loading releases…" />
        </div>
      )}
      {list.isSuccess && rows.length === 0 && (
        <div className="panel">
          {status ? (
            <EmptyState icon={<SearchX size={28} />} title={`No requests are “${STATUS_LABELS[status]}”`}>
              <p>Choose another status, or All statuses.</p>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<FileOutput size={28} />}
              title="No release requests yet"
              actions={
                <a className="btn btn--primary btn--md" href={newReleaseHref}>
                  <FilePlus2 aria-hidden="true" size={16} />
                  <span className="btn__label">New request</span>
                </a>
              }
            >
              <p>
                Open a request when a client asks for a copy of their records, a third party sends a signed
                authorization, a court order or subpoena arrives, or records must go out in an emergency.
              </p>
            </EmptyState>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <Table caption="Release requests, overdue and due soon first" className="releases-table">
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Received</th>
              <th scope="col">Due</th>
              <th scope="col">Recipient</th>
              <th scope="col">Clinician</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={r.urgency ? `releases-table__row--${r.urgency}` : undefined}>
                <td>
                  <a className="cell-person" href={releaseHref(r.id)}>
                    <span className="cell-person__name">{r.clientName}</span>
                    <span className="cell-person__meta">Chart {r.chartNumber}</span>
                  </a>
                </td>
                <td>{SHORT_KIND_LABELS[r.kind]}</td>
                <td>
                  <ReleaseStatusBadge status={r.status} />
                </td>
                <td className="nowrap">{formatCalendarDate(r.receivedOn)}</td>
                <td className="nowrap">
                  <DueDate summary={r} />
                </td>
                <td>{r.recipientName}</td>
                <td>{r.assignedClinician.displayName}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <p className="releases-footnote muted">
        A client’s own request is due {days.access} days after it was received (45 CFR 164.524(b)(2)
        {stateLaw.data && !stateLaw.data.federal ? ', shortened by state law' : ''}); one {days.extension}-day
        extension is allowed when the client is told why in writing.
      </p>
    </div>
  );
}
