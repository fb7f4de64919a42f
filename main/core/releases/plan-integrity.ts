// A signed treatment plan version whose stored hashes no longer match what was signed (the plans
// room marks it 'altered' on every read) never leaves: like a tampered note, the preview and the
// approval are refused, audited, until the practice owner has looked into it (45 CFR 164.312(c)(1)).
// After approval a change on disk also changes the version's release hash, which export catches.
import { actorOf, inTransaction, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import type { RequestRow } from './queries.ts';
import type { ChartRecords, ItemRef } from './records.ts';

/** The plan versions among these items that the plans room reports altered after signing. */
export function alteredAmong(chart: ChartRecords, items: readonly ItemRef[]) {
  const ids = new Set(items.filter((i) => i.kind === 'treatment_plan').map((i) => i.id));
  return chart.plans.filter((p) => ids.has(p.id) && p.integrity === 'altered');
}

export async function refuseAlteredPlans(
  ctx: CoreContext,
  session: Session,
  r: RequestRow,
  plans: readonly { id: string; version: number }[],
): Promise<never> {
  await inTransaction(ctx, async (trx) => {
    for (const plan of plans) {
      await ctx.audit.append(trx, actorOf(session), {
        action: 'plan.integrityFailed',
        targetType: 'client',
        targetId: r.client_id,
        detail: { planId: plan.id, version: plan.version, releaseId: r.id },
      });
    }
  });
  ctx.logger.log('error', 'releases.planIntegrityFailed', { count: plans.length });
  const versions = plans.map((p) => String(p.version)).join(', ');
  throw new AppError(
    'CONFLICT',
    `Treatment plan version${plans.length === 1 ? '' : 's'} ${versions} in this selection failed the integrity check (changed after signing). Nothing can be released until the practice owner has looked into it.`,
  );
}
