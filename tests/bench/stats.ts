// Latency statistics and the report table for `npm run bench`.
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

export interface Row {
  operation: string;
  encrypted: Stats;
  plain: Stats | null;
  target: string;
  pass: boolean;
  /** What the figures are in, when not milliseconds (a ratio: 'x'). */
  unit?: string;
}

export function table(rows: Row[]): string {
  const head = ['operation', 'enc p50', 'enc p95', 'enc p99', 'plain p95', 'ratio p95', 'target', 'ok'];
  const lines = rows.map((r) => [
    r.operation,
    `${r.encrypted.p50.toFixed(3)} ${r.unit ?? 'ms'}`,
    `${r.encrypted.p95.toFixed(3)} ${r.unit ?? 'ms'}`,
    `${r.encrypted.p99.toFixed(3)} ${r.unit ?? 'ms'}`,
    r.plain ? `${r.plain.p95.toFixed(3)} ms` : '-',
    r.plain ? `${(r.encrypted.p95 / r.plain.p95).toFixed(2)}x` : '-',
    r.target,
    r.pass ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}
