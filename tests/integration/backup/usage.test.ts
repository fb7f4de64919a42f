// The backup folder's room (issue 17): the total size of Stillwater's backups and the drive's free
// space as Settings shows them, and the warning before retention would fill the drive.
import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NAME_PATTERN } from '../../../main/core/backup/format.ts';
import { GROWTH_MARGIN, mostKept } from '../../../main/core/backup/usage.ts';
import { realIo } from '../../../main/core/backup/writer.ts';
import { BACKUP_DEFAULTS } from '../../../preload/contract/backup.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { practiceWithBackupFolder } from '../../helpers/backup-folder.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const practiceWithFolder = (options: Parameters<typeof makePractice>[0] = {}) =>
  practiceWithBackupFolder(cleanups, options);

/** What `du --apparent-size` would say for one folder: the sum of its files' sizes. */
function bytesOnDisk(path: string): number {
  const info = lstatSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((n, name) => n + bytesOnDisk(join(path, name)), 0);
}

async function addClient(p: TestPractice, last: string): Promise<void> {
  const me = (await p.ok('app.status', {})).session?.user.id ?? '';
  await p.ok('clients.create', adultClient(me, { legalFirstName: 'Ottoline', legalLastName: last }));
}

describe('the backup folder’s usage', () => {
  it('has no figures before a folder is chosen', async () => {
    const p = await makePractice();
    cleanups.push(() => p.close());
    expect(await p.ok('backup.folderUsage', {})).toEqual({
      reachable: false,
      backupCount: 0,
      totalBytes: 0,
      latestBytes: null,
      freeBytes: null,
      retentionKeeps: 23,
      neededBytes: null,
      warning: null,
    });
  });

  it('adds up the backups on disk, counts nothing else, and reports the drive’s free space', async () => {
    // A minute before local midnight: the second backup falls on the next day, so retention keeps both.
    const clock = new FakeClock(new Date(2026, 2, 2, 23, 59).getTime());
    const { p, folder } = await practiceWithFolder({ clock });
    const empty = await p.ok('backup.folderUsage', {});
    expect(empty).toMatchObject({ reachable: true, backupCount: 0, totalBytes: 0, latestBytes: null });
    expect(empty.warning).toBeNull();

    expect((await p.ok('backup.runNow', {})).lastFailure).toBeNull();
    await addClient(p, 'Brackenridge');
    await clock.advance(120_000);
    expect((await p.ok('backup.runNow', {})).lastFailure).toBeNull();
    // Not Stillwater's: the owner's own files, a folder that only looks like a backup, and what
    // an interrupted run left behind.
    writeFileSync(join(folder, 'holiday-photos.zip'), Buffer.alloc(300_000));
    mkdirSync(join(folder, 'stillwater-backup-2026-01-01T000000Z'));
    writeFileSync(join(folder, 'stillwater-backup-2026-01-01T000000Z', 'practice.db'), Buffer.alloc(200_000));
    mkdirSync(join(folder, '.stillwater-backup-partial-x'));
    writeFileSync(join(folder, '.stillwater-backup-partial-x', 'practice.db'), Buffer.alloc(100_000));

    const backups = (await p.ok('backup.listGenerations', {})).map((g) => g.name);
    expect(backups).toHaveLength(2);
    expect(backups.every((n) => NAME_PATTERN.test(n))).toBe(true);
    const usage = await p.ok('backup.folderUsage', {});
    expect(usage.reachable).toBe(true);
    expect(usage.backupCount).toBe(2);
    expect(usage.totalBytes).toBe(backups.reduce((n, name) => n + bytesOnDisk(join(folder, name)), 0));
    expect(usage.latestBytes).toBe(bytesOnDisk(join(folder, backups[0] ?? '')));
    expect(usage.latestBytes).toBeGreaterThan(0);
    const free = realIo.freeBytes(folder);
    // The real drive's free space (other processes write meanwhile: within 1%).
    expect(Math.abs((usage.freeBytes ?? 0) - free)).toBeLessThan(free * 0.01);
    expect(usage.retentionKeeps).toBe(mostKept(BACKUP_DEFAULTS.retention));
    expect(usage.neededBytes).toBe(23 * (usage.latestBytes ?? 0));
  });

  it('warns when keeping as many backups as retention allows would fill the drive, and not otherwise', async () => {
    const io = { ...realIo };
    const { p } = await practiceWithFolder({ testSeams: { backupIo: io } });
    await p.ok('backup.runNow', {});
    const { latestBytes, totalBytes } = await p.ok('backup.folderUsage', {});
    const latest = latestBytes ?? 0;
    // Room for exactly the 23 kept plus the one being written, with the margin: no warning.
    const enough = Math.ceil(24 * latest * (1 + GROWTH_MARGIN)) - totalBytes;
    io.freeBytes = () => enough;
    const fits = await p.ok('backup.folderUsage', {});
    expect(fits.freeBytes).toBe(enough);
    expect(fits.warning).toBeNull();

    io.freeBytes = () => 5 * latest;
    const full = await p.ok('backup.folderUsage', {});
    expect(full.freeBytes).toBe(5 * latest);
    expect(full.warning).toMatch(/^Keeping 23 backups of [\d.]+ [KM]B needs about [\d.]+ [KM]B; /);
    expect(full.warning).toMatch(
      /the backup already here uses [\d.]+ [KM]B and this drive has [\d.]+ [KM]B free/,
    );
    expect(full.warning).toMatch(/room for about 4\. Choose a bigger drive or keep fewer backups\.$/);

    io.freeBytes = () => 0;
    expect((await p.ok('backup.folderUsage', {})).warning).toMatch(
      /has 0 bytes free, not enough for the next backup\. Choose a bigger drive/,
    );

    io.freeBytes = () => 5 * latest;
    // Keeping fewer backups makes the same drive enough.
    await p.ok('backup.updateSettings', {
      schedule: BACKUP_DEFAULTS.schedule,
      retention: { daily: 3, weekly: 0, monthly: 0 },
      maxAgeDays: BACKUP_DEFAULTS.maxAgeDays,
    });
    const fewer = await p.ok('backup.folderUsage', {});
    expect(fewer.retentionKeeps).toBe(3);
    expect(fewer.warning).toBeNull();
  });

  it('has no figures when the folder cannot be read', async () => {
    const io = { ...realIo };
    const { p } = await practiceWithFolder({ testSeams: { backupIo: io } });
    io.freeBytes = () => {
      throw Object.assign(new Error('no such device'), { code: 'ENODEV' });
    };
    expect(await p.ok('backup.folderUsage', {})).toMatchObject({
      reachable: false,
      freeBytes: null,
      warning: null,
    });
  });

  it('is the owner’s alone, and takes no input', async () => {
    const { p } = await practiceWithFolder();
    await signedInStaff(p, 'clinician', 'Rowan Ashgrove', 'w-clinician');
    await signedInStaff(p, 'front_desk', 'Tamsin Pell', 'w-desk');
    expect((await p.fail('backup.folderUsage', {}, 'w-clinician')).code).toBe('FORBIDDEN');
    expect((await p.fail('backup.folderUsage', {}, 'w-desk')).code).toBe('FORBIDDEN');
    expect((await p.fail('backup.folderUsage', { folder: '/' })).code).toBe('INVALID_INPUT');
    expect((await p.fail('backup.folderUsage', null)).code).toBe('INVALID_INPUT');
  });
});
