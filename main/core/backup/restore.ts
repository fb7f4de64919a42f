// File steps of a restore: the backup's database is copied in under a temporary name and checked
// there (in the backup worker), the current database and keyring are moved aside into a dated
// folder (never overwritten, never deleted), and the checked copy is renamed into place.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DATABASE_FILE, KEYRING_FILE, KEYRING_PREVIOUS } from '../vault/index.ts';
import { fsyncDir } from '../durable-fs.ts';
import type { RestoreCheckResult, RestoreOwnerInput } from './restore-check.ts';
import { runBackupWorker } from './writer.ts';

const LIVE_FILES = [
  DATABASE_FILE,
  `${DATABASE_FILE}-wal`,
  `${DATABASE_FILE}-shm`,
  KEYRING_FILE,
  KEYRING_PREVIOUS,
];

/** Moves the live database and keyring into `kept-before-restore-<stamp>`; returns the folder name. */
export function keepAside(dataDir: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '').slice(0, 17);
  let name = `kept-before-restore-${stamp}Z`;
  for (let n = 2; existsSync(join(dataDir, name)); n++) name = `kept-before-restore-${stamp}Z-${String(n)}`;
  const aside = join(dataDir, name);
  mkdirSync(aside, { mode: 0o700 });
  for (const f of LIVE_FILES) {
    if (existsSync(join(dataDir, f))) renameSync(join(dataDir, f), join(aside, f));
  }
  fsyncDir(aside);
  fsyncDir(dataDir);
  return name;
}

/** Where restore's worker copies the backup's database before it is renamed into place. */
export const restoringFile = (dataDir: string): string => join(dataDir, `${DATABASE_FILE}.restoring`);

/**
 * Copies the backup's database into the data folder under a temporary name and checks the copy
 * there, in the backup worker (no synchronous copy on the event loop that answers IPC calls).
 * A leftover of an interrupted restore is removed first.
 */
export async function copyInChecked(
  dataDir: string,
  backupDir: string,
  dataKey: Buffer,
  owner: RestoreOwnerInput | null = null,
): Promise<RestoreCheckResult> {
  const tmp = restoringFile(dataDir);
  await rm(tmp, { force: true });
  return runBackupWorker<RestoreCheckResult>({
    kind: 'restore',
    dir: backupDir,
    target: tmp,
    key: new Uint8Array(dataKey),
    owner,
  });
}

/** Renames the checked copy into place (the data folder must have no database by now). */
export function placeDatabase(dataDir: string): void {
  const target = join(dataDir, DATABASE_FILE);
  if (existsSync(target)) throw new Error('a database is already in place');
  renameSync(restoringFile(dataDir), target);
  fsyncDir(dataDir);
}
