// Backups that a crash cannot corrupt or hide: the app killed (SIGKILL, a real child process) in
// the middle of a backup or of pruning leaves no broken generation in the list, the next start
// removes what it left and finishes or records what it was doing, and every backup, on every path
// (Back up now, scheduled, sign-out, app quit, killed after it finished), has exactly one audit
// entry naming it.
import { spawnSync } from 'node:child_process';
import { runUntilKilled } from '../../helpers/kill.ts';
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { listGenerations } from '../../../main/core/backup/folder.ts';
import { DATABASE_NAME, TEMP_PREFIX, TRASH_PREFIX } from '../../../main/core/backup/format.ts';
import type { RunStage } from '../../../main/core/backup/runner.ts';
import { readManifest, verifyBackup } from '../../../main/core/backup/verify.ts';
import { keytarKeychain } from '../../../main/core/vault/keychain.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { secretServiceAvailable } from '../../helpers/keychain.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const hasService = await secretServiceAvailable();
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const VERIFY_CLI = fileURLToPath(new URL('../../../scripts/verify-backup.ts', import.meta.url));
const START = Date.parse('2026-03-02T15:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Setup {
  p: TestPractice;
  first: TestPractice;
  clock: FakeClock;
  folder: string;
  keychainService: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A practice with a backup folder chosen, signed in as the owner at w1. */
async function setUp(): Promise<Setup> {
  const keychainService = `Stillwater-test-${randomUUID()}`;
  const clock = new FakeClock(START);
  const p = await makePractice({ clock, keychain: keytarKeychain(keychainService) });
  const folder = tempDir('stillwater-backups-');
  const t: Setup = { p, first: p, clock, folder: folder.path, keychainService };
  cleanups.push(
    () => {
      folder.remove();
    },
    async () => {
      if (t.p !== t.first) await t.p.core.shutdown();
      await t.first.close();
    },
  );
  p.folder.next = folder.path;
  await p.ok('backup.chooseFolder', {});
  return t;
}

async function addClient(p: TestPractice, first = 'Zebediah'): Promise<void> {
  const me = (await p.ok('app.status', {})).session?.user.id ?? '';
  await p.ok('clients.create', adultClient(me, { legalFirstName: first, legalLastName: 'Quillfeather' }));
}

/** The app starts again over the same folder; the owner signs in (the vault's unlock is the start). */
async function reopen(t: Setup, closedFor = 0): Promise<void> {
  await t.p.core.shutdown();
  await t.clock.advance(closedFor);
  t.p = t.p.restart();
  await t.p.signIn(OWNER.username, OWNER.password);
  await t.p.core.services.backup.whenIdle();
}

/** "Back up now" in a child process that kills itself at `stage`, at `at` on its clock. */
async function crashAt(t: Setup, stage: RunStage, at: number): Promise<void> {
  await t.p.core.shutdown();
  const { signal, stderr } = await runUntilKilled(CHILD, {
    STILLWATER_BACKUP_CRASH_JOB: JSON.stringify({
      dataDir: t.p.dir,
      keychainService: t.keychainService,
      username: OWNER.username,
      password: OWNER.password,
      stage,
      now: at,
    }),
  });
  expect(signal, stderr).toBe('SIGKILL');
  // The parent's clock moves past the child's before the next start.
  await t.clock.advance(at + HOUR - t.clock.now());
}

type Detail = Record<string, unknown>;

async function details(
  p: TestPractice,
  action: 'backup.create' | 'backup.failed' | 'backup.pruned',
): Promise<Detail[]> {
  const { entries } = await p.ok('audit.list', { filter: { action }, limit: 500 });
  return entries.map((e) => JSON.parse(e.detail) as Detail).reverse();
}

const backupIdOf = (t: Setup, name: string): string => readManifest(join(t.folder, name)).body.backupId;

/** Every generation in the folder has exactly one backup.create entry naming it, and no entry names another. */
async function expectEachAuditedOnce(t: Setup, extraAudited: string[] = []): Promise<void> {
  const created = await details(t.p, 'backup.create');
  const names = listGenerations(t.folder).map((g) => g.name);
  for (const name of names) {
    const id = backupIdOf(t, name);
    expect(
      created.filter((d) => d.backupId === id),
      name,
    ).toEqual([expect.objectContaining({ name })]);
  }
  expect(created.map((d) => d.name).sort()).toEqual([...names, ...extraAudited].sort());
}

function verifies(t: Setup, name: string): boolean {
  const key = t.p.core.ctx.vault.copyDataKey();
  try {
    return verifyBackup(join(t.folder, name), key).auditHead.count > 0;
  } finally {
    key.fill(0);
  }
}

const leftovers = (t: Setup): string[] =>
  readdirSync(t.folder).filter((n) => n.startsWith('.stillwater-backup-'));

/** Enough rows that copying the database takes a moment. */
function ballast(p: TestPractice): void {
  p.core.ctx.vault.db.sqlite.exec(
    'CREATE TABLE ballast (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000) INSERT INTO ballast SELECT randomblob(200) FROM n;',
  );
  p.core.ctx.vault.db.checkpoint('TRUNCATE');
}

describe.skipIf(!hasService)('a backup killed (SIGKILL) and the next start', () => {
  it('after the backup got its final name: records it at the next start, once, as the newest verified backup', async () => {
    const t = await setUp();
    await addClient(t.p);
    await t.p.ok('backup.runNow', {});
    const [earlier] = await t.p.ok('backup.listGenerations', {});
    await crashAt(t, 'renamed', START + HOUR);
    const killed = 'stillwater-backup-2026-03-02T160000Z';
    expect(listGenerations(t.folder).map((g) => g.name)).toEqual([killed, earlier?.name]);

    await reopen(t);
    await expectEachAuditedOnce(t);
    const created = await details(t.p, 'backup.create');
    expect(created.find((d) => d.name === killed)).toMatchObject({ interrupted: true });
    const status = await t.p.ok('backup.status', {});
    expect(status.lastVerified?.name).toBe(killed);
    expect(status.warning).toBeNull();
    expect(verifies(t, killed)).toBe(true);
    expect(verifies(t, earlier?.name ?? '')).toBe(true);

    // Exactly once: another start records nothing more.
    await reopen(t);
    await expectEachAuditedOnce(t);
  });

  it.each(['copying', 'manifest-written'] as const)(
    'while %s: removes the partial folder (and stray temp files) at the next start, records the run as failed, keeps earlier backups verified',
    async (stage) => {
      const t = await setUp();
      await addClient(t.p);
      await t.p.ok('backup.runNow', {});
      const [earlier] = await t.p.ok('backup.listGenerations', {});
      ballast(t.p);
      await crashAt(t, stage, START + HOUR);
      expect(leftovers(t)).toEqual([expect.stringMatching(new RegExp(`^${TEMP_PREFIX}`))]);
      writeFileSync(join(t.folder, `${TEMP_PREFIX}stray.tmp`), 'partial');
      expect(listGenerations(t.folder).map((g) => g.name)).toEqual([earlier?.name]);

      // The next start, before any backup runs: nothing left over, the run on record as failed.
      await reopen(t);
      expect(leftovers(t)).toEqual([]);
      expect(readdirSync(t.folder)).toEqual([earlier?.name]);
      expect(await details(t.p, 'backup.failed')).toEqual([
        expect.objectContaining({ reason: 'write-failed', interrupted: true }),
      ]);
      await expectEachAuditedOnce(t);
      expect(verifies(t, earlier?.name ?? '')).toBe(true);
      expect((await t.p.ok('backup.status', {})).warning).toMatch(/^The last backup failed\./);

      // The next backup works and clears the warning; the failure is still recorded once.
      await t.p.ok('backup.runNow', {});
      expect((await t.p.ok('backup.status', {})).warning).toBeNull();
      await reopen(t);
      expect(await details(t.p, 'backup.failed')).toHaveLength(1);
      await expectEachAuditedOnce(t, await prunedNames(t));
    },
  );

  it.each(['prune-planned', 'prune-moved'] as const)(
    'while pruning (%s): the list never shows a broken generation; the next start finishes the pruning and records it once',
    async (stage) => {
      const t = await setUp();
      await addClient(t.p);
      await t.p.ok('backup.runNow', {});
      await reopen(t, DAY);
      await t.p.ok('backup.runNow', {});
      const older = (await t.p.ok('backup.listGenerations', {})).map((g) => g.name);
      expect(older).toHaveLength(2);
      // The owner now keeps one backup (and none at quit): the next run prunes both.
      await t.p.ok('backup.updateSettings', {
        schedule: { onSignOut: false, everyHours: 24 },
        retention: { daily: 1, weekly: 0, monthly: 0 },
        maxAgeDays: 3,
      });
      await addClient(t.p, 'Ottoline');
      await crashAt(t, stage, START + DAY + HOUR);
      const newest = 'stillwater-backup-2026-03-03T160000Z';

      // Whatever the list shows is a whole backup.
      const listed = listGenerations(t.folder).map((g) => g.name);
      expect(listed).toEqual(stage === 'prune-planned' ? [newest, ...older] : [newest]);
      const trash = readdirSync(t.folder).filter((n) => n.startsWith(TRASH_PREFIX));
      expect(trash).toHaveLength(stage === 'prune-moved' ? 2 : 0);
      if (trash[0]) {
        // As a kill in the middle of deleting leaves it: part of the files gone.
        rmSync(join(t.folder, trash[0], DATABASE_NAME));
        const cli = spawnSync(process.execPath, [VERIFY_CLI, join(t.folder, trash[0])], {
          env: { ...process.env, STILLWATER_RECOVERY_KEY: t.p.recoveryKey },
          encoding: 'utf8',
        });
        expect(cli.status).toBe(1);
        expect(cli.stderr).toMatch(/Not verified: This backup was being removed as an old generation/);
      }

      await reopen(t);
      expect(readdirSync(t.folder)).toEqual([newest]);
      expect(verifies(t, newest)).toBe(true);
      const pruned = await details(t.p, 'backup.pruned');
      expect(pruned).toEqual([expect.objectContaining({ count: 2 })]);
      expect((pruned[0]?.names as string[]).slice().sort()).toEqual(older.slice().sort());
      // The pruned ones were audited when they were made; the newest once, when it was made.
      await expectEachAuditedOnce(t, older);
      const audit = JSON.stringify(await details(t.p, 'backup.pruned'));
      expect(audit).not.toMatch(/Zebediah|Ottoline|Quillfeather/);

      await reopen(t);
      expect(await details(t.p, 'backup.pruned')).toHaveLength(1);
    },
  );
});

describe.skipIf(!hasService)('every backup is audited exactly once', () => {
  it('Back up now, at sign-out (finishing after the vault closed), signing back in during one, and at app quit', async () => {
    const t = await setUp();
    await addClient(t.p);
    await t.p.ok('backup.runNow', {});
    await expectEachAuditedOnce(t);

    // Sign-out: the backup finishes with the vault closed; its entry is written at the next unlock.
    await t.clock.advance(MINUTE);
    await addClient(t.p, 'Ottoline');
    await t.p.ok('auth.signOut', {});
    await t.p.core.services.backup.whenIdle();
    expect(t.p.core.ctx.vault.isOpen).toBe(false);
    expect(readdirSync(t.folder)).toHaveLength(1); // the first was pruned (same day)
    await t.p.signIn(OWNER.username, OWNER.password);
    await t.p.core.services.backup.whenIdle();
    await expectEachAuditedOnce(t, await prunedNames(t));

    // Signing back in while the sign-out backup still runs: it is not taken for a crashed run.
    await t.clock.advance(MINUTE);
    await addClient(t.p, 'Perpetua');
    await t.p.ok('auth.signOut', {});
    await t.p.signIn(OWNER.username, OWNER.password);
    await t.p.core.services.backup.whenIdle();
    expect(await details(t.p, 'backup.failed')).toEqual([]);
    await expectEachAuditedOnce(t, await prunedNames(t));

    // App quit: the last session ends, the backup finishes before the app goes.
    await t.clock.advance(MINUTE);
    await addClient(t.p, 'Quentin');
    await reopen(t);
    expect(await details(t.p, 'backup.create')).toHaveLength(4);
    await expectEachAuditedOnce(t, await prunedNames(t));
    expect(await details(t.p, 'backup.failed')).toEqual([]);
  });

  it('scheduled while the app is open', async () => {
    const t = await setUp();
    await addClient(t.p);
    await t.p.ok('settings.updateSession', { timeoutMinutes: 60, warningSeconds: 60 });
    // No sign-out backups: only the schedule can make this one.
    await t.p.ok('backup.updateSettings', {
      schedule: { onSignOut: false, everyHours: 1 },
      retention: { daily: 7, weekly: 4, monthly: 12 },
      maxAgeDays: 3,
    });
    await t.clock.advance(HOUR + MINUTE);
    await t.p.core.services.backup.whenIdle();
    expect(listGenerations(t.folder)).toHaveLength(1);
    await t.p.signIn(OWNER.username, OWNER.password);
    await expectEachAuditedOnce(t);
  });

  it('a restore on this computer makes no backup of the database it replaces and keeps the generation it restores', async () => {
    const t = await setUp();
    await addClient(t.p);
    await t.p.ok('backup.runNow', {});
    const [gen] = await t.p.ok('backup.listGenerations', {});
    await addClient(t.p, 'Later');
    await t.p.ok('backup.restoreHere', {
      name: gen?.name ?? '',
      confirmDate: (gen?.createdAt ?? '').slice(0, 10),
    });
    await t.p.core.services.backup.whenIdle();
    expect(readdirSync(t.folder)).toEqual([gen?.name]);
    // The restored log ends where the backup was taken, before that backup's own entry; nothing
    // after the restore claims a backup was made.
    expect(await details(t.p, 'backup.create')).toEqual([]);
    expect(await details(t.p, 'backup.pruned')).toEqual([]);
  });
});

async function prunedNames(t: Setup): Promise<string[]> {
  return (await details(t.p, 'backup.pruned')).flatMap((d) => d.names as string[]);
}
