// A chart's restriction register. A decision changes what a release may carry, so the releases'
// previews are refreshed with it.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const restrictionsKey = (clientId: string) => ['restrictions', clientId] as const;
export const restrictionsQuery = (clientId: string) =>
  queryOptions({
    queryKey: restrictionsKey(clientId),
    queryFn: () => call('restrictions.list', { clientId }),
    staleTime: 0,
  });

export function restrictionsChanged(queryClient: QueryClient, clientId: string): void {
  void queryClient.invalidateQueries({ queryKey: restrictionsKey(clientId) });
  void queryClient.invalidateQueries({ queryKey: ['releases'] });
}
