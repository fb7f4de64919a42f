// The backup state beside the database (backup-state.json): when the last verified backup was
// made, the last failure's reason code, the journal of a run in progress and of a pruning in
// progress (so a crash in either is finished and audited at the next unlock), and audit entries
// not yet in the log (a backup that finished while the database was closed; copied in at the
// next unlock, like failed sign-ins). It holds dates, ids, folder names and reason codes only:
// no record content, no path, no key.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BackupFailureReason } from '../../../preload/contract/backup.ts';
import { writeFileAtomic } from '../durable-fs.ts';

const iso = z.iso.datetime();

/** An audit entry kept until the log has it; its backupId or pruneId says whether the log does. */
export const PendingEntry = z.strictObject({
  action: z.enum(['backup.create', 'backup.failed', 'backup.pruned']),
  at: iso,
  detail: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(1000)]),
  ),
});
export type PendingEntry = z.infer<typeof PendingEntry>;

export const BackupState = z.strictObject({
  lastSuccess: z
    .strictObject({ name: z.string().max(200), at: iso, auditCount: z.number().int().nonnegative() })
    .nullable(),
  lastFailure: z.strictObject({ at: iso, reason: BackupFailureReason }).nullable(),
  /** A backup started and not yet ended (written as it starts; cleared with its audit entry). */
  inFlight: z.strictObject({ backupId: z.uuid(), startedAt: iso }).nullable().default(null),
  /** Generations chosen for pruning and not yet out of sight and audited. */
  pruning: z
    .strictObject({ pruneId: z.uuid(), names: z.array(z.string().max(200)).max(1000) })
    .nullable()
    .default(null),
  pending: z.array(PendingEntry).max(200),
  /** Restored on a new computer: the stored folder is the old computer's; the owner chooses again. */
  chooseFolderAgain: z.boolean().default(false),
});
export type BackupState = z.output<typeof BackupState>;

export const STATE_FILE = 'backup-state.json';
const EMPTY: BackupState = {
  lastSuccess: null,
  lastFailure: null,
  inFlight: null,
  pruning: null,
  pending: [],
  chooseFolderAgain: false,
};

export class BackupStateFile {
  private readonly path: string;
  constructor(dataDir: string) {
    this.path = join(dataDir, STATE_FILE);
  }

  read(): BackupState {
    if (!existsSync(this.path)) return { ...EMPTY, pending: [] };
    try {
      return BackupState.parse(JSON.parse(readFileSync(this.path, 'utf8')));
    } catch {
      return { ...EMPTY, pending: [] };
    }
  }

  update(fn: (s: BackupState) => BackupState): BackupState {
    const next = fn(this.read());
    next.pending = next.pending.slice(-200);
    writeFileAtomic(this.path, `${JSON.stringify(BackupState.parse(next), null, 2)}\n`);
    return next;
  }
}
