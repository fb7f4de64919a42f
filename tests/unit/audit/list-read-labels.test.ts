// How a list or search read reads in the owner's audit log: how many clients it showed, never the
// stored ids (filtering by a client says whether it was one of them).
import { describe, expect, it } from 'vitest';
import { describeDetail } from '../../../renderer/features/audit/audit-labels.ts';

const entry = (action: 'client.search' | 'note.list', detail: unknown) => ({
  seq: 7,
  at: '2026-03-02T15:00:00.000Z',
  actorId: 'u1',
  actorUsername: 'clin1',
  action,
  targetType: null,
  targetId: null,
  detail: JSON.stringify(detail),
});

describe('a list read in the audit log', () => {
  it('says how many clients it showed, without their ids', () => {
    expect(
      describeDetail(entry('client.search', { clientIds: ['c-1', 'c-2'], count: 3, shownBefore: 1 })),
    ).toBe('3 clients shown · 1 already shown earlier in this session');
  });

  it('a repeat names nobody again', () => {
    expect(describeDetail(entry('note.list', { clientIds: [], count: 1, shownBefore: 1 }))).toBe(
      '1 client shown · 1 already shown earlier in this session',
    );
  });
});
