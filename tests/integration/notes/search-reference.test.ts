// Note search equals a simple reference for every role (issue 17): on a seeded practice, each
// user's results for each query are exactly the notes the access rule lets them read (canReadNote,
// asked per note), ranked by FTS5's bm25 over every such match, best first and newest first on
// a tie. Part 2 notes, psychotherapy notes (the author; the owner as custodian once the author
// has left), drafts (their author), co-signature (the supervisor) are all in the practice, and a
// best match older than the newest 100 matches must come first.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canReadNote } from '../../../main/core/access/index.ts';
import { ftsQuery } from '../../../main/core/clients/index.ts';
import { readDb } from '../../../main/core/context.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote, signedNote } from '../../helpers/notes.ts';

const W = {
  owner: 'w1',
  a: 'w-a',
  b: 'w-b',
  sup: 'w-sup',
  one: 'w-one',
  gone: 'w-gone',
  desk: 'w-desk',
  big: 'w-big',
};
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const QUERIES = ['lantern', 'lan', 'lantern harbor', 'har', 'harbor', 'zephyr', 'zep', 'sy', 'quietude'];
let p: TestPractice;
let oldest = '';
let chartX = '';

/** Text with `hits` mentions of `word` among `filler` other words. */
const text = (word: string, hits: number, filler: number) =>
  `Synthetic: ${Array.from({ length: hits }, () => word).join(' ')} ${'calm '.repeat(filler)}session.`;

beforeAll(async () => {
  p = await makePractice({ clock });
  const a = await signedInStaff(p, 'clinician', 'Dr. Ada Refer', W.a);
  const b = await signedInStaff(p, 'clinician', 'Dr. Bo Refer', W.b);
  const sup = await signedInStaff(p, 'clinician', 'Dr. Sue Pervisor', W.sup);
  const one = await signedInStaff(p, 'clinician', 'Dr. Uno Refer', W.one);
  const gone = await signedInStaff(p, 'clinician', 'Dr. Gail Left', W.gone);
  await signedInStaff(p, 'front_desk', 'Dee Refer', W.desk);
  const owner = (await p.ok('staff.list', {}, W.owner)).find((u) => u.role === 'owner')?.id ?? '';
  await p.ok('staff.setSupervisor', { superviseeId: b.id, supervisorId: sup.id }, W.owner);
  const client = async (primary: string, name: string) =>
    (await p.ok('clients.create', adultClient(primary, { legalFirstName: name }), W.owner)).id;
  const xs = [await client(a.id, 'Xena'), await client(a.id, 'Xavi'), await client(a.id, 'Xiu')];
  const ys = [await client(b.id, 'Yara'), await client(b.id, 'Yuri')];
  const zOwn = await client(owner, 'Zola');
  const zGone = await client(gone.id, 'Zeke');
  chartX = xs[0] ?? '';
  await p.ok('clients.addCareTeamMember', { clientId: chartX, userId: one.id }, W.owner);
  await p.ok('clients.addCareTeamMember', { clientId: ys[0] ?? '', userId: sup.id }, W.owner);
  await p.ok('clients.addCareTeamMember', { clientId: ys[1] ?? '', userId: a.id }, W.owner);

  let day = 0;
  const date = () => `2026-01-${String(10 + (day++ % 18)).padStart(2, '0')}`;
  const note = (window: string, clientId: string, body: string, extra = {}) =>
    signedNote(p, window, clientId, date(), body, extra);
  const psychotherapy = (body: string) => ({
    kind: 'psychotherapy',
    template: 'free',
    sections: { note: `Synthetic: ${body}.`, plan: 'Synthetic: explore.' },
    serviceCode: undefined,
    riskLevel: undefined,
  });
  // The best match of all, written first: older than the 120 weaker matches written after it.
  oldest = await note(W.a, xs[1] ?? '', text('zephyr', 4, 0));
  for (let i = 0; i < 120; i++) await note(W.a, xs[i % 3] ?? '', text('zephyr', 1, 10 + (i % 7)));
  for (const [i, clientId] of xs.entries()) {
    await note(W.a, clientId, text('lantern', 1 + i, 3 * i));
    await note(W.a, clientId, `${text('lantern', 2, i)} harbor`, { part2: true });
    await note(W.a, clientId, text('lantern harbor', 1, 2 + i), psychotherapy('lantern quietude'));
  }
  for (const [i, clientId] of ys.entries()) {
    await note(W.b, clientId, text('lantern harbor', 1 + i, 5)); // co-signed by the supervisor
    await note(W.b, clientId, text('harbor', 2, i), { part2: true });
    await note(W.b, clientId, 'lantern', psychotherapy('lantern harbor quietude'));
  }
  await note(W.owner, zOwn, text('lantern', 3, 1), { part2: true });
  await note(W.owner, zOwn, text('lantern quietude', 1, 1), psychotherapy('lantern quietude'));
  await note(W.gone, zGone, text('lantern', 2, 2));
  await note(W.gone, zGone, text('harbor', 1, 2), psychotherapy('harbor lantern quietude'));
  await note(W.gone, zGone, text('lantern', 1, 1), { part2: true });
  // Drafts: found by their author only.
  for (const [window, clientId] of [
    [W.a, xs[0]],
    [W.b, ys[0]],
    [W.owner, zOwn],
  ] as const) {
    await p.ok(
      'notes.saveDraft',
      dapNote(clientId ?? '', {
        serviceDate: date(),
        sections: { data: text('lantern zephyr harbor quietude', 2, 0), assessment: 'x', plan: 'y' },
      }),
      window,
    );
  }
  // A clinician whose caseload is too large to rank one by one (search.ts SMALL_SCOPE): her
  // search ranks the practice's matches and keeps her scope's. She is also on chart X's team.
  const big = await signedInStaff(p, 'clinician', 'Dr. Bea Caseload', W.big);
  await p.ok('clients.addCareTeamMember', { clientId: chartX, userId: big.id }, W.owner);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < 104; i++) {
    const name = `Bea${letters[i % 26] ?? 'a'}${letters[Math.floor(i / 26)] ?? 'a'}`;
    const id = await client(big.id, name);
    const words = i % 3 === 0 ? 'lantern harbor' : i % 3 === 1 ? 'lantern' : 'zephyr';
    await note(W.big, id, text(words, 1 + (i % 4), i % 9));
  }
  // Issue 21: someone with clients is deactivated only with a receiver; the owner takes Zeke.
  await p.ok('staff.deactivate', { userId: gone.id, receiverId: owner }, W.owner);
}, 180_000);
afterAll(async () => {
  await p.close();
});

