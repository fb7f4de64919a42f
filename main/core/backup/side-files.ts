// Files kept beside the backups, in the backup folder itself, not inside any one backup: what
// must outlive every older backup. Today that is the destruction register (retention/register.ts,
// sealed under the practice's data key): a chart destroyed after a backup was made must not come
// back when that backup is restored on a new computer, whose data folder starts empty. Copied out
// after every backup and after every destruction; copied in at a first-run restore, before the
// database opens, when the new data folder has none.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../durable-fs.ts';

/** The destruction register's file name (retention's REGISTER_FILE; a test keeps the two equal). */
export const SIDE_FILES: readonly string[] = ['destroyed-charts.json'];

/** Copies each side file the data folder has into the backup folder (replacing an older copy). */
export function carryOut(dataDir: string, backupFolder: string): void {
  for (const name of SIDE_FILES) {
    const from = join(dataDir, name);
    if (existsSync(from)) writeFileAtomic(join(backupFolder, name), readFileSync(from, 'utf8'));
  }
}

/** Copies each side file the backup folder has into a data folder that has none (a new computer). */
export function carryIn(backupFolder: string, dataDir: string): void {
  for (const name of SIDE_FILES) {
    const from = join(backupFolder, name);
    const to = join(dataDir, name);
    if (existsSync(from) && !existsSync(to)) writeFileAtomic(to, readFileSync(from, 'utf8'));
  }
}
