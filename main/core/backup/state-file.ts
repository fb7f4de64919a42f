// The backup state beside the database (backup-state.json): when the last verified backup was
// made, the last failure's reason code, and audit entries for backups that finished while the
// database was closed (copied into the audit log at the next unlock, like failed sign-ins).
// It holds dates, folder names and reason codes only: no record content, no path, no key.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BackupFailureReason } from '../../../preload/contract/backup.ts';
import { writeFileAtomic } from './atomic.ts';

const iso = z.iso.datetime();

export const BackupState = z.strictObject({
  lastSuccess: z
    .strictObject({ name: z.string().max(200), at: iso, auditCount: z.number().int().nonnegative() })
    .nullable(),
  lastFailure: z.strictObject({ at: iso, reason: BackupFailureReason }).nullable(),
  pending: z
    .array(
      z.strictObject({
        action: z.enum(['backup.create', 'backup.failed']),
        at: iso,
        detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      }),
    )
    .max(200),
});
export type BackupState = z.infer<typeof BackupState>;

export const STATE_FILE = 'backup-state.json';
const EMPTY: BackupState = { lastSuccess: null, lastFailure: null, pending: [] };

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
