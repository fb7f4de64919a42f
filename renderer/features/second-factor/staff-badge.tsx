// The Staff page's view of second factors: a badge for who has one, and whether the row menu
// offers "Reset second factor".
import { useQuery } from '@tanstack/react-query';
import { Badge } from '../../ui/badge.tsx';
import { staffFactorsQuery } from './queries.ts';

export function useHasSecondFactor(userId: string): boolean {
  const factors = useQuery(staffFactorsQuery);
  return factors.data?.some((f) => f.userId === userId && f.enrolled) ?? false;
}

export function SecondFactorBadge({ userId }: { userId: string }) {
  return useHasSecondFactor(userId) ? <Badge tone="success">Second factor</Badge> : null;
}
