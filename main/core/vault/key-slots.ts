// Key slots: the data key wrapped once per staff password (bound to this computer's device secret
// in the OS keychain) and once under the practice recovery key. Unknown usernames are checked
// against a decoy slot so they cost the same Argon2id time as known ones.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { argon2id, newKdfParams, slotKey, unwrapKey, wrapKey, zeroize, type Wrapped } from './crypto.ts';
import type { Keychain } from './keychain.ts';
import type { KeyringData, KeyringFile, RecoverySlot, UserSlot } from './keyring-file.ts';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key.ts';
import { newSlotKeyPair, openSealed, sealTo } from './slot-seal.ts';

export const deviceAccount = (practiceId: string): string => `device-secret:${practiceId}`;
export const normalizeUsername = (username: string): string => username.trim().toLowerCase();
const slotAad = (practiceId: string, userId: string): string => `slot:${practiceId}:${userId}`;
const recoveryAad = (practiceId: string): string => `recovery:${practiceId}`;
// A slot's private key (slot-seal.ts) is wrapped under its own associated data, never the data key's.
const privateAad = (practiceId: string, userId: string): string => `slot-private:${practiceId}:${userId}`;
const DECOY_USER = '00000000-0000-4000-8000-000000000000';

/** A keyed check value: proves a key is the right one without storing anything derived reversibly. */
export function check(key: Buffer, label: string): string {
  return createHmac('sha256', key).update(`stillwater/${label}`).digest('base64');
}

