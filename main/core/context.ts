// What every service is handed at construction: no module-level state anywhere in core.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayIso } from '../../preload/contract/clients.ts';
import type { AuditActor, AuditEvent, AuditService } from './audit/index.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { Session, SessionManager } from './sessions/index.ts';
import type { IdleCheckpointer, Vault } from './vault/index.ts';

export interface CoreContext {
  readonly vault: Vault;
  readonly audit: AuditService;
  readonly sessions: SessionManager;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly checkpointer: IdleCheckpointer;
}

export const actorOf = (s: Pick<Session, 'userId' | 'username'>): AuditActor => ({
  userId: s.userId,
  username: s.username,
});

export const nowIso = (ctx: Pick<CoreContext, 'clock'>): string => new Date(ctx.clock.now()).toISOString();

/** Today's calendar date where the practice is (this computer's time zone), as the forms use it. */
export const todayLocal = (ctx: Pick<CoreContext, 'clock'>): string => todayIso(new Date(ctx.clock.now()));

/** Runs a multi-step change in one transaction and schedules the idle checkpoint after it. */
export async function inTransaction<T>(ctx: CoreContext, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const result = await ctx.vault.db.db.transaction().execute(fn);
  ctx.checkpointer.noteWrite();
  return result;
}

/**
 * An audit entry on its own (a read, a sign-in, a refusal): one transaction that writes only it.
 * A change and its entry go together through inTransaction instead.
 */
export const recordAudit = (
  ctx: CoreContext,
  actor: AuditActor,
  event: AuditEvent,
): Promise<{ seq: number; hash: string }> => inTransaction(ctx, (trx) => ctx.audit.append(trx, actor, event));

/** Reads without a transaction. */
export const readDb = (ctx: CoreContext): Kysely<DB> => ctx.vault.db.db;
