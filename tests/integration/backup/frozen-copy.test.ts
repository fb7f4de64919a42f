// The backup's snapshot is the live file copied while a read transaction holds it still
// (frozen-copy.ts). Real encrypted files, real WAL, two connections as the app has them (main's
// and the backup worker's): the copy is the database of one moment, saves made while it is
// copied are not in it and are not lost, the app's transactions never fail because the log was
// emptied under them, and a reader that keeps the log from emptying sends the backup the other
// way (VACUUM INTO) instead of failing it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLive, openKeyed, wrapKysely, type SqliteHandle } from '../../../db/connection.ts';
import { copyFrozen } from '../../../main/core/backup/frozen-copy.ts';
import { takeSnapshot } from '../../../main/core/backup/snapshot.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function livePair(): { dir: string; file: string; key: Buffer; main: SqliteHandle; worker: SqliteHandle } {
  const temp = tempDir();
  cleanups.push(() => {
    temp.remove();
  });
  const dir = temp.path;
  const file = join(dir, 'live.db');
  const key = randomBytes(32);
  const main = openKeyed(file, key);
  configureLive(main);
  main.exec('CREATE TABLE saves (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  const insert = main.prepare('INSERT INTO saves (text) VALUES (?)');
  for (let i = 0; i < 200; i++) insert.run(`Synthetic save ${String(i)}`);
  const worker = openKeyed(file, key);
  worker.pragma('busy_timeout=10000');
  cleanups.push(() => {
    worker.close();
    main.close();
  });
  return { dir, file, key, main, worker };
}

const countIn = (db: SqliteHandle): number =>
  (db.prepare('SELECT count(*) AS n FROM saves').get() as { n: number }).n;

describe('the frozen copy', () => {
  it('is the database as of one moment: saves made while it is copied are in the live file only', () => {
    const { dir, file, key, main, worker } = livePair();
    const target = join(dir, 'copy.db');
    const counted = copyFrozen(worker, file, target, () => {
      // Saves while the read transaction holds the file: they go to the log, not into the copy.
      main.prepare('INSERT INTO saves (text) VALUES (?)').run('Made during the copy');
      return countIn(worker);
    });
    expect(counted).toBe(200);
    const copy = openKeyed(target, key, { readonly: true });
    try {
      expect(countIn(copy)).toBe(200);
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
    // Nothing lost: the save made meanwhile is in the live database.
    expect(countIn(main)).toBe(201);
    // Still encrypted: the copy does not open without the key.
    expect(() => openKeyed(target, randomBytes(32), { readonly: true })).toThrow();
  });

  it('holds every save confirmed before it began, the log emptied into the file first', () => {
    const { dir, file, key, main, worker } = livePair();
    // Frames in the log that no checkpoint has folded in yet (main checkpoints only when idle).
    main.pragma('wal_autocheckpoint=0');
    for (let i = 0; i < 50; i++) main.prepare('INSERT INTO saves (text) VALUES (?)').run(`Late ${String(i)}`);
    expect(existsSync(`${file}-wal`)).toBe(true);
    const target = join(dir, 'copy.db');
    expect(copyFrozen(worker, file, target, () => countIn(worker))).toBe(250);
    const copy = openKeyed(target, key, { readonly: true });
    try {
      expect(countIn(copy)).toBe(250);
    } finally {
      copy.close();
    }
  });

  it('gives up (null, nothing written) while a reader keeps the log from emptying', () => {
    const { dir, file, key, main, worker } = livePair();
    main.prepare('INSERT INTO saves (text) VALUES (?)').run('In the log');
    // A reader whose snapshot includes a frame of the log (a long search, say).
    const reader = openKeyed(file, key, { readonly: true });
    cleanups.push(() => reader.close());
    reader.exec('BEGIN');
    countIn(reader);
    const target = join(dir, 'copy.db');
    expect(copyFrozen(worker, file, target, () => countIn(worker), 2)).toBeNull();
    expect(existsSync(target)).toBe(false);
    reader.exec('COMMIT');
    // The worker's connection is left as it was found: waiting for locks, outside a transaction.
    expect(worker.pragma('busy_timeout', { simple: true })).toBe(10000);
    expect(worker.inTransaction).toBe(false);
  });
});

describe('a snapshot of a practice', () => {
  async function practice(): Promise<{
    file: string;
    key: Buffer;
    folder: string;
    main: SqliteHandle;
    p: TestPractice;
  }> {
    const p = await makePractice();
    cleanups.push(() => void p.close());
    const folder = join(p.dir, 'backup-test');
    mkdirSync(folder);
    const key = p.core.ctx.vault.copyDataKey();
    cleanups.push(() => key.fill(0));
    return { file: p.core.ctx.vault.databaseFile, key, folder, main: p.core.ctx.vault.db.sqlite, p };
  }
  const clientsIn = (db: SqliteHandle): number =>
    (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;

  it('is marked for a rollback journal and leaves no -wal or -shm beside it once checked', async () => {
    const { file, key, folder, p } = await practice();
    const me = (await p.ok('app.status', {})).session?.user.id ?? '';
    await p.ok('clients.create', adultClient(me));
    const result = await takeSnapshot(file, join(folder, 'practice.db'), key, () => undefined);
    expect(result.counts.clients).toBe(1);
    expect(result.changedDuringBackup).toEqual([]);
    expect(readdirSync(folder)).toEqual(['practice.db']);
    const copy = openKeyed(join(folder, 'practice.db'), key, { readonly: true });
    try {
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(clientsIn(copy)).toBe(1);
    } finally {
      copy.close();
    }
  });

  it('is still taken, by VACUUM INTO, while a reader keeps the log from emptying', async () => {
    const { file, key, folder, main, p } = await practice();
    main.pragma('wal_autocheckpoint=0');
    const me = (await p.ok('app.status', {})).session?.user.id ?? '';
    await p.ok('clients.create', adultClient(me));
    // A reader whose snapshot includes frames of the log, open for the whole backup.
    const reader = openKeyed(file, key, { readonly: true });
    cleanups.push(() => reader.close());
    reader.exec('BEGIN');
    clientsIn(reader);
    const target = join(folder, 'practice.db');
    let result: Awaited<ReturnType<typeof takeSnapshot>>;
    try {
      result = await takeSnapshot(file, target, key, () => undefined);
    } finally {
      reader.exec('COMMIT');
    }
    expect(result.counts.clients).toBe(1);
    const copy = openKeyed(target, key, { readonly: true });
    try {
      expect(clientsIn(copy)).toBe(1);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      copy.close();
    }
  });
});

describe("the app's transactions", () => {
  it('commit when another connection empties the log between their first read and their write', async () => {
    const { file, key, main, worker } = livePair();
    const db = wrapKysely(main);
    worker.pragma('busy_timeout=0');
    // Everything folded in: a transaction beginning now would read the file alone.
    main.pragma('wal_checkpoint(PASSIVE)');
    let emptied: { busy: number } | undefined;
    await db.transaction().execute(async (trx) => {
      await sql`SELECT count(*) FROM saves`.execute(trx);
      // What the backup does (frozen-copy.ts): empty the log without waiting for anyone.
      [emptied] = worker.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      await sql`INSERT INTO saves (text) VALUES (${'Read first, then written'})`.execute(trx);
    });
    // The transaction held the write lock from its start: the checkpoint had to wait its turn.
    expect(emptied?.busy).toBe(1);
    const check = openKeyed(file, key, { readonly: true });
    try {
      expect(countIn(check)).toBe(201);
    } finally {
      check.close();
    }
  });
});
