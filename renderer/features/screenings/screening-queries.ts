// The screenings of one chart (main audits each read), and how a severity band is shown.
import { queryOptions } from '@tanstack/react-query';
import type { Severity } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import type { BadgeTone } from '../../ui/badge.tsx';

export const screeningsKey = (clientId: string) => ['screenings', clientId] as const;

export const screeningsQuery = (clientId: string) =>
  queryOptions({
    queryKey: screeningsKey(clientId),
    queryFn: () => call('screenings.list', { clientId }),
  });

export const SEVERITY_TONES: Record<Severity, BadgeTone> = {
  minimal: 'success',
  mild: 'info',
  moderate: 'warning',
  moderately_severe: 'danger',
  severe: 'danger',
};

export const CONTEXT_LABELS = { intake: 'Intake', follow_up: 'Follow-up' } as const;
