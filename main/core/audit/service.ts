// The audit log: append inside the caller's transaction, and its head. Reading it in words is reader.ts.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { canonicalJson, type Json } from '../canonical-json.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { insertEntry, lastEntry, lockChain } from './queries.ts';
import type { AuditAction } from '../../../preload/contract/audit.ts';

export interface AuditActor {
  userId: string | null;
  username: string | null;
}

export interface AuditEvent {
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, Json>;
  /** When the event happened, if not now (failed sign-ins copied from the keyring). */
  at?: string;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, username: null };

export class AuditService {
  private readonly clock: Clock;
  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Appends one entry. Call it with the transaction that makes the change it records. */
  async append(db: Kysely<DB>, actor: AuditActor, event: AuditEvent): Promise<{ seq: number; hash: string }> {
    await lockChain(db);
    const last = await lastEntry(db);
    const row = {
      seq: (last?.seq ?? 0) + 1,
      at: event.at ?? new Date(this.clock.now()).toISOString(),
      actor_id: actor.userId,
      actor_username: actor.username,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      detail: canonicalJson(event.detail ?? {}),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const hash = entryHash(row);
    await insertEntry(db, { ...row, hash });
    return { seq: row.seq, hash };
  }

  async head(db: Kysely<DB>): Promise<{ count: number; hash: string }> {
    const last = await lastEntry(db);
    return { count: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
  }
}

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