export function sameCheck(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A one-time code is typed with or without dashes and spaces, in any case. */
export const normalizeCode = (code: string): string => code.trim().toUpperCase().replace(/[\s-]/g, '');

/** The data key from a slot whose key is `kek`: through its key pair, or wrapped directly (older slots). */
function openSlot(
  kek: Buffer,
  slot: Pick<UserSlot, 'wrapped' | 'publicKey' | 'sealed'>,
  practiceId: string,
  userId: string,
): Buffer | null {
  if (!slot.publicKey || !slot.sealed) return unwrapKey(kek, slot.wrapped, slotAad(practiceId, userId));
  const privateDer = unwrapKey(kek, slot.wrapped, privateAad(practiceId, userId));
  if (!privateDer) return null;
  const dataKey = openSealed(privateDer, slot.publicKey, slot.sealed, slotAad(practiceId, userId));
  zeroize(privateDer);
  return dataKey;
}

export interface SlotsDeps {
  keyring: KeyringFile;
  keychain: Keychain;
  clock: Clock;
  logger: Logger;
}

export class KeySlots {
  private readonly keyring: KeyringFile;
  private readonly keychain: Keychain;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly decoy = {
    kdf: newKdfParams(),
    wrapped: {
      iv: randomBytes(12).toString('base64'),
      ct: randomBytes(32).toString('base64'),
      tag: randomBytes(16).toString('base64'),
    } satisfies Wrapped,
  };

  constructor(deps: SlotsDeps) {
    this.keyring = deps.keyring;
    this.keychain = deps.keychain;
    this.clock = deps.clock;
    this.logger = deps.logger;
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private read(): KeyringData {
    const data = this.keyring.read();
    if (!data) throw new AppError('NOT_SET_UP', 'This computer has no Stillwater practice yet.');
    return data;
  }

  async buildSlot(
    practiceId: string,
    dataKey: Buffer,
    deviceSecret: Buffer,
    user: { userId: string; username: string; password: string },
  ): Promise<UserSlot> {
    const kdf = newKdfParams();
    const passwordKey = await argon2id(user.password, kdf);
    const kek = slotKey(passwordKey, deviceSecret, `slot:${user.userId}`);
    // The slot's own key pair: the private key under the password, the data key sealed to the
    // public key, so a data-key rotation can re-seal this slot without the password.
    const pair = newSlotKeyPair();
    const wrapped = wrapKey(kek, pair.privateDer, privateAad(practiceId, user.userId));
    const sealed = sealTo(pair.publicKey, dataKey, slotAad(practiceId, user.userId));
    zeroize(passwordKey, kek, pair.privateDer);
    return {
      userId: user.userId,
      username: user.username,
      kdf,
      wrapped,
      publicKey: pair.publicKey,
      sealed,
      createdAt: this.now(),
    };
  }

  /** The slot with `dataKey` sealed to its public key; null for a slot made before slots had key pairs. */
  static reseal(practiceId: string, slot: UserSlot, dataKey: Buffer): UserSlot | null {
    if (!slot.publicKey || !slot.sealed) return null;
    return { ...slot, sealed: sealTo(slot.publicKey, dataKey, slotAad(practiceId, slot.userId)) };
  }

  /** A new recovery key and the slot it opens. */
  newRecovery(practiceId: string, dataKey: Buffer): { text: string; slot: RecoverySlot } {
    const recovery = generateRecoveryKey();
    const salt = randomBytes(16);
    const kek = slotKey(recovery.bytes, salt, 'recovery');
    const slot: RecoverySlot = {
      salt: salt.toString('base64'),
      wrapped: wrapKey(kek, dataKey, recoveryAad(practiceId)),
      createdAt: this.now(),
      confirmed: false,
    };
    zeroize(kek, recovery.bytes);
    return { text: recovery.text, slot };
  }

  /** The device secret from the keychain, checked against the keyring; null when it is not there. */
  async deviceSecretIfPresent(data: KeyringData): Promise<Buffer | null> {
    const stored = await this.keychain.get(deviceAccount(data.practiceId));
    if (stored === null) return null;
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

  async deviceSecret(data: KeyringData): Promise<Buffer> {
    const secret = await this.deviceSecretIfPresent(data);
    if (!secret) {
      throw new AppError(
        'DEVICE_KEY_MISSING',
        "This computer's keychain no longer holds Stillwater's device key, so passwords cannot unlock the practice here. Sign in with the recovery key.",
      );
    }
    return secret;
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
      const fresh = this.read();
      fresh.deviceCheck = data.deviceCheck;
      fresh.slots = [];
      this.keyring.write(fresh);
      this.logger.log('warn', 'vault.deviceSecretReplaced');
      return secret;
    }
  }

  /** Derives the slot key and tries to unwrap; an unknown user runs against the decoy slot. */
  async tryPassword(data: KeyringData, slot: UserSlot | undefined, password: string): Promise<Buffer | null> {
    const device = await this.deviceSecret(data);
    const slotUser = slot?.userId ?? DECOY_USER;
    const passwordKey = await argon2id(password, slot?.kdf ?? this.decoy.kdf);
    const kek = slotKey(passwordKey, device, `slot:${slotUser}`);
    const dataKey = openSlot(kek, slot ?? this.decoy, data.practiceId, slotUser);
    zeroize(passwordKey, kek, device);
    return slot ? dataKey : (zeroize(dataKey), null);
  }

  /** The data key from the recovery slot, or null when the key is not this practice's. */
  unwrapRecovery(data: KeyringData, recoveryKey: string): Buffer | null {
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
    return dataKey;
  }

  /** Adds or replaces a user's slot (new staff, password change, password reset). */
  async setUserSlot(
    dataKey: Buffer,
    user: { userId: string; username: string; password: string },
  ): Promise<void> {
    const data = this.read();
    const device = await this.deviceSecretOrNew(data);
    const slot = await this.buildSlot(data.practiceId, dataKey, device, user);
    zeroize(device);
    const fresh = this.read();
    fresh.slots = [...fresh.slots.filter((s) => s.userId !== user.userId), slot];
    fresh.deviceCheck = data.deviceCheck;
    this.keyring.write(fresh);
  }

  /** A slot that a one-time code opens until `expiresAt` (the code is the slot's Argon2id secret). */
  async setOneTimeSlot(
    dataKey: Buffer,
    user: { userId: string; username: string },
    code: string,
    expiresAt: string,
  ): Promise<void> {
    await this.setUserSlot(dataKey, { ...user, password: normalizeCode(code) });
    const data = this.read();
    data.slots = data.slots.map((s) =>
      s.userId === user.userId ? { ...s, oneTimeExpiresAt: expiresAt } : s,
    );
    this.keyring.write(data);
  }

  removeUserSlot(userId: string): void {
    const data = this.read();
    data.slots = data.slots.filter((s) => s.userId !== userId);
    this.keyring.write(data);
  }

  /** Checks a recovery key against the recovery slot without changing anything. */
  checkRecoveryKey(recoveryKey: string): void {
    const data = this.read();
    const parsed = parseRecoveryKey(recoveryKey);
    const kek = parsed.ok
      ? slotKey(parsed.bytes, Buffer.from(data.recovery.salt, 'base64'), 'recovery')
      : null;
    const key = kek ? unwrapKey(kek, data.recovery.wrapped, recoveryAad(data.practiceId)) : null;
    const ok = key !== null;
    zeroize(kek, key, parsed.ok ? parsed.bytes : null);
    if (!ok) throw new AppError('INVALID_INPUT', 'That is not the recovery key shown for this practice.');
  }

  confirmRecovery(): void {
    const data = this.read();
    data.recovery = { ...data.recovery, confirmed: true };
    this.keyring.write(data);
  }

  /**
   * The recovery slot re-made for `newKey` under the same recovery key (a data-key rotation that
   * keeps it); null when the key does not open the current slot.
   */
  rewrapRecovery(data: KeyringData, recoveryKey: string, newKey: Buffer): RecoverySlot | null {
    const current = this.unwrapRecovery(data, recoveryKey);
    const parsed = parseRecoveryKey(recoveryKey);
    if (!current || !parsed.ok) return (zeroize(current), null);
    zeroize(current);
    const salt = randomBytes(16);
    const kek = slotKey(parsed.bytes, salt, 'recovery');
    const slot: RecoverySlot = {
      ...data.recovery,
      salt: salt.toString('base64'),
      wrapped: wrapKey(kek, newKey, recoveryAad(data.practiceId)),
    };
    zeroize(kek, parsed.bytes);
    return slot;
  }

  /** Replaces the recovery slot; the old recovery key stops working at once. */
  rotateRecovery(dataKey: Buffer): string {
    const data = this.read();
    const { text, slot } = this.newRecovery(data.practiceId, dataKey);
    data.recovery = slot;
    this.keyring.write(data);
    return text;
  }
}
