// The one way a backup, a failed backup or a pruning reaches the audit log: the entry is first kept
// in backup-state.json (durable whether or not the database is open), then copied into the log when
// the vault is open, now or at the next unlock. Each entry names its run (backupId) or pruning
// (pruneId), and one already in the log is never copied again: exactly one entry per event, even
// when the app stops between the two steps.
import { SYSTEM_ACTOR } from '../audit/index.ts';
import { inTransaction, nowIso, type CoreContext } from '../context.ts';
import { journalRecorded } from './queries.ts';
import type { BackupState, BackupStateFile, PendingEntry } from './state-file.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The id an entry is known by in the log, or null for entries written before ids were kept. */
function refOf(entry: PendingEntry): { key: 'backupId' | 'pruneId'; id: string } | null {
  const key = entry.action === 'backup.pruned' ? 'pruneId' : 'backupId';
  const id = entry.detail[key];
  return typeof id === 'string' && UUID.test(id) ? { key, id } : null;
}

const sameEntry = (a: PendingEntry, b: PendingEntry): boolean =>
  a.action === b.action && a.at === b.at && JSON.stringify(a.detail) === JSON.stringify(b.detail);

export class BackupJournal {
  private readonly ctx: CoreContext;
  readonly state: BackupStateFile;

  constructor(ctx: CoreContext, state: BackupStateFile) {
    this.ctx = ctx;
    this.state = state;
  }

  /** A pending entry stamped now. */
  entry(action: PendingEntry['action'], detail: PendingEntry['detail']): PendingEntry {
    return { action, at: nowIso(this.ctx), detail };
  }

  /**
   * Changes the state and keeps `entries` for the log in one atomic write of the state file, then
   * copies what is pending into the log if the vault is open.
   */
  async commit(change: (s: BackupState) => BackupState, ...entries: PendingEntry[]): Promise<void> {
    this.state.update((s) => {
      const next = change(s);
      return { ...next, pending: [...next.pending, ...entries] };
    });
    await this.flush();
  }

  /** Copies pending entries into the open vault's log; with the vault closed they wait for the next unlock. */
  async flush(): Promise<void> {
    const pending = this.state.read().pending;
    if (pending.length === 0 || !this.ctx.vault.isOpen) return;
    try {
      await inTransaction(this.ctx, async (trx) => {
        for (const p of pending) {
          const ref = refOf(p);
          if (ref && (await journalRecorded(trx, p.action, ref.key, ref.id))) continue;
          await this.ctx.audit.append(trx, SYSTEM_ACTOR, { action: p.action, at: p.at, detail: p.detail });
        }
      });
    } catch (error) {
      // The vault closed under us (the last sign-out): the entries stay pending for the next unlock.
      this.ctx.logger.log('warn', 'backup.auditDeferred', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      return;
    }
    this.state.update((s) => ({
      ...s,
      pending: s.pending.filter((x) => !pending.some((p) => sameEntry(p, x))),
    }));
  }
}
