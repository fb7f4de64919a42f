// The audit chain walk, entry by entry: the messages a person reads, and acknowledged breaks read
// past (and named) rather than hidden.
import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../db/schema.ts';
import { entryHash, GENESIS_HASH } from '../../../main/core/audit/chain.ts';
import { acceptedSeqs, ChainWalk, missingMessage } from '../../../main/core/audit/chain-walk.ts';

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const row = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      actor_id: null,
      actor_username: null,
      action: 'auth.signIn',
      target_type: null,
      target_id: null,
      detail: '{}',
      prev_hash: prev,
    };
    const hash = entryHash(row);
    rows.push({ ...row, hash });
    prev = hash;
  }
  return rows;
}

function walk(rows: AuditRow[], accepted: number[] = []) {
  const w = new ChainWalk(new Set(accepted));
  for (const row of rows) {
    const problem = w.push(row);
    if (problem) return { problem, checked: w.checked, acknowledged: w.acknowledged };
  }
  return { problem: null, checked: w.checked, acknowledged: w.acknowledged };
}

describe('the audit chain walk', () => {
  it('reads an intact chain to its end', () => {
    expect(walk(chain(20))).toEqual({ problem: null, checked: 20, acknowledged: [] });
  });

  it('says "Entry 15 is missing." for one entry, and a range for several', () => {
    expect(missingMessage(15, 15)).toBe('Entry 15 is missing.');
    expect(missingMessage(15, 20)).toBe('Entries 15 to 20 are missing.');
    const one = chain(20).filter((r) => r.seq !== 15);
    expect(walk(one).problem).toEqual({ kind: 'missing', seq: 15, message: 'Entry 15 is missing.' });
    const several = chain(20).filter((r) => r.seq < 15 || r.seq > 17);
    expect(walk(several).problem?.message).toBe('Entries 15 to 17 are missing.');
  });

  it('finds an edited entry and a broken link', () => {
    const rows = chain(10);
    const edited = rows.map((r) => (r.seq === 4 ? { ...r, detail: '{"x":1}' } : r));
    expect(walk(edited)).toMatchObject({ problem: { kind: 'edited', seq: 4 }, checked: 3 });
    const relinked = rows.map((r) => (r.seq === 6 ? { ...r, prev_hash: GENESIS_HASH } : r));
    expect(walk(relinked).problem).toMatchObject({ kind: 'chain-break', seq: 6 });
  });

  it('reads past a break the owner acknowledged, names it, and still finds the next one', () => {
    const rows = chain(12).map((r) => (r.seq === 4 || r.seq === 9 ? { ...r, detail: '{"edited":true}' } : r));
    expect(walk(rows, [4])).toMatchObject({ problem: { kind: 'edited', seq: 9 }, acknowledged: [4] });
    expect(walk(rows, [4, 9])).toEqual({ problem: null, checked: 12, acknowledged: [4, 9] });
    // A gap acknowledged at its first missing entry.
    const gap = chain(12).filter((r) => r.seq !== 7);
    expect(walk(gap, [7])).toEqual({ problem: null, checked: 12, acknowledged: [7] });
  });

  it('takes accepted entries only from readable acknowledgements', () => {
    expect(
      acceptedSeqs([
        { detail: '{"acceptedSeq":4}' },
        { detail: '{"kind":"truncated"}' },
        { detail: 'not json' },
        { detail: '{"acceptedSeq":"5"}' },
      ]),
    ).toEqual(new Set([4]));
  });
});
