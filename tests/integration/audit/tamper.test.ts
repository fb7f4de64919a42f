// The tamper matrix: someone holding the data key (the recovery key opens it) edits the database
// while Stillwater is closed, or edits the head kept outside it. Every case must end in the audit
// alarm the owner sees at the next sign-in; the head does not move until the owner acknowledges.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openKeyed } from '../../../db/connection.ts';
import { entryHash } from '../../../main/core/audit/chain.ts';
import type { AuditRow } from '../../../db/schema.ts';
import { DATABASE_FILE } from '../../../main/core/vault/vault.ts';
import { verifyBackup } from '../../../main/core/backup/verify.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import {
  makePractice,
  OWNER,
  type PracticeSnapshot,
  type TestPractice,
} from '../../helpers/make-practice.ts';

let practice: TestPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

interface Scene {
  p: TestPractice;
  key: Buffer;
  clin: { username: string; password: string };
}

/**
 * A practice with a few dozen entries, signed out (the head is sealed at close). Built once for the
 * file; each test gets its own copy of the folder and keychain, so no test sees another's edits.
 */
let template: { snapshot: PracticeSnapshot; key: Buffer; clin: { username: string; password: string } };

beforeAll(async () => {
  const p = await makePractice();
  const clin = await p.addStaff('clinician', 'Test Tamper Clinician');
  for (let i = 0; i < 14; i++) await p.addStaff('front_desk', `Test Desk ${String(i)}`);
  const key = p.core.ctx.vault.copyDataKey();
  await p.ok('auth.signOut', {});
  template = { snapshot: await p.snapshot(), key, clin };
});

afterAll(() => {
  template.snapshot.remove();
  template.key.fill(0);
});

async function closedPractice(clock?: FakeClock): Promise<Scene> {
  const p = await makePractice({ clock, from: template.snapshot });
  practice = p;
  return { p, key: Buffer.from(template.key), clin: template.clin };
}

/** The full check runs in its worker thread; the owner's audit screen shows it finish (status.checking). */
const WORKER_WAIT = { timeout: 30_000, interval: 25 };

/** Opens the closed practice's database as an attacker would, with the append-only triggers dropped. */
function withDatabase(scene: Scene, fn: (sql: ReturnType<typeof openKeyed>) => void): void {
  const sqlite = openKeyed(join(scene.p.dir, DATABASE_FILE), scene.key);
  try {
    for (const { name } of sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
      .all() as { name: string }[])
      sqlite.exec(`DROP TRIGGER ${name}`);
    fn(sqlite);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
}

const rows = (sqlite: ReturnType<typeof openKeyed>): AuditRow[] =>
  sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];

/** A well-formed entry chained onto `prev`, as a careful forger would write it. */
function forge(sqlite: ReturnType<typeof openKeyed>, prev: AuditRow): void {
  const row = {
    seq: prev.seq + 1,
    at: new Date(Date.parse(prev.at) + 1000).toISOString(),
    actor_id: null,
    actor_username: null,
    action: 'auth.signOut',
    target_type: null,
    target_id: null,
    detail: '{}',
    prev_hash: prev.hash,
  };
  sqlite
    .prepare(
      'INSERT INTO audit_log (seq, at, actor_id, actor_username, action, target_type, target_id, detail, prev_hash, hash) VALUES (@seq, @at, @actor_id, @actor_username, @action, @target_type, @target_id, @detail, @prev_hash, @hash)',
    )
    .run({ ...row, hash: entryHash(row) });
}

const keyringPath = (p: TestPractice): string => join(p.dir, 'keyring.json');
const storedHeadCount = (p: TestPractice): number | null =>
  (JSON.parse(readFileSync(keyringPath(p), 'utf8')) as { auditHead: { count: number } | null }).auditHead
    ?.count ?? null;

