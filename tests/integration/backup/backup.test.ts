// Backups (issue 9): a verified, encrypted snapshot while the app keeps working; restore on a new
// computer and on this one; every failure with its own clear error; pruning; a full or missing
// folder changes nothing.
import {
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupProblem, DATABASE_NAME, MANIFEST_NAME } from '../../../main/core/backup/format.ts';
import { planPrune } from '../../../main/core/backup/retention.ts';
import { dataKeyFromRecovery, readManifest, verifyBackup } from '../../../main/core/backup/verify.ts';
import { realIo } from '../../../main/core/backup/writer.ts';
import { tableNames } from '../../../main/core/backup/snapshot.ts';
import { openKeyed } from '../../../db/connection.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import { practiceWithBackupFolder } from '../../helpers/backup-folder.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const practiceWithFolder = (options: Parameters<typeof makePractice>[0] = {}) =>
  practiceWithBackupFolder(cleanups, options);

async function addClientWithNote(p: TestPractice, first = 'Zebediah', last = 'Quillfeather', text?: string) {
  const me = (await p.ok('app.status', {})).session?.user.id ?? '';
  const client = await p.ok(
    'clients.create',
    adultClient(me, { legalFirstName: first, legalLastName: last }),
  );
  const note = await p.ok(
    'notes.saveDraft',
    dapNote(
      client.id,
      text ? { sections: { data: text, assessment: 'Synthetic.', plan: 'Synthetic.' } } : {},
    ),
  );
  return { clientId: client.id, noteId: note.noteId };
}

function dumpTables(file: string, key: Buffer, auditUpTo: number): Record<string, string> {
  const db = openKeyed(file, key, { readonly: true });
  try {
    const out: Record<string, string> = {};
    for (const t of tableNames(db)) {
      const rows = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((r) =>
        JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
      );
      if (t === 'audit_log') rows.splice(auditUpTo);
      out[t] = JSON.stringify(rows.sort());
    }
    return out;
  } finally {
    db.close();
  }
}

