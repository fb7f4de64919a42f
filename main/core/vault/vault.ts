// The vault: the data key's key slots, unlocking, and the open encrypted database.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { argon2id, newKdfParams, slotKey, unwrapKey, wrapKey, zeroize, type Wrapped } from './crypto.ts';
import { backoffDelayMs, retryAfterMs } from './backoff.ts';
import type { Keychain } from './keychain.ts';
import { KeyringFile, type KeyringData, type PendingFailure, type UserSlot } from './keyring-file.ts';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key.ts';
import { openVaultDatabase, type VaultDatabase } from './open-database.ts';

export const DATABASE_FILE = 'stillwater.db';
const MAX_FAILURE_ENTRIES = 200;

const invalidCredentials = (): AppError =>
  new AppError('INVALID_CREDENTIALS', 'The username or password is not correct.');

export type VaultStatus = 'not-set-up' | 'locked' | 'open';

export interface VaultDeps {
  dataDir: string;
  keychain: Keychain;
  clock: Clock;
  logger: Logger;
}

const deviceAccount = (practiceId: string): string => `device-secret:${practiceId}`;
const normalize = (username: string): string => username.trim().toLowerCase();
const slotAad = (practiceId: string, userId: string): string => `slot:${practiceId}:${userId}`;
const recoveryAad = (practiceId: string): string => `recovery:${practiceId}`;

function check(key: Buffer, label: string): string {
  return createHmac('sha256', key).update(`stillwater/${label}`).digest('base64');
}

