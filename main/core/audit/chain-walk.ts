// Walking the audit chain: one rule for every checker (the check at unlock, the full check in its
// worker thread, the owner's "Verify", a backup's copy). Each entry must carry the next sequence
// number, the previous entry's hash, and a hash of its own fields.
//
// A break the owner has acknowledged (an 'audit.alarmAcknowledged' entry names its sequence
// number in `detail.acceptedSeq`) is read past and counted, never hidden: the acknowledgement is
// itself a chained entry after the break, so it cannot be forged without breaking the chain again.
import type { AuditRow } from '../../../db/schema.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { acceptedSeqOf } from './codecs.ts';

export type ChainProblemKind = 'missing' | 'out-of-order' | 'chain-break' | 'edited';

export interface ChainProblem {
  kind: ChainProblemKind;
  seq: number;
  message: string;
}

export const ACKNOWLEDGED_ACTION = 'audit.alarmAcknowledged';

/** "Entry 15 is missing." / "Entries 15 to 20 are missing." */
export function missingMessage(first: number, last: number): string {
  return first === last
    ? `Entry ${String(first)} is missing.`
    : `Entries ${String(first)} to ${String(last)} are missing.`;
}

/** The sequence numbers whose break an acknowledgement in the log accepts. */
export function acceptedSeqs(acknowledgements: Iterable<{ detail: string }>): Set<number> {
  const out = new Set<number>();
  for (const a of acknowledgements) {
    // an unreadable detail accepts nothing (and fails its own hash check)
    const seq = acceptedSeqOf(a.detail);
    if (seq !== null) out.add(seq);
  }
  return out;
}

export class ChainWalk {
  private expected: number;
  private prev: string;
  private readonly accepted: ReadonlySet<number>;
  /** Breaks read past because the owner acknowledged them. */
  readonly acknowledged: number[] = [];

  /** Starts after `from` (the genesis, or a head already checked). */
  constructor(
    accepted: ReadonlySet<number>,
    from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
  ) {
    this.accepted = accepted;
    this.expected = from.seq + 1;
    this.prev = from.hash;
  }

  /** Entries checked so far (the last good sequence number). */
  get checked(): number {
    return this.expected - 1;
  }

  get lastHash(): string {
    return this.prev;
  }

  /** Checks the next row (rows come in ascending seq); the first unaccepted problem is returned. */
  push(row: AuditRow): ChainProblem | null {
    if (row.seq < this.expected) {
      return {
        kind: 'out-of-order',
        seq: row.seq,
        message: `Entry ${String(row.seq)} appears out of order.`,
      };
    }
    if (row.seq > this.expected) {
      const problem: ChainProblem = {
        kind: 'missing',
        seq: this.expected,
        message: missingMessage(this.expected, row.seq - 1),
      };
      if (!this.accept(problem)) return problem;
      // Read on from the entry after the gap, still checking that entry's own hash.
      this.prev = row.prev_hash;
    } else if (row.prev_hash !== this.prev) {
      const problem: ChainProblem = {
        kind: 'chain-break',
        seq: row.seq,
        message: `The chain breaks at entry ${String(row.seq)}: it does not follow entry ${String(row.seq - 1)}, so entries were removed, replaced or reordered.`,
      };
      if (!this.accept(problem)) return problem;
      this.prev = row.prev_hash;
    }
    if (entryHash(row) !== row.hash) {
      const problem: ChainProblem = {
        kind: 'edited',
        seq: row.seq,
        message: `Entry ${String(row.seq)} was changed after it was written.`,
      };
      if (!this.accept(problem)) return problem;
    }
    this.prev = row.hash;
    this.expected = row.seq + 1;
    return null;
  }

  private accept(problem: ChainProblem): boolean {
    if (!this.accepted.has(problem.seq)) return false;
    if (!this.acknowledged.includes(problem.seq)) this.acknowledged.push(problem.seq);
    return true;
  }
}
