// The owner's "rotate the data key" (issue 21): after someone leaves, or after a suspected leak.
// Only while the owner is the only one signed in (every other session would have to be ended in
// the middle of its work; the owner asks people to sign out first and the refusal says how many
// are in). The rotation itself is in rotate-key.ts; this is the one path every caller takes.
import type { Session } from '../sessions/index.ts';
import { actorOf, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { RotateStage } from './rotate-key.ts';

export interface DataKeyDeps {
  /** A backup in progress reads the database under the old key: it finishes first. */
  whenBackupIdle: () => Promise<void>;
  /** The audit integrity check's timers stop while the database is closed (they restart at reopen). */
  stopIntegrity: () => void;
  /** What every unlock sets up on the opened database (its connection is new after the rotation). */
  afterReopen: () => Promise<void>;
  onStage?: ((stage: RotateStage) => void) | undefined;
}

export class DataKeyService {
  private readonly ctx: CoreContext;
  private readonly deps: DataKeyDeps;

  constructor(ctx: CoreContext, deps: DataKeyDeps) {
    this.ctx = ctx;
    this.deps = deps;
  }

  async rotate(
    session: Session,
    input: { newRecoveryKey: boolean; recoveryKey?: string | undefined },
  ): Promise<{ recoveryKey: string | null }> {
    if (session.role !== 'owner') throw new AppError('FORBIDDEN', 'Only the owner can rotate the data key.');
    const others = this.ctx.sessions.all().filter((s) => s.windowId !== session.windowId);
    if (others.length > 0) {
      throw new AppError(
        'CONFLICT',
        `${String(others.length)} other ${others.length === 1 ? 'window is' : 'windows are'} signed in. Everyone else must sign out before the data key is rotated.`,
      );
    }
    const kept = input.newRecoveryKey ? null : (input.recoveryKey ?? '');
    if (kept === '') {
      throw new AppError('INVALID_INPUT', 'Enter the current recovery key to keep it.', {
        fields: [{ path: 'recoveryKey', message: 'Enter the current recovery key to keep it.' }],
      });
    }
    await this.deps.whenBackupIdle();
    const { ctx } = this;
    ctx.checkpointer.cancel();
    await ctx.checkpointer.settled();
    await ctx.vault.saveAuditHead(await ctx.audit.head(readDb(ctx)));
    let reopened = false;
    const result = await ctx.vault
      .rotateDataKey(
        kept,
        async (db, facts) => {
          // Written into the re-encrypted copy: it is in the log exactly when the rotation is.
          await ctx.audit.append(db, actorOf(session), {
            action: 'vault.dataKeyRotated',
            detail: {
              newRecoveryKey: input.newRecoveryKey,
              slotsRewrapped: facts.slots,
              oneTimeCodesRewrapped: facts.oneTimeSlots,
            },
          });
        },
        {
          beforeClose: () => {
            reopened = true;
            this.deps.stopIntegrity();
          },
          onStage: this.deps.onStage,
        },
      )
      .finally(async () => {
        // Open under the old key (the rotation failed before closing) or the new: folds aside again.
        if (ctx.vault.isOpen) ctx.checkpointer.resume();
        // The database was closed and opened again (under whichever key is now in place).
        if (reopened && ctx.vault.isOpen) await this.deps.afterReopen();
      });
    await ctx.vault.saveAuditHead(await ctx.audit.head(readDb(ctx)));
    return result;
  }
}
