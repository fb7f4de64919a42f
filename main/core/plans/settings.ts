// The practice's plan review interval (days from a plan's signing to its first review; 90 unless
// the owner sets another), kept in the settings table under its own key and read through zod.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { DEFAULT_PLAN_REVIEW_DAYS, PlanSettings } from '../../../preload/contract/plan-channels.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import { readSetting, writeSetting } from '../settings-store.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

export const SETTINGS_KEY = 'plan-review';

export async function planSettings(db: Kysely<DB>): Promise<PlanSettings> {
  const text = await readSetting(db, SETTINGS_KEY);
  if (text === undefined) return { reviewDays: DEFAULT_PLAN_REVIEW_DAYS };
  return parseStored(
    PlanSettings,
    text,
    () =>
      new UnreadableRecord(
        { type: 'settings', id: SETTINGS_KEY },
        unreadableMessage('setting', 'Set the plan review interval again in Settings.'),
      ),
  );
}

/** The owner's change of the interval (the router allows the owner only), audited with it. */
export async function updatePlanSettings(
  ctx: CoreContext,
  session: Session,
  input: PlanSettings,
): Promise<PlanSettings> {
  const before = await planSettings(readDb(ctx));
  await inTransaction(ctx, async (trx) => {
    await writeSetting(trx, SETTINGS_KEY, JSON.stringify(input), nowIso(ctx));
    await ctx.audit.append(trx, actorOf(session), {
      action: 'plan.settingsUpdate',
      targetType: 'settings',
      targetId: SETTINGS_KEY,
      detail: { before: before.reviewDays, after: input.reviewDays },
    });
  });
  return planSettings(readDb(ctx));
}
