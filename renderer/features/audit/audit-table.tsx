// Audit entries as a table: when, who, what (main's sentence), the record by name, and what the
// entry's detail adds. A draft's autosaves in one session are one row with their time span.
import type { ReactNode } from 'react';
import type { AuditEntry, StaffMember } from '../../../preload/contract.ts';
import { formatDateTime, formatTime } from '../../lib/format.ts';
import { Table } from '../../ui/table.tsx';
import { describeDetail } from './audit-labels.ts';

export interface AuditTableProps {
  entries: readonly AuditEntry[];
  staffById: ReadonlyMap<string, StaffMember>;
  footer?: ReactNode;
}

const FAILURES = new Set(['auth.signInFailed', 'auth.recoveryFailed']);

export function AuditTable({ entries, staffById, footer }: AuditTableProps) {
  const who = (entry: AuditEntry) => {
    if (entry.actorId === null) return <span className="muted">Stillwater (system)</span>;
    const member = staffById.get(entry.actorId);
    return (
      <span className="who">
        {member?.displayName ?? entry.actorUsername ?? 'Unknown'}
        {entry.actorUsername && <span className="who__username">{entry.actorUsername}</span>}
      </span>
    );
  };
  const detail = (entry: AuditEntry): string =>
    entry.count > 1
      ? `Saved ${String(entry.count)} times, ${formatTime(entry.firstAt)} – ${formatTime(entry.at)}`
      : describeDetail(entry);
  return (
    <Table caption="Audit log entries, newest first" className="audit-table" footer={footer}>
      <thead>
        <tr>
          <th scope="col" className="table__num">
            #
          </th>
          <th scope="col">Time</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">Record</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.seq}>
            <td className="table__num muted">{entry.seq}</td>
            <td className="nowrap">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            </td>
            <td>{who(entry)}</td>
            <td>
              <span className={FAILURES.has(entry.action) ? 'action action--failure' : 'action'}>
                {entry.summary}
              </span>
            </td>
            <td>{entry.target ?? <span className="muted">—</span>}</td>
            <td className="muted">{detail(entry) || '—'}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
