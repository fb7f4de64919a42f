// File steps of a restore: the current database and keyring are moved aside into a dated folder
// (never overwritten, never deleted), and the backup's database is copied in under a temporary
// name and renamed into place once it is whole on disk.
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, KEYRING_FILE, KEYRING_PREVIOUS } from '../vault/index.ts';
import { fsyncDir } from '../durable-fs.ts';
import { DATABASE_NAME } from './format.ts';

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

/** Copies the backup's database into the data folder (which must have none). */
export function placeDatabase(dataDir: string, backupDir: string): void {
  const target = join(dataDir, DATABASE_FILE);
  if (existsSync(target)) throw new Error('a database is already in place');
  const tmp = `${target}.restoring`;
  copyFileSync(join(backupDir, DATABASE_NAME), tmp);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, target);
  fsyncDir(dataDir);
}
