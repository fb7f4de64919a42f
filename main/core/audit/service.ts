// The audit log: append inside the caller's transaction, list with filters, verify, export CSV.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { canonicalJson, type Json } from '../canonical-json.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { entryAt, insertEntry, lastEntry, listEntries, streamAll, type AuditFilter } from './queries.ts';
import type { AuditAction, AuditEntry, AuditVerification } from '../../../preload/contract/audit.ts';

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

  /**
   * Walks the whole chain. `head` is the newest (count, hash) kept outside the database, which
   * catches a cut-off tail that the chain alone cannot show.
   */
  async verify(db: Kysely<DB>, head: { count: number; hash: string } | null): Promise<AuditVerification> {
    let expected = 1;
    let prev = GENESIS_HASH;
    for await (const row of streamAll(db)) {
      if (row.seq !== expected) {
        return fail(
          expected - 1,
          row.seq > expected ? 'missing' : 'out-of-order',
          expected,
          row.seq > expected
            ? `Entries ${String(expected)} to ${String(row.seq - 1)} are missing.`
            : `Entry ${String(row.seq)} appears out of order.`,
        );
      }
      if (row.prev_hash !== prev) {
        return fail(
          expected - 1,
          'out-of-order',
          row.seq,
          `Entry ${String(row.seq)} does not follow entry ${String(row.seq - 1)}: entries were removed or reordered.`,
        );
      }
      if (entryHash(row) !== row.hash) {
        return fail(
          expected - 1,
          'edited',
          row.seq,
          `Entry ${String(row.seq)} was changed after it was written.`,
        );
      }
      prev = row.hash;
      expected += 1;
    }
    const checked = expected - 1;
    if (head) {
      if (head.count > checked) {
        return fail(
          checked,
          'truncated',
          checked + 1,
          `The log ends at entry ${String(checked)}, but entry ${String(head.count)} was recorded: the newest entries were removed.`,
        );
      }
      if (head.count > 0) {
        const atHead = await entryAt(db, head.count);
        if (atHead?.hash !== head.hash) {
          return fail(
            checked,
            'head-mismatch',
            head.count,
            `Entry ${String(head.count)} differs from the copy kept outside the database.`,
          );
        }
      }
    }
    return { ok: true, checked, problem: null };
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

function fail(
  checked: number,
  kind: NonNullable<AuditVerification['problem']>['kind'],
  seq: number,
  message: string,
): AuditVerification {
  return { ok: false, checked, problem: { kind, seq, message } };
}

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
