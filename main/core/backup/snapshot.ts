// The heavy part of a backup, run in a worker thread (or the CLI): the consistent encrypted
// snapshot, and the checks that prove a copy is whole (quick_check of every table, audit chain,
// counts).
//
// The snapshot is the live database file copied block for block while a read transaction holds
// it still (frozen-copy.ts): a consistent snapshot while the app keeps writing, with the pages
// left encrypted as they are, i.e. SQLCipher 4 with the same data key and salt. When the file
// cannot be held still (saves back to back), VACUUM INTO on the same connection takes its place:
// one read transaction too, and SQLite3 Multiple Ciphers writes the target with the source's
// cipher and key (SQLite's backup API would restart on every concurrent commit and never finish
// under steady saves). Either way the result is checked, not assumed: the copy must not start
// with "SQLite format 3", must carry the source's salt, and must open only with the data key
// under the SQLCipher 4 settings.
import { closeSync, fsyncSync, openSync, readSync, statSync } from 'node:fs';
import { openKeyed, type SqliteHandle } from '../../../db/connection.ts';
import { readSchemaVersion } from '../../../db/migrator.ts';
import { walkChain } from '../audit/index.ts';
import { BackupProblem, sha256File } from './format.ts';
import { copyFrozen } from './frozen-copy.ts';

export type Counts = Record<string, number>;

