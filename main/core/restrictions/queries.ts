// The restriction register's SQL (the room owns restriction_requests) and the row codec: stored
// JSON is read through the contract's schemas (STYLE.md rule 17), never cast.
import type { Kysely, Selectable, Updateable } from 'kysely';
import { z } from 'zod';
import type { DB, RestrictionRequestsTable } from '../../../db/schema.ts';
import {
  RestrictedPurpose,
  RestrictionRecipient,
  RestrictionScope,
} from '../../../preload/contract/restrictions.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';
import type { RestrictionView } from './rules.ts';

export type RestrictionRow = Selectable<RestrictionRequestsTable>;

export async function insertRestriction(db: Kysely<DB>, row: RestrictionRow): Promise<void> {
  await db.insertInto('restriction_requests').values(row).execute();
}

export async function updateRestriction(
  db: Kysely<DB>,
  id: string,
  change: Updateable<RestrictionRequestsTable>,
): Promise<void> {
  await db.updateTable('restriction_requests').set(change).where('id', '=', id).execute();
}

export const getRestriction = (db: Kysely<DB>, id: string): Promise<RestrictionRow | undefined> =>
  db.selectFrom('restriction_requests').selectAll().where('id', '=', id).executeTakeFirst();

/** A chart's register, newest first. */
export const clientRestrictions = (db: Kysely<DB>, clientId: string): Promise<RestrictionRow[]> =>
  db
    .selectFrom('restriction_requests')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('received_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();

/** The rows a release must respect: agreed, or ended by the practice (which leaves older records covered). */
export const bindingRestrictions = (db: Kysely<DB>, clientId: string): Promise<RestrictionRow[]> =>
  db
    .selectFrom('restriction_requests')
    .selectAll()
    .where('client_id', '=', clientId)
    .where((w) =>
      w.or([
        w('status', '=', 'agreed'),
        w.and([w('status', '=', 'terminated'), w('terminated_how', '=', 'practice_notice')]),
      ]),
    )
    .orderBy('received_on')
    .orderBy('created_at')
    .execute();

const damaged = (id: string) => () =>
  new UnreadableRecord(
    { type: 'restriction', id },
    unreadableMessage('restriction request', 'Nothing was released.'),
  );

export function parseRestriction(row: RestrictionRow): RestrictionView {
  return {
    id: row.id,
    receivedOn: row.received_on,
    selfPay: row.self_pay === 1,
    scope: parseStored(RestrictionScope, row.scope, damaged(row.id)),
    recipient: parseStored(RestrictionRecipient, row.recipient, damaged(row.id)),
    purposes: parseStored(z.array(RestrictedPurpose), row.purposes, damaged(row.id)),
    status: row.status,
    decidedOn: row.decided_on,
    terminatedOn: row.terminated_on,
    terminatedHow: row.terminated_how,
  };
}
