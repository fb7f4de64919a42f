// The audit log checked against its head (the sequence number and hash of the newest entry, kept
// sealed outside the database). Synchronous over a raw SQLite handle, so the same code runs on
// main at unlock (only the entries after the head: fast) and in the full check's worker thread.
import type { SqliteHandle } from '../../../db/connection.ts';
import type { AuditRow } from '../../../db/schema.ts';
import {
  ACKNOWLEDGED_ACTION,
  acceptedSeqs,
  ChainWalk,
  type ChainProblem,
  type ChainProblemKind,
} from './chain-walk.ts';

export type FindingKind =
  | ChainProblemKind
  | 'truncated'
  | 'head-mismatch'
  | 'head-missing'
  | 'head-not-authentic'
  | 'head-rolled-back';

export interface Finding {
  kind: FindingKind;
  /** The entry where the problem shows (for a cut-off tail: the first entry that is gone). */
  seq: number;
  message: string;
}

export interface Head {
  count: number;
  hash: string;
}

export interface FullCheckResult {
  ok: boolean;
  checked: number;
  problem: Finding | null;
  /** Breaks the owner acknowledged earlier, read past. */
  acknowledged: number[];
}

const rowAt = (sqlite: SqliteHandle, seq: number): AuditRow | undefined =>
  sqlite.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow | undefined;

const lastSeq = (sqlite: SqliteHandle): number =>
  (sqlite.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number | null }).seq ?? 0;

/** The stored head must be in the log, unchanged: otherwise the log was cut or rewritten. */
function headProblem(sqlite: SqliteHandle, head: Head): Finding | null {
  if (head.count === 0) return null;
  const row = rowAt(sqlite, head.count);
  if (!row) {
    const last = lastSeq(sqlite);
    return {
      kind: 'truncated',
      seq: last < head.count ? last + 1 : head.count,
      message:
        last < head.count
          ? `The log ends at entry ${String(last)}, but entry ${String(head.count)} was recorded: ${last + 1 === head.count ? `entry ${String(head.count)} was` : `entries ${String(last + 1)} to ${String(head.count)} were`} removed.`
          : `Entry ${String(head.count)}, the newest one recorded outside the database, is missing from the log.`,
    };
  }
  if (row.hash !== head.hash) {
    return {
      kind: 'head-mismatch',
      seq: head.count,
      message: `Entry ${String(head.count)} is not the entry recorded outside the database: the log was rewritten at or before entry ${String(head.count)}.`,
    };
  }
  return null;
}

/**
 * At unlock, before anything is written: the log must contain the head at its sequence number
 * with its hash, and every entry after it must chain from it.
 */
export function checkAgainstHead(sqlite: SqliteHandle, head: Head): Finding | null {
  const atHead = headProblem(sqlite, head);
  if (atHead) return atHead;
  // Entries after the head are new since it was sealed; none of them can carry an acknowledged break.
  const walk = new ChainWalk(new Set(), { seq: head.count, hash: head.hash });
  const rows = sqlite
    .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq')
    .iterate(head.count) as IterableIterator<AuditRow>;
  for (const row of rows) {
    const problem = walk.push(row);
    if (problem) return problem;
  }
  return null;
}

/**
 * Walks the whole chain from the first entry, reading past the breaks the owner acknowledged in
 * the log, and stops at the first problem. Also how a backup proves its copy's log whole.
 */
export function walkChain(
  sqlite: SqliteHandle,
  stopped?: () => boolean,
): { walk: ChainWalk; problem: ChainProblem | null } {
  const acks = sqlite.prepare('SELECT detail FROM audit_log WHERE action = ?').all(ACKNOWLEDGED_ACTION) as {
    detail: string;
  }[];
  const rows = sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  return walkEntries(acks, rows, stopped);
}

/**
 * The walk itself, over the log's rows in ascending seq and its acknowledgement entries, wherever
 * they were read from (the SQLite file, or the practice server's copy of the log).
 */
export function walkEntries(
  acknowledgements: Iterable<{ detail: string }>,
  rows: Iterable<AuditRow>,
  stopped?: () => boolean,
): { walk: ChainWalk; problem: ChainProblem | null } {
  const walk = new ChainWalk(acceptedSeqs(acknowledgements));
  let read = 0;
  for (const row of rows) {
    const problem = walk.push(row);
    if (problem) return { walk, problem };
    read += 1;
    if (stopped && read % STOP_EVERY === 0 && stopped()) throw new CheckStopped();
  }
  return { walk, problem: null };
}

/** Entries walked between two looks at whether the check was asked to stop. */
const STOP_EVERY = 1024;

/** Thrown out of a walk asked to stop (the vault is closing): no result, nothing found. */
export class CheckStopped extends Error {
  constructor() {
    super('audit check stopped');
    this.name = 'CheckStopped';
  }
}

/** The whole chain from the first entry, then the head (when one is given). */
export function fullCheck(sqlite: SqliteHandle, head: Head | null, stopped?: () => boolean): FullCheckResult {
  const chain = walkChain(sqlite, stopped);
  const walk = chain.walk;
  if (chain.problem) {
    return { ok: false, checked: walk.checked, problem: chain.problem, acknowledged: walk.acknowledged };
  }
  const problem = head ? headProblem(sqlite, head) : null;
  return { ok: problem === null, checked: walk.checked, problem, acknowledged: walk.acknowledged };
}
