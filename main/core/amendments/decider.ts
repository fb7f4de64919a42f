// Who decides an amendment request, the one rule every decision path asks (issue 19; 45 CFR
// 164.526 leaves it to the practice): the author of every record it names, the client's primary
// clinician, or the owner as records custodian. Front desk never. The decider must also be able to
// read each record named (a Part 2 note outside the care team is not theirs to judge).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { ChartAccess } from '../access/index.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import type { AmendmentRecordRow } from './queries.ts';
import { chartRecords, type ChartRecord } from './records.ts';

export type DecidedAs = 'author' | 'primary' | 'custodian';

export const NOT_A_DECIDER = (): AppError =>
  new AppError(
    'FORBIDDEN',
    'Only the author of these records, the client’s primary clinician or the practice owner can decide this request.',
  );

export async function deciderRole(
  db: Kysely<DB>,
  session: Session,
  access: ChartAccess,
  named: readonly AmendmentRecordRow[],
  /** The chart's records as this person may see them, when the caller has them already. */
  available?: readonly ChartRecord[],
): Promise<DecidedAs | null> {
  if (session.role === 'front_desk' || !access.clinical) return null;
  const readable = new Map(
    (available ?? (await chartRecords(db, session, access))).map((r) => [
      `${r.itemKind}\u0000${r.recordId}`,
      r,
    ]),
  );
  const records = named.map((n) => readable.get(`${n.item_kind}\u0000${n.record_id}`));
  if (records.some((r) => r === undefined)) return null;
  if (records.length > 0 && records.every((r) => r?.authorId === session.userId)) return 'author';
  if (access.client.primary_clinician_id === session.userId) return 'primary';
  if (session.role === 'owner') return 'custodian';
  return null;
}
