// The ICD-10-CM type-ahead (issue 20: p95 ≤ 2 ms) by code prefix and by words, as a clinician types
// them, and a chart's Diagnoses tab opening (its list, with the audit entry).
import type { Core } from '../../main/core/index.ts';
import { seededRandom } from '../../main/core/demo/synthetic.ts';
import { row } from './clients-bench.ts';
import { call, measurePair, type Pair } from './common.ts';
import type { Row } from './stats.ts';

/** What a clinician types while looking for a code: its start in any form, or words (whole and begun). */
export function codeQueries(n: number): string[] {
  const r = seededRandom(20);
  const codes = [
    'F41.1',
    'F32.1',
    'F33.1',
    'F43.10',
    'F43.23',
    'F90.0',
    'F42.2',
    'F10.20',
    'F50.2',
    'F31.81',
  ];
  const words = [
    'panic',
    'generalized anx',
    'depress',
    'major depressive recurrent',
    'adjust',
    'ptsd',
    'alcohol use',
    'attention',
    'bipolar',
    'insomn',
    'anorexia',
    'obsess',
  ];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const code = r.pick(codes);
    const typed = code.slice(0, r.int(1, code.length));
    const forms = [typed, typed.toLowerCase(), typed.replace('.', ''), r.pick(words)];
    out.push(forms[i % forms.length] ?? 'F');
  }
  return out;
}

export async function benchDiagnoses(
  pair: Pair,
  clinicianWindow: string,
  queries: string[],
  clientIds: string[],
): Promise<Row[]> {
  const search = (c: Core, query: string) => call(c, clinicianWindow, 'diagnoses.searchCodes', { query });
  for (const c of [pair.enc, pair.plain]) for (const q of queries.slice(0, 100)) await search(c, q);
  const typeAhead = await measurePair(
    queries,
    (q) => search(pair.enc, q),
    (q) => search(pair.plain, q),
  );
  const list = await measurePair(
    clientIds,
    (clientId) => call(pair.enc, clinicianWindow, 'diagnoses.list', { clientId }),
    (clientId) => call(pair.plain, clinicianWindow, 'diagnoses.list', { clientId }),
  );
  return [
    row('ICD-10-CM code type-ahead (code prefix and words)', typeAhead, 2),
    row("a client's diagnoses (Diagnoses tab, with audit entry)", list, 5),
  ];
}
