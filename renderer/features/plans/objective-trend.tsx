// A PHQ-9 or GAD-7 objective's scores from the chart's screenings against its target: a small line
// chart with the target as a dashed line and the target date marked, and the same scores in a
// table for screen readers and for anyone who prefers numbers.
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import {
  MEASURE_LABELS,
  MEASURE_MAX,
  meetsTarget,
  TARGET_DIRECTION_LABELS,
  type PlanObjective,
  type ScorePoint,
} from '../../../preload/contract.ts';
import { dayNumber, formatCalendarDate, formatMonthDay, fromDayNumber } from '../../lib/calendar-date.ts';

export interface ObjectiveTrendProps {
  objective: PlanObjective;
  points: readonly ScorePoint[];
}

export function ObjectiveTrend({ objective, points }: ObjectiveTrendProps) {
  const target = objective.target;
  const max = MEASURE_MAX[objective.measure] ?? 27;
  const label = MEASURE_LABELS[objective.measure];
  const data = points.map((p) => ({ day: dayNumber(p.on), score: p.score }));
  const days = data.map((d) => d.day);
  const end = objective.targetDate ? dayNumber(objective.targetDate) : null;
  const first = Math.min(...days, end ?? Infinity);
  const last = Math.max(...days, end ?? -Infinity);
  const latest = points[points.length - 1];
  const summary = latest
    ? `${label}: latest ${String(latest.score)} on ${formatCalendarDate(latest.on)}${target ? `; target ${TARGET_DIRECTION_LABELS[target.direction]} ${String(target.value)}${meetsTarget(latest.score, target) ? ' (met)' : ' (not yet met)'}` : ''}.`
    : `${label}: no screening on the chart yet.`;
  return (
    <figure className="objective-trend">
      <figcaption className="objective-trend__caption">{summary}</figcaption>
      {data.length > 0 && (
        <div className="objective-trend__chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height={150}>
            <LineChart
              data={data}
              accessibilityLayer={false}
              margin={{ top: 8, right: 16, bottom: 4, left: -18 }}
            >
              <CartesianGrid stroke="#e6ebee" vertical={false} />
              <XAxis
                dataKey="day"
                type="number"
                domain={[first - 3, last + 3]}
                tickFormatter={(d: number) => formatMonthDay(fromDayNumber(d))}
                tick={{ fontSize: 11, fill: '#55636b' }}
                tickLine={false}
              />
              <YAxis domain={[0, max]} tick={{ fontSize: 11, fill: '#55636b' }} tickLine={false} width={44} />
              {target && (
                <ReferenceLine
                  y={target.value}
                  stroke="#b4541a"
                  strokeDasharray="5 4"
                  label={{
                    value: `Target ${String(target.value)}`,
                    position: 'insideTopRight',
                    fontSize: 11,
                    fill: '#8a3f12',
                  }}
                />
              )}
              {end !== null && <ReferenceLine x={end} stroke="#8a96a0" strokeDasharray="2 3" />}
              <Line
                type="monotone"
                dataKey="score"
                stroke="#1f7f78"
                strokeWidth={2.5}
                dot={{ r: 4, fill: '#ffffff', stroke: '#1f7f78', strokeWidth: 2.5 }}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      {data.length > 0 && (
        <details className="objective-trend__table">
          <summary>Scores as a table</summary>
          <table className="table table--compact">
            <caption className="sr-only">{`${label} scores`}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Score</th>
                {target && <th scope="col">Target met</th>}
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={`${p.on}-${String(p.score)}`}>
                  <td>{formatCalendarDate(p.on)}</td>
                  <td>{p.score}</td>
                  {target && <td>{meetsTarget(p.score, target) ? 'Yes' : 'No'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
