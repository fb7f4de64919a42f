// The client list's order: by last name (then first name) unless another is chosen, the newest
// clients first, or by chart number. Main sorts, so every page continues the one before it, with
// search text, filters and a clinician's caseload alike; a sort main does not know is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/index.ts';
import { sortKey } from '../../../main/core/clients/search-terms.ts';
import { DEMO_PASSWORD, SEED_ORIGIN, seedPractice, type SeedResult } from '../../../main/core/demo/seed.ts';
import type { ClientSummary, Input, Output } from '../../../preload/contract.ts';
import { adultClient } from '../../helpers/clients.ts';
import { testKeychain } from '../../helpers/keychain.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let core: Core;
let seeded: SeedResult;
const dir = tempDir();
const DESK = 'w-desk';
const CLINICIAN = 'w-clinician';

async function call(channel: string, input: unknown, windowId: string) {
  return core.router.handle({ windowId, origin: SEED_ORIGIN }, channel, input);
}

async function search(input: Input<'clients.search'>, windowId = DESK): Promise<Output<'clients.search'>> {
  const r = await call('clients.search', input, windowId);
  if (!r.ok) throw new Error(`clients.search: ${r.error.code} ${r.error.message}`);
  return r.value as Output<'clients.search'>;
}

/** Every client the list would show, read a page at a time as the screen does. */
async function everyPage(
  input: Input<'clients.search'>,
  windowId = DESK,
  limit = 37,
): Promise<ClientSummary[]> {
  const first = await search({ ...input, offset: 0, limit }, windowId);
  const all = [...first.clients];
  while (all.length < first.total) {
    const page = await search({ ...input, offset: all.length, limit }, windowId);
    expect(page.total).toBe(first.total);
    expect(page.clients.length).toBeGreaterThan(0);
    all.push(...page.clients);
  }
  expect(new Set(all.map((c) => c.id)).size).toBe(first.total);
  return all;
}

const keyOf = (c: ClientSummary) =>
  sortKey({ legalLastName: c.legalLastName, legalFirstName: c.legalFirstName, chartNumber: c.chartNumber });
const chartOrder = (c: ClientSummary) => Number(c.chartNumber.slice(3));

function expectAscending<T>(items: T[], by: (t: T) => string | number): void {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [by(items[i - 1] as T), by(items[i] as T)];
    expect(a < b, `${String(a)} before ${String(b)} (row ${String(i)})`).toBe(true);
  }
}

let newest: string;
let sample: Record<'aaronson' | 'annAbbott' | 'beaAbbott', string>;

beforeAll(async () => {
  core = createCore({ dataDir: dir.path, keychain: await testKeychain(), allowedOrigins: [SEED_ORIGIN] });
  // Enough clients that a one-letter search takes the dense path (more than 150 matches).
  seeded = await seedPractice(core, { clients: 400, intakeShare: 0, notesPerClient: 0 });
  const desk = seeded.accounts.find((a) => a.role === 'front_desk');
  const clinician = seeded.accounts.find((a) => a.role === 'clinician');
  if (!desk || !clinician) throw new Error('the seed has no front desk or clinician');
  for (const [who, window] of [
    [desk, DESK],
    [clinician, CLINICIAN],
  ] as const) {
    const r = await call('auth.signIn', { username: who.username, password: DEMO_PASSWORD }, window);
    if (!r.ok) throw new Error(r.error.message);
  }
  const me = await call('app.status', {}, CLINICIAN);
  const clinicianId = me.ok ? (me.value as { session: { user: { id: string } } }).session.user.id : '';
  const make = async (legalFirstName: string, legalLastName: string) => {
    const r = await call(
      'clients.create',
      adultClient(clinicianId, { legalFirstName, legalLastName, preferredName: undefined }),
      DESK,
    );
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { id: string }).id;
  };
  // Registered in an order that is neither alphabetical nor its reverse.
  const beaAbbott = await make('Bea', 'Abbott');
  const aaronson = await make('Zed', 'Aaronson');
  const annAbbott = await make('Ann', 'Abbott');
  sample = { aaronson, annAbbott, beaAbbott };
  newest = annAbbott;
}, 240_000);
afterAll(async () => {
  await core.shutdown();
  dir.remove();
});

