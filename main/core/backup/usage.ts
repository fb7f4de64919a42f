// How much room the backup folder has (issue 17): what Stillwater's backups in it take on disk, the
// drive's free space, and whether keeping as many backups as retention allows, at the size of the
// newest one, would fill the drive — said in a sentence for the owner before it happens.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  formatBytes,
  type BackupFolderUsage,
  type BackupSettings,
  type RetentionPolicy,
} from '../../../preload/contract/backup.ts';
import { listGenerations } from './folder.ts';
import { realIo, type BackupIo } from './writer.ts';

/** Headroom for growth: a practice's database grows with every note, so its backups do too. */
export const GROWTH_MARGIN = 0.1;

/**
 * The most backups the policy can keep at once: one per day, week and month it names (the newest
 * backup always falls in the daily set). Overlaps make the real count a little smaller; the upper
 * bound is what the drive must hold to be safe.
 */
export const mostKept = (policy: RetentionPolicy): number => policy.daily + policy.weekly + policy.monthly;

/** The bytes of every file under `path` as the file system reports them (links are not followed). */
async function bytesUnder(path: string): Promise<number> {
  const info = await lstat(path);
  if (!info.isDirectory()) return info.isFile() ? info.size : 0;
  let total = 0;
  for (const name of await readdir(path)) total += await bytesUnder(join(path, name));
  return total;
}

/** The warning when keeping `keeps` backups of `latest` bytes would not fit; null when it would. */
function projectionWarning(u: {
  keeps: number;
  latest: number;
  backupCount: number;
  totalBytes: number;
  freeBytes: number;
}): string | null {
  // A new backup is written in full before the oldest is pruned: at the peak the folder holds one
  // more than the policy keeps.
  const perBackup = u.latest * (1 + GROWTH_MARGIN);
  const room = u.freeBytes + u.totalBytes;
  // Whole bytes: a fractional product must not decide by one rounding step whether it fits.
  if (Math.ceil((u.keeps + 1) * u.latest * (1 + GROWTH_MARGIN)) <= room) return null;
  const fits = Math.max(0, Math.floor(room / perBackup) - 1);
  const roomFor = fits === 0 ? 'not enough for the next backup' : `room for about ${String(fits)}`;
  const here =
    u.backupCount === 1
      ? `the backup already here uses ${formatBytes(u.totalBytes)}`
      : `the ${String(u.backupCount)} backups already here use ${formatBytes(u.totalBytes)}`;
  return (
    `Keeping ${String(u.keeps)} backups of ${formatBytes(u.latest)} needs about ${formatBytes(u.keeps * u.latest)}; ` +
    `${here} and this drive has ${formatBytes(u.freeBytes)} free, ${roomFor}. ` +
    'Choose a bigger drive or keep fewer backups.'
  );
}

/**
 * The folder's figures. Only finished Stillwater backups count (folders named like one whose
 * manifest reads); anything else in the folder is the owner's and is neither measured nor touched.
 * A folder that is not chosen or cannot be read has no figures (the backup status says why).
 */
export async function folderUsage(
  settings: BackupSettings,
  io: BackupIo = realIo,
): Promise<BackupFolderUsage> {
  const keeps = mostKept(settings.retention);
  const none: BackupFolderUsage = {
    reachable: false,
    backupCount: 0,
    totalBytes: 0,
    latestBytes: null,
    freeBytes: null,
    retentionKeeps: keeps,
    neededBytes: null,
    warning: null,
  };
  const folder = settings.folder;
  if (!folder) return none;
  let freeBytes: number;
  let sizes: number[];
  try {
    freeBytes = Math.max(0, Math.floor(io.freeBytes(folder)));
    // Newest first, so sizes[0] is the latest backup.
    const generations = listGenerations(folder);
    sizes = [];
    for (const g of generations) sizes.push(await bytesUnder(join(folder, g.name)));
  } catch {
    return none;
  }
  const totalBytes = sizes.reduce((n, s) => n + s, 0);
  const latest = sizes[0] ?? null;
  return {
    reachable: true,
    backupCount: sizes.length,
    totalBytes,
    latestBytes: latest,
    freeBytes,
    retentionKeeps: keeps,
    neededBytes: latest === null ? null : keeps * latest,
    warning:
      latest === null
        ? null
        : projectionWarning({ keeps, latest, backupCount: sizes.length, totalBytes, freeBytes }),
  };
}
