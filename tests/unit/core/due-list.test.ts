// The due list merges every domain's open requests into one order: overdue first, then due soon,
// then the nearest due date, then the longest waiting; each source is asked with the same person
// and the same day, and a source that fails fails the list (nothing is silently left out).
import { describe, expect, it } from 'vitest';
import { DueService, type DueSource } from '../../../main/core/due/index.ts';
import type { Session } from '../../../main/core/sessions/index.ts';
import type { DueRequest } from '../../../preload/contract/due.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const item = (n: number, over: Partial<DueRequest>): DueRequest => ({
  kind: 'amendment',
  id: id(n),
  clientId: id(100 + n),
  clientName: `Synthetic Client ${String(n)}`,
  summary: 'Amend 1 record',
  receivedOn: '2026-10-01',
  dueOn: '2026-12-30',
  urgency: null,
  href: `#/clients/${id(100 + n)}/rights`,
  ...over,
});

const session = { windowId: 'w1' } as unknown as Session;

describe('the due list', () => {
  it('puts overdue, then due soon, then the nearest date, then the longest waiting first', async () => {
    const a: DueSource = () =>
      Promise.resolve([
        item(1, { dueOn: '2027-01-20' }),
        item(2, { dueOn: '2026-12-01', urgency: 'overdue' }),
        item(3, { dueOn: null, receivedOn: '2026-09-01' }),
      ]);
    const b: DueSource = () =>
      Promise.resolve([
        item(4, { kind: 'denial-review', dueOn: '2026-12-10', urgency: 'due-soon' }),
        item(5, { kind: 'deletion', dueOn: '2027-01-20', receivedOn: '2026-09-15' }),
        item(6, { kind: 'deletion', dueOn: '2026-11-20', urgency: 'overdue' }),
      ]);
    const list = await new DueService([a, b], () => '2026-12-06', null).list(session);
    expect(list.map((d) => d.id)).toEqual([id(6), id(2), id(4), id(5), id(1), id(3)]);
  });

  it('asks every source with the same person and day', async () => {
    const seen: string[] = [];
    const source: DueSource = (s, today) => {
      seen.push(`${s.windowId} ${today}`);
      return Promise.resolve([]);
    };
    await new DueService([source, source], () => '2026-12-06', null).list(session);
    expect(seen).toEqual(['w1 2026-12-06', 'w1 2026-12-06']);
  });

  it('fails as a whole when one source fails, rather than showing a list with a gap', async () => {
    const ok: DueSource = () => Promise.resolve([item(1, {})]);
    const broken: DueSource = () => Promise.reject(new Error('room failed'));
    await expect(new DueService([ok, broken], () => '2026-12-06', null).list(session)).rejects.toThrow(
      'room failed',
    );
  });
});