describe('a backup', () => {
  it('is written, verified, encrypted with SQLCipher 4 and carries no name, note or key in clear', async () => {
    const { p, folder } = await practiceWithFolder();
    await addClientWithNote(p, 'Zebediah', 'Quillfeather', 'Synthetic: marmalade lighthouse sonata.');
    const status = await p.ok('backup.runNow', {});
    expect(status.lastVerified).not.toBeNull();
    expect(status.lastFailure).toBeNull();
    expect(status.warning).toBeNull();
    const [gen] = await p.ok('backup.listGenerations', {});
    expect(gen?.name).toMatch(/^stillwater-backup-/);
    const dir = join(folder, gen?.name ?? '');
    const db = readFileSync(join(dir, DATABASE_NAME));
    expect(db.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const key = p.core.ctx.vault.copyDataKey();
    const keyring = readFileSync(join(p.dir, 'keyring.json'), 'utf8');
    // Plaintext scan over every byte of every file in the backup.
    for (const f of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, f));
      for (const needle of ['Zebediah', 'Quillfeather', 'marmalade lighthouse', OWNER.displayName, 'Avery']) {
        expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${f}`).toBe(false);
        expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${needle} (UTF-16) in ${f}`).toBe(false);
      }
      expect(bytes.includes(key)).toBe(false);
      expect(bytes.includes(Buffer.from(key.toString('hex')))).toBe(false);
      expect(bytes.includes(Buffer.from(p.recoveryKey))).toBe(false);
    }
    // No device-bound staff slot travels with the backup; the recovery slot does.
    const manifest = readManifest(dir);
    expect(JSON.stringify(manifest)).not.toContain('"slots"');
    expect(keyring).toContain(manifest.body.keys.recovery.salt);
    // It opens only with the data key under SQLCipher 4 settings, and its chain verifies.
    const v = verifyBackup(dir, key);
    expect(v.auditHead.count).toBe(manifest.body.auditHead.count);
    key.fill(0);
    const audit = await p.ok('audit.list', { filter: { action: 'backup.create' }, limit: 10 });
    expect(audit.entries).toHaveLength(1);
  });

  it('taken while notes are saved concurrently restores to a consistent state', async () => {
    const { p, folder } = await practiceWithFolder();
    const { clientId } = await addClientWithNote(p);
    // Enough rows that the snapshot takes a moment.
    const sqlite = p.core.ctx.vault.db.sqlite;
    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS ballast (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000) INSERT INTO ballast SELECT randomblob(200) FROM n;',
    );
    const confirmed = new Map<string, Set<string>>();
    const flag = { stop: false };
    const saver = (async () => {
      for (let i = 0; i < 400; i++) {
        if (flag.stop) break;
        {
          const text = `Synthetic concurrent revision ${String(i)}.`;
          const r = await p.ok('notes.saveDraft', dapNote(clientId, { sections: { data: text } }));
          const set = confirmed.get(r.noteId) ?? new Set<string>();
          set.add(text);
          confirmed.set(r.noteId, set);
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    })();
    const stalls: number[] = [];
    const pinger = (async () => {
      for (;;) {
        if (flag.stop) break;
        const t = performance.now();
        await p.ok('backup.status', {});
        stalls.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const before = new Set(confirmed.keys());
    await p.ok('backup.runNow', {});
    flag.stop = true;
    await Promise.all([saver, pinger]);
    const [gen] = await p.ok('backup.listGenerations', {});
    const key = p.core.ctx.vault.copyDataKey();
    const v = verifyBackup(join(folder, gen?.name ?? ''), key);
    expect(v.auditHead.count).toBeGreaterThan(0);
    const copy = openKeyed(join(folder, gen?.name ?? '', DATABASE_NAME), key, { readonly: true });
    key.fill(0);
    try {
      const notes = copy.prepare('SELECT id, sections FROM notes').all() as {
        id: string;
        sections: string;
      }[];
      const ids = new Set(notes.map((n) => n.id));
      for (const id of before) expect(ids.has(id)).toBe(true); // every save confirmed before the backup
      for (const n of notes) {
        const data = (JSON.parse(n.sections) as { data?: string }).data ?? '';
        const versions = confirmed.get(n.id);
        // nothing half-written: each note holds exactly one version someone saved
        if (versions) expect(versions.has(data)).toBe(true);
      }
      const orphanFts = copy
        .prepare('SELECT count(*) AS n FROM notes_fts_content WHERE id NOT IN (SELECT seq FROM notes)')
        .get() as { n: number };
      expect(orphanFts.n).toBe(0);
    } finally {
      copy.close();
    }
    expect(Math.max(...stalls)).toBeLessThan(250);
  });

  it('round-trips every table to a new computer, where staff redeem one-time codes', async () => {
    const { p, folder } = await practiceWithFolder();
    await addClientWithNote(p);
    const staff = await p.addStaff('clinician');
    await p.ok('backup.runNow', {});
    const [gen] = await p.ok('backup.listGenerations', {});
    const dir = join(folder, gen?.name ?? '');
    const head = readManifest(dir).body.auditHead.count;
    const key = p.core.ctx.vault.copyDataKey();
    p.core.ctx.vault.db.checkpoint('TRUNCATE');
    const original = dumpTables(join(p.dir, 'stillwater.db'), key, head);

    const fresh = await makePractice({ setup: false });
    cleanups.push(() => fresh.close());
    fresh.folder.next = join(dir, MANIFEST_NAME);
    const summary = await fresh.ok('backup.chooseRestoreFile', {});
    expect(summary).toMatchObject({ createdAt: gen?.createdAt, newerVersion: false });
    expect(summary?.records).toMatchObject({ clients: 1, notes: 1, staff: 2, auditEntries: head });
    const session = await fresh.ok('backup.restoreFirstRun', {
      recoveryKey: p.recoveryKey,
      username: OWNER.username,
      newPassword: 'harbor-quince-lantern-58',
    });
    expect(session.user.role).toBe('owner');
    fresh.core.ctx.vault.db.checkpoint('TRUNCATE');
    const restored = dumpTables(join(fresh.dir, 'stillwater.db'), key, head);
    expect(Object.keys(restored).sort()).toEqual(Object.keys(original).sort());
    for (const t of Object.keys(original)) expect(restored[t], t).toBe(original[t]);
    key.fill(0);
    const verify = await fresh.ok('audit.verify', {});
    expect(verify.ok).toBe(true);
    const restoreEntries = await fresh.ok('audit.list', { filter: { action: 'backup.restore' }, limit: 5 });
    expect(restoreEntries.entries).toHaveLength(1);

    // The clinician's old slot stayed behind; a one-time code lets them set a new password, once.
    expect(
      (await fresh.fail('auth.signIn', { username: staff.username, password: staff.password }, 'w9')).code,
    ).toBe('INVALID_CREDENTIALS');
    const { code } = await fresh.ok('backup.issueSignInCode', { userId: staff.id });
    expect((await fresh.fail('auth.signIn', { username: staff.username, password: code }, 'w2')).code).toBe(
      'INVALID_CREDENTIALS',
    );
    const s2 = await fresh.ok(
      'backup.redeemSignInCode',
      { username: staff.username, code, newPassword: 'thistle-copper-meadow-93' },
      'w2',
    );
    expect(s2.user.id).toBe(staff.id);
    expect(
      (
        await fresh.fail(
          'backup.redeemSignInCode',
          { username: staff.username, code, newPassword: 'another-copper-meadow-94' },
          'w3',
        )
      ).code,
    ).toBe('INVALID_CREDENTIALS');
  });

  it('restored on the same computer keeps the current database aside and never overwrites it', async () => {
    const { p } = await practiceWithFolder();
    await addClientWithNote(p, 'Ottoline', 'Backupson');
    await p.ok('backup.runNow', {});
    const [gen] = await p.ok('backup.listGenerations', {});
    await addClientWithNote(p, 'Later', 'Addedperson');
    const date = (gen?.createdAt ?? '').slice(0, 10);
    expect(
      (await p.fail('backup.restoreHere', { name: gen?.name ?? '', confirmDate: '1999-01-01' })).code,
    ).toBe('INVALID_INPUT');
    // A second window of the owner's is signed out by the restore; the window restoring is not.
    await p.signIn(OWNER.username, OWNER.password, 'w-other');
    const before = p.locked.length;
    const r = await p.ok('backup.restoreHere', { name: gen?.name ?? '', confirmDate: date });
    expect(p.locked.slice(before)).toEqual([{ windowId: 'w-other', reason: 'signed-out' }]);
    expect(existsSync(join(p.dir, r.keptAside, 'stillwater.db'))).toBe(true);
    expect(existsSync(join(p.dir, r.keptAside, 'keyring.json'))).toBe(true);
    const found = await p.ok('clients.search', { query: 'Addedperson', limit: 5 });
    expect(found.clients).toHaveLength(0);
    expect((await p.ok('clients.search', { query: 'Backupson', limit: 5 })).clients).toHaveLength(1);
    expect((await p.ok('audit.verify', {})).ok).toBe(true);
    // The owner's password still opens it after a restart.
    const again = p.restart();
    await again.signIn(OWNER.username, OWNER.password, 'w5');
    await again.close();
  });
});

describe('a damaged or foreign backup', () => {
  it('gives its own clear error for a wrong key, a truncated file, a flipped byte and a newer version', async () => {
    const { p, folder } = await practiceWithFolder();
    await addClientWithNote(p);
    await p.ok('backup.runNow', {});
    const [gen] = await p.ok('backup.listGenerations', {});
    const dir = join(folder, gen?.name ?? '');
    const body = readManifest(dir).body;
    const other = await makePractice();
    cleanups.push(() => other.close());
    const problem = (fn: () => unknown): BackupProblem => {
      try {
        fn();
      } catch (error) {
        if (error instanceof BackupProblem) return error;
        throw error;
      }
      throw new Error('no problem reported');
    };
    const wrong = problem(() => dataKeyFromRecovery(body, other.recoveryKey));
    expect(wrong.kind).toBe('wrong-key');
    expect(wrong.message).toBe('That recovery key does not open this backup.');
    const key = dataKeyFromRecovery(body, p.recoveryKey);

    const copyOf = (): string => {
      const d = tempDir('stillwater-bad-');
      cleanups.push(() => {
        d.remove();
      });
      for (const f of readdirSync(dir)) writeFileSync(join(d.path, f), readFileSync(join(dir, f)));
      return d.path;
    };
    const truncated = copyOf();
    truncateSync(join(truncated, DATABASE_NAME), statSync(join(truncated, DATABASE_NAME)).size - 4096);
    const t = problem(() => verifyBackup(truncated, key));
    expect(t.kind).toBe('incomplete');
    expect(t.message).toMatch(/truncated/);

    const flipped = copyOf();
    const bytes = readFileSync(join(flipped, DATABASE_NAME));
    bytes[bytes.length - 5000] = (bytes[bytes.length - 5000] ?? 0) ^ 0x01;
    writeFileSync(join(flipped, DATABASE_NAME), bytes);
    const f = problem(() => verifyBackup(flipped, key));
    expect(f.kind).toBe('damaged');
    expect(f.message).toMatch(/does not match its SHA-256 checksum/);

    const newer = copyOf();
    const m = JSON.parse(readFileSync(join(newer, MANIFEST_NAME), 'utf8')) as {
      body: { schemaVersion: number };
    };
    m.body.schemaVersion = 999;
    writeFileSync(join(newer, MANIFEST_NAME), JSON.stringify(m));
    const n = problem(() => verifyBackup(newer, key));
    expect(n.kind).toBe('too-new');
    expect(n.message).toMatch(/newer version of Stillwater/);
    key.fill(0);

    // Through the first-run restore, each arrives as its own code.
    const fresh = await makePractice({ setup: false });
    cleanups.push(() => fresh.close());
    fresh.folder.next = newer;
    expect((await fresh.fail('backup.chooseRestoreFile', {})).code).toBe('DATABASE_TOO_NEW');
    fresh.folder.next = flipped;
    await fresh.ok('backup.chooseRestoreFile', {});
    const input = { username: OWNER.username, newPassword: 'harbor-quince-lantern-58' };
    expect(
      (await fresh.fail('backup.restoreFirstRun', { ...input, recoveryKey: other.recoveryKey })).code,
    ).toBe('INVALID_CREDENTIALS');
    expect((await fresh.fail('backup.restoreFirstRun', { ...input, recoveryKey: p.recoveryKey })).code).toBe(
      'DATABASE_DAMAGED',
    );
    expect(fresh.core.ctx.vault.status()).toBe('not-set-up');
    expect(readdirSync(fresh.dir)).toEqual([]);
  });
});

describe('a backup that cannot be written', () => {
  it('reports a missing folder or an unplugged drive and changes nothing else', async () => {
    const { p, folder } = await practiceWithFolder();
    await p.ok('backup.runNow', {});
    const before = readdirSync(folder);
    const moved = `${folder}-moved`;
    const { renameSync } = await import('node:fs');
    renameSync(folder, moved);
    cleanups.push(() => {
      rmSync(moved, { recursive: true, force: true });
    });
    await addClientWithNote(p);
    const status = await p.ok('backup.runNow', {});
    expect(status.lastFailure?.reason).toBe('folder-missing');
    expect(status.warning).toMatch(/The last backup failed\. The backup folder is not there/);
    expect(readdirSync(moved)).toEqual(before);
    const failed = await p.ok('audit.list', { filter: { action: 'backup.failed' }, limit: 5 });
    expect(failed.entries[0]?.detail).toContain('folder-missing');
  });

  it('reports a full disk (before writing, or in the middle) and leaves earlier backups intact', async () => {
    const io = { ...realIo };
    const { p, folder } = await practiceWithFolder({ testSeams: { backupIo: io } });
    await p.ok('backup.runNow', {});
    const before = readdirSync(folder);
    io.freeBytes = () => 1000;
    expect((await p.ok('backup.runNow', {})).lastFailure?.reason).toBe('disk-full');
    io.freeBytes = (dir) => realIo.freeBytes(dir);
    io.writeFile = () => {
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    const status = await p.ok('backup.runNow', {});
    expect(status.lastFailure).toMatchObject({ reason: 'disk-full' });
    expect(status.lastFailure?.message).toMatch(/The backup drive is full/);
    expect(readdirSync(folder)).toEqual(before);
  });
});

describe('pruning', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly generations, and always the newest', () => {
    const day = 86_400_000;
    const start = Date.parse('2026-03-02T12:00:00.000Z');
    const gens = Array.from({ length: 400 }, (_, i) => ({
      name: `g${String(i)}`,
      createdAt: new Date(start - i * day).toISOString(),
    }));
    const doomed = new Set(planPrune(gens, { daily: 7, weekly: 4, monthly: 12 }));
    const kept = gens.filter((g) => !doomed.has(g.name));
    for (let i = 0; i < 7; i++) expect(doomed.has(`g${String(i)}`)).toBe(false);
    expect(kept.length).toBeGreaterThanOrEqual(12);
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    const months = new Set(kept.map((g) => g.createdAt.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
    expect(
      planPrune([{ name: 'only', createdAt: gens[0]?.createdAt ?? '' }], { daily: 1, weekly: 0, monthly: 0 }),
    ).toEqual([]);
  });
});

describe('a crash during a backup', () => {
  it.each(['copying', 'manifest-written'])(
    'kill -9 while %s leaves earlier backups intact and nothing that passes as a backup',
    async (stage) => {
      const { spawnSync } = await import('node:child_process');
      const { p, folder } = await practiceWithFolder();
      await addClientWithNote(p);
      await p.ok('backup.runNow', {});
      const [first] = await p.ok('backup.listGenerations', {});
      p.core.ctx.vault.db.sqlite.exec(
        'CREATE TABLE ballast (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 15000) INSERT INTO ballast SELECT randomblob(200) FROM n;',
      );
      p.core.ctx.vault.db.checkpoint('TRUNCATE');
      const key = p.core.ctx.vault.copyDataKey();
      const child = spawnSync(
        process.execPath,
        [join(import.meta.dirname, 'kill-child.ts'), p.dir, folder, stage],
        { env: { ...process.env, STILLWATER_TEST_KEY: key.toString('hex') }, encoding: 'utf8' },
      );
      expect(child.signal).toBe('SIGKILL');
      const names = readdirSync(folder);
      expect(names.filter((n) => !n.startsWith('.stillwater-backup-partial-'))).toEqual([first?.name]);
      for (const n of names.filter((x) => x.startsWith('.stillwater-backup-partial-'))) {
        expect(() => readManifest(join(folder, n))).toThrow(/unfinished backup/);
      }
      expect((await p.ok('backup.listGenerations', {})).map((g) => g.name)).toEqual([first?.name]);
      expect(verifyBackup(join(folder, first?.name ?? ''), key).auditHead.count).toBeGreaterThan(0);
      key.fill(0);
      // The next backup clears the leftovers.
      await p.ok('backup.runNow', {});
      expect(readdirSync(folder).some((n) => n.startsWith('.stillwater-backup-partial-'))).toBe(false);
    },
  );
});

describe('npm run verify-backup', () => {
  it('prints what a backup holds with the recovery key, refuses a wrong one, and writes nothing', async () => {
    const { spawnSync } = await import('node:child_process');
    const { p, folder } = await practiceWithFolder();
    await addClientWithNote(p);
    await p.ok('backup.runNow', {});
    const [gen] = await p.ok('backup.listGenerations', {});
    const dir = join(folder, gen?.name ?? '');
    const listing = () => readdirSync(dir).map((f) => `${f}:${String(statSync(join(dir, f)).mtimeMs)}`);
    const before = listing();
    const script = join(import.meta.dirname, '../../../scripts/verify-backup.ts');
    const run = (key: string) =>
      spawnSync(process.execPath, [script, dir], {
        env: { ...process.env, STILLWATER_RECOVERY_KEY: key },
        encoding: 'utf8',
      });
    const good = run(p.recoveryKey);
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/Backup verified\./);
    expect(good.stdout).toMatch(/audit chain: +verified/);
    expect(good.stdout).toMatch(/clients +1/);
    expect(good.stdout).not.toMatch(/Zebediah|Quillfeather/);
    const bad = run('0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Not verified: /);
    expect(listing()).toEqual(before);
  });
});
