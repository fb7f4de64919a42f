// A client's suspensions of the accounting and the recipients a statement may name. A new statement
// changes what the accounting lists, so it refreshes that too.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const suspensionsKey = (clientId: string) => ['suspensions', clientId] as const;
export const suspensionsQuery = (clientId: string) =>
  queryOptions({
    queryKey: suspensionsKey(clientId),
    queryFn: () => call('suspensions.list', { clientId }),
    staleTime: 0,
  });

export function suspensionsChanged(queryClient: QueryClient, clientId: string): void {
  void queryClient.invalidateQueries({ queryKey: suspensionsKey(clientId) });
  void queryClient.invalidateQueries({ queryKey: ['disclosures', clientId] });
}