export interface DatabaseCheck {
  schemaVersion: number;
  counts: Counts;
  auditHead: { count: number; hash: string };
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Every ordinary table (FTS shadow tables included, virtual tables not: they are views of those). */
export function tableNames(sqlite: SqliteHandle): string[] {
  return (
    sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

/**
 * The row count of every table, or (`records`) of every table but the full-text index's shadow
 * tables: counting those reads every note's text again (most of a count of the live database).
 * The copy's index is checked by FTS5's own check (checkStructure), and VACUUM INTO copies its
 * rows as they are.
 */
export function countRows(sqlite: SqliteHandle, records = false): Counts {
  const out: Counts = {};
  for (const t of tableNames(sqlite)) {
    if (records && t.includes('_fts_')) continue;
    out[t] = (sqlite.prepare(`SELECT count(*) AS n FROM ${quoteIdent(t)}`).get() as { n: number }).n;
  }
  return out;
}

/**
 * Walks the audit chain of a copy with the same rule as the app's own checks (audit/chain-walk.ts):
 * a break the owner acknowledged in the log is read past. The head is the copy's own last entry.
 */
export function verifyChain(sqlite: SqliteHandle): { count: number; hash: string } {
  const { walk, problem } = walkChain(sqlite);
  if (problem) {
    throw new BackupProblem(
      'damaged',
      `The backup's audit log does not verify at entry ${String(problem.seq)}: the backup is damaged.`,
    );
  }
  return { count: walk.checked, hash: walk.lastHash };
}

/** The check connection's page cache (KiB): a mid-size practice fits; a larger one re-reads the tail. */
const CHECK_CACHE_KIB = 512 * 1024;

/**
 * The tables whose structure the chain's thread checks (checkDatabaseBeside): the audit log,
 * which it then walks from its own cache. The other thread checks the rest and reads the file's
 * SHA-256, so that the two share the work about equally on the bench's practice.
 */
export const CHECKED_BESIDE: readonly string[] = ['audit_log'];

/**
 * Checks the b-trees of `tables` with quick_check: every page of each table and its indexes is
 * read, so each must pass SQLCipher's per-page HMAC (a flipped byte anywhere fails here), and the
 * tree's structure, the full-text index's consistency (FTS5's own check) and the row format are
 * checked. What integrity_check adds, each index's rows matched one by one against its table's,
 * is left out: it would take a third of the backup's time, and a copy's index can differ from its
 * table only where the live database's does (a frozen copy holds the live file's pages, each
 * proven unchanged by its HMAC; VACUUM INTO builds the indexes from the rows). A page in no table
 * is read by nothing, so it cannot hold a record.
 */
function checkStructure(sqlite: SqliteHandle, tables: readonly string[]): void {
  for (const table of tables) {
    const result = sqlite.pragma(`quick_check(${quoteIdent(table)})`, { simple: true });
    if (result !== 'ok') {
      throw new BackupProblem(
        'damaged',
        'The backup database failed its integrity check: the file is damaged.',
      );
    }
  }
}

/** Opens a copy read-only with the data key and proves it whole (in one thread: the command line). */
export function checkDatabase(file: string, dataKey: Buffer): DatabaseCheck {
  return checkWith(file, dataKey, 'all', verifyChain);
}

/**
 * The same proof shared between two threads reading the same file at once: this one checks the
 * structure of every table but CHECKED_BESIDE (and, with `digest`, reads the file's SHA-256),
 * `chain` (chainOf, in another worker thread) checks those and walks the audit chain.
 */
export async function checkDatabaseBeside(
  file: string,
  dataKey: Buffer,
  chain: Promise<{ count: number; hash: string }>,
  options: { digest?: boolean } = {},
): Promise<DatabaseCheck & { sha256?: string }> {
  // A failure here is reported first; the chain's own outcome is then not awaited.
  chain.catch(() => undefined);
  const check = checkWith(file, dataKey, 'not-beside', () => null);
  // The file's SHA-256 (a new backup's manifest) is read here while the chain is still walked.
  const sha256 = options.digest ? sha256File(file) : undefined;
  return { ...check, auditHead: await chain, ...(sha256 ? { sha256 } : {}) };
}

function openCopy(file: string, dataKey: Buffer): SqliteHandle {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1').startsWith('SQLite format 3')) {
    throw new BackupProblem('damaged', 'The backup database is not encrypted; it will not be used.');
  }
  try {
    const sqlite = openKeyed(file, dataKey, { readonly: true });
    // One decrypting pass: the checks read every page, and with the cache large enough to hold
    // them the row counts and the audit chain after them read from memory, not from the file.
    sqlite.pragma(`cache_size=-${String(CHECK_CACHE_KIB)}`);
    return sqlite;
  } catch {
    throw new BackupProblem('damaged', 'The backup database cannot be opened: the file is damaged.');
  }
}

function checkWith<H>(
  file: string,
  dataKey: Buffer,
  which: 'all' | 'not-beside',
  chain: (sqlite: SqliteHandle) => H,
): Omit<DatabaseCheck, 'auditHead'> & { auditHead: H } {
  const sqlite = openCopy(file, dataKey);
  try {
    const tables = ['sqlite_schema', ...tableNames(sqlite)];
    checkStructure(sqlite, which === 'all' ? tables : tables.filter((t) => !CHECKED_BESIDE.includes(t)));
    return {
      schemaVersion: readSchemaVersion(sqlite),
      counts: countRows(sqlite),
      auditHead: chain(sqlite),
    };
  } catch (error) {
    if (error instanceof BackupProblem) throw error;
    throw new BackupProblem('damaged', 'The backup database cannot be read: the file is damaged.');
  } finally {
    sqlite.close();
  }
}

/**
 * The other half of checkDatabaseBeside, on its own connection: the structure of CHECKED_BESIDE,
 * then the audit chain (read from the cache the check filled).
 */
export function chainOf(file: string, dataKey: Buffer): { count: number; hash: string } {
  const sqlite = openCopy(file, dataKey);
  try {
    const present = new Set(tableNames(sqlite));
    checkStructure(
      sqlite,
      CHECKED_BESIDE.filter((t) => present.has(t)),
    );
    return verifyChain(sqlite);
  } catch (error) {
    if (error instanceof BackupProblem) throw error;
    throw new BackupProblem('damaged', 'The backup database cannot be read: the file is damaged.');
  } finally {
    sqlite.close();
  }
}

export interface SnapshotResult extends DatabaseCheck {
  bytes: number;
  /** Tables written to while the snapshot ran (their counts are checked as a range, not exactly). */
  changedDuringBackup: string[];
  /** The copy's SHA-256, when it was read during the check. */
  sha256?: string;
}

/**
 * A frozen copy is the live file, marked for WAL mode: it is marked for a rollback journal, as
 * VACUUM INTO's copies are, so that opening it read-only (the checks, the CLI's verification,
 * restore) leaves no -wal and -shm files beside it. Only the first page changes.
 */
function leaveLogMode(file: string, dataKey: Buffer): void {
  const copy = openKeyed(file, dataKey);
  try {
    copy.pragma('journal_mode=DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Takes the snapshot of `source` into `target` (which must not exist) and verifies it: opened
 * read-only, quick_check, the audit chain, and record counts against the live database's: read at
 * the moment copied (a frozen copy: every count must match), or just before and just after
 * VACUUM INTO (a table nobody wrote to must match exactly; the append-only audit log must lie
 * between the two).
 */
export async function takeSnapshot(
  source: string,
  target: string,
  dataKey: Buffer,
  onPhase: (p: 'copying' | 'verifying') => void,
  /** Walks the copy's audit chain in another thread; without it the chain is walked here after. */
  chainBeside?: (file: string) => Promise<{ count: number; hash: string }>,
): Promise<SnapshotResult> {
  // Writable: the frozen copy first empties the log (frozen-copy.ts).
  const live = openKeyed(source, dataKey);
  let before: Counts;
  let after: Counts;
  let versionBefore: unknown = null;
  let versionAfter: unknown = null;
  let frozen = false;
  try {
    live.pragma('busy_timeout=10000');
    // Its checkpoint writes the live file: synced as main's own writes are.
    live.pragma('synchronous=FULL');
    onPhase('copying');
    // The counts are read at the moment copied: the copy must match them exactly.
    const exact = copyFrozen(live, source, target, () => countRows(live, true));
    if (exact !== null) {
      frozen = true;
      before = after = exact;
    } else {
      const counted = live.transaction(() => countRows(live, true));
      before = counted();
      versionBefore = live.pragma('data_version', { simple: true });
      live.prepare('VACUUM INTO ?').run(target);
      versionAfter = live.pragma('data_version', { simple: true });
      after = counted();
    }
  } finally {
    live.close();
  }
  if (frozen) leaveLogMode(target, dataKey);
  // The copy goes to an external drive: make it durable before anything calls it a backup.
  const fd = openSync(target, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  onPhase('verifying');
  const check = chainBeside
    ? await checkDatabaseBeside(target, dataKey, chainBeside(target), { digest: true })
    : checkDatabase(target, dataKey);
  const sourceSalt = Buffer.alloc(16);
  const targetSalt = Buffer.alloc(16);
  for (const [file, buf] of [
    [source, sourceSalt],
    [target, targetSalt],
  ] as const) {
    const f = openSync(file, 'r');
    try {
      readSync(f, buf, 0, 16, 0);
    } finally {
      closeSync(f);
    }
  }
  if (!sourceSalt.equals(targetSalt)) {
    throw new BackupProblem('damaged', 'The snapshot was not written with the practice’s encryption.');
  }
  const changed: string[] = [];
  for (const [table, n] of Object.entries(check.counts)) {
    const b = before[table];
    const a = after[table];
    if (b === undefined || a === undefined) continue; // a table made by a migration in between
    // FTS segment merges and form drafts change counts without a net change of records.
    const volatile = table.includes('_fts_') || table === 'drafts';
    if (versionBefore === versionAfter || (b === a && !volatile)) {
      if (n !== b) throw new BackupProblem('damaged', `The backup's record counts do not match (${table}).`);
    } else {
      changed.push(table);
    }
  }
  const auditBefore = before.audit_log ?? 0;
  const auditAfter = after.audit_log ?? 0;
  const auditCopy = check.counts.audit_log ?? 0;
  if (auditCopy < auditBefore || auditCopy > auditAfter) {
    throw new BackupProblem('damaged', 'The backup’s audit log does not match the live one.');
  }
  return { ...check, bytes: statSync(target).size, changedDuringBackup: changed };
}
