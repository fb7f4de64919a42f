// The second-factor room's SQL: the factor row, its recovery-code hashes, the policy setting.
import type { Kysely } from 'kysely';
import type { DB, SecondFactorsTable } from '../../../db/schema.ts';
import { readSetting, writeSetting } from '../settings-store.ts';

export const POLICY_SETTING = 'secondFactor';

export async function getFactor(db: Kysely<DB>, userId: string): Promise<SecondFactorsTable | undefined> {
  return db.selectFrom('second_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function listFactors(db: Kysely<DB>): Promise<{ user_id: string; enrolled_at: string }[]> {
  return db.selectFrom('second_factors').select(['user_id', 'enrolled_at']).execute();
}

export async function unusedRecoveryCodes(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('second_factor_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return row?.n ?? 0;
}

/** Removes a person's factor and every recovery code of theirs. */
export async function deleteFactor(trx: Kysely<DB>, userId: string): Promise<boolean> {
  await trx.deleteFrom('second_factor_recovery_codes').where('user_id', '=', userId).execute();
  const r = await trx.deleteFrom('second_factors').where('user_id', '=', userId).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function insertFactor(
  trx: Kysely<DB>,
  row: SecondFactorsTable,
  recoveryHashes: readonly string[],
): Promise<void> {
  await trx.insertInto('second_factors').values(row).execute();
  await trx
    .insertInto('second_factor_recovery_codes')
    .values(recoveryHashes.map((code_hash) => ({ user_id: row.user_id, code_hash, used_at: null })))
    .execute();
}

/** Moves the last used step forward; false when it already is at `step` or later (a replay). */
export async function advanceStep(trx: Kysely<DB>, userId: string, step: number): Promise<boolean> {
  const r = await trx
    .updateTable('second_factors')
    .set({ last_used_step: step })
    .where('user_id', '=', userId)
    .where('last_used_step', '<', step)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Marks an unused recovery code used; false when there is none with that hash. */
export async function useRecoveryCode(
  trx: Kysely<DB>,
  userId: string,
  codeHash: string,
  at: string,
): Promise<boolean> {
  const r = await trx
    .updateTable('second_factor_recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export const readPolicy = (db: Kysely<DB>): Promise<string | undefined> => readSetting(db, POLICY_SETTING);

export const writePolicy = (trx: Kysely<DB>, value: string, now: string): Promise<void> =>
  writeSetting(trx, POLICY_SETTING, value, now);
