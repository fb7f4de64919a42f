// Removing what pruning and interrupted runs left in the backup folder: a pruned generation's
// database (hundreds of MB in a real practice) is given back a slice at a time before it is
// unlinked, so a save's fsync never waits behind one huge delete; nothing Stillwater did not name
// is touched, and a finished backup never is.
import { existsSync, mkdirSync, openSync, closeSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeLeftovers } from '../../../main/core/backup/folder.ts';
import { DATABASE_NAME, TEMP_PREFIX, TRASH_PREFIX } from '../../../main/core/backup/format.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

/** A file of `mib` MiB of real (not sparse) bytes. */
function bigFile(path: string, mib: number): void {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(2 ** 20, 7);
  try {
    for (let i = 0; i < mib; i++) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
}

describe('removeLeftovers', () => {
  it('removes a pruned generation larger than several slices, and a partial copy, and nothing else', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const trash = join(dir.path, `${TRASH_PREFIX}prune1-stillwater-backup-2026-01-01T0000`);
    const partial = join(dir.path, `${TEMP_PREFIX}run1`);
    const kept = join(dir.path, 'holiday-photos');
    for (const d of [trash, partial, kept]) mkdirSync(d);
    bigFile(join(trash, DATABASE_NAME), 100);
    writeFileSync(join(trash, 'manifest.json'), '{}');
    bigFile(join(partial, DATABASE_NAME), 3);
    writeFileSync(join(kept, 'a.txt'), 'not ours');
    expect(await removeLeftovers(dir.path)).toBe(2);
    expect(existsSync(trash)).toBe(false);
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(join(kept, 'a.txt'))).toBe(true);
  });

  it('keeps the run in progress it is told to keep', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const running = `${TEMP_PREFIX}run2`;
    mkdirSync(join(dir.path, running));
    writeFileSync(join(dir.path, running, DATABASE_NAME), 'x');
    expect(await removeLeftovers(dir.path, running)).toBe(0);
    expect(existsSync(join(dir.path, running, DATABASE_NAME))).toBe(true);
  });
});