function sameCheck(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The first 16 bytes of a SQLCipher file: the salt, stored in clear. Null if the file is missing or short. */
function readDatabaseSalt(file: string): string | null {
  try {
    const fd = openSync(file, 'r');
    try {
      const salt = Buffer.alloc(16);
      return readSync(fd, salt, 0, 16, 0) === 16 ? salt.toString('hex') : null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

export class Vault {
  readonly dataDir: string;
  readonly databaseFile: string;
  private readonly keyring: KeyringFile;
  private readonly keychain: Keychain;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private dataKey: Buffer | null = null;
  private database: VaultDatabase | null = null;
  // Unknown usernames are checked against this slot, so they cost the same Argon2id time.
  private readonly decoy = {
    kdf: newKdfParams(),
    wrapped: { iv: randomBytes(12), ct: randomBytes(32), tag: randomBytes(16) },
  };

  constructor(deps: VaultDeps) {
    this.dataDir = deps.dataDir;
    this.databaseFile = join(deps.dataDir, DATABASE_FILE);
    this.keyring = new KeyringFile(deps.dataDir);
    this.keychain = deps.keychain;
    this.clock = deps.clock;
    this.logger = deps.logger;
  }

  status(): VaultStatus {
    if (this.database) return 'open';
    return this.keyring.exists() ? 'locked' : 'not-set-up';
  }

  /** The open database; throws VAULT_LOCKED when nobody is signed in. */
  get db(): VaultDatabase {
    if (!this.database) throw new AppError('VAULT_LOCKED', 'Stillwater is locked. Sign in to continue.');
    return this.database;
  }

  get isOpen(): boolean {
    return this.database !== null;
  }

  get practiceId(): string {
    return this.readKeyring().practiceId;
  }

  private readKeyring(): KeyringData {
    const data = this.keyring.read();
    if (!data) throw new AppError('NOT_SET_UP', 'This computer has no Stillwater practice yet.');
    return data;
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /**
   * Creates the data key, device secret, owner slot, recovery slot and the database, then runs
   * `populate` (first rows, first audit entry). The keyring is written last: if anything fails
   * before it, the half-made database and keychain entry are removed and setup can run again.
   */
  async create(
    practiceName: string,
    owner: { userId: string; username: string; password: string },
    populate: (db: VaultDatabase) => Promise<void>,
  ): Promise<{ recoveryKey: string }> {
    if (this.keyring.exists())
      throw new AppError('ALREADY_SET_UP', 'A practice is already set up on this computer.');
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.databaseFile}${suffix}`, { force: true });
    const practiceId = randomUUID();
    const dataKey = randomBytes(32);
    const deviceSecret = randomBytes(32);
    await this.keychain.set(deviceAccount(practiceId), deviceSecret.toString('base64'));
    try {
      const recovery = generateRecoveryKey();
      const recoverySalt = randomBytes(16);
      const recoveryKek = slotKey(recovery.bytes, recoverySalt, 'recovery');
      const ownerSlot = await this.buildSlot(practiceId, dataKey, deviceSecret, owner);
      const data: KeyringData = {
        format: 1,
        practiceId,
        practiceName,
        createdAt: this.now(),
        keyCheck: check(dataKey, `key-check:${practiceId}`),
        databaseSalt: '',
        deviceCheck: check(deviceSecret, `device-check:${practiceId}`),
        slots: [ownerSlot],
        recovery: {
          salt: recoverySalt.toString('base64'),
          wrapped: wrapKey(recoveryKek, dataKey, recoveryAad(practiceId)),
          createdAt: this.now(),
          confirmed: false,
        },
        failures: {},
        pendingFailures: [],
        auditHead: null,
      };
      zeroize(recoveryKek, recovery.bytes, deviceSecret);
      this.database = await openVaultDatabase(this.databaseFile, dataKey, this.logger);
      this.dataKey = dataKey;
      await populate(this.database);
      this.database.checkpoint('TRUNCATE');
      data.databaseSalt = readDatabaseSalt(this.databaseFile) ?? '';
      this.keyring.write(data);
      return { recoveryKey: recovery.text };
    } catch (error) {
      this.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.databaseFile}${suffix}`, { force: true });
      await this.keychain.delete(deviceAccount(practiceId)).catch(() => false);
      throw error;
    }
  }

  practiceName(): string | null {
    return this.keyring.read()?.practiceName ?? null;
  }

  setPracticeName(name: string): void {
    const data = this.readKeyring();
    if (data.practiceName === name) return;
    data.practiceName = name;
    this.keyring.write(data);
  }

  private async buildSlot(
    practiceId: string,
    dataKey: Buffer,
    deviceSecret: Buffer,
    user: { userId: string; username: string; password: string },
  ): Promise<UserSlot> {
    const kdf = newKdfParams();
    const passwordKey = await argon2id(user.password, kdf);
    const kek = slotKey(passwordKey, deviceSecret, `slot:${user.userId}`);
    const wrapped = wrapKey(kek, dataKey, slotAad(practiceId, user.userId));
    zeroize(passwordKey, kek);
    return { userId: user.userId, username: user.username, kdf, wrapped, createdAt: this.now() };
  }

  private async deviceSecret(data: KeyringData): Promise<Buffer> {
    const stored = await this.keychain.get(deviceAccount(data.practiceId));
    if (stored === null) {
      throw new AppError(
        'DEVICE_KEY_MISSING',
        "This computer's keychain no longer holds Stillwater's device key, so passwords cannot unlock the practice here. Sign in with the recovery key.",
      );
    }
    const secret = Buffer.from(stored, 'base64');
    if (!sameCheck(check(secret, `device-check:${data.practiceId}`), data.deviceCheck)) {
      zeroize(secret);
      throw new AppError(
        'DEVICE_KEY_MISSING',
        "The device key in this computer's keychain belongs to a different Stillwater practice. Sign in with the recovery key.",
      );
    }
    return secret;
  }

  private assertNotBackedOff(data: KeyringData, key: string): void {
    const counter = data.failures[key];
    if (!counter) return;
    const wait = retryAfterMs(counter.count, Date.parse(counter.lastAt), this.clock.now());
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new AppError(
        'RATE_LIMITED',
        `Too many unsuccessful sign-ins. Try again in ${seconds > 90 ? `${String(Math.ceil(seconds / 60))} minutes` : `${String(seconds)} seconds`}.`,
        { retryAfterSeconds: seconds },
      );
    }
  }

  private recordFailure(key: string, pending: PendingFailure): void {
    const data = this.readKeyring();
    const previous = data.failures[key];
    data.failures[key] = { count: (previous?.count ?? 0) + 1, lastAt: pending.at };
    const entries = Object.entries(data.failures);
    if (entries.length > MAX_FAILURE_ENTRIES) {
      entries.sort((a, b) => a[1].lastAt.localeCompare(b[1].lastAt));
      for (const [k] of entries.slice(0, entries.length - MAX_FAILURE_ENTRIES)) {
        // keep counters still inside their back-off window
        const c = data.failures[k];
        if (c && backoffDelayMs(c.count) === 0) Reflect.deleteProperty(data.failures, k);
      }
    }
    data.pendingFailures = [...data.pendingFailures, pending].slice(-1000);
    this.keyring.write(data);
  }

  private clearFailures(key: string): void {
    const data = this.readKeyring();
    if (!(key in data.failures)) return;
    Reflect.deleteProperty(data.failures, key);
    this.keyring.write(data);
  }

  /** Derives the slot key and tries to unwrap; an unknown user runs against the decoy slot. */
  private async tryPassword(
    data: KeyringData,
    slot: UserSlot | undefined,
    password: string,
  ): Promise<Buffer | null> {
    const device = await this.deviceSecret(data);
    const slotUser = slot?.userId ?? '00000000-0000-4000-8000-000000000000';
    const passwordKey = await argon2id(password, slot?.kdf ?? this.decoy.kdf);
    const kek = slotKey(passwordKey, device, `slot:${slotUser}`);
    const wrapped: Wrapped = slot?.wrapped ?? {
      iv: this.decoy.wrapped.iv.toString('base64'),
      ct: this.decoy.wrapped.ct.toString('base64'),
      tag: this.decoy.wrapped.tag.toString('base64'),
    };
    const dataKey = unwrapKey(kek, wrapped, slotAad(data.practiceId, slotUser));
    zeroize(passwordKey, kek, device);
    return slot ? dataKey : (zeroize(dataKey), null);
  }

  /** Unlocks with a staff password. Same error and same Argon2id cost for an unknown username. */
  async unlockWithPassword(username: string, password: string): Promise<{ userId: string }> {
    const data = this.readKeyring();
    const name = normalize(username);
    this.assertNotBackedOff(data, name);
    // A one-time code's slot opens only through redeemCode (which sets a new password at once).
    const slot = data.slots.find((s) => normalize(s.username) === name && !s.oneTimeExpiresAt);
    const dataKey = await this.tryPassword(data, slot, password);
    if (!slot || !dataKey) {
      this.recordFailure(name, { userId: slot?.userId ?? null, at: this.now(), via: 'password' });
      throw invalidCredentials();
    }
    await this.openWith(data, dataKey);
    this.clearFailures(name);
    return { userId: slot.userId };
  }

  /** Unlocks with a one-time sign-in code; the caller replaces the slot with the new password. */
  async unlockWithCode(username: string, code: string): Promise<{ userId: string }> {
    const data = this.readKeyring();
    const name = normalize(username);
    this.assertNotBackedOff(data, name);
    const found = data.slots.find((s) => normalize(s.username) === name && s.oneTimeExpiresAt);
    const live = found && Date.parse(found.oneTimeExpiresAt ?? '') > this.clock.now() ? found : undefined;
    const dataKey = await this.tryPassword(data, live, code.trim().toUpperCase().replace(/[\s-]/g, ''));
    if (!live || !dataKey) {
      this.recordFailure(name, { userId: found?.userId ?? null, at: this.now(), via: 'password' });
      throw new AppError(
        'INVALID_CREDENTIALS',
        found && !live
          ? 'That one-time code has expired. Ask the owner for a new one.'
          : 'The username or one-time code is not correct.',
      );
    }
    await this.openWith(data, dataKey);
    this.clearFailures(name);
    return { userId: live.userId };
  }

  /** A slot that a one-time code opens until `expiresAt` (the code is the slot's Argon2id secret). */
  async setOneTimeSlot(
    user: { userId: string; username: string },
    code: string,
    expiresAt: string,
  ): Promise<void> {
    await this.setUserSlot({ ...user, password: code.toUpperCase().replace(/[\s-]/g, '') });
    const data = this.readKeyring();
    data.slots = data.slots.map((s) =>
      s.userId === user.userId ? { ...s, oneTimeExpiresAt: expiresAt } : s,
    );
    this.keyring.write(data);
  }

  /** Opens the database with a data key the caller already holds (after a restore). */
  async openWithKey(dataKey: Buffer): Promise<void> {
    await this.openWith(this.readKeyring(), Buffer.from(dataKey));
  }

  /** A copy of the data key for the backup worker (which zeroes it when done). */
  copyDataKey(): Buffer {
    return Buffer.from(this.requireKey());
  }

  /** The keyring as it is now (it holds no secret in clear). */
  keyringData(): KeyringData {
    return this.readKeyring();
  }

  /**
   * After a restore on a new computer (the database file is already in place): a new device
   * secret, the owner's slot under it, the backup's recovery slot, key check, salt and audit head.
   * Staff slots do not come along; each person redeems a one-time code from the owner.
   */
  async installFromBackup(
    restored: Pick<
      KeyringData,
      'practiceId' | 'practiceName' | 'keyCheck' | 'databaseSalt' | 'recovery' | 'auditHead'
    >,
    dataKey: Buffer,
    owner: { userId: string; username: string; password: string },
  ): Promise<void> {
    if (this.keyring.exists())
      throw new AppError('ALREADY_SET_UP', 'A practice is already set up on this computer.');
    if (!sameCheck(check(dataKey, `key-check:${restored.practiceId}`), restored.keyCheck))
      throw new AppError('WRONG_KEY', 'The backup’s keys do not match its database.');
    const deviceSecret = randomBytes(32);
    await this.keychain.set(deviceAccount(restored.practiceId), deviceSecret.toString('base64'));
    const slot = await this.buildSlot(restored.practiceId, dataKey, deviceSecret, owner);
    this.keyring.write({
      format: 1,
      ...restored,
      createdAt: this.now(),
      deviceCheck: check(deviceSecret, `device-check:${restored.practiceId}`),
      slots: [slot],
      failures: {},
      pendingFailures: [],
    });
    zeroize(deviceSecret);
  }

  /** After a same-computer restore: the restored file's salt and audit head replace the old ones. */
  adoptRestoredDatabase(databaseSalt: string, auditHead: { count: number; hash: string }): void {
    const data = this.readKeyring();
    data.databaseSalt = databaseSalt;
    data.auditHead = auditHead;
    this.keyring.write(data);
  }

  /** Checks a signed-in user's current password (before a password change). */
  async verifyPassword(userId: string, password: string): Promise<void> {
    const data = this.readKeyring();
    const slot = data.slots.find((s) => s.userId === userId);
    const name = normalize(slot?.username ?? userId);
    this.assertNotBackedOff(data, name);
    const dataKey = await this.tryPassword(data, slot, password);
    const ok = dataKey !== null;
    zeroize(dataKey);
    if (!ok) {
      this.recordFailure(name, { userId, at: this.now(), via: 'password' });
      throw new AppError('INVALID_CREDENTIALS', 'Your current password is not correct.', {
        fields: [{ path: 'currentPassword', message: 'Your current password is not correct.' }],
      });
    }
    this.clearFailures(name);
  }

  /** Unlocks with the practice recovery key (not bound to this computer). */
  async unlockWithRecovery(recoveryKey: string): Promise<void> {
    const data = this.readKeyring();
    this.assertNotBackedOff(data, '#recovery');
    const parsed = parseRecoveryKey(recoveryKey);
    if (!parsed.ok) {
      throw new AppError(
        'INVALID_INPUT',
        parsed.reason === 'checksum'
          ? 'That recovery key has a typing mistake: check each group against the printed copy.'
          : 'A recovery key has 13 groups of 4 letters and digits.',
      );
    }
    const kek = slotKey(parsed.bytes, Buffer.from(data.recovery.salt, 'base64'), 'recovery');
    const dataKey = unwrapKey(kek, data.recovery.wrapped, recoveryAad(data.practiceId));
    zeroize(kek, parsed.bytes);
    if (!dataKey) {
      this.recordFailure('#recovery', { userId: null, at: this.now(), via: 'recovery' });
      throw new AppError('INVALID_CREDENTIALS', 'That recovery key does not open this practice.');
    }
    await this.openWith(data, dataKey);
    this.clearFailures('#recovery');
  }

  private async openWith(data: KeyringData, dataKey: Buffer): Promise<void> {
    if (!sameCheck(check(dataKey, `key-check:${data.practiceId}`), data.keyCheck)) {
      zeroize(dataKey);
      throw new AppError(
        'WRONG_KEY',
        'The key slots do not match this practice. Restore the keyring file from a backup.',
      );
    }
    if (this.database && this.dataKey) {
      zeroize(dataKey);
      return;
    }
    try {
      this.database = await openVaultDatabase(this.databaseFile, dataKey, this.logger);
    } catch (error) {
      zeroize(dataKey);
      if (error instanceof AppError && error.code === 'DATABASE_DAMAGED') {
        const salt = readDatabaseSalt(this.databaseFile);
        if (salt !== null && salt !== data.databaseSalt) {
          throw new AppError(
            'WRONG_KEY',
            'The database file in the data folder does not belong to this practice’s keys: the data key does not open it. Put back the database that goes with this keyring, or restore both from a backup.',
          );
        }
      }
      throw error;
    }
    this.dataKey = dataKey;
  }

  private requireKey(): Buffer {
    if (!this.dataKey) throw new AppError('VAULT_LOCKED', 'Stillwater is locked. Sign in to continue.');
    return this.dataKey;
  }

  /** Adds or replaces a user's slot (new staff, password change, password reset). */
  async setUserSlot(user: { userId: string; username: string; password: string }): Promise<void> {
    const key = this.requireKey();
    const data = this.readKeyring();
    const device = await this.deviceSecretOrNew(data);
    const slot = await this.buildSlot(data.practiceId, key, device, user);
    zeroize(device);
    const fresh = this.readKeyring();
    fresh.slots = [...fresh.slots.filter((s) => s.userId !== user.userId), slot];
    fresh.deviceCheck = data.deviceCheck;
    this.keyring.write(fresh);
  }

  /**
   * After a recovery on a computer whose keychain lost the device secret, a new secret is made;
   * slots wrapped under the old one can no longer open and are dropped (the owner re-issues them).
   */
  private async deviceSecretOrNew(data: KeyringData): Promise<Buffer> {
    try {
      return await this.deviceSecret(data);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'DEVICE_KEY_MISSING') throw error;
      const secret = randomBytes(32);
      await this.keychain.set(deviceAccount(data.practiceId), secret.toString('base64'));
      data.deviceCheck = check(secret, `device-check:${data.practiceId}`);
      const fresh = this.readKeyring();
      fresh.deviceCheck = data.deviceCheck;
      fresh.slots = [];
      this.keyring.write(fresh);
      this.logger.log('warn', 'vault.deviceSecretReplaced');
      return secret;
    }
  }

  slotUserIds(): Set<string> {
    return new Set(this.readKeyring().slots.map((s) => s.userId));
  }

  removeUserSlot(userId: string): void {
    const data = this.readKeyring();
    data.slots = data.slots.filter((s) => s.userId !== userId);
    this.keyring.write(data);
  }

  renameUserSlot(userId: string, username: string): void {
    const data = this.readKeyring();
    data.slots = data.slots.map((s) => (s.userId === userId ? { ...s, username } : s));
    this.keyring.write(data);
  }

  /** Checks a recovery key against the recovery slot without changing anything. */
  checkRecoveryKey(recoveryKey: string): Promise<void> {
    const data = this.readKeyring();
    const parsed = parseRecoveryKey(recoveryKey);
    const kek = parsed.ok
      ? slotKey(parsed.bytes, Buffer.from(data.recovery.salt, 'base64'), 'recovery')
      : null;
    const key = kek ? unwrapKey(kek, data.recovery.wrapped, recoveryAad(data.practiceId)) : null;
    const ok = key !== null;
    zeroize(kek, key, parsed.ok ? parsed.bytes : null);
    if (!ok)
      return Promise.reject(
        new AppError('INVALID_INPUT', 'That is not the recovery key shown for this practice.'),
      );
    return Promise.resolve();
  }

  recoveryConfirmed(): boolean {
    return this.readKeyring().recovery.confirmed;
  }

  confirmRecovery(): void {
    const data = this.readKeyring();
    data.recovery = { ...data.recovery, confirmed: true };
    this.keyring.write(data);
  }

  /** Replaces the recovery slot; the old recovery key stops working at once. */
  rotateRecovery(): string {
    const key = this.requireKey();
    const data = this.readKeyring();
    const recovery = generateRecoveryKey();
    const salt = randomBytes(16);
    const kek = slotKey(recovery.bytes, salt, 'recovery');
    data.recovery = {
      salt: salt.toString('base64'),
      wrapped: wrapKey(kek, key, recoveryAad(data.practiceId)),
      createdAt: this.now(),
      confirmed: false,
    };
    zeroize(kek, recovery.bytes);
    this.keyring.write(data);
    return recovery.text;
  }

  pendingFailures(): PendingFailure[] {
    return this.readKeyring().pendingFailures;
  }

  /** Called after the pending failures were written to the audit log. */
  clearPendingFailures(count: number): void {
    const data = this.readKeyring();
    data.pendingFailures = data.pendingFailures.slice(count);
    this.keyring.write(data);
  }

  auditHead(): KeyringData['auditHead'] {
    return this.readKeyring().auditHead;
  }

  saveAuditHead(head: { count: number; hash: string }): void {
    const data = this.readKeyring();
    if (data.auditHead?.count === head.count && data.auditHead.hash === head.hash) return;
    data.auditHead = head;
    this.keyring.write(data);
  }

  /** Closes the database and zeroes the data key. */
  close(): void {
    if (this.database) {
      this.database.close();
      this.database = null;
    }
    zeroize(this.dataKey);
    this.dataKey = null;
  }

  /** For tests and the key-handling checks: whether a key buffer is held, and whether it is all zero. */
  keyBufferForTest(): Buffer | null {
    return this.dataKey;
  }
}
