// The accepted amendments linked to one record, shown with it (45 CFR 164.526(c)(1): the amendment
// is appended or linked; the record itself is never changed). Nothing is shown when there is none.
import { useQuery } from '@tanstack/react-query';
import { FilePen } from 'lucide-react';
import type { AmendedItemKind } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { recordAmendmentsQuery } from './amendment-queries.ts';

export function RecordAmendments({
  clientId,
  itemKind,
  recordId,
}: {
  clientId: string;
  itemKind: AmendedItemKind;
  recordId: string;
}) {
  const amendments = useQuery(recordAmendmentsQuery(clientId, itemKind, recordId));
  const list = amendments.data ?? [];
  if (list.length === 0) return null;
  return (
    <section className="record-amendments" aria-label="Amendments to this record">
      <h3>
        <FilePen aria-hidden="true" size={16} /> Amended at the client’s request
      </h3>
      <ul>
        {list.map((a) => (
          <li key={a.requestId}>
            <p className="muted">
              Accepted {formatCalendarDate(a.decidedOn)} by {a.decidedBy}. The note above is unchanged; this
              amendment goes with it wherever it is disclosed.
            </p>
            <blockquote className="amendment-quote amendment-quote--amendment">{a.amendmentText}</blockquote>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The ids of a chart's records that carry an accepted amendment (the timeline marks them). */
export function useAmendedRecords(clientId: string, enabled: boolean): ReadonlySet<string> {
  const amended = useQuery({
    queryKey: ['amendments', clientId, 'amended'],
    queryFn: () => call('amendments.amended', { clientId }),
    enabled,
    staleTime: 0,
  });
  return new Set((amended.data ?? []).map((a) => a.recordId));
}
