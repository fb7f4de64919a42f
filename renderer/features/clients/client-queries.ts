// Queries shared by the client screens: one chart, the staff directory (for the clinician pickers)
// and the keys that a change to a client refreshes.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ClientRecord, Output } from '../../../preload/contract.ts';
import { call } from '../../api.ts';

export const CLIENT_SEARCH_KEY = ['clients', 'search'] as const;
export const clientKey = (clientId: string) => ['clients', 'detail', clientId] as const;

/** Opening a chart is audited by main, so it is read once per visit, not on every focus. */
export const clientQuery = (clientId: string) =>
  queryOptions({
    queryKey: clientKey(clientId),
    queryFn: () => call('clients.get', { clientId }),
  });

export type DirectoryPerson = Output<'staff.directory'>[number];

export const directoryQuery = queryOptions({
  queryKey: ['staff', 'directory'],
  queryFn: () => call('staff.directory', {}),
  staleTime: 5 * 60_000,
});

/** Who can be a primary clinician or join a care team: clinicians and the owner. */
export const cliniciansIn = (people: readonly DirectoryPerson[]): DirectoryPerson[] =>
  people.filter((p) => p.role !== 'front_desk').sort((a, b) => a.displayName.localeCompare(b.displayName));

/** After a change main answers with the whole record: show it, and refresh the list. */
export function clientChanged(queryClient: QueryClient, record: ClientRecord): void {
  queryClient.setQueryData(clientKey(record.id), record);
  void queryClient.invalidateQueries({ queryKey: CLIENT_SEARCH_KEY });
}
