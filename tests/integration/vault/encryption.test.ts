// The database file on disk: SQLCipher 4 format, nothing readable, wrong keys and damage told apart.
import { createDecipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKeyed, readCipherReport, configureLive } from '../../../db/connection.ts';
import { LATEST_SCHEMA_VERSION } from '../../../db/migrations/index.ts';
import { DATABASE_FILE } from '../../../main/core/vault/vault.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let practice: TestPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

const PLANTED = 'Quillon Marrowby-Fenwick';

/** Decrypts page 1 of a SQLCipher 4 file with Node's crypto alone (AES-256-CBC + HMAC-SHA512). */
function decryptFirstPage(file: Buffer, key: Buffer): { header: Buffer; hmacOk: boolean } {
  const pageSize = 4096;
  const reserve = 80; // 16-byte IV + 64-byte HMAC-SHA512
  const salt = file.subarray(0, 16);
  const iv = file.subarray(pageSize - reserve, pageSize - reserve + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  const header = Buffer.concat([decipher.update(file.subarray(16, pageSize - reserve)), decipher.final()]);
  const hmacKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
  const pageNo = Buffer.alloc(4);
  pageNo.writeUInt32LE(1);
  const mac = createHmac('sha512', hmacKey)
    .update(file.subarray(16, pageSize - 64))
    .update(pageNo)
    .digest();
  return { header, hmacOk: mac.equals(file.subarray(pageSize - 64, pageSize)) };
}

describe('the encrypted database file', () => {
  it('is in SQLCipher 4 format: page 1 decrypts with the data key by the published algorithm', () => {
    const dir = tempDir();
    try {
      const key = randomBytes(32);
      const file = join(dir.path, 'probe.db');
      const sqlite = openKeyed(file, key);
      configureLive(sqlite);
      sqlite.exec('CREATE TABLE t(x)');
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      const { header, hmacOk } = decryptFirstPage(bytes, key);
      expect(hmacOk).toBe(true);
      // Offsets 16.. of the SQLite header: page size 4096, WAL (2/2), 80 reserved bytes.
      expect(header.readUInt16BE(0)).toBe(4096);
      expect([header[2], header[3], header[4]]).toEqual([2, 2, 80]);
      expect(decryptFirstPage(bytes, randomBytes(32)).hmacOk).toBe(false);
    } finally {
      dir.remove();
    }
  });

  it('runs with the settings asked for: sqlcipher v4, WAL, synchronous=FULL, foreign keys, no auto-checkpoint', async () => {
    practice = await makePractice();
    const report = readCipherReport(practice.core.ctx.vault.db.sqlite);
    expect(report).toEqual({
      cipher: 'sqlcipher',
      legacy: 4,
      pageSize: 4096,
      journalMode: 'wal',
      synchronous: 2,
      foreignKeys: 1,
      autoCheckpoint: 0,
    });
  });

  it('keeps no byte of a stored name in the file, its WAL or the keyring', async () => {
    practice = await makePractice();
    const dir = practice.dir;
    await practice.ok('staff.create', {
      displayName: PLANTED,
      username: 'qmarrowby',
      role: 'clinician',
      temporaryPassword: 'granite-window-pelican-42',
    });
    // Before any checkpoint, the new rows live in the WAL.
    const wal = readFileSync(join(dir, `${DATABASE_FILE}-wal`));
    expect(wal.length).toBeGreaterThan(0);
    const needles = [PLANTED, 'Marrowby', OWNER.displayName, 'Lantern Hill', '100 Example Way'].map((s) =>
      Buffer.from(s, 'utf8'),
    );
    const utf16 = needles.map((n) => Buffer.from(n.toString('utf8'), 'utf16le'));
    const scan = (file: string) => {
      if (!existsSync(file)) return;
      const bytes = readFileSync(file);
      for (const n of [...needles, ...utf16])
        expect(bytes.includes(n), `${file} contains plaintext`).toBe(false);
    };
    scan(join(dir, `${DATABASE_FILE}-wal`));
    scan(join(dir, DATABASE_FILE));
    await practice.ok('auth.signOut', {});
    for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-journal`]) scan(join(dir, f));
    const keyring = readFileSync(join(dir, 'keyring.json'), 'utf8');
    expect(keyring).not.toContain(PLANTED);
    expect(keyring).not.toContain(OWNER.password);
  });

  it('writes no typed username in clear: a password typed into the username box is nowhere in any file the app writes', async () => {
    practice = await makePractice();
    const dir = practice.dir;
    // Someone types their password into the username box, while the practice is locked and
    // while it is open (with someone else signed in), then a correct sign-in clears a counter.
    const typedPassword = 'Ochre-Lantern-Fjord-9137';
    await practice.ok('auth.signOut', {});
    for (let i = 0; i < 3; i++)
      await practice.fail('auth.signIn', { username: typedPassword, password: 'x' });
    await practice.fail('auth.signIn', { username: OWNER.username.toUpperCase(), password: typedPassword });
    await practice.signIn(OWNER.username, OWNER.password);
    await practice.fail('auth.signIn', { username: typedPassword, password: 'y' }, 'w2');
    await practice.ok('auth.signOut', {});
    const keyring = JSON.parse(readFileSync(join(dir, 'keyring.json'), 'utf8')) as {
      failures: Record<string, unknown>;
    };
    // The counters are there (back-off still works), keyed only by keyed hashes.
    expect(Object.keys(keyring.failures).length).toBeGreaterThan(0);
    for (const key of Object.keys(keyring.failures)) expect(key).toMatch(/^h:[A-Za-z0-9_-]{43}$/);
    const needles = [typedPassword, typedPassword.toLowerCase(), OWNER.password].flatMap((s) => [
      Buffer.from(s, 'utf8'),
      Buffer.from(s, 'utf16le'),
    ]);
    const walk = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(folder, e.name)) : [join(folder, e.name)],
      );
    const files = walk(dir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const n of needles) expect(bytes.includes(n), `${file} holds a typed secret`).toBe(false);
    }
  });

  it.skipIf(process.platform === 'win32')(
    'is readable and writable by its owner only, with its WAL and keyring',
    async () => {
      practice = await makePractice();
      await practice.addStaff('clinician');
      for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, 'keyring.json']) {
        expect(statSync(join(practice.dir, f)).mode & 0o077, f).toBe(0);
      }
    },
  );

  it('cannot be opened with any other key', async () => {
    practice = await makePractice();
    await practice.ok('auth.signOut', {});
    expect(() => openKeyed(join(practice?.dir ?? '', DATABASE_FILE), randomBytes(32))).toThrow(
      /not a database/,
    );
  });

  it('tells a damaged first page apart from a wrong key', async () => {
    practice = await makePractice();
    await practice.ok('auth.signOut', {});
    const file = join(practice.dir, DATABASE_FILE);
    const bytes = readFileSync(file);
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const error = await practice.fail('auth.signIn', { username: OWNER.username, password: OWNER.password });
    expect(error.code).toBe('DATABASE_DAMAGED');
    expect(error.message).toMatch(/damaged/);
    expect(practice.core.ctx.vault.isOpen).toBe(false);
  });

  it('tells a database that the keys do not open (wrong key) apart from damage', async () => {
    practice = await makePractice();
    const other = await makePractice();
    try {
      await practice.ok('auth.signOut', {});
      await other.ok('auth.signOut', {});
      // Put the other practice's database beside this keyring: the key is fine, the file is not ours.
      writeFileSync(join(practice.dir, DATABASE_FILE), readFileSync(join(other.dir, DATABASE_FILE)));
      const error = await practice.fail('auth.signIn', {
        username: OWNER.username,
        password: OWNER.password,
      });
      expect(error.code).toBe('WRONG_KEY');
      expect(error.message).toMatch(/does not open it/);
    } finally {
      await other.close();
    }
  });

  it('refuses a database from a newer app version and leaves the file untouched', async () => {
    practice = await makePractice();
    const sqlite = practice.core.ctx.vault.db.sqlite;
    sqlite.pragma(`user_version = ${String(LATEST_SCHEMA_VERSION + 1)}`);
    await practice.ok('auth.signOut', {});
    const file = join(practice.dir, DATABASE_FILE);
    const before = readFileSync(file);
    const error = await practice.fail('auth.signIn', { username: OWNER.username, password: OWNER.password });
    expect(error.code).toBe('DATABASE_TOO_NEW');
    expect(error.message).toMatch(/newer version of Stillwater/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(practice.core.ctx.vault.isOpen).toBe(false);
  });

  it('zeroes the data key and closes the database when the last session ends', async () => {
    const held: Buffer[] = [];
    practice = await makePractice({ testSeams: { onDataKeyHeld: (key) => held.push(key) } });
    const key = held.at(-1);
    expect(key?.some((b) => b !== 0)).toBe(true);
    await practice.ok('auth.signOut', {});
    expect(key?.every((b) => b === 0)).toBe(true);
    // The vault no longer holds a key to hand out (a worker asking for a copy is refused).
    expect(() => practice?.core.ctx.vault.copyDataKey()).toThrow(
      expect.objectContaining({ code: 'VAULT_LOCKED' }),
    );
    expect(practice.core.ctx.vault.isOpen).toBe(false);
    const error = await practice.fail('practice.get', {});
    expect(error.code).toBe('NOT_SIGNED_IN');
  });

  it('keeps the database open while another window is still signed in', async () => {
    practice = await makePractice();
    const clin = await practice.addStaff('clinician');
    await practice.signIn(clin.username, clin.password, 'w2');
    await practice.ok('auth.signOut', {});
    expect(practice.core.ctx.vault.isOpen).toBe(true);
    await practice.ok('auth.signOut', {}, 'w2');
    expect(practice.core.ctx.vault.isOpen).toBe(false);
  });
});
