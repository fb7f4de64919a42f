// A chart's Screenings tab: administer a PHQ-9 or GAD-7 (not on a chart open read-only), the latest
// scores, the trend chart and the history. The latest PHQ-9 with item 9 above 0 is flagged at the top.
import { useQuery } from '@tanstack/react-query';
import { ChartLine, ClipboardPlus, Flag } from 'lucide-react';
import { useState } from 'react';
import {
  draftKey,
  INSTRUMENTS,
  SEVERITY_LABELS,
  type ClientRecord,
  type Instrument,
} from '../../../preload/contract.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { AdministerDialog } from './administer-dialog.tsx';
import { screeningsQuery } from './screening-queries.ts';
import { ScreeningHistory } from './screening-history.tsx';
import { LatestScore, latestOf } from './screening-summary-card.tsx';
import { LazyTrendChart as TrendChart } from './lazy-trend-chart.tsx';

export function ScreeningsTab({ client }: { client: ClientRecord }) {
  const screenings = useQuery(screeningsQuery(client.id));
  // A screening left half given (the app locked or closed) opens again by itself.
  const phq9 = useDraftDialog(draftKey('phq9', client.id));
  const gad7 = useDraftDialog(draftKey('gad7', client.id));
  const giving: Instrument | null = phq9.open ? 'phq9' : gad7.open ? 'gad7' : null;
  const close = (): void => {
    if (giving === 'phq9') phq9.close();
    else gad7.close();
  };
  const [saved, setSaved] = useState<string | null>(null);
  const records = screenings.data ?? [];
  const latestPhq = latestOf(records, 'phq9');
  const writable = chartWritable(client);

  const administer = (instrument: Instrument) => (
    <Button
      variant={instrument === 'phq9' ? 'primary' : 'secondary'}
      icon={<ClipboardPlus aria-hidden="true" size={16} />}
      onClick={() => {
        setSaved(null);
        if (instrument === 'phq9') phq9.show();
        else gad7.show();
      }}
    >
      Administer {instrument === 'phq9' ? 'PHQ-9' : 'GAD-7'}
    </Button>
  );

  return (
    <div className="tab-panel">
      <div className="tab-panel__bar">
        <p className="tab-panel__lead">
          Depression (PHQ-9) and anxiety (GAD-7) measures, scored as they are given.
        </p>
        {writable && (
          <div className="tab-panel__actions">
            {administer('phq9')}
            {administer('gad7')}
          </div>
        )}
      </div>
      {saved && (
        <Banner tone="success" live>
          {saved}
        </Banner>
      )}
      {latestPhq?.item9Positive && (
        <Banner tone="danger" className="banner--prominent" title="PHQ-9 item 9 needs follow-up" live>
          On the PHQ-9 of {formatCalendarDate(latestPhq.administeredOn)} the client reported thoughts of being
          better off dead or of self-harm. Make sure risk was assessed and a safety plan is documented.
        </Banner>
      )}
      {screenings.isPending && <LoadingState label="Loading screenings…" />}
      {screenings.isError && (
        <Banner tone="danger" title="The screenings could not be loaded" live>
          {screenings.error.message}
        </Banner>
      )}
      {screenings.isSuccess && records.length === 0 && (
        <div className="panel">
          {writable ? (
            <EmptyState icon={<ChartLine size={28} />} title="No screenings yet">
              <p>
                Give a PHQ-9 or GAD-7 at intake, then again every few sessions to see how the client is doing.
              </p>
            </EmptyState>
          ) : (
            <EmptyState icon={<ChartLine size={28} />} title="No screenings recorded">
              <p>No PHQ-9 or GAD-7 has been given to this client.</p>
            </EmptyState>
          )}
        </div>
      )}
      {records.length > 0 && (
        <>
          <div className="latest-scores">
            <LatestScore instrument="phq9" record={latestPhq} />
            <LatestScore instrument="gad7" record={latestOf(records, 'gad7')} />
            <div className="latest-score latest-score--count">
              <span className="latest-score__name">Given</span>
              <span className="latest-score__value">{records.length}</span>
              <span className="latest-score__meta muted">
                <Flag aria-hidden="true" size={13} /> {records.filter((r) => r.item9Positive).length} with
                item 9 flagged
              </span>
            </div>
          </div>
          <Card title="Scores over time" icon={<ChartLine size={18} />}>
            <TrendChart records={records} title="PHQ-9 and GAD-7 totals over time" />
          </Card>
          <ScreeningHistory records={records} />
        </>
      )}
      {writable && giving && (
        <AdministerDialog
          clientId={client.id}
          instrument={giving}
          firstOfKind={!records.some((r) => r.instrument === giving)}
          onClose={close}
          onSaved={(record) => {
            close();
            setSaved(
              `${INSTRUMENTS[record.instrument].name} saved: ${String(record.total)}, ${SEVERITY_LABELS[record.severity].toLowerCase()}.`,
            );
          }}
        />
      )}
    </div>
  );
}
