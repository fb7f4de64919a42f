// A chart's diagnoses and each one's history. A change refreshes the list, every open history of
// the chart, and what notes show of the diagnoses.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const diagnosesKey = (clientId: string) => ['diagnoses', clientId] as const;

export const diagnosesQuery = (clientId: string) =>
  queryOptions({
    queryKey: diagnosesKey(clientId),
    queryFn: () => call('diagnoses.list', { clientId }),
    staleTime: 0,
  });

/** The list as it stood at `asOf` (an ISO time): a past list is fixed, so it is kept. */
export const diagnosesAsOfQuery = (clientId: string, asOf: string) =>
  queryOptions({
    queryKey: [...diagnosesKey(clientId), 'asOf', asOf] as const,
    queryFn: () => call('diagnoses.list', { clientId, asOf }),
    staleTime: Infinity,
  });

export const diagnosisHistoryQuery = (clientId: string, diagnosisId: string) =>
  queryOptions({
    queryKey: [...diagnosesKey(clientId), 'history', diagnosisId] as const,
    queryFn: () => call('diagnoses.history', { diagnosisId }),
    staleTime: 0,
  });

export const codeSearchQuery = (query: string) =>
  queryOptions({
    queryKey: ['diagnosis-codes', query] as const,
    queryFn: () => call('diagnoses.searchCodes', { query }),
    enabled: query.trim() !== '',
    staleTime: Infinity,
  });

export function diagnosesChanged(queryClient: QueryClient, clientId: string): void {
  void queryClient.invalidateQueries({ queryKey: diagnosesKey(clientId) });
  void queryClient.invalidateQueries({ queryKey: ['notes'] });
}
