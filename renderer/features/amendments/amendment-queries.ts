// Queries for a chart's amendment requests (issue 19): the list (reading it is audited by main), the
// records a request may name, the amendments linked to one record, and what a change refreshes.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { AmendedItemKind, AmendmentView } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { DUE_KEY } from '../rights/due-queries.ts';

export const amendmentsKey = (clientId: string) => ['amendments', clientId] as const;

export const amendmentListQuery = (clientId: string) =>
  queryOptions({
    queryKey: [...amendmentsKey(clientId), 'list'],
    queryFn: () => call('amendments.list', { clientId }),
    staleTime: 0,
  });

export const amendableRecordsQuery = (clientId: string) =>
  queryOptions({
    queryKey: [...amendmentsKey(clientId), 'records'],
    queryFn: () => call('amendments.records', { clientId }),
    staleTime: 0,
  });

export const recordAmendmentsQuery = (clientId: string, itemKind: AmendedItemKind, recordId: string) =>
  queryOptions({
    queryKey: [...amendmentsKey(clientId), 'record', itemKind, recordId],
    queryFn: () => call('amendments.ofRecord', { clientId, itemKind, recordId }),
    staleTime: 0,
  });

/** Main answers a change with the request: read the chart's requests and the due list again. */
export function amendmentChanged(queryClient: QueryClient, view: Pick<AmendmentView, 'clientId'>): void {
  void queryClient.invalidateQueries({ queryKey: amendmentsKey(view.clientId) });
  void queryClient.invalidateQueries({ queryKey: DUE_KEY });
}
