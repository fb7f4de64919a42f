// Audit entries as a table: when, who, what, about whom, and the detail in words.
import type { ReactNode } from 'react';
import type { AuditEntry, StaffMember } from '../../../preload/contract.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Table } from '../../ui/table.tsx';
import { actionLabel, describeDetail } from './audit-labels.ts';

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
  const target = (entry: AuditEntry): string => {
    if (entry.targetType === 'user' && entry.targetId)
      return staffById.get(entry.targetId)?.displayName ?? 'A staff member';
    if (entry.targetType === 'practice') return 'Practice profile';
    return entry.targetType ?? '—';
  };
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
          <th scope="col">Target</th>
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
            <td className="nowrap">
              <span className={FAILURES.has(entry.action) ? 'action action--failure' : 'action'}>
                {actionLabel(entry.action)}
              </span>
            </td>
            <td>{target(entry)}</td>
            <td className="muted">{describeDetail(entry) || '—'}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
