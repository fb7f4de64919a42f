// The vault's lifecycle: creating the practice's keys, unlocking (password, one-time code,
// recovery key, a key already held after a restore), the open encrypted database, and closing.
// Key slots live in key-slots.ts, failed sign-ins in sign-in-failures.ts, the audit head in
// audit-head.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Finding, Head } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { zeroize } from './crypto.ts';
import { AuditHeadStore } from './audit-head.ts';
import type { Keychain } from './keychain.ts';
import {
  KeyringFile,
  type FullCheck,
  type KeyringData,
  type PendingFailure,
  type StoredAlarm,
} from './keyring-file.ts';
import { check, deviceAccount, KeySlots, normalizeCode, normalizeUsername, sameCheck } from './key-slots.ts';
import { openVaultDatabase, type VaultDatabase } from './open-database.ts';
import { SignInFailures } from './sign-in-failures.ts';
import {
  planRotation,
  rekeyDatabase,
  settleRotation,
  type RotateStage,
  type RotationParts,
} from './rotate-key.ts';

export const DATABASE_FILE = 'stillwater.db';

const invalidCredentials = (): AppError =>
  new AppError('INVALID_CREDENTIALS', 'The username or password is not correct.');

export type VaultStatus = 'not-set-up' | 'locked' | 'open';

type KeyringRead = NonNullable<ReturnType<KeyringFile['readWithSource']>>;

export interface VaultDeps {
  dataDir: string;
  keychain: Keychain;
  clock: Clock;
  logger: Logger;
  /**
   * Test seam (createCore's testSeams; the app never passes it): sees each data key the vault comes
   * to hold, so a test can check the very buffer is zeroed when the vault closes.
   */
  onDataKeyHeld?: ((key: Buffer) => void) | undefined;
}

