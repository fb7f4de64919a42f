// Queries for releases: the list (by status), the review queue, one request (opening it is audited
// by main), the accounting of disclosures, and what a change to a request refreshes.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ReleaseRecord, ReleaseStatus } from '../../../preload/contract.ts';
import { call } from '../../api.ts';

export const RELEASES_KEY = ['releases'] as const;
export const releaseKey = (requestId: string) => ['releases', 'detail', requestId] as const;

export const releaseListQuery = (status: ReleaseStatus | '', clientId?: string) =>
  queryOptions({
    queryKey: ['releases', 'list', status, clientId ?? ''],
    queryFn: () =>
      call('releases.list', { ...(status ? { status } : {}), ...(clientId ? { clientId } : {}) }),
    staleTime: 0,
  });

/**
 * Requests waiting for the signed-in person's decision (owner and clinicians only). Under
 * RELEASES_KEY, so releaseChanged refreshes it, and with it the sidebar's count.
 */
export const reviewQueueQuery = queryOptions({
  queryKey: ['releases', 'queue'],
  queryFn: () => call('releases.reviewQueue', {}),
  staleTime: 0,
});

export const releaseQuery = (requestId: string) =>
  queryOptions({
    queryKey: releaseKey(requestId),
    queryFn: () => call('releases.get', { requestId }),
    staleTime: Infinity,
  });

export const accountingQuery = (clientId: string, includeAll: boolean) =>
  queryOptions({
    queryKey: ['disclosures', clientId, includeAll],
    queryFn: () => call('disclosures.accounting', { clientId, includeAll }),
    staleTime: 0,
  });

/** Main answers a change with the whole record: show it, and read the lists again. */
export function releaseChanged(queryClient: QueryClient, record: ReleaseRecord): void {
  queryClient.setQueryData(releaseKey(record.summary.id), record);
  void queryClient.invalidateQueries({
    queryKey: RELEASES_KEY,
    predicate: (query) => query.queryKey[1] !== 'detail',
  });
  void queryClient.invalidateQueries({ queryKey: ['disclosures', record.summary.clientId] });
}