describe('the client list’s order', () => {
  it('is by last name, then first name, when no order is chosen, across every page', async () => {
    const all = await everyPage({ query: '' });
    expect(all.length).toBe(403);
    expectAscending(all, keyOf);
    const ids = all.map((c) => c.id);
    expect(ids.indexOf(sample.aaronson)).toBeLessThan(ids.indexOf(sample.annAbbott));
    expect(ids.indexOf(sample.annAbbott)).toBeLessThan(ids.indexOf(sample.beaAbbott));
    expect(await everyPage({ query: '', sort: 'last_name' })).toEqual(all);
  });

  it('puts the newest clients first when asked', async () => {
    const all = await everyPage({ query: '', sort: 'newest' });
    expect(all[0]?.id).toBe(newest);
    expect(all.slice(0, 3).map((c) => c.id)).toEqual([sample.annAbbott, sample.aaronson, sample.beaAbbott]);
    expectAscending(all, (c) => -chartOrder(c));
  });

  it('orders by chart number when asked', async () => {
    const all = await everyPage({ query: '', sort: 'chart_number' });
    expect(all.length).toBe(403);
    expectAscending(all, chartOrder);
  });

  it('keeps the chosen order with search text, many matches or few, and with filters', async () => {
    // Every synthetic phone starts 555: the dense path. A name prefix: the few-matches path.
    const many = await search({ query: '555', limit: 1 });
    expect(many.total).toBeGreaterThan(150);
    const few = await search({ query: 'a', limit: 1 });
    expect(few.total).toBeLessThan(150);
    expect(few.total).toBeGreaterThan(3);
    for (const query of ['555', 'a', 'abb']) {
      expectAscending(await everyPage({ query }), keyOf);
      expectAscending(await everyPage({ query, sort: 'chart_number' }), chartOrder);
      expectAscending(await everyPage({ query, sort: 'newest' }), (c) => -chartOrder(c));
    }
    const active = await everyPage({ query: '', status: 'active', sort: 'newest' });
    expect(active.every((c) => c.status === 'active')).toBe(true);
    expectAscending(active, (c) => -chartOrder(c));
  });

  it('sorts a clinician’s caseload the same way, and shows nothing beyond it', async () => {
    const byName = await everyPage({ query: '' }, CLINICIAN, 10);
    const byChart = await everyPage({ query: '', sort: 'chart_number' }, CLINICIAN, 10);
    expect(byName.length).toBeGreaterThan(3);
    expectAscending(byName, keyOf);
    expectAscending(byChart, chartOrder);
    expect(new Set(byChart.map((c) => c.id))).toEqual(new Set(byName.map((c) => c.id)));
    const everyone = await search({ query: '', limit: 1 });
    expect(byName.length).toBeLessThan(everyone.total);
  });
});

describe('a sort main does not know', () => {
  it.each([
    ['another column', 'first_name'],
    ['SQL', 'seq; DROP TABLE clients'],
    ['the wrong case', 'LAST_NAME'],
    ['an empty string', ''],
    ['a huge string', 'x'.repeat(100_000)],
    ['a number', 1],
    ['null', null],
    ['an object', { column: 'c.seq' }],
  ])('is refused as invalid input: %s', async (_label, sort) => {
    const before = (await core.ctx.vault.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()) as {
      n: number;
    };
    const r = await call('clients.search', { query: '', sort }, DESK);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.fields).toEqual([{ path: 'sort', message: 'Choose how to sort the list.' }]);
    const after = core.ctx.vault.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as {
      n: number;
    };
    // Nothing was read, so no client was logged as seen.
    expect(after.n).toBe(before.n);
  });

  it('is refused without a session too, before anything is read', async () => {
    const r = await call('clients.search', { query: '', sort: 'newest' }, 'w-nobody');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_SIGNED_IN');
  });
});
