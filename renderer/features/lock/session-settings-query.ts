// The practice's inactivity settings as the renderer reads them (settings.getSession): the warning
// uses them to pace activity reports, Settings shows and edits them, sign-in says "after 5 minutes".
import { queryOptions } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const SESSION_SETTINGS_KEY = ['settings', 'session'] as const;

export const sessionSettingsQuery = queryOptions({
  queryKey: SESSION_SETTINGS_KEY,
  queryFn: () => call('settings.getSession', {}),
  staleTime: 5 * 60_000,
});

/** How often input is reported at most: a fraction of the quiet time before the warning, ≤ 20 s. */
export function activityThrottleMs(
  settings: { timeoutMinutes: number; warningSeconds: number } | undefined,
): number {
  if (!settings) return 20_000;
  const quietMs = settings.timeoutMinutes * 60_000 - settings.warningSeconds * 1000;
  return Math.max(1000, Math.min(20_000, Math.floor(quietMs / 4)));
}