/** Signs the owner in and checks the alarm the way the owner meets it. */
async function expectAlarm(p: TestPractice, kind: string, seq?: number): Promise<void> {
  const session = await p.signIn(OWNER.username, OWNER.password);
  expect(session.auditAlarm).toBe(true);
  const status = await p.ok('audit.status', {});
  expect(status.alarm).toMatchObject(seq === undefined ? { kind } : { kind, seq });
  // The event itself is in the log.
  const { entries } = await p.ok('audit.list', { filter: { action: 'audit.alarm' }, limit: 10 });
  expect(entries.length).toBeGreaterThanOrEqual(1);
  expect(JSON.parse(entries[0]?.detail ?? '{}')).toMatchObject({ kind });
}

describe('the audit alarm: a cut or rewritten log is never re-headed silently', () => {
  it('an untouched log opens without an alarm, for the owner and everyone else', async () => {
    const s = await closedPractice();
    const session = await s.p.signIn(OWNER.username, OWNER.password);
    expect(session.auditAlarm).toBe(false);
    expect((await s.p.ok('audit.status', {})).alarm).toBeNull();
  });

  for (const k of [1, 10]) {
    it(`deleting the last ${String(k)} entries is an alarm at the next sign-in`, async () => {
      const s = await closedPractice();
      const before = storedHeadCount(s.p) ?? 0;
      withDatabase(s, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(before - k));
      await expectAlarm(s.p, 'truncated', before - k + 1);
      const status = await s.p.ok('audit.status', {});
      expect(status.alarm?.message).toContain(`entry ${String(before)} was recorded`);
      // The head stays where it was until the owner acknowledges the alarm...
      await s.p.ok('auth.signOut', {});
      expect(storedHeadCount(s.p)).toBe(before);
      // ...and signing in again shows the same alarm without a second entry for it.
      await s.p.signIn(OWNER.username, OWNER.password);
      const { entries } = await s.p.ok('audit.list', { filter: { action: 'audit.alarm' }, limit: 10 });
      expect(entries).toHaveLength(1);
    });
  }

  it('deleting entries and appending a forged, well-formed one is an alarm', async () => {
    const s = await closedPractice();
    const head = storedHeadCount(s.p) ?? 0;
    withDatabase(s, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(head - 3);
      const last = rows(db).at(-1);
      if (last) forge(db, last);
    });
    await expectAlarm(s.p, 'truncated');
  });

  it('replacing the newest entry with a forged one (REPLACE, chain recomputed) is an alarm', async () => {
    const s = await closedPractice();
    const head = storedHeadCount(s.p) ?? 0;
    withDatabase(s, (db) => {
      const all = rows(db);
      const prev = all[all.length - 2];
      if (!prev) throw new Error('no history');
      const row = { ...(all.at(-1) as AuditRow), detail: '{"reason":"manual"}', prev_hash: prev.hash };
      const { hash: _old, ...fields } = row;
      db.prepare(
        'REPLACE INTO audit_log (seq, at, actor_id, actor_username, action, target_type, target_id, detail, prev_hash, hash) VALUES (@seq, @at, @actor_id, @actor_username, @action, @target_type, @target_id, @detail, @prev_hash, @hash)',
      ).run({ ...fields, hash: entryHash(fields) });
    });
    await expectAlarm(s.p, 'head-mismatch', head);
  });

  it('a head set to null in the keyring file is an alarm', async () => {
    const s = await closedPractice();
    const data = JSON.parse(readFileSync(keyringPath(s.p), 'utf8')) as Record<string, unknown>;
    writeFileSync(keyringPath(s.p), JSON.stringify({ ...data, auditHead: null }));
    await expectAlarm(s.p, 'head-missing');
  });

  it('a head edited to match a cut-off log (without its seal) is an alarm', async () => {
    const s = await closedPractice();
    const head = storedHeadCount(s.p) ?? 0;
    let newest: AuditRow | undefined;
    withDatabase(s, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(head - 4);
      newest = rows(db).at(-1);
    });
    const data = JSON.parse(readFileSync(keyringPath(s.p), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      keyringPath(s.p),
      JSON.stringify({ ...data, auditHead: { count: newest?.seq, hash: newest?.hash, mac: 'AAAA' } }),
    );
    await expectAlarm(s.p, 'head-not-authentic');
  });

  it('a deleted keyring.json (Stillwater falls back to its previous copy) is an alarm, not a silent fallback', async () => {
    const s = await closedPractice();
    rmSync(keyringPath(s.p));
    await expectAlarm(s.p, 'head-missing');
    expect((await s.p.ok('audit.status', {})).alarm?.message).toContain('keyring.json');
  });

  it('an older copy of the head file put back over a cut-off log is an alarm (the keychain keeps the newer head)', async () => {
    const s = await closedPractice();
    const old = readFileSync(keyringPath(s.p));
    const oldCount = storedHeadCount(s.p) ?? 0;
    await s.p.signIn(OWNER.username, OWNER.password);
    await s.p.addStaff('front_desk', 'Test Later Desk');
    await s.p.ok('auth.signOut', {});
    expect(storedHeadCount(s.p)).toBeGreaterThan(oldCount);
    withDatabase(s, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(oldCount));
    writeFileSync(keyringPath(s.p), old);
    await expectAlarm(s.p, 'head-rolled-back');
  });

  it('an entry edited in the middle is found by the scheduled full check and raises the alarm', async () => {
    const clock = new FakeClock(Date.now());
    const s = await closedPractice(clock);
    withDatabase(s, (db) => db.prepare("UPDATE audit_log SET detail = '{}' WHERE seq = 3").run());
    // The check at unlock looks only past the head: this edit is older than the head, and the
    // last full check (at setup) is less than a day old.
    const first = await s.p.signIn(OWNER.username, OWNER.password);
    expect(first.auditAlarm).toBe(false);
    await s.p.ok('auth.signOut', {});
    // A day later the full check is due: it runs in its worker thread after the next unlock.
    await clock.advance(24 * 60 * 60 * 1000);
    await s.p.signIn(OWNER.username, OWNER.password);
    // As the owner's audit screen would, read the status until the check has raised the alarm.
    await vi.waitFor(async () => {
      const status = await s.p.ok('audit.status', {});
      expect(status.checking).toBe(false);
      expect(status.alarm).toMatchObject({ kind: 'edited', seq: 3 });
      expect(status.lastCheck).toMatchObject({ ok: false, problemKind: 'edited', problemSeq: 3 });
    }, WORKER_WAIT);
  });

  it('tampering after an alarm is raised, before the owner acknowledges it, is still caught', async () => {
    const s = await closedPractice();
    const head = storedHeadCount(s.p) ?? 0;
    withDatabase(s, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(head - 1));
    await expectAlarm(s.p, 'truncated');
    await s.p.addStaff('front_desk', 'Test After Alarm');
    await s.p.ok('auth.signOut', {});
    withDatabase(s, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(head + 1));
    await s.p.signIn(OWNER.username, OWNER.password);
    const { entries } = await s.p.ok('audit.list', { filter: { action: 'audit.alarm' }, limit: 10 });
    expect(entries.map((e) => (JSON.parse(e.detail) as { kind: string }).kind)).toEqual([
      'truncated',
      'truncated',
    ]);
  });

  it('only the owner sees the alarm; others keep working', async () => {
    const s = await closedPractice();
    const head = storedHeadCount(s.p) ?? 0;
    withDatabase(s, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(head - 1));
    const clinician = await s.p.signIn(s.clin.username, s.clin.password, 'w2');
    expect(clinician.auditAlarm).toBe(false);
    expect((await s.p.fail('audit.status', {}, 'w2')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const owner = await s.p.signIn(OWNER.username, OWNER.password);
    expect(owner.auditAlarm).toBe(true);
  });

  it('after the owner acknowledges, the head moves on and the next sign-in is clean; the break stays visible', async () => {
    const s = await closedPractice();
    withDatabase(s, (db) => db.prepare("UPDATE audit_log SET detail = '{}' WHERE seq = 3").run());
    await s.p.signIn(OWNER.username, OWNER.password);
    const verify = await s.p.ok('audit.verify', {});
    expect(verify).toMatchObject({ ok: false, problem: { kind: 'edited', seq: 3 } });
    expect((await s.p.ok('audit.status', {})).alarm).toMatchObject({ kind: 'edited', seq: 3 });
    expect((await s.p.fail('audit.acknowledgeAlarm', { confirm: false })).code).toBe('INVALID_INPUT');
    const after = await s.p.ok('audit.acknowledgeAlarm', { confirm: true });
    expect(after.alarm).toBeNull();
    expect((await s.p.fail('audit.acknowledgeAlarm', { confirm: true })).code).toBe('CONFLICT');
    // The acknowledgement started a full check in the background; wait, as the screen shows, for it to end.
    await vi.waitFor(async () => {
      expect((await s.p.ok('audit.status', {})).checking).toBe(false);
    }, WORKER_WAIT);
    // Verify reads past the acknowledged break and names it.
    expect(await s.p.ok('audit.verify', {})).toMatchObject({ ok: true, problem: null, acknowledged: [3] });
    await s.p.ok('auth.signOut', {});
    const again = await s.p.signIn(OWNER.username, OWNER.password);
    expect(again.auditAlarm).toBe(false);
    const { entries } = await s.p.ok('audit.list', {
      filter: { action: 'audit.alarmAcknowledged' },
      limit: 5,
    });
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toMatchObject({ kind: 'edited', seq: 3, acceptedSeq: 3 });
  });

  it('a backup made after the owner acknowledged an edited entry is written and verifies (same rule as the app)', async () => {
    const s = await closedPractice();
    withDatabase(s, (db) => db.prepare("UPDATE audit_log SET detail = '{}' WHERE seq = 3").run());
    await s.p.signIn(OWNER.username, OWNER.password);
    await s.p.ok('audit.verify', {});
    const backups = tempDir('stillwater-backups-');
    try {
      s.p.folder.next = backups.path;
      await s.p.ok('backup.chooseFolder', {});
      // Before the acknowledgement the copy's log does not verify: no backup is called good.
      expect((await s.p.ok('backup.runNow', {})).lastFailure).not.toBeNull();
      await s.p.ok('audit.acknowledgeAlarm', { confirm: true });
      const status = await s.p.ok('backup.runNow', {});
      expect(status.lastFailure).toBeNull();
      const [newest] = await s.p.ok('backup.listGenerations', {});
      const v = verifyBackup(join(backups.path, newest?.name ?? ''), s.key);
      expect(v.auditHead.count).toBeGreaterThan(3);
    } finally {
      await s.p.core.services.backup.whenIdle();
      backups.remove();
    }
  });

  it('a copy of the head restored with the database after the owner acknowledged does not bring the alarm back', async () => {
    const s = await closedPractice();
    const head = storedHeadCount(s.p) ?? 0;
    withDatabase(s, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(head - 2));
    await expectAlarm(s.p, 'truncated');
    await s.p.ok('audit.acknowledgeAlarm', { confirm: true });
    await s.p.ok('auth.signOut', {});
    const after = storedHeadCount(s.p) ?? 0;
    expect(after).toBeGreaterThan(head - 2);
    const session = await s.p.signIn(OWNER.username, OWNER.password);
    expect(session.auditAlarm).toBe(false);
  });

  it('copies kept for later (keyring.previous.json) hold no head newer than the file', async () => {
    const s = await closedPractice();
    copyFileSync(join(s.p.dir, 'keyring.previous.json'), join(s.p.dir, 'keyring.old.json'));
    const session = await s.p.signIn(OWNER.username, OWNER.password);
    expect(session.auditAlarm).toBe(false);
  });
});
