// Backup and restore of the benchmark practice (issue 17), each a row with its goal: backup time
// (snapshot and its verification, ≤ 15 s), restore on a new computer (copy while hashing, checks,
// owner sign-in, ≤ 15 s), the longest wait of IPC calls made while each runs (≤ 50 ms), and the
// backup's size (a compacted copy: never larger than the live database). Called from run.ts.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../main/core/index.ts';
import { createCore } from '../../main/core/index.ts';
import { SEED_ORIGIN } from '../../main/core/demo/seed.ts';
import type { Keychain } from '../../main/core/vault/keychain.ts';
import type { Output } from '../../preload/contract.ts';
import { call, waitsDuring } from './common.ts';
import { single, stats, type Row } from './stats.ts';

const SECONDS_GOAL = 15;
const WAIT_GOAL_MS = 50;

export interface BackupBenchResult {
  rows: Row[];
  backupSeconds: number;
  backupBytes: number;
  restoreSeconds: number;
  longestStallMs: number;
  restoreStallMs: number;
}

/**
 * `core` is the seeded encrypted practice with `ownerWindow` signed in as the owner and
 * `clinicianWindow` as a clinician; `workDir` is an empty scratch folder; `recoveryKey` is the
 * practice's recovery key and `ownerLogin` the owner's username, used to restore on a "new
 * computer" (a fresh core over another folder and keychain).
 */
export async function benchBackup(options: {
  core: Core;
  ownerWindow: string;
  clinicianWindow: string;
  workDir: string;
  /** What `core`'s backup folder picker answers next. */
  backupPick: { next: string | null };
  recoveryKey: string;
  ownerLogin: string;
  keychain: Keychain;
}): Promise<BackupBenchResult> {
  const { core, ownerWindow, clinicianWindow, workDir } = options;
  const folder = join(workDir, 'backups');
  mkdirSync(folder, { recursive: true });
  // The owner chooses the folder, as in the app (the picker answers with it).
  options.backupPick.next = folder;
  await call(core, ownerWindow, 'backup.chooseFolder', {});

  const liveFile = core.ctx.vault.databaseFile;
  const liveBytes = [liveFile, `${liveFile}-wal`].reduce(
    (n, f) => n + (existsSync(f) ? statSync(f).size : 0),
    0,
  );
  // IPC calls keep coming while the backup runs: each one's latency is a stall if it grows.
  let status: Output<'backup.runNow'> | null = null;
  const t0 = performance.now();
  const backupWaits = await waitsDuring(core, clinicianWindow, async () => {
    status = await call(core, ownerWindow, 'backup.runNow', {});
  });
  const backupSeconds = (performance.now() - t0) / 1000;
  const done = status as Output<'backup.runNow'> | null;
  if (!done?.lastVerified) throw new Error(`backup failed: ${done?.lastFailure?.message ?? 'unknown'}`);
  const [gen] = await call(core, ownerWindow, 'backup.listGenerations', {});
  if (!gen) throw new Error('no backup listed');

  // Restore on a "new computer": its own folder and keychain, the first-run channels. The practice
  // that was backed up keeps answering calls in the same process meanwhile.
  const fresh = createCore({
    dataDir: join(workDir, 'restored'),
    keychain: options.keychain,
    allowedOrigins: [SEED_ORIGIN],
    pickPath: () => Promise.resolve(join(folder, gen.name)),
  });
  const t1 = performance.now();
  const restoreWaits = await waitsDuring(core, clinicianWindow, async () => {
    await call(fresh, 'restore', 'backup.chooseRestoreFile', {});
    await call(fresh, 'restore', 'backup.restoreFirstRun', {
      recoveryKey: options.recoveryKey,
      username: options.ownerLogin,
      newPassword: 'bench-restore-harbor-quince-58',
    });
  });
  const restoreSeconds = (performance.now() - t1) / 1000;
  await fresh.shutdown();
  rmSync(join(workDir, 'restored'), { recursive: true, force: true });

  const b = stats(backupWaits);
  const r = stats(restoreWaits);
  const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const rows: Row[] = [
    {
      operation: `backup of the whole practice, verified (${mib(gen.sizeBytes)})`,
      encrypted: single(backupSeconds),
      plain: null,
      unit: 's',
      target: `<= ${String(SECONDS_GOAL)} s`,
      pass: backupSeconds <= SECONDS_GOAL,
    },
    {
      operation: 'restore on a new computer (copy while hashing, checks, owner sign-in)',
      encrypted: single(restoreSeconds),
      plain: null,
      unit: 's',
      target: `<= ${String(SECONDS_GOAL)} s`,
      pass: restoreSeconds <= SECONDS_GOAL,
    },
    {
      operation: `IPC call during backup (${String(b.n)} calls, max = longest wait)`,
      encrypted: b,
      plain: null,
      target: `max <= ${String(WAIT_GOAL_MS)} ms`,
      pass: b.n > 0 && b.max <= WAIT_GOAL_MS,
    },
    {
      operation: `IPC call during restore (${String(r.n)} calls, max = longest wait)`,
      encrypted: r,
      plain: null,
      target: `max <= ${String(WAIT_GOAL_MS)} ms`,
      pass: r.n > 0 && r.max <= WAIT_GOAL_MS,
    },
    {
      operation: `backup size (live database ${mib(liveBytes)})`,
      encrypted: single(gen.sizeBytes / 2 ** 20),
      plain: null,
      unit: 'MiB',
      target: '<= live database',
      measured: `${mib(gen.sizeBytes)} (${((gen.sizeBytes / Math.max(1, liveBytes)) * 100).toFixed(0)}% of live)`,
      pass: gen.sizeBytes <= liveBytes,
    },
  ];
  return {
    rows,
    backupSeconds,
    backupBytes: gen.sizeBytes,
    restoreSeconds,
    longestStallMs: b.max,
    restoreStallMs: r.max,
  };
}
