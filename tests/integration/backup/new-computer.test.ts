// Issue 17: a practice restored on a new computer does not take the old computer's backup folder
// for its own. The owner is asked to choose the folder again; no scheduled or sign-out backup goes
// to the old path meanwhile; the first backup runs as soon as the folder is chosen.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS } from '../../../main/core/backup/service.ts';
import { CHOOSE_AGAIN_MESSAGE } from '../../../main/core/backup/status.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER } from '../../helpers/make-practice.ts';
import { practiceWithBackupFolder } from '../../helpers/backup-folder.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const generations = (folder: string): string[] =>
  readdirSync(folder).filter((n) => n.startsWith('stillwater-backup-'));

describe('a practice restored on a new computer', () => {
  it('asks for the backup folder again, backs up nowhere until then, and backs up once it is chosen', async () => {
    const { p: old, folder: oldFolder } = await practiceWithBackupFolder(cleanups);
    const me = (await old.ok('app.status', {})).session?.user.id ?? '';
    await old.ok(
      'clients.create',
      adultClient(me, { legalFirstName: 'Perpetua', legalLastName: 'Newdrive' }),
    );
    await old.ok('backup.runNow', {});
    const [gen] = await old.ok('backup.listGenerations', {});
    expect(generations(oldFolder)).toHaveLength(1);

    const clock = new FakeClock(Date.now() + 60_000);
    const fresh = await makePractice({ setup: false, clock });
    cleanups.push(() => fresh.close());
    fresh.folder.next = join(oldFolder, gen?.name ?? '');
    await fresh.ok('backup.chooseRestoreFile', {});
    await fresh.ok('backup.restoreFirstRun', {
      recoveryKey: old.recoveryKey,
      username: OWNER.username,
      newPassword: 'harbor-quince-lantern-58',
    });

    // The status says no folder is chosen, and why, in the owner's words.
    const status = await fresh.ok('backup.status', {});
    expect(status).toMatchObject({
      configured: false,
      folder: null,
      warning: CHOOSE_AGAIN_MESSAGE,
      chooseFolderAgain: true,
    });
    expect((await fresh.ok('backup.getSettings', {})).folder).toBeNull();
    // Schedule and retention came along with the practice; only the folder did not.
    expect((await fresh.ok('backup.getSettings', {})).schedule.everyHours).toBe(24);

    // Hourly checks for two days (the inactivity lock ends the session on the way) and a
    // sign-out after a change: nothing is written to the old computer's folder, nothing fails.
    await fresh.ok('clients.create', adultClient(me, { legalFirstName: 'Later', legalLastName: 'Change' }));
    await clock.advance(48 * CHECK_INTERVAL_MS);
    await fresh.core.services.backup.whenIdle();
    expect(generations(oldFolder)).toHaveLength(1);
    await fresh.signIn(OWNER.username, 'harbor-quince-lantern-58');
    await fresh.ok('clients.create', adultClient(me, { legalFirstName: 'Third', legalLastName: 'Change' }));
    await fresh.ok('auth.signOut', {});
    await fresh.core.services.backup.whenIdle();
    expect(generations(oldFolder)).toHaveLength(1);
    // Signed in again (the vault reopened): still to be chosen, and no failure recorded.
    await fresh.signIn(OWNER.username, 'harbor-quince-lantern-58');
    expect(await fresh.ok('backup.status', {})).toMatchObject({
      configured: false,
      warning: CHOOSE_AGAIN_MESSAGE,
      lastFailure: null,
      lastVerified: null,
    });

    // Choosing the folder runs the first backup here, without "Back up now".
    const newFolder = tempDir('stillwater-backups-new-');
    cleanups.push(() => {
      newFolder.remove();
    });
    fresh.folder.next = newFolder.path;
    const settings = await fresh.ok('backup.chooseFolder', {});
    expect(settings.folder).toBe(newFolder.path);
    await fresh.core.services.backup.whenIdle();
    expect(generations(newFolder.path)).toHaveLength(1);
    const after = await fresh.ok('backup.status', {});
    expect(after).toMatchObject({
      configured: true,
      folder: newFolder.path,
      warning: null,
      chooseFolderAgain: false,
    });
    expect(after.lastVerified).not.toBeNull();
    expect(generations(oldFolder)).toHaveLength(1);
    const audit = await fresh.ok('audit.list', { filter: { action: 'backup.restore' }, limit: 5 });
    expect(JSON.parse(String(audit.entries[0]?.detail))).toMatchObject({
      sameComputer: false,
      backupFolderToChooseAgain: true,
    });
  });
});
