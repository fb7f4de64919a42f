// The audit head kept outside the database: the sequence number and hash of the newest audit
// entry, sealed with an HMAC whose key is derived from the data key (only an unlocked vault has
// it), stored in the keyring file and mirrored in this computer's OS keychain. It only moves
// forward: at unlock the log must contain it and chain from it, or the vault opens with an audit
// alarm, and the head stays where it was until the owner acknowledges the alarm.
import { createHmac } from 'node:crypto';
import type { SqliteHandle } from '../../../db/connection.ts';
import { checkAgainstHead, type Finding, type Head } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Keychain } from './keychain.ts';
import {
  SealedHead,
  type FullCheck,
  type KeyringData,
  type KeyringFile,
  type StoredAlarm,
} from './keyring-file.ts';
import { sameCheck } from './key-slots.ts';

export const mirrorAccount = (practiceId: string): string => `audit-head:${practiceId}`;

function headKey(dataKey: Buffer, practiceId: string): Buffer {
  return createHmac('sha256', dataKey).update(`stillwater/audit-head:${practiceId}`).digest();
}

export function sealHead(dataKey: Buffer, practiceId: string, head: Head): SealedHead {
  const key = headKey(dataKey, practiceId);
  const mac = createHmac('sha256', key)
    .update(`${String(head.count)}:${head.hash}`)
    .digest('base64');
  key.fill(0);
  return { count: head.count, hash: head.hash, mac };
}

export function authentic(dataKey: Buffer, practiceId: string, stored: unknown): SealedHead | null {
  const parsed = SealedHead.safeParse(stored);
  if (!parsed.success) return null;
  return sameCheck(sealHead(dataKey, practiceId, parsed.data).mac, parsed.data.mac) ? parsed.data : null;
}

export class AuditHeadStore {
  private readonly keyring: KeyringFile;
  private readonly keychain: Keychain;
  private readonly clock: Clock;
  private readonly logger: Logger;
  // Writes to the keyring and the keychain happen one after another, never interleaved.
  private queue: Promise<void> = Promise.resolve();

  constructor(deps: { keyring: KeyringFile; keychain: Keychain; clock: Clock; logger: Logger }) {
    this.keyring = deps.keyring;
    this.keychain = deps.keychain;
    this.clock = deps.clock;
    this.logger = deps.logger;
  }

  private read(): KeyringData | null {
    return this.keyring.read();
  }

  /** The stored head when it is authentic (for verification), else null. */
  authenticHead(dataKey: Buffer): Head | null {
    const data = this.read();
    if (!data) return null;
    const head = authentic(dataKey, data.practiceId, data.auditHead);
    return head ? { count: head.count, hash: head.hash } : null;
  }

  /** The keychain's copy: its text, null when absent, undefined when the keychain cannot be read. */
  private async readMirror(practiceId: string): Promise<string | null | undefined> {
    try {
      return await this.keychain.get(mirrorAccount(practiceId));
    } catch {
      return undefined;
    }
  }

