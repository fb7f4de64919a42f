// Emergency access (issue 21) in the renderer: the caller's grant on a chart (main's clock decides
// the time left), the accesses the caller is to acknowledge, and the practice's duration.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const EMERGENCY_KEY = ['emergency'] as const;
export const EMERGENCY_EVENTS_KEY = [...EMERGENCY_KEY, 'events'] as const;
export const EMERGENCY_SETTINGS_KEY = [...EMERGENCY_KEY, 'settings'] as const;

export const emergencyStatusQuery = (clientId: string) =>
  queryOptions({
    queryKey: [...EMERGENCY_KEY, 'status', clientId] as const,
    queryFn: () => call('emergency.status', { clientId }),
    // The banner counts down between answers; main's answer corrects it every half minute, and
    // at once when the person comes back to the window.
    refetchInterval: 30_000,
    staleTime: 0,
    refetchOnWindowFocus: 'always',
  });

export const emergencyEventsQuery = queryOptions({
  queryKey: EMERGENCY_EVENTS_KEY,
  queryFn: () => call('emergency.listUnacknowledged', {}),
  refetchInterval: 60_000,
});

export const emergencySettingsQuery = queryOptions({
  queryKey: EMERGENCY_SETTINGS_KEY,
  queryFn: () => call('emergency.getSettings', {}),
});

/**
 * When a grant starts or ends, everything read is dropped and asked again: a note opened under the
 * grant is cached by its own id, not the chart's, and none of it may stay on screen after main
 * closes the chart. A grant starts or ends a few times a year; the refetch costs nothing then.
 */
export function resetChart(queryClient: QueryClient): void {
  void queryClient.resetQueries();
}
