// Backup and restore of the benchmark practice: backup time and size, the longest wait of IPC
// calls made while the backup runs (target: none over 50 ms), full verification time, and restore
// on a new computer (verify + copy + migrate + owner sign-in). Called from tests/bench/run.ts.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../main/core/index.ts';
import { createCore } from '../../main/core/index.ts';
import { SEED_ORIGIN } from '../../main/core/demo/seed.ts';
import type { Keychain } from '../../main/core/vault/keychain.ts';
import { call } from './common.ts';
import { stats, type Row } from './stats.ts';

export interface BackupBenchResult {
  rows: Row[];
  backupSeconds: number;
  backupBytes: number;
  restoreSeconds: number;
  longestStallMs: number;
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

  // IPC calls keep coming while the backup runs: each one's latency is a stall if it grows.
  const latencies: number[] = [];
  const flag = { running: true };
  const pinger = (async () => {
    while (flag.running) {
      const t = performance.now();
      await call(core, clinicianWindow, 'notes.myDrafts', {});
      latencies.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const t0 = performance.now();
  const status = await call(core, ownerWindow, 'backup.runNow', {});
  const backupSeconds = (performance.now() - t0) / 1000;
  flag.running = false;
  await pinger;
  if (!status.lastVerified) throw new Error(`backup failed: ${status.lastFailure?.message ?? 'unknown'}`);
  const [gen] = await call(core, ownerWindow, 'backup.listGenerations', {});
  if (!gen) throw new Error('no backup listed');

  // Restore on a "new computer": its own folder and keychain, the first-run channels.
  const fresh = createCore({
    dataDir: join(workDir, 'restored'),
    keychain: options.keychain,
    allowedOrigins: [SEED_ORIGIN],
    pickPath: () => Promise.resolve(join(folder, gen.name)),
  });
  const t1 = performance.now();
  await call(fresh, 'restore', 'backup.chooseRestoreFile', {});
  await call(fresh, 'restore', 'backup.restoreFirstRun', {
    recoveryKey: options.recoveryKey,
    username: options.ownerLogin,
    newPassword: 'bench-restore-harbor-quince-58',
  });
  const restoreSeconds = (performance.now() - t1) / 1000;
  await fresh.shutdown();
  rmSync(join(workDir, 'restored'), { recursive: true, force: true });

  const s = stats(latencies);
  const rows: Row[] = [
    {
      operation: `IPC call during backup (${String(s.n)} calls, max = longest stall)`,
      encrypted: s,
      plain: null,
      target: 'max < 50 ms',
      pass: s.max < 50,
    },
  ];
  return { rows, backupSeconds, backupBytes: gen.sizeBytes, restoreSeconds, longestStallMs: s.max };
}
