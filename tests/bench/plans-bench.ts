// Opening a treatment plan (issue 20: p95 ≤ 5 ms at 10,000 clients): plans.get on signed plans of
// 3 problems and 10 objectives of the bench clinician's caseload, as the plan view asks for it
// (the plan with its hashes checked, its reviews, the diagnoses it names, the notes' marks, the
// screening trends, the audit entry).
import type { Core } from '../../main/core/index.ts';
import { row } from './clients-bench.ts';
import { call, measurePair, type Pair } from './common.ts';
import type { Row } from './stats.ts';

/** Up to `n` signed plans of 3 problems and 10 objectives on this clinician's caseload. */
export function fullPlans(core: Core, clinicianId: string, n: number): string[] {
  return (
    core.ctx.vault.db.sqlite
      .prepare(
        `SELECT p.id FROM treatment_plans p JOIN clients c ON c.id = p.client_id
         WHERE p.status = 'signed' AND c.primary_clinician_id = ?
           AND json_array_length(p.content, '$.problems') = 3
         ORDER BY random() LIMIT ?`,
      )
      .all(clinicianId, n) as { id: string }[]
  ).map((r) => r.id);
}

export async function benchPlans(pair: Pair, clinicianWindow: string, planIds: string[]): Promise<Row[]> {
  const open = (c: Core, planId: string) => call(c, clinicianWindow, 'plans.get', { planId });
  for (const c of [pair.enc, pair.plain]) for (const id of planIds.slice(0, 20)) await open(c, id);
  const opens = await measurePair(
    planIds,
    (id) => open(pair.enc, id),
    (id) => open(pair.plain, id),
  );
  return [row('opening a plan with 3 problems and 10 objectives', opens, 5)];
}
