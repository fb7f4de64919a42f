// Who supervises whom (owner only): the Staff page's Supervisor column and its dialog.
import { queryOptions } from '@tanstack/react-query';
import type { Output } from '../../../preload/contract.ts';
import { call } from '../../api.ts';

export const SUPERVISION_QUERY = ['staff', 'supervision'] as const;

export const supervisionQuery = queryOptions({
  queryKey: SUPERVISION_QUERY,
  queryFn: () => call('staff.supervision', {}),
});

/** A staff member as main names them (id and display name). */
export type StaffRef = Output<'staff.supervision'>[number]['supervisor'];
