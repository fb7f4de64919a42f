// Reads of lists and search results, logged per client (DESIGN.md section 7; 45 CFR 164.312(b),
// ONC 170.315(d)(2)): every list or search that returns clients' data writes one audit entry naming
// each client it returned that this session had not yet been shown by the same kind of list
// (`clientIds`), with how many it returned (`count`) and how many of those were named by an earlier
// entry of this session (`shownBefore`). So the first time a session sees a client is always named,
// and paging or retyping a search does not repeat the same names on every entry. Ids only: never a
// name or the query typed.
import type { AuditAction } from '../../../preload/contract/audit.ts';
import { actorOf, recordAudit, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';

export class ListReadLog {
  private readonly ctx: CoreContext;
  private readonly action: AuditAction;
  /** Clients already named in this session's entries; a session ends, its set goes with it. */
  private readonly named = new WeakMap<Session, Set<string>>();

  constructor(ctx: CoreContext, action: AuditAction) {
    this.ctx = ctx;
    this.action = action;
  }

  async record(
    session: Session,
    clientIds: readonly string[],
    target: { targetType?: string; targetId?: string } = {},
  ): Promise<void> {
    const shown = [...new Set(clientIds)];
    const named = this.named.get(session) ?? new Set<string>();
    const fresh = shown.filter((id) => !named.has(id));
    await recordAudit(this.ctx, actorOf(session), {
      action: this.action,
      ...target,
      detail: { clientIds: fresh, count: shown.length, shownBefore: shown.length - fresh.length },
    });
    // Only once the entry is committed does a client count as named.
    for (const id of fresh) named.add(id);
    this.named.set(session, named);
  }
}
