// A stored record that could not be read, in the audit log ('record.unreadable'): which kind of
// record, its id when known, and where it was read (a request's channel, or a load at unlock).
// Never its content. Written in a transaction of its own, so the entry stays although the read
// that found the damage was refused and its own work undone.
import { actorOf, recordAudit, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import type { StoredRecord } from '../stored-json.ts';
import { SYSTEM_ACTOR } from './service.ts';

export async function auditUnreadable(
  ctx: CoreContext,
  session: Pick<Session, 'userId' | 'username'> | null,
  record: StoredRecord,
  readBy: string,
): Promise<void> {
  // With the vault closed there is no log to write to.
  if (!ctx.vault.isOpen) return;
  await recordAudit(ctx, session ? actorOf(session) : SYSTEM_ACTOR, {
    action: 'record.unreadable',
    targetType: record.type,
    ...(record.id !== null ? { targetId: record.id } : {}),
    detail: { readBy },
  });
  ctx.logger.log('error', 'storedRecord.unreadable', { code: record.type, channel: readBy });
}

/** The router's hook: every request refused because a stored row did not parse is audited here. */
export const recordUnreadable =
  (ctx: CoreContext) =>
  (u: { session: Session | null; channel: string; record: StoredRecord }): Promise<void> =>
    auditUnreadable(ctx, u.session, u.record, u.channel);
