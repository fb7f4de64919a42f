// Latency statistics, goals and the report table for `npm run bench`.
export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    n: s.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(s.at(-1) ?? 0),
  };
}

/** One measured figure, so that a single number (a backup's seconds) is a row like the others. */
export function single(value: number): Stats {
  return { n: 1, p50: value, p95: value, p99: value, max: value };
}

export type Verdict = 'pass' | 'MISS';

export interface Row {
  operation: string;
  encrypted: Stats;
  plain: Stats | null;
  /** The goal, as written before `goal` existed; kept so that older row builders still compile. */
  target: string;
  pass: boolean;
  /** What the figures are in, when not milliseconds (a ratio: 'x', seconds: 's'). */
  unit?: string;
  /** The goal in words ('p95 ≤ 50 ms'); `target` when absent. */
  goal?: string;
  /** What was measured, in the goal's terms ('p95 12.3 ms'); derived from the stats when absent. */
  measured?: string;
  verdict?: Verdict;
}

/** A row with goal, measured and verdict filled in (what the table prints and bench.json holds). */
export type JudgedRow = Row & { goal: string; measured: string; verdict: Verdict };

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(x >= 10 ? 1 : 2));

/**
 * Fills goal, measured and verdict. A row's own `pass` decides, and a row whose goal is only a
 * report ('report', empty) is a miss: every row in the bench has a goal it is judged on.
 */
export function judge(row: Row): JudgedRow {
  const goal = row.goal ?? row.target;
  const unit = row.unit ?? 'ms';
  const e = row.encrypted;
  let measured = row.measured;
  if (measured === undefined) {
    const parts =
      e.n === 1
        ? [`${fmt(e.p50)} ${unit}`]
        : [`p50 ${fmt(e.p50)}`, `p95 ${fmt(e.p95)}`, `p99 ${fmt(e.p99)}`, `max ${fmt(e.max)} ${unit}`];
    if (row.plain && row.plain.p95 > 0) parts.push(`enc/plain p95 ${(e.p95 / row.plain.p95).toFixed(2)}x`);
    measured = parts.join(', ');
  }
  const judged = goal.trim() !== '' && goal !== 'report';
  return { ...row, goal, measured, verdict: judged && row.pass ? 'pass' : 'MISS' };
}

export function table(rows: Row[]): string {
  const head = ['operation', 'goal', 'measured', 'verdict'];
  const lines = rows.map(judge).map((r) => [r.operation, r.goal, r.measured, r.verdict]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(line)].join('\n');
}
