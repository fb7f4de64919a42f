// The second-factor queries: your own factor, the policy, and who has one (the Staff page).
import { queryOptions } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const MY_FACTOR_QUERY = ['secondFactor', 'mine'] as const;
export const POLICY_QUERY = ['secondFactor', 'policy'] as const;
export const STAFF_FACTORS_QUERY = ['secondFactor', 'staff'] as const;

export const myFactorQuery = queryOptions({
  queryKey: MY_FACTOR_QUERY,
  queryFn: () => call('secondFactor.mine', {}),
});

export const policyQuery = queryOptions({
  queryKey: POLICY_QUERY,
  queryFn: () => call('secondFactor.getPolicy', {}),
});

export const staffFactorsQuery = queryOptions({
  queryKey: STAFF_FACTORS_QUERY,
  queryFn: () => call('secondFactor.staff', {}),
});