/** Called once the database is open and checked against the audit head, before anything is written. */
export type OpenedHook = (finding: Finding | null) => Promise<void>;

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
  private readonly slots: KeySlots;
  private readonly failures: SignInFailures;
  private readonly head: AuditHeadStore;
  private dataKey: Buffer | null = null;
  private database: VaultDatabase | null = null;
  private opened: OpenedHook | null = null;
  private readonly closing: (() => void)[] = [];
  private readonly onDataKeyHeld: ((key: Buffer) => void) | undefined;
  private rotating = false;

  constructor(deps: VaultDeps) {
    this.dataDir = deps.dataDir;
    this.databaseFile = join(deps.dataDir, DATABASE_FILE);
    this.keyring = new KeyringFile(deps.dataDir);
    this.keychain = deps.keychain;
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.onDataKeyHeld = deps.onDataKeyHeld;
    const parts = { keyring: this.keyring, keychain: deps.keychain, clock: deps.clock, logger: deps.logger };
    this.slots = new KeySlots(parts);
    this.failures = new SignInFailures(parts);
    this.head = new AuditHeadStore(parts);
  }

  /** The core's audit integrity check runs here after every unlock (see audit/alarm.ts). */
  onOpened(hook: OpenedHook): void {
    this.opened = hook;
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
    return this.readKeyringWithSource().data;
  }

  /** The keyring, and whether it came from the previous copy (an unlock treats that as an alarm). */
  private readKeyringWithSource(): KeyringRead {
    const read = this.keyring.readWithSource();
    if (!read) throw new AppError('NOT_SET_UP', 'This computer has no Stillwater practice yet.');
    return read;
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
    populate: (db: VaultDatabase) => Promise<Head>,
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
      const recovery = this.slots.newRecovery(practiceId, dataKey);
      const ownerSlot = await this.slots.buildSlot(practiceId, dataKey, deviceSecret, owner);
      const data: KeyringData = {
        format: 1,
        practiceId,
        practiceName,
        createdAt: this.now(),
        keyCheck: check(dataKey, `key-check:${practiceId}`),
        databaseSalt: '',
        deviceCheck: check(deviceSecret, `device-check:${practiceId}`),
        slots: [ownerSlot],
        recovery: recovery.slot,
        failures: {},
        pendingFailures: [],
        auditHead: null,
        auditAlarm: null,
        provisionalHead: null,
        lastFullCheck: null,
        rotation: null,
      };
      zeroize(deviceSecret);
      this.database = await openVaultDatabase(this.databaseFile, dataKey, this.logger);
      this.dataKey = dataKey;
      this.onDataKeyHeld?.(dataKey);
      const head = await populate(this.database);
      this.database.checkpoint('TRUNCATE');
      data.databaseSalt = readDatabaseSalt(this.databaseFile) ?? '';
      this.keyring.write(data);
      // A new log has nothing to check yet: its first full check is this one.
      await this.head.reset(dataKey, head, {
        at: this.now(),
        ok: true,
        checked: head.count,
        problemKind: null,
        problemSeq: null,
      });
      return { recoveryKey: recovery.text };
    } catch (error) {
      this.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.databaseFile}${suffix}`, { force: true });
      rmSync(this.keyring.path, { force: true });
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

  /** Unlocks with a staff password. Same error and same Argon2id cost for an unknown username. */
  async unlockWithPassword(username: string, password: string): Promise<{ userId: string }> {
    const read = await this.readForUnlock();
    const { data } = read;
    const counter = await this.failures.keyOf(data, { username });
    this.failures.assertNotBackedOff(data, counter);
    const name = normalizeUsername(username);
    // A one-time code's slot opens only through redeemCode (which sets a new password at once).
    const slot = data.slots.find((s) => normalizeUsername(s.username) === name && !s.oneTimeExpiresAt);
    const dataKey = await this.slots.tryPassword(data, slot, password);
    if (!slot || !dataKey) {
      this.failures.record(counter, { userId: slot?.userId ?? null, at: this.now(), via: 'password' });
      throw invalidCredentials();
    }
    await this.openWith(read, dataKey, true);
    // The counter is cleared when the whole sign-in succeeds (clearSignInFailures): a right
    // password does not reset the count of wrong second-factor codes.
    return { userId: slot.userId };
  }

  /** Unlocks with a one-time sign-in code; the caller replaces the slot with the new password. */
  async unlockWithCode(username: string, code: string): Promise<{ userId: string }> {
    const read = await this.readForUnlock();
    const { data } = read;
    const counter = await this.failures.keyOf(data, { username });
    this.failures.assertNotBackedOff(data, counter);
    const name = normalizeUsername(username);
    const found = data.slots.find((s) => normalizeUsername(s.username) === name && s.oneTimeExpiresAt);
    const live = found && Date.parse(found.oneTimeExpiresAt ?? '') > this.clock.now() ? found : undefined;
    const dataKey = await this.slots.tryPassword(data, live, normalizeCode(code));
    if (!live || !dataKey) {
      this.failures.record(counter, { userId: found?.userId ?? null, at: this.now(), via: 'password' });
      throw new AppError(
        'INVALID_CREDENTIALS',
        found && !live
          ? 'That one-time code has expired. Ask the owner for a new one.'
          : 'The username or one-time code is not correct.',
      );
    }
    await this.openWith(read, dataKey, true);
    // Cleared when the whole sign-in succeeds (clearSignInFailures), as for a password.
    return { userId: live.userId };
  }

  /** Unlocks with the practice recovery key (not bound to this computer). */
  async unlockWithRecovery(recoveryKey: string): Promise<void> {
    const read = await this.readForUnlock();
    const { data } = read;
    const counter = await this.failures.keyOf(data, 'recovery');
    this.failures.assertNotBackedOff(data, counter);
    const dataKey = this.slots.unwrapRecovery(data, recoveryKey);
    if (!dataKey) {
      this.failures.record(counter, { userId: null, at: this.now(), via: 'recovery' });
      throw new AppError('INVALID_CREDENTIALS', 'That recovery key does not open this practice.');
    }
    await this.openWith(read, dataKey);
    this.failures.clear(counter);
  }

  /** Opens the database with a data key the caller already holds (after a restore). */
  async openWithKey(dataKey: Buffer): Promise<void> {
    await this.openWith(await this.readForUnlock(), Buffer.from(dataKey));
  }

  /** Every unlock: not while a data-key rotation runs; one a crash interrupted is settled first. */
  private async readForUnlock(): Promise<KeyringRead> {
    if (this.rotating)
      throw new AppError(
        'CONFLICT',
        'The owner is re-encrypting the practice database. Try again in a minute.',
      );
    await settleRotation(this.rotationParts());
    return this.readKeyringWithSource();
  }

  private rotationParts(): RotationParts {
    return {
      keyring: this.keyring,
      keychain: this.keychain,
      databaseFile: this.databaseFile,
      logger: this.logger,
    };
  }

  /**
   * Re-encrypts the open database under a fresh data key (rotate-key.ts); the caller has ended every
   * other session and stopped the checkpointer. `recoveryKey`: the current one, kept; null: a new one
   * is made and returned. `stamp` writes the audit entry into the re-keyed copy.
   */
  async rotateDataKey(
    recoveryKey: string | null,
    stamp: (db: Kysely<DB>, facts: { slots: number; oneTimeSlots: number }) => Promise<void>,
    hooks: { beforeClose: () => void; onStage?: ((stage: RotateStage) => void) | undefined },
  ): Promise<{ recoveryKey: string | null }> {
    const oldKey = this.requireKey();
    if (this.rotating) throw new AppError('CONFLICT', 'The data key is being rotated already.');
    const data = this.readKeyring();
    const plan = planRotation(this.slots, data, oldKey, recoveryKey, this.now());
    this.rotating = true;
    try {
      hooks.beforeClose();
      for (const hook of this.closing) hook();
      this.database?.close();
      this.database = null;
      let failure: unknown = null;
      try {
        await rekeyDatabase(this.rotationParts(), {
          oldKey,
          newKey: plan.newKey,
          pending: plan.pending,
          stamp: (db) => stamp(db, plan.facts),
          onStage: hooks.onStage,
        });
      } catch (error) {
        failure = error;
        this.logger.log('error', 'vault.dataKeyRotationFailed', {
          errorName: error instanceof Error ? error.name : 'unknown',
        });
        await settleRotation(this.rotationParts());
      }
      // Whichever key the keyring now holds (the new one unless the rotation failed before its
      // rename) opens the database again.
      const read = this.readKeyringWithSource();
      const rotated = sameCheck(check(plan.newKey, `key-check:${data.practiceId}`), read.data.keyCheck);
      const key = rotated ? plan.newKey : Buffer.from(oldKey);
      zeroize(oldKey);
      if (!rotated) zeroize(plan.newKey);
      this.dataKey = null;
      await this.openWith(read, key);
      if (!rotated) {
        if (failure instanceof AppError) throw failure;
        throw new AppError('INTERNAL', 'The data key could not be rotated; nothing was changed.');
      }
      return { recoveryKey: plan.recoveryText };
    } finally {
      this.rotating = false;
    }
  }

  /**
   * `read`: the keyring as the unlock path read it (not read again here). `viaDeviceSecret`: the
   * key came from a slot bound to this computer's device secret, so the keychain holds it and need
   * not be asked again; after the recovery key or a restore it is asked.
   */
  private async openWith(read: KeyringRead, dataKey: Buffer, viaDeviceSecret = false): Promise<void> {
    const { data } = read;
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
    this.onDataKeyHeld?.(dataKey);
    const deviceSecretPresent = viaDeviceSecret || (await this.hasDeviceSecret(data));
    const finding = await this.head.checkAtUnlock(this.database.sqlite, dataKey, data, {
      fromPrevious: read.source === 'previous',
      deviceSecretPresent,
    });
    if (this.opened) await this.opened(finding);
  }

  private async hasDeviceSecret(data: KeyringData): Promise<boolean> {
    try {
      const secret = await this.slots.deviceSecretIfPresent(data);
      zeroize(secret);
      return secret !== null;
    } catch {
      return false;
    }
  }

  private requireKey(): Buffer {
    if (!this.dataKey) throw new AppError('VAULT_LOCKED', 'Stillwater is locked. Sign in to continue.');
    return this.dataKey;
  }

  /** A copy of the data key for a worker thread (which zeroes it when done). */
  copyDataKey(): Buffer {
    return Buffer.from(this.requireKey());
  }

  /**
   * What a worker thread needs for its own read connection to the open database: the file and a
   * copy of the data key, which the worker zeroes once keyed (the search worker, notes/).
   */
  readerFor(): { file: string; key: Buffer | null } {
    return { file: this.databaseFile, key: this.copyDataKey() };
  }

  /** Runs before the database closes (lock, sign-out of the last user, restore): workers stop. */
  onClosing(hook: () => void): void {
    this.closing.push(hook);
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
    restored: Pick<KeyringData, 'practiceId' | 'practiceName' | 'keyCheck' | 'databaseSalt' | 'recovery'> & {
      auditHead: Head;
    },
    dataKey: Buffer,
    owner: { userId: string; username: string; password: string },
  ): Promise<void> {
    if (this.keyring.exists())
      throw new AppError('ALREADY_SET_UP', 'A practice is already set up on this computer.');
    if (!sameCheck(check(dataKey, `key-check:${restored.practiceId}`), restored.keyCheck))
      throw new AppError('WRONG_KEY', 'The backup’s keys do not match its database.');
    const deviceSecret = randomBytes(32);
    await this.keychain.set(deviceAccount(restored.practiceId), deviceSecret.toString('base64'));
    const slot = await this.slots.buildSlot(restored.practiceId, dataKey, deviceSecret, owner);
    const { auditHead, ...keys } = restored;
    this.keyring.write({
      format: 1,
      ...keys,
      createdAt: this.now(),
      deviceCheck: check(deviceSecret, `device-check:${restored.practiceId}`),
      slots: [slot],
      failures: {},
      pendingFailures: [],
      auditHead: null,
      auditAlarm: null,
      provisionalHead: null,
      lastFullCheck: null,
    });
    zeroize(deviceSecret);
    // The backup's log was verified against its own head; a full check runs again after unlock.
    await this.head.reset(dataKey, auditHead, null);
  }

  /** After a same-computer restore: the restored file's salt and audit head replace the old ones. */
  async adoptRestoredDatabase(databaseSalt: string, auditHead: Head, dataKey: Buffer): Promise<void> {
    const data = this.readKeyring();
    data.databaseSalt = databaseSalt;
    this.keyring.write(data);
    await this.head.reset(dataKey, auditHead, null);
  }

  // Key slots (key-slots.ts).

  /** Adds or replaces a user's slot (new staff, password change, password reset). */
  setUserSlot(user: { userId: string; username: string; password: string }): Promise<void> {
    return this.slots.setUserSlot(this.requireKey(), user);
  }

  setOneTimeSlot(user: { userId: string; username: string }, code: string, expiresAt: string): Promise<void> {
    return this.slots.setOneTimeSlot(this.requireKey(), user, code, expiresAt);
  }

  slotUserIds(): Set<string> {
    return new Set(this.readKeyring().slots.map((s) => s.userId));
  }

  removeUserSlot(userId: string): void {
    this.slots.removeUserSlot(userId);
  }

  /** Checks a signed-in user's current password (before a password change). */
  async verifyPassword(userId: string, password: string): Promise<void> {
    const data = this.readKeyring();
    const slot = data.slots.find((s) => s.userId === userId);
    const counter = await this.failures.keyOf(data, { username: slot?.username ?? userId });
    this.failures.assertNotBackedOff(data, counter);
    const dataKey = await this.slots.tryPassword(data, slot, password);
    const ok = dataKey !== null;
    zeroize(dataKey);
    if (!ok) {
      this.failures.record(counter, { userId, at: this.now(), via: 'password' });
      throw new AppError('INVALID_CREDENTIALS', 'Your current password is not correct.', {
        fields: [{ path: 'currentPassword', message: 'Your current password is not correct.' }],
      });
    }
    this.failures.clear(counter);
  }

  /** Checks a recovery key against the recovery slot without changing anything. */
  checkRecoveryKey(recoveryKey: string): Promise<void> {
    return Promise.resolve().then(() => {
      this.slots.checkRecoveryKey(recoveryKey);
    });
  }

  recoveryConfirmed(): boolean {
    return this.readKeyring().recovery.confirmed;
  }

  confirmRecovery(): void {
    this.slots.confirmRecovery();
  }

  /** Replaces the recovery slot; the old recovery key stops working at once. */
  rotateRecovery(): string {
    return this.slots.rotateRecovery(this.requireKey());
  }

  // Failed sign-ins (sign-in-failures.ts).

  /** Refuses while `username`'s counter is backed off (wrong passwords and wrong codes share it). */
  async assertSignInNotBackedOff(username: string): Promise<void> {
    const data = this.readKeyring();
    this.failures.assertNotBackedOff(data, await this.failures.keyOf(data, { username }));
  }

  /** A wrong second-factor code: counted with wrong passwords, copied to the audit log like them. */
  async recordSignInFailure(user: { userId: string; username: string }): Promise<void> {
    const data = this.readKeyring();
    const counter = await this.failures.keyOf(data, { username: user.username });
    this.failures.record(counter, { userId: user.userId, at: this.now(), via: 'second-factor' });
  }

  /** The whole sign-in succeeded (the password and, where the person has one, the second factor). */
  async clearSignInFailures(username: string): Promise<void> {
    const data = this.readKeyring();
    this.failures.clear(await this.failures.keyOf(data, { username }));
  }

  pendingFailures(): PendingFailure[] {
    return this.failures.pending();
  }

  /** Called after the pending failures were written to the audit log. */
  clearPendingFailures(count: number): void {
    this.failures.clearPending(count);
  }

  // The audit head (audit-head.ts).

  /** The stored head when it is authentic, for verification; null when it is missing or forged. */
  auditHead(): Head | null {
    return this.head.authenticHead(this.requireKey());
  }

  /** Moves the head forward to the log's newest entry (not while an alarm is pending). */
  saveAuditHead(head: Head): Promise<void> {
    return this.head.advance(this.requireKey(), head);
  }

  auditAlarm(): StoredAlarm | null {
    return this.head.alarm();
  }

  /** Raises (or re-records) an alarm; `tail` is the log's newest entry now. */
  raiseAuditAlarm(finding: Finding, tail: Head, dedupe: boolean): boolean {
    return this.head.raise(this.requireKey(), finding, tail, dedupe);
  }

  /** The owner acknowledged the alarm: the head is sealed again at the log's newest entry. */
  acknowledgeAuditAlarm(head: Head): Promise<void> {
    return this.head.reset(this.requireKey(), head, null);
  }

  lastFullCheck(): FullCheck | null {
    return this.head.lastFullCheck();
  }

  saveFullCheck(result: FullCheck): void {
    this.head.saveFullCheck(result);
  }

  /** Closes the database and zeroes the data key. */
  close(): void {
    for (const hook of this.closing) hook();
    if (this.database) {
      this.database.close();
      this.database = null;
    }
    zeroize(this.dataKey);
    this.dataKey = null;
  }
}
