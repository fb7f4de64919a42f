// SQL for the audit log. The log is append-only: there is no update or delete here.
import { sql, type Kysely } from 'kysely';
import type { SqliteHandle } from '../../../db/connection.ts';
import { engineOf } from '../../../db/dialect.ts';
import type { AuditLogTable, AuditRow, DB } from '../../../db/schema.ts';

/** pg_advisory_xact_lock's key for the audit chain (any fixed number; "SWAU" in ASCII). */
const CHAIN_LOCK = 0x53_57_41_55;

/**
 * Makes the caller the only one appending until its transaction ends, so that two appends never
 * read the same last entry (two workstations would fork the chain, or one would fail on the
 * duplicate seq). On SQLite every write transaction already holds the file's write lock (BEGIN
 * IMMEDIATE, db/connection.ts); on PostgreSQL a transaction-scoped advisory lock does it, which
 * is why an append there must be inside a transaction.
 */
export async function lockChain(db: Kysely<DB>): Promise<void> {
  if (engineOf(db) === 'sqlite') return;
  if (!db.isTransaction) throw new Error('an audit entry is appended inside the transaction it records');
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(db);
}

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
  /** Entries about this client: its chart, its notes and releases (`recordIds`), or naming it in their detail. */
  client?: { id: string; recordIds: readonly string[] } | undefined;
  /** Show a draft's autosaves in one session as one entry, the newest (see AUTOSAVE below). */
  groupAutosaves?: boolean | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

// Entries store UTC ("…Z"); a bound given with another offset is converted before comparing text.
const utc = (iso: string): string => new Date(iso).toISOString();

/**
 * Draft autosaves (issue 18): a note being typed is saved every second or two, and each save is a
 * change the log keeps (45 CFR 164.312(b)). They are grouped when the log is read, not coalesced
 * when written: coalescing would mean holding a save's entry back (lost in a crash or a lock) or
 * rewriting the last entry, which the append-only triggers and the hash chain forbid (DESIGN.md
 * section 7). So every save keeps its entry, and a reader sees one row per draft per session: the
 * newest save, with how many there were. A save is hidden when the same person saved the same note
 * again later with no sign-in, sign-out or lock of theirs in between (one session), within the `to`
 * bound of the view.
 */
export const AUTOSAVE = 'note.draftSave';
/** The entries that start or end a person's session. */
export const SESSION_BOUNDARIES = [
  'auth.signIn',
  'auth.recoveryUsed',
  'backup.codeRedeemed',
  'practice.setup',
  'auth.signOut',
  'auth.locked',
] as const;

export async function listEntries(db: Kysely<DB>, f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log as a').selectAll('a');
  if (f.actorId) q = q.where('a.actor_id', '=', f.actorId);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.from) q = q.where('a.at', '>=', utc(f.from));
  if (f.to) q = q.where('a.at', '<', utc(f.to));
  if (f.beforeSeq !== undefined) q = q.where('a.seq', '<', f.beforeSeq);
  const client = f.client;
  if (client) {
    // Ids are UUIDs (hyphens and hex only), so they are safe inside a LIKE pattern as written.
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('a.target_type', '=', 'client'), eb('a.target_id', '=', client.id)]),
        ...(client.recordIds.length > 0 ? [eb('a.target_id', 'in', [...client.recordIds])] : []),
        eb('a.detail', 'like', `%${JSON.stringify(client.id)}%`),
      ]),
    );
  }
  if (f.groupAutosaves) {
    const to = f.to ? utc(f.to) : null;
    q = q.where((eb) =>
      eb.or([
        eb('a.action', '!=', AUTOSAVE),
        eb.not(
          eb.exists(
            eb
              .selectFrom('audit_log as later')
              .select('later.seq')
              .whereRef('later.target_id', '=', 'a.target_id')
              .whereRef('later.seq', '>', 'a.seq')
              .where('later.action', '=', AUTOSAVE)
              .whereRef('later.actor_id', '=', 'a.actor_id')
              .$if(to !== null, (sub) => sub.where('later.at', '<', to ?? ''))
              .where((inner) =>
                inner.not(
                  inner.exists(
                    inner
                      .selectFrom('audit_log as b')
                      .select('b.seq')
                      .whereRef('b.actor_id', '=', 'a.actor_id')
                      .whereRef('b.seq', '>', 'a.seq')
                      .whereRef('b.seq', '<', 'later.seq')
                      .where('b.action', 'in', [...SESSION_BOUNDARIES]),
                  ),
                ),
              ),
          ),
        ),
      ]),
    );
  }
  return q.orderBy('a.seq', 'desc').limit(f.limit).execute();
}

/** How many saves an autosave row stands for, and when the first was (same person, note, session). */
export async function autosaveRun(
  db: Kysely<DB>,
  head: Pick<AuditRow, 'seq' | 'actor_id' | 'target_id'>,
  from: string | undefined,
): Promise<{ count: number; firstAt: string | null }> {
  if (head.actor_id === null || head.target_id === null) return { count: 1, firstAt: null };
  const start = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('actor_id', '=', head.actor_id)
    .where('seq', '<', head.seq)
    .where('action', 'in', [...SESSION_BOUNDARIES])
    .executeTakeFirst();
  let q = db
    .selectFrom('audit_log')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at').as('firstAt')])
    .where('target_id', '=', head.target_id)
    .where('action', '=', AUTOSAVE)
    .where('actor_id', '=', head.actor_id)
    .where('seq', '<=', head.seq)
    .where('seq', '>', start?.seq ?? 0);
  if (from) q = q.where('at', '>=', utc(from));
  const row = await q.executeTakeFirst();
  return { count: Math.max(1, row?.count ?? 1), firstAt: row?.firstAt ?? null };
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
