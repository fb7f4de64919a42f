// On a clinician's overview: the latest PHQ-9 and GAD-7 and a small trend chart.
import { useQuery } from '@tanstack/react-query';
import { ChartLine, ChevronRight } from 'lucide-react';
import { INSTRUMENTS, type Instrument, type ScreeningRecord } from '../../../preload/contract.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { Banner } from '../../ui/banner.tsx';
import { Card } from '../../ui/card.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { chartHref } from '../clients/client-routes.ts';
import { screeningsQuery } from './screening-queries.ts';
import { SeverityBadge } from './severity-badge.tsx';
import { LazyTrendChart as TrendChart } from './lazy-trend-chart.tsx';

export const latestOf = (
  records: readonly ScreeningRecord[],
  instrument: Instrument,
): ScreeningRecord | undefined =>
  records
    .filter((r) => r.instrument === instrument)
    .sort((a, b) => b.administeredOn.localeCompare(a.administeredOn))[0];

export function ScreeningSummaryCard({ clientId }: { clientId: string }) {
  const screenings = useQuery(screeningsQuery(clientId));
  return (
    <Card
      title="Screenings"
      icon={<ChartLine size={18} />}
      actions={
        <a className="btn btn--ghost btn--sm" href={chartHref(clientId, 'screenings')}>
          <span className="btn__label">All screenings</span>
          <ChevronRight aria-hidden="true" size={15} />
        </a>
      }
    >
      {screenings.isPending && <LoadingState label="Loading screenings…" />}
      {screenings.isError && (
        <Banner tone="danger" live>
          {screenings.error.message}
        </Banner>
      )}
      {screenings.data?.length === 0 && <p className="muted">No PHQ-9 or GAD-7 given yet.</p>}
      {screenings.data && screenings.data.length > 0 && (
        <>
          <div className="latest-scores latest-scores--compact">
            {(['phq9', 'gad7'] as const).map((i) => (
              <LatestScore key={i} instrument={i} record={latestOf(screenings.data, i)} />
            ))}
          </div>
          <TrendChart records={screenings.data} compact title="PHQ-9 and GAD-7 totals over time" />
        </>
      )}
    </Card>
  );
}

export function LatestScore({
  instrument,
  record,
}: {
  instrument: Instrument;
  record: ScreeningRecord | undefined;
}) {
  const def = INSTRUMENTS[instrument];
  return (
    <div className={`latest-score latest-score--${instrument}`}>
      <span className="latest-score__name">{def.name}</span>
      {record ? (
        <>
          <span className="latest-score__value">
            {record.total}
            <span className="latest-score__max">/{def.max}</span>
          </span>
          <span className="latest-score__meta">
            <SeverityBadge severity={record.severity} />
            <span className="muted">{formatCalendarDate(record.administeredOn)}</span>
          </span>
        </>
      ) : (
        <span className="muted latest-score__none">Not given yet</span>
      )}
    </div>
  );
}