  /**
   * Checks the opened database against the head, before anything is written. `fromPrevious`: the
   * keyring came from its previous copy because keyring.json was missing or unreadable.
   * `deviceSecretPresent`: whether the keychain holds this practice's device secret (a keychain
   * that lost it has lost the head's mirror too, and only the file is checked).
   */
  async checkAtUnlock(
    sqlite: SqliteHandle,
    dataKey: Buffer,
    data: KeyringData,
    opts: { fromPrevious: boolean; deviceSecretPresent: boolean },
  ): Promise<Finding | null> {
    if (opts.fromPrevious) {
      return {
        kind: 'head-missing',
        seq: 0,
        message:
          'The keyring file (keyring.json) was missing or unreadable, so Stillwater opened with its previous copy: the audit head in it may be older than the log.',
      };
    }
    if (data.auditAlarm) {
      // The alarm is known and recorded: only what happened since it was raised is new.
      const since = authentic(dataKey, data.practiceId, data.provisionalHead);
      if (!since) {
        return {
          kind: 'head-not-authentic',
          seq: 0,
          message:
            'The audit head kept since the pending alarm is missing or not authentic: it was edited outside Stillwater.',
        };
      }
      return checkAgainstHead(sqlite, since);
    }
    if (data.auditHead === null) {
      return {
        kind: 'head-missing',
        seq: 0,
        message:
          'The audit head kept outside the database is missing, so a cut-off end of the log cannot be ruled out.',
      };
    }
    const head = authentic(dataKey, data.practiceId, data.auditHead);
    if (!head) {
      return {
        kind: 'head-not-authentic',
        seq: data.auditHead.count,
        message:
          'The audit head kept outside the database is not authentic: its seal does not match, so it was edited or written by something other than Stillwater.',
      };
    }
    const mirrorText = opts.deviceSecretPresent ? await this.readMirror(data.practiceId) : undefined;
    if (mirrorText === null) {
      return {
        kind: 'head-missing',
        seq: head.count,
        message: "The copy of the audit head kept in this computer's keychain is missing.",
      };
    }
    if (mirrorText !== undefined) {
      let mirror: SealedHead | null;
      try {
        mirror = authentic(dataKey, data.practiceId, JSON.parse(mirrorText));
      } catch {
        mirror = null;
      }
      if (!mirror) {
        return {
          kind: 'head-not-authentic',
          seq: head.count,
          message: "The copy of the audit head kept in this computer's keychain is not authentic.",
        };
      }
      if (mirror.count > head.count || (mirror.count === head.count && mirror.hash !== head.hash)) {
        return {
          kind: 'head-rolled-back',
          seq: mirror.count,
          message: `The audit head in the keyring file (entry ${String(head.count)}) is older than the copy in this computer's keychain (entry ${String(mirror.count)}): the file was replaced with an older copy.`,
        };
      }
    }
    return checkAgainstHead(sqlite, head);
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(dataKey: Buffer, head: Head, change: (d: KeyringData) => void): Promise<void> {
    const data = this.read();
    if (!data) return;
    const sealed = sealHead(dataKey, data.practiceId, head);
    data.auditHead = sealed;
    change(data);
    this.keyring.write(data);
    try {
      await this.keychain.set(mirrorAccount(data.practiceId), JSON.stringify(sealed));
    } catch {
      // The file keeps the head; the mirror catches up at the next save.
      this.logger.log('warn', 'vault.auditHeadMirrorFailed');
    }
  }

  /**
   * Moves the head forward to the log's newest entry. While an alarm is pending the head stays
   * where it was, and it never moves back.
   */
  advance(dataKey: Buffer, head: Head): Promise<void> {
    const key = Buffer.from(dataKey);
    return this.enqueue(async () => {
      try {
        const data = this.read();
        if (!data) return;
        if (data.auditAlarm) {
          // The head stays put; the provisional one follows the log.
          const since = authentic(key, data.practiceId, data.provisionalHead);
          if (since && head.count > since.count) {
            data.provisionalHead = sealHead(key, data.practiceId, head);
            this.keyring.write(data);
          }
          return;
        }
        const current = authentic(key, data.practiceId, data.auditHead);
        if (!current) return;
        if (current.count === head.count && current.hash === head.hash) return;
        if (head.count < current.count) {
          this.logger.log('warn', 'vault.auditHeadBackwards');
          return;
        }
        await this.write(key, head, () => undefined);
      } finally {
        key.fill(0);
      }
    });
  }

  /**
   * Sets the head without the forward-only rule: a new practice, a restore (the restored log is the
   * practice's log from then on), or the owner's acknowledgement of an alarm. Clears the alarm.
   */
  reset(dataKey: Buffer, head: Head, fullCheck: FullCheck | null): Promise<void> {
    const key = Buffer.from(dataKey);
    return this.enqueue(async () => {
      try {
        await this.write(key, head, (d) => {
          d.auditAlarm = null;
          d.provisionalHead = null;
          d.lastFullCheck = fullCheck;
        });
      } finally {
        key.fill(0);
      }
    });
  }

  alarm(): StoredAlarm | null {
    return this.read()?.auditAlarm ?? null;
  }

  /**
   * Keeps an alarm until the owner acknowledges it (the first one stays the one shown; later
   * findings are entered in the log). `tail` is the log's newest entry now: the provisional head
   * starts there. With `dedupe`, a finding equal to the pending alarm is not raised again (the full
   * check finds the same edited entry every day). Returns whether the finding is new.
   */
  raise(dataKey: Buffer, finding: Finding, tail: Head, dedupe: boolean): boolean {
    const data = this.read();
    if (!data) return false;
    const pending = data.auditAlarm;
    if (dedupe && pending && pending.kind === finding.kind && pending.seq === finding.seq) return false;
    if (!pending) {
      data.auditAlarm = {
        kind: finding.kind,
        seq: finding.seq,
        message: finding.message.slice(0, 500),
        detectedAt: new Date(this.clock.now()).toISOString(),
        headCount: data.auditHead?.count ?? null,
      };
    }
    data.provisionalHead = sealHead(dataKey, data.practiceId, tail);
    this.keyring.write(data);
    return true;
  }

  lastFullCheck(): FullCheck | null {
    return this.read()?.lastFullCheck ?? null;
  }

  saveFullCheck(result: FullCheck): void {
    const data = this.read();
    if (!data) return;
    data.lastFullCheck = result;
    this.keyring.write(data);
  }
}
