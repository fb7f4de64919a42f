// The client a note belongs to, for the note's header (and whether its chart is open read-only, so
// the note offers no write): from the chart when the user may open it,
// otherwise from the note lists already on screen (a supervisor co-signing a note of a client who
// is not on their caseload sees the name in the queue, but may not open the chart).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { NoteSummary, SearchHit } from '../../../preload/contract.ts';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { displayName } from '../clients/client-format.tsx';
import { clientQuery } from '../clients/client-queries.ts';

export interface ClientLabel {
  name: string;
  chartNumber: string | null;
  /** Whether the user may open the chart (it loaded). */
  chart: boolean;
  /** False when the chart is open read-only (emergency access): nothing in it may be written. */
  writable: boolean;
}

export function useClientLabel(clientId: string): ClientLabel | null {
  const queryClient = useQueryClient();
  const client = useQuery({ ...clientQuery(clientId), retry: false });
  if (client.data)
    return {
      name: displayName(client.data),
      chartNumber: client.data.chartNumber,
      chart: true,
      writable: chartWritable(client.data),
    };
  if (!client.isError) return null;
  const lists = queryClient.getQueriesData<(NoteSummary | SearchHit)[]>({ queryKey: ['notes'] });
  for (const [, data] of lists) {
    if (!Array.isArray(data)) continue;
    const hit = data.find((n) => n.clientId === clientId);
    // Not the chart's own record: what may be written is main's to say (a supervisor co-signs).
    if (hit) return { name: hit.clientName, chartNumber: null, chart: false, writable: true };
  }
  return null;
}
