// The client a note belongs to, for the note's header: from the chart when the user may open it,
// otherwise from the note lists already on screen (a supervisor co-signing a note of a client who
// is not on their caseload sees the name in the queue, but may not open the chart).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { NoteSummary, SearchHit } from '../../../preload/contract.ts';
import { displayName } from '../clients/client-format.tsx';
import { clientQuery } from '../clients/client-queries.ts';

export interface ClientLabel {
  name: string;
  chartNumber: string | null;
  /** Whether the user may open the chart (it loaded). */
  chart: boolean;
}

export function useClientLabel(clientId: string): ClientLabel | null {
  const queryClient = useQueryClient();
  const client = useQuery({ ...clientQuery(clientId), retry: false });
  if (client.data)
    return { name: displayName(client.data), chartNumber: client.data.chartNumber, chart: true };
  if (!client.isError) return null;
  const lists = queryClient.getQueriesData<(NoteSummary | SearchHit)[]>({ queryKey: ['notes'] });
  for (const [, data] of lists) {
    if (!Array.isArray(data)) continue;
    const hit = data.find((n) => n.clientId === clientId);
    if (hit) return { name: hit.clientName, chartNumber: null, chart: false };
  }
  return null;
}
