// The staff list query, shared by the Staff page and the audit log's person filter.
import { queryOptions } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const STAFF_QUERY = ['staff', 'list'] as const;

export const staffQuery = queryOptions({
  queryKey: STAFF_QUERY,
  queryFn: () => call('staff.list', {}),
});
