// The practice's state-law deadlines and notice, read by Settings and by every screen that shows a
// legal deadline (main computes and stores each due date; the screens only say how long).
import { queryOptions } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const STATE_LAW_KEY = ['practice', 'state-law'] as const;

export const stateLawQuery = queryOptions({
  queryKey: STATE_LAW_KEY,
  queryFn: () => call('practice.stateLaw', {}),
  staleTime: 60_000,
});
