// PHQ-9 and GAD-7 totals over time on one chart, over faint severity bands, with labelled axes.
// The same points are in a table for screen readers. The bands are the PHQ-9's; the GAD-7 shares
// them up to 14 and counts 15 and above as severe, which the caption says.
import {
  CartesianGrid,
  Label,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import {
  INSTRUMENTS,
  SEVERITY_LABELS,
  type Instrument,
  type ScreeningRecord,
} from '../../../preload/contract.ts';
import { dayNumber, formatCalendarDate, formatMonthDay, fromDayNumber } from '../../lib/calendar-date.ts';

interface Point {
  day: number;
  total: number;
  record: ScreeningRecord;
}

// Faint, from calm green to a soft red: a background, never louder than the lines.
const BANDS = [
  { from: 0, to: 5, label: 'Minimal', fill: '#f1f8f4' },
  { from: 5, to: 10, label: 'Mild', fill: '#f6f9f0' },
  { from: 10, to: 15, label: 'Moderate', fill: '#fdf8ec' },
  { from: 15, to: 20, label: 'Moderately severe', fill: '#fdf3ec' },
  { from: 20, to: 27, label: 'Severe', fill: '#fcf0ef' },
] as const;

const SERIES: { instrument: Instrument; colour: string }[] = [
  { instrument: 'phq9', colour: '#1f7f78' },
  { instrument: 'gad7', colour: '#5a5fb0' },
];

const pointsOf = (records: readonly ScreeningRecord[], instrument: Instrument): Point[] =>
  records
    .filter((r) => r.instrument === instrument)
    .map((r) => ({ day: dayNumber(r.administeredOn), total: r.total, record: r }))
    .sort((a, b) => a.day - b.day);

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: Point;
}

function dotFor(instrument: Instrument, colour: string) {
  return function TrendDot({ cx, cy, index, payload }: DotProps) {
    if (cx === undefined || cy === undefined) return <g key={`${instrument}-${String(index)}`} />;
    const flagged = payload?.record.item9Positive === true;
    return (
      <g key={`${instrument}-${String(index)}`} className={`trend-dot trend-dot--${instrument}`}>
        {flagged && <circle cx={cx} cy={cy} r={8} className="trend-dot__flag" />}
        <circle cx={cx} cy={cy} r={4.5} fill="#ffffff" stroke={colour} strokeWidth={2.5} />
      </g>
    );
  };
}

function TrendTooltip({ active, payload }: TooltipContentProps) {
  const point = payload[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  const r = point.record;
  return (
    <div className="trend-tooltip">
      <p className="trend-tooltip__date">{formatCalendarDate(r.administeredOn)}</p>
      <p>
        <strong>{INSTRUMENTS[r.instrument].name}</strong> {r.total} / {INSTRUMENTS[r.instrument].max} ·{' '}
        {SEVERITY_LABELS[r.severity]}
      </p>
      {r.item9Positive && <p className="trend-tooltip__flag">Item 9 above 0: follow up</p>}
    </div>
  );
}

export interface TrendChartProps {
  records: readonly ScreeningRecord[];
  compact?: boolean;
  title: string;
}

export function TrendChart({ records, compact = false, title }: TrendChartProps) {
  const series = SERIES.map((s) => ({ ...s, points: pointsOf(records, s.instrument) }));
  const days = records.map((r) => dayNumber(r.administeredOn));
  const first = Math.min(...days);
  const last = Math.max(...days);
  // A little room either side, and at least a fortnight shown, so one point is not on the edge.
  const pad = Math.max(2, Math.round((last - first) * 0.06));
  const span = Math.max(last - first, 14);
  const domain: [number, number] = [first - pad, first + span + pad];
  const height = compact ? 190 : 320;

  return (
    <figure className={compact ? 'trend trend--compact' : 'trend'}>
      {!compact && (
        <ul className="trend__legend" aria-hidden="true">
          {SERIES.map((s) => (
            <li key={s.instrument} className={`trend__key trend__key--${s.instrument}`}>
              {INSTRUMENTS[s.instrument].name}
              <span className="trend__key-note">{s.instrument === 'phq9' ? 'depression' : 'anxiety'}</span>
            </li>
          ))}
          <li className="trend__key trend__key--flag">PHQ-9 item 9 above 0</li>
        </ul>
      )}
      <div className="trend__plot" aria-hidden="true">
        <ResponsiveContainer width="100%" height={height}>
          <LineChart
            // Drawn for the eye only (the table below carries the points): no keyboard stop in a hidden part.
            accessibilityLayer={false}
            margin={{ top: 8, right: compact ? 12 : 120, bottom: compact ? 4 : 24, left: compact ? -12 : 8 }}
          >
            {BANDS.map((b) => (
              <ReferenceArea
                key={b.label}
                y1={b.from}
                y2={b.to}
                ifOverflow="hidden"
                fill={b.fill}
                fillOpacity={1}
                stroke="none"
                label={
                  compact
                    ? undefined
                    : {
                        value: b.label,
                        position: 'right',
                        offset: 10,
                        fill: '#56676a',
                        fontSize: 11,
                        fontWeight: 600,
                      }
                }
              />
            ))}
            <CartesianGrid vertical={false} stroke="#d9e0e1" strokeDasharray="2 4" />
            <XAxis
              type="number"
              dataKey="day"
              domain={domain}
              allowDuplicatedCategory={false}
              tickFormatter={(d: number) => formatMonthDay(fromDayNumber(d))}
              tick={{ fontSize: 12, fill: '#56676a' }}
              stroke="#c3cdcf"
              tickCount={compact ? 4 : 7}
            >
              {!compact && (
                <Label value="Date given" position="insideBottom" offset={-16} className="axis-label" />
              )}
            </XAxis>
            <YAxis
              type="number"
              domain={[0, 27]}
              ticks={[0, 5, 10, 15, 20, 27]}
              tick={{ fontSize: 12, fill: '#56676a' }}
              stroke="#c3cdcf"
              width={compact ? 40 : 56}
            >
              {!compact && (
                <Label
                  value="Total score"
                  angle={-90}
                  position="insideLeft"
                  offset={12}
                  className="axis-label"
                />
              )}
            </YAxis>
            <Tooltip content={TrendTooltip} cursor={{ stroke: '#94a3a6', strokeDasharray: '3 3' }} />
            {series.map((s) => (
              <Line
                key={s.instrument}
                data={s.points}
                dataKey="total"
                name={INSTRUMENTS[s.instrument].name}
                stroke={s.colour}
                strokeWidth={2.5}
                dot={dotFor(s.instrument, s.colour)}
                activeDot={{ r: 6, stroke: s.colour, strokeWidth: 2, fill: '#ffffff' }}
                isAnimationActive={false}
                className={`trend-line trend-line--${s.instrument}`}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className={compact ? 'sr-only' : 'trend__caption'}>
        {title}. Shaded bands are the PHQ-9 severity bands; on the GAD-7, 15 and above is severe. A ring marks
        a PHQ-9 with item 9 above 0.
      </figcaption>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Date given</th>
            <th scope="col">Measure</th>
            <th scope="col">Total</th>
            <th scope="col">Severity</th>
          </tr>
        </thead>
        <tbody>
          {[...records]
            .sort((a, b) => a.administeredOn.localeCompare(b.administeredOn))
            .map((r) => (
              <tr key={r.id}>
                <td>{formatCalendarDate(r.administeredOn)}</td>
                <td>{INSTRUMENTS[r.instrument].name}</td>
                <td>{r.total}</td>
                <td>{SEVERITY_LABELS[r.severity]}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}
