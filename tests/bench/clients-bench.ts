// Client type-ahead search (front desk, who sees every client, per kind of query; a clinician,
// over their caseload) and chart open.
import type { Core } from '../../main/core/index.ts';
import { FIRST_NAMES, LAST_NAMES, seededRandom } from '../../main/core/demo/synthetic.ts';
import { call, measurePair, type Pair } from './common.ts';
import { stats, type Row } from './stats.ts';

/** Kinds of type-ahead query, each its own row: short prefixes are the worst case, whole words the commonest. */
export const TYPE_AHEAD_KINDS = {
  short: 'one or two letters',
  prefix: 'name prefixes (3-5 letters, first + last)',
  word: 'whole names',
  number: 'DOB, phone, chart number',
} as const;
export type TypeAheadKind = keyof typeof TYPE_AHEAD_KINDS;

/** What a front-desk person types: name prefixes of 1–5 letters, whole names, first + last, DOB, phone, chart number. */
export function typeAheadQueries(core: Core, n: number): { kind: TypeAheadKind; query: string }[] {
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
  const out: { kind: TypeAheadKind; query: string }[] = [];
  for (let i = 0; i < n; i++) {
    const c = r.pick(sample);
    const [y, m, d] = c.date_of_birth.split('-');
    const choices: [TypeAheadKind, () => string][] = [
      ['short', () => r.pick(LAST_NAMES).slice(0, 1).toLowerCase()], // the worst case: one letter
      ['short', () => r.pick(LAST_NAMES).slice(0, 2).toLowerCase()],
      ['prefix', () => c.legal_last_name.slice(0, r.int(3, 5))],
      ['prefix', () => `${c.legal_first_name.slice(0, 2)} ${c.legal_last_name.slice(0, 3)}`],
      ['prefix', () => r.pick(FIRST_NAMES).slice(0, 3)],
      ['word', () => c.legal_last_name],
      ['word', () => `${c.legal_first_name} ${c.legal_last_name}`],
      ['number', () => `${String(Number(m))}/${String(Number(d))}/${y ?? ''}`],
      ['number', () => c.phone.replace(/\D/g, '').slice(0, r.int(4, 10))],
      ['number', () => c.chart_number.slice(3).replace(/^0+/, '')],
    ];
    const [kind, make] = choices[i % choices.length] ?? ['short', () => 'a'];
    out.push({ kind, query: make() });
  }
  return out;
}

/**
 * Type-ahead as front desk (who sees every client): all queries, then each kind; type-ahead as a
 * clinician (the search is over their caseload); chart open.
 */
export async function benchClients(
  pair: Pair,
  windows: { desk: string; clinician: string },
  queries: { kind: TypeAheadKind; query: string }[],
  ids: string[],
): Promise<Row[]> {
  const search = (c: Core, window: string, q: string) =>
    call(c, window, 'clients.search', { query: q, limit: 50 });
  for (const c of [pair.enc, pair.plain]) {
    for (const q of queries.slice(0, 300)) await search(c, windows.desk, q.query);
  }
  const desk = await measurePair(
    queries,
    (q) => search(pair.enc, windows.desk, q.query),
    (q) => search(pair.plain, windows.desk, q.query),
  );
  const rows = [row('client type-ahead search (front desk, all queries)', desk, 2)];
  for (const [kind, label] of Object.entries(TYPE_AHEAD_KINDS)) {
    const of = (samples: number[]) => samples.filter((_, i) => queries[i]?.kind === kind);
    rows.push(
      row(`client type-ahead, ${label}`, { encrypted: of(desk.encrypted), plain: of(desk.plain) }, 2),
    );
  }
  const few = queries.slice(0, Math.max(50, Math.floor(queries.length / 4)));
  const clinician = await measurePair(
    few,
    (q) => search(pair.enc, windows.clinician, q.query),
    (q) => search(pair.plain, windows.clinician, q.query),
  );
  rows.push(row("client type-ahead search (clinician's caseload)", clinician, 2));
  const open = await measurePair(
    ids,
    (clientId) => call(pair.enc, windows.desk, 'clients.get', { clientId }),
    (clientId) => call(pair.plain, windows.desk, 'clients.get', { clientId }),
  );
  rows.push(row('chart open (with audit entry)', open, 5));
  return rows;
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
    target: `p95 < ${String(p95Ms)} ms${p99Ms ? `, p99 < ${String(p99Ms)} ms` : ''}, < 1.3x plain`,
    pass: encrypted.p95 < p95Ms && (p99Ms === undefined || encrypted.p99 < p99Ms) && ratio < 1.3,
  };
}
