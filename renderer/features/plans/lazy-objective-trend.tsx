// The objective trend, loaded on first use (the charting library is most of its weight).
import { lazy, Suspense } from 'react';
import { LoadingState } from '../../ui/spinner.tsx';
import type { ObjectiveTrendProps } from './objective-trend.tsx';

const ObjectiveTrend = lazy(async () => ({
  default: (await import('./objective-trend.tsx')).ObjectiveTrend,
}));

export function LazyObjectiveTrend(props: ObjectiveTrendProps) {
  return (
    <Suspense fallback={<LoadingState label="Drawing the scores…" />}>
      <ObjectiveTrend {...props} />
    </Suspense>
  );
}