/** The reference: bm25 over every note matching the words, kept when canReadNote says so. */
async function reference(window: string, query: string, clientId?: string): Promise<string[]> {
  const session = p.core.ctx.sessions.get(window);
  if (!session) throw new Error(`no session in ${window}`);
  const db = readDb(p.core.ctx);
  const ranked = await sql<{ rowid: number; score: number }>`
    SELECT rowid, bm25(notes_fts, 0.0, 1.0) AS score FROM notes_fts
    WHERE notes_fts MATCH ${`body : (${ftsQuery(query) ?? ''})`}`.execute(db);
  const out: { id: string; score: number; seq: number }[] = [];
  for (const r of ranked.rows) {
    const note = await db
      .selectFrom('notes')
      .selectAll()
      .where('seq', '=', r.rowid)
      .executeTakeFirstOrThrow();
    if (clientId && note.client_id !== clientId) continue;
    if (await canReadNote(db, session, note)) out.push({ id: note.id, score: r.score, seq: note.seq });
  }
  out.sort((x, y) => x.score - y.score || y.seq - x.seq);
  return out.slice(0, 50).map((n) => n.id);
}

const searched = async (window: string, query: string, clientId?: string) =>
  (await p.ok('notes.search', { query, limit: 50, ...(clientId ? { clientId } : {}) }, window)).map(
    (h) => h.noteId,
  );

describe('note search equals the reference for every role', () => {
  for (const [role, window] of [
    ['the owner', W.owner],
    ['a clinician', W.a],
    ['another clinician, supervised', W.b],
    ['a supervisor', W.sup],
    ['a user who sees one client', W.one],
    ['a clinician with a large caseload', W.big],
  ] as const) {
    it(`${role}: the same notes in the same order, for every query`, async () => {
      let found = 0;
      for (const q of QUERIES) {
        const expected = await reference(window, q);
        expect(await searched(window, q), `${role}: ${q}`).toEqual(expected);
        found += expected.length;
      }
      expect(found).toBeGreaterThan(0);
    });
  }

  it('in one chart too', async () => {
    for (const window of [W.owner, W.a, W.one, W.b, W.big])
      for (const q of ['lantern', 'lan', 'zephyr'])
        expect(await searched(window, q, chartX), `${window} ${q}`).toEqual(
          await reference(window, q, chartX),
        );
  });

  it('the best match comes first though 120 newer notes match too', async () => {
    for (const window of [W.owner, W.a]) {
      const hits = await searched(window, 'zephyr');
      expect(hits[0]).toBe(oldest);
      expect(hits).toHaveLength(50);
    }
  });

  it('the reference tells the rules apart (the practice has notes each role may not read)', async () => {
    const all = await sql<{ n: number }>`SELECT count(*) AS n FROM notes_fts
      WHERE notes_fts MATCH ${'body : ("lantern"*)'}`.execute(readDb(p.core.ctx));
    for (const window of [W.owner, W.a, W.b, W.sup, W.one, W.big])
      expect((await reference(window, 'lantern')).length, window).toBeLessThan(all.rows[0]?.n ?? 0);
  });

  it('front desk may not search notes', async () => {
    expect((await p.fail('notes.search', { query: 'lantern' }, W.desk)).code).toBe('FORBIDDEN');
  });
});
