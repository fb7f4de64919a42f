// The trend chart, loaded on first use: the charting library is most of its weight, and only
// clinicians opening a chart need it.
import { lazy, Suspense } from 'react';
import { LoadingState } from '../../ui/spinner.tsx';
import type { TrendChartProps } from './trend-chart.tsx';

const TrendChart = lazy(async () => ({ default: (await import('./trend-chart.tsx')).TrendChart }));

export function LazyTrendChart(props: TrendChartProps) {
  return (
    <Suspense
      fallback={
        <div className={props.compact ? 'trend-loading trend-loading--compact' : 'trend-loading'}>
          <LoadingState label="Drawing the chart…" />
        </div>
      }
    >
      <TrendChart {...props} />
    </Suspense>
  );
}
