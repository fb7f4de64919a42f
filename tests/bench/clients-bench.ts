// Client type-ahead search and chart open, as front desk (who sees every client).
import type { Core } from '../../main/core/index.ts';
import { FIRST_NAMES, LAST_NAMES, seededRandom } from '../../main/core/demo/synthetic.ts';
import { call, measurePair, type Pair } from './common.ts';
import { stats, type Row } from './stats.ts';

/** What a front-desk person types: name prefixes of 1–4 letters, first + last, DOB, phone, chart number. */
export function typeAheadQueries(core: Core, n: number): string[] {
  const r = seededRandom(7);
  const sample = core.ctx.vault.db.sqlite
    .prepare(
      'SELECT legal_first_name, legal_last_name, date_of_birth, phone, chart_number FROM clients ORDER BY random() LIMIT 500',
    )
    .all() as {
    legal_first_name: string;
    legal_last_name: string;
    date_of_birth: string;
    phone: string;
    chart_number: string;
  }[];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = r.pick(sample);
    const [y, m, d] = c.date_of_birth.split('-');
    const choices = [
      () => r.pick(LAST_NAMES).slice(0, 1).toLowerCase(), // the worst case: one letter
      () => r.pick(LAST_NAMES).slice(0, 2).toLowerCase(),
      () => c.legal_last_name.slice(0, r.int(3, 5)),
      () => `${c.legal_first_name.slice(0, 2)} ${c.legal_last_name.slice(0, 3)}`,
      () => `${String(Number(m))}/${String(Number(d))}/${y ?? ''}`,
      () => c.phone.replace(/\D/g, '').slice(0, r.int(4, 10)),
      () => c.chart_number.slice(3).replace(/^0+/, ''),
      () => r.pick(FIRST_NAMES).slice(0, 3),
    ];
    out.push((choices[i % choices.length] ?? choices[0])?.() ?? 'a');
  }
  return out;
}

export async function benchClients(
  pair: Pair,
  window: string,
  queries: string[],
  ids: string[],
): Promise<Row[]> {
  for (const c of [pair.enc, pair.plain]) {
    for (const q of queries.slice(0, 300)) await call(c, window, 'clients.search', { query: q, limit: 50 });
  }
  const search = await measurePair(
    queries,
    (q) => call(pair.enc, window, 'clients.search', { query: q, limit: 50 }),
    (q) => call(pair.plain, window, 'clients.search', { query: q, limit: 50 }),
  );
  const open = await measurePair(
    ids,
    (clientId) => call(pair.enc, window, 'clients.get', { clientId }),
    (clientId) => call(pair.plain, window, 'clients.get', { clientId }),
  );
  return [row('client type-ahead search', search, 2), row('chart open (with audit entry)', open, 5)];
}

export function row(
  operation: string,
  run: { encrypted: number[]; plain: number[] },
  p95Ms: number,
  p99Ms?: number,
): Row {
  const encrypted = stats(run.encrypted);
  const plain = stats(run.plain);
  const ratio = encrypted.p95 / plain.p95;
  return {
    operation,
    encrypted,
    plain,
    target: `p95 < ${String(p95Ms)} ms${p99Ms ? `, p99 < ${String(p99Ms)} ms` : ''}, < 1.3x`,
    pass: encrypted.p95 < p95Ms && (p99Ms === undefined || encrypted.p99 < p99Ms) && ratio < 1.3,
  };
}
