// Refused calls in the audit log (DESIGN.md section 3: "a refused call changes nothing and is
// audited as denied"). The router hands every refusal answered to a signed-in session here (each
// FORBIDDEN, and each NOT_FOUND that hides a record which exists); the entry names the actor, the
// channel and the record the call named (an id), never the input.
import { actorOf, recordAudit, type CoreContext } from '../context.ts';
import type { Denial } from '../router.ts';

/** Appends one 'access.denied' entry in its own transaction (the refused call wrote nothing). */
export function recordDenial(ctx: CoreContext): (denial: Denial) => Promise<void> {
  return async ({ session, channel, by, target }) => {
    // With the vault closed there is no log to write to (and no session should be calling).
    if (!ctx.vault.isOpen) return;
    await recordAudit(ctx, actorOf(session), {
      action: 'access.denied',
      ...(target ? { targetType: target.type, targetId: target.id } : {}),
      detail: { channel, by },
    });
  };
}
