// The retention overview (owner) and a chart's deletion requests. A hold, a destruction or an answer
// changes both, and a destroyed chart leaves every client list.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const RETENTION_KEY = ['retention', 'overview'] as const;
export const retentionQuery = queryOptions({
  queryKey: RETENTION_KEY,
  queryFn: () => call('retention.overview', {}),
  staleTime: 0,
});

export const RETENTION_SETTINGS_KEY = ['retention', 'settings'] as const;
export const retentionSettingsQuery = queryOptions({
  queryKey: RETENTION_SETTINGS_KEY,
  queryFn: () => call('retention.getSettings', {}),
});

export const deletionRequestsKey = (clientId: string) => ['retention', 'deletion', clientId] as const;
export const deletionRequestsQuery = (clientId: string) =>
  queryOptions({
    queryKey: deletionRequestsKey(clientId),
    queryFn: () => call('retention.deletionRequests', { clientId }),
    staleTime: 0,
  });

export function retentionChanged(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: ['retention'] });
  void queryClient.invalidateQueries({ queryKey: ['clients'] });
  void queryClient.invalidateQueries({ queryKey: ['due'] });
}
