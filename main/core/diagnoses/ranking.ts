// The ranked list as a claim form orders it: 1 is primary, up to MAX_RANKED_DIAGNOSES, no gaps.
// Active and in-remission diagnoses are ranked; resolved and entered-in-error ones leave the list
// and the rest close up. A move is a new version of each diagnosis whose rank changed.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import {
  MAX_RANKED_DIAGNOSES,
  type Diagnosis,
  type DiagnosisStatus,
} from '../../../preload/contract/diagnoses.ts';
import { AppError } from '../errors.ts';
import { insertVersion } from './queries.ts';

export const ranked = (status: DiagnosisStatus): boolean => status === 'active' || status === 'in_remission';

export const fullList = (): AppError =>
  new AppError(
    'CONFLICT',
    `A claim form carries ${String(MAX_RANKED_DIAGNOSES)} diagnoses: this list is full. Resolve one, or mark it entered in error, before adding another.`,
  );

/**
 * Gives every diagnosis of `order` the rank of its place, writing a new version for each whose rank
 * changed (except `skip`, whose version the caller wrote), in the caller's transaction. Returns how
 * many moved.
 */
export async function renumber(
  trx: Kysely<DB>,
  byUser: string,
  current: readonly Diagnosis[],
  order: readonly string[],
  skip: string | null,
  now: string,
): Promise<number> {
  let moved = 0;
  for (const [i, id] of order.entries()) {
    const d = current.find((x) => x.id === id);
    if (!d || id === skip || d.current.rank === i + 1) continue;
    await insertVersion(trx, {
      diagnosis_id: d.id,
      version: d.current.version + 1,
      client_id: d.clientId,
      status: d.current.status,
      rank: i + 1,
      onset_date: d.current.onsetDate,
      reason: null,
      by_user: byUser,
      at: now,
    });
    moved++;
  }
  return moved;
}
