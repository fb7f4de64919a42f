// SQL for the audit log. The log is append-only: there is no update or delete here.
import type { Kysely } from 'kysely';
import type { SqliteHandle } from '../../../db/connection.ts';
import type { AuditLogTable, AuditRow, DB } from '../../../db/schema.ts';

export async function lastEntry(db: Kysely<DB>): Promise<Pick<AuditRow, 'seq' | 'hash'> | undefined> {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertEntry(db: Kysely<DB>, row: AuditLogTable): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export interface AuditFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

// Entries store UTC ("…Z"); a bound given with another offset is converted before comparing text.
const utc = (iso: string): string => new Date(iso).toISOString();

export async function listEntries(db: Kysely<DB>, f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', utc(f.from));
  if (f.to) q = q.where('at', '<', utc(f.to));
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
  return q.orderBy('seq', 'desc').limit(f.limit).execute();
}

/**
 * Whether the log already holds an entry `action` whose detail names `value` under `key` (detail
 * is canonical JSON, so the pair is written exactly as `"key":"value"`).
 */
export async function hasEntryNaming(
  db: Kysely<DB>,
  action: string,
  key: string,
  value: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', action)
    .where('detail', 'like', `%${JSON.stringify(key)}:${JSON.stringify(value)}%`)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether the log holds an entry after `seq` whose action is not one of `except`. Synchronous (raw
 * SQL on the handle) for callers that cannot wait, such as a listener that runs before the vault closes.
 */
export function hasEntryAfter(sqlite: SqliteHandle, seq: number, except: readonly string[]): boolean {
  const others = except.length === 0 ? '' : ` AND action NOT IN (${except.map(() => '?').join(', ')})`;
  return (
    sqlite.prepare(`SELECT 1 FROM audit_log WHERE seq > ?${others} LIMIT 1`).get(seq, ...except) !== undefined
  );
}
