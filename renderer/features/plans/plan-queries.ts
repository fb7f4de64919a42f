// Queries for treatment plans: a chart's plans, one plan opened (main audits each opening), the
// reviews due on the home screen, the review interval; and what a change to a plan refreshes.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const PLANS_KEY = ['plans'] as const;
export const clientPlansKey = (clientId: string) => ['plans', 'client', clientId] as const;

export const clientPlansQuery = (clientId: string) =>
  queryOptions({
    queryKey: clientPlansKey(clientId),
    queryFn: () => call('plans.ofClient', { clientId }),
    staleTime: 0,
  });

export const planQuery = (planId: string) =>
  queryOptions({
    queryKey: ['plans', 'detail', planId],
    queryFn: () => call('plans.get', { planId }),
    staleTime: 0,
  });

export const reviewsDueQuery = queryOptions({
  queryKey: ['plans', 'reviews-due'],
  queryFn: () => call('plans.reviewsDue', {}),
  staleTime: 0,
});

export const PLAN_SETTINGS_KEY = ['plans', 'settings'] as const;
export const planSettingsQuery = queryOptions({
  queryKey: PLAN_SETTINGS_KEY,
  queryFn: () => call('plans.settings', {}),
  staleTime: Infinity,
});

/** After a step on a plan: the chart's list, every opened plan and the home screen's reviews. */
export function plansChanged(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: PLANS_KEY });
}
