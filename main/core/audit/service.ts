// The audit log: append inside the caller's transaction, list with filters, verify, export CSV.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { canonicalJson, type Json } from '../canonical-json.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { insertEntry, lastEntry, listEntries, type AuditFilter } from './queries.ts';
import type { AuditAction, AuditEntry } from '../../../preload/contract/audit.ts';

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

  async list(db: Kysely<DB>, filter: AuditFilter): Promise<AuditEntry[]> {
    const rows = await listEntries(db, filter);
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      actorUsername: r.actor_username,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      detail: r.detail,
    }));
  }

  async exportCsv(
    db: Kysely<DB>,
    filter: Omit<AuditFilter, 'limit' | 'beforeSeq'>,
  ): Promise<{ csv: string; rows: number }> {
    const rows = await listEntries(db, { ...filter, limit: 1_000_000 });
    const header = [
      'seq',
      'at',
      'actor_id',
      'actor_username',
      'action',
      'target_type',
      'target_id',
      'detail',
      'prev_hash',
      'hash',
    ];
    const lines = [header.join(',')];
    for (const r of rows.reverse()) {
      lines.push(
        [
          r.seq,
          r.at,
          r.actor_id,
          r.actor_username,
          r.action,
          r.target_type,
          r.target_id,
          r.detail,
          r.prev_hash,
          r.hash,
        ]
          .map(csvCell)
          .join(','),
      );
    }
    return { csv: `${lines.join('\r\n')}\r\n`, rows: rows.length };
  }
}

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
