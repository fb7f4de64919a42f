// Failed sign-ins while the database may be closed: a back-off counter per username and the list of
// attempts still to be copied into the audit log. Both live in the keyring file. People type
// passwords into the username box, so a counter is keyed by a keyed hash of the normalized
// username (the key comes from the device secret in the OS keychain), and an attempt is kept only
// with the id of a known user. Nothing typed is ever written in clear.
import { createHash, createHmac } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { backoffDelayMs, retryAfterMs } from './backoff.ts';
import type { Keychain } from './keychain.ts';
import type { KeyringData, KeyringFile, PendingFailure } from './keyring-file.ts';
import { deviceAccount, normalizeUsername } from './key-slots.ts';

const MAX_FAILURE_ENTRIES = 200;

/** What a counter counts: attempts for one typed username, or recovery-key attempts. */
export type FailureSubject = { username: string } | 'recovery';

export class SignInFailures {
  private readonly keyring: KeyringFile;
  private readonly keychain: Keychain;
  private readonly clock: Clock;

  constructor(deps: { keyring: KeyringFile; keychain: Keychain; clock: Clock }) {
    this.keyring = deps.keyring;
    this.keychain = deps.keychain;
    this.clock = deps.clock;
  }

  private read(): KeyringData {
    const data = this.keyring.read();
    if (!data) throw new AppError('NOT_SET_UP', 'This computer has no Stillwater practice yet.');
    return data;
  }

  /**
   * The counter's key: HMAC-SHA256 under a key derived from the device secret. Where the keychain
   * has lost the secret (only the recovery key opens the practice then), the key falls back to one
   * derived from the practice's key check: still no typed text on disk, but guessable offline by
   * someone holding the keyring file, which is why the device secret is preferred.
   */
  async keyOf(data: KeyringData, subject: FailureSubject): Promise<string> {
    const label = subject === 'recovery' ? '#recovery' : `user:${normalizeUsername(subject.username)}`;
    let secret: Buffer;
    try {
      const stored = await this.keychain.get(deviceAccount(data.practiceId));
      secret = stored
        ? createHmac('sha256', Buffer.from(stored, 'base64')).update('stillwater/failure-counter').digest()
        : createHash('sha256').update(`stillwater/failure-counter/${data.keyCheck}`).digest();
    } catch {
      secret = createHash('sha256').update(`stillwater/failure-counter/${data.keyCheck}`).digest();
    }
    const mac = createHmac('sha256', secret).update(label).digest('base64url');
    secret.fill(0);
    return `h:${mac}`;
  }

  assertNotBackedOff(data: KeyringData, key: string): void {
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

  record(key: string, pending: PendingFailure): void {
    const data = this.read();
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

  clear(key: string): void {
    const data = this.read();
    if (!(key in data.failures)) return;
    Reflect.deleteProperty(data.failures, key);
    this.keyring.write(data);
  }

  pending(): PendingFailure[] {
    return this.read().pendingFailures;
  }

  /** Called after the pending failures were written to the audit log. */
  clearPending(count: number): void {
    const data = this.read();
    data.pendingFailures = data.pendingFailures.slice(count);
    this.keyring.write(data);
  }
}
