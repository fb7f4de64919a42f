// The due list (issue 19): every open client-rights request with a legal clock that the signed-in
// person may work, as main merges them from each domain (due.list), overdue first. A change to
// any such request refreshes it through DUE_KEY.
import { queryOptions } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const DUE_KEY = ['due'] as const;

export const dueListQuery = queryOptions({
  queryKey: DUE_KEY,
  queryFn: () => call('due.list', {}),
  staleTime: 0,
});
