// The backup folder's contents: which folders are finished generations (the only ones ever listed,
// restored or pruned), removing what interrupted runs left (partial copies, generations half-way
// through pruning), and moving a generation out of sight before it is deleted, so a crash in the
// middle of deleting never leaves a broken folder under a backup's name.
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupGeneration } from '../../../preload/contract/backup.ts';
import { fsyncDir } from '../durable-fs.ts';
import { isLeftover, NAME_PATTERN, TRASH_PREFIX } from './format.ts';
import { readManifest } from './verify.ts';

/** Finished generations with their backup ids; throws when the folder cannot be read. */
function readGenerations(folder: string): (BackupGeneration & { backupId: string })[] {
  const out: (BackupGeneration & { backupId: string })[] = [];
  for (const name of readdirSync(folder).filter((n) => NAME_PATTERN.test(n))) {
    try {
      const { body } = readManifest(join(folder, name));
      out.push({
        name,
        backupId: body.backupId,
        createdAt: body.createdAt,
        sizeBytes: body.files.reduce((n, f) => n + f.bytes, 0),
        schemaVersion: body.schemaVersion,
        auditEntries: body.auditHead.count,
      });
    } catch {
      // not a finished backup: never listed, never pruned
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The finished backups in a folder (a manifest that reads; the files are checked at restore), newest first. */
export function listGenerations(folder: string): BackupGeneration[] {
  try {
    return readGenerations(folder).map(({ backupId: _id, ...g }) => g);
  } catch {
    return [];
  }
}

/** The generation a given run wrote (its manifest's backupId), or null; throws if the folder cannot be read. */
export function findGeneration(folder: string, backupId: string): BackupGeneration | null {
  const found = readGenerations(folder).find((g) => g.backupId === backupId);
  if (!found) return null;
  const { backupId: _id, ...g } = found;
  return g;
}

/**
 * Removes partial copies and pruned generations that interrupted runs left (large files: deleted
 * off the event loop). `keep` names a run in progress in this process. Never touches a finished
 * backup or anything Stillwater did not name. Returns how many it removed.
 */
export async function removeLeftovers(folder: string, keep: string | null = null): Promise<number> {
  let removed = 0;
  for (const name of readdirSync(folder)) {
    if (!isLeftover(name) || name === keep) continue;
    await removeGently(join(folder, name));
    removed += 1;
  }
  return removed;
}

/** How much of a large file is given back to the file system at a time, and the pause after each. */
const SLICE_BYTES = 32 * 2 ** 20;
const SLICE_PAUSE_MS = 10;

/**
 * Removes a folder (or file), shrinking each large file in it a slice at a time first. Unlinking
 * a file of hundreds of megabytes frees all its blocks in one journal transaction, and every
 * save's fsync on the main thread (the live database is on the same drive, as a rule) waits
 * behind it: 40–90 ms measured on ext4 while a pruned generation was deleted. Slices, each
 * written out before the next, keep every wait short. Runs on libuv's thread pool.
 */
async function removeGently(path: string): Promise<void> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) if (entry.isFile()) await shrink(join(path, entry.name));
  await rm(path, { recursive: true, force: true });
}

async function shrink(file: string): Promise<void> {
  const handle = await open(file, 'r+').catch(() => null);
  if (!handle) return;
  try {
    for (let size = (await handle.stat()).size - SLICE_BYTES; size > 0; size -= SLICE_BYTES) {
      await handle.truncate(size);
      await handle.datasync();
      await new Promise((resolve) => setTimeout(resolve, SLICE_PAUSE_MS));
    }
  } finally {
    await handle.close();
  }
}

export const trashName = (pruneId: string, name: string): string => `${TRASH_PREFIX}${pruneId}-${name}`;

/**
 * Step one of pruning: each generation is renamed out of sight (one atomic rename each), so the
 * list never shows a generation half-deleted. Returns the names now out of sight, including those
 * an interrupted run had already moved.
 */
export function moveOutOfSight(folder: string, pruneId: string, names: readonly string[]): string[] {
  const moved: string[] = [];
  for (const name of names) {
    if (!NAME_PATTERN.test(name)) continue;
    const trash = join(folder, trashName(pruneId, name));
    if (existsSync(join(folder, name))) renameSync(join(folder, name), trash);
    if (existsSync(trash)) moved.push(name);
  }
  fsyncDir(folder);
  return moved;
}
