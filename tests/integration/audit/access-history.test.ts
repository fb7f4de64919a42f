// "Who opened this chart?" (issue 18): the owner's audit log filtered by client, in words; a chart's
// Access history for the owner and the client's primary clinician only; a draft's autosaves as one
// row per session (the chain itself unchanged); the CSV export written by main and audited. On a
// real encrypted practice, through the router as the renderer calls it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_CHUNK } from '../../../main/core/audit/reader.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** Windows: the owner (signed in at setup), A (primary clinician of Ana and Ben), B (on Ana's care
 * team, not primary), C (on no team), the front desk. */
const W = { owner: 'w1', a: 'w-a', b: 'w-b', c: 'w-c', desk: 'w-desk' };

let p: TestPractice;
const s = { a: { id: '', username: '', password: '' }, ana: '', ben: '', note: '' };
const csvFolder = tempDir('stillwater-audit-export-');

const rawCount = (action: string, targetId: string): number => {
  const sqlite = p.core.ctx.vault.db.sqlite;
  const row = sqlite
    .prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND target_id = ?')
    .get(action, targetId) as { n: number };
  return row.n;
};

beforeAll(async () => {
  p = await makePractice();
  s.a = await signedInStaff(p, 'clinician', 'Alex Example', W.a);
  const b = await signedInStaff(p, 'clinician', 'Blair Example', W.b);
  await signedInStaff(p, 'clinician', 'Casey Example', W.c);
  await signedInStaff(p, 'front_desk', 'Dana Example', W.desk);
  s.ana = (
    await p.ok(
      'clients.create',
      adultClient(s.a.id, { legalFirstName: 'Ana', legalLastName: 'Díaz' }),
      W.desk,
    )
  ).id;
  s.ben = (
    await p.ok(
      'clients.create',
      adultClient(s.a.id, { legalFirstName: 'Ben', legalLastName: 'Okafor' }),
      W.desk,
    )
  ).id;
  await p.ok('clients.addCareTeamMember', { clientId: s.ana, userId: b.id }, W.a);

  // A opens both charts and types a note for Ana: five autosaves, a lock, two more.
  await p.ok('clients.get', { clientId: s.ana }, W.a);
  await p.ok('clients.get', { clientId: s.ben }, W.a);
  s.note = (await p.ok('notes.saveDraft', dapNote(s.ana, { serviceDate: '2026-01-12' }), W.a)).noteId;
  for (let i = 0; i < 4; i++)
    await p.ok('notes.saveDraft', dapNote(s.ana, { noteId: s.note, serviceDate: '2026-01-12' }), W.a);
  await p.core.lock(W.a, 'manual');
  await p.signIn(s.a.username, s.a.password, W.a);
  for (let i = 0; i < 2; i++)
    await p.ok('notes.saveDraft', dapNote(s.ana, { noteId: s.note, serviceDate: '2026-01-12' }), W.a);
  await p.ok('clients.get', { clientId: s.ana }, W.b);
}, 120_000);

afterAll(async () => {
  await p.close();
  csvFolder.remove();
});

describe('the owner’s audit log, filtered by client', () => {
  it('shows who opened the chart, in words, and nothing about other clients', async () => {
    const { entries } = await p.ok('audit.list', { filter: { clientId: s.ana }, limit: 100 }, W.owner);
    const opened = entries.filter((e) => e.action === 'client.view');
    expect(opened.map((e) => e.summary)).toEqual(['Opened chart of Ana Díaz', 'Opened chart of Ana Díaz']);
    expect(opened.map((e) => e.actorUsername)).toEqual([expect.stringMatching(/^clin/), s.a.username]);
    expect(opened.every((e) => e.target === 'Ana Díaz')).toBe(true);
    expect(entries.some((e) => e.summary.includes('Ben Okafor'))).toBe(false);
    expect(entries.some((e) => e.summary === 'Registered Ana Díaz as a new client')).toBe(true);
    expect(entries.some((e) => /^Added Blair Example to the care team of Ana Díaz$/.test(e.summary))).toBe(
      true,
    );
  });

  it('combines the client with person, action and dates', async () => {
    const { entries } = await p.ok(
      'audit.list',
      { filter: { clientId: s.ana, actorId: s.a.id, action: 'client.view' }, limit: 100 },
      W.owner,
    );
    expect(entries).toHaveLength(1);
    const future = await p.ok(
      'audit.list',
      { filter: { clientId: s.ana, from: '2999-01-01T00:00:00Z' }, limit: 100 },
      W.owner,
    );
    expect(future.entries).toEqual([]);
  });

  it('shows a draft’s autosaves as one row per session, while every save stays in the chain', async () => {
    const { entries } = await p.ok(
      'audit.list',
      { filter: { clientId: s.ana, action: 'note.draftSave' }, limit: 100 },
      W.owner,
    );
    expect(entries.map((e) => [e.count, e.summary])).toEqual([
      [2, 'Edited draft note from Jan 12 (2 autosaves)'],
      [5, 'Edited draft note from Jan 12 (5 autosaves)'],
    ]);
    expect(entries[1]?.firstAt.localeCompare(entries[1].at)).toBeLessThanOrEqual(0);
    expect(rawCount('note.draftSave', s.note)).toBe(7);
    expect(await p.ok('audit.verify', {}, W.owner)).toMatchObject({ ok: true, problem: null });
  });

  it('pages through grouped rows without showing a save twice', async () => {
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await p.ok(
        'audit.list',
        { filter: { clientId: s.ana }, limit: 2, ...(beforeSeq ? { beforeSeq } : {}) },
        W.owner,
      );
      seen.push(...page.entries.map((e) => e.seq));
      if (page.nextBeforeSeq === null) break;
      beforeSeq = page.nextBeforeSeq;
    }
    const all = await p.ok('audit.list', { filter: { clientId: s.ana }, limit: 500 }, W.owner);
    expect(seen).toEqual(all.entries.map((e) => e.seq));
  });

  it('refuses bad filters: wrong types, huge strings, bad dates, unknown fields', async () => {
    const bad = [
      { filter: { clientId: 42 }, limit: 10 },
      { filter: { clientId: 'x'.repeat(200_000) }, limit: 10 },
      { filter: { clientId: `%${s.ana}` }, limit: 10 },
      { filter: { from: 'yesterday' }, limit: 10 },
      { filter: { to: '2026-13-45T99:00:00Z' }, limit: 10 },
      { filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, limit: 10 },
      { filter: { action: 'drop table' }, limit: 10 },
      { filter: {}, limit: 0 },
      { filter: {}, limit: 100_000 },
      { filter: {}, limit: 10, sql: 'x' },
      { limit: 10 },
    ];
    for (const input of bad) expect((await p.fail('audit.list', input, W.owner)).code).toBe('INVALID_INPUT');
  });

  it('stays the owner’s: every other role is refused, and the refusal is audited', async () => {
    for (const w of [W.a, W.b, W.c, W.desk])
      expect((await p.fail('audit.list', { filter: { clientId: s.ana }, limit: 10 }, w)).code).toBe(
        'FORBIDDEN',
      );
    const denied = await p.ok('audit.list', { filter: { action: 'access.denied' }, limit: 10 }, W.owner);
    expect(denied.entries[0]?.summary).toBe('Was refused access to the audit log');
  });
});

describe('a chart’s Access history', () => {
  it('is open to the owner and the primary clinician, and opening it is audited', async () => {
    for (const w of [W.owner, W.a]) {
      const { entries } = await p.ok('audit.clientHistory', { clientId: s.ana }, w);
      expect(entries.some((e) => e.summary === 'Opened chart of Ana Díaz' && e.who === 'Alex Example')).toBe(
        true,
      );
      expect(entries.filter((e) => e.action === 'note.draftSave').map((e) => e.count)).toEqual([2, 5]);
    }
    const { entries } = await p.ok('audit.clientHistory', { clientId: s.ana }, W.owner);
    expect(entries[0]?.summary).toBe('Viewed the access history of Ana Díaz');
  });

  it('carries words only: no stored detail, no other client', async () => {
    // A search that shows both clients names both in its stored detail.
    const shown = await p.ok('clients.search', { query: '' }, W.a);
    expect(shown.clients.map((c) => c.id)).toEqual(expect.arrayContaining([s.ana, s.ben]));
    const { entries } = await p.ok('audit.clientHistory', { clientId: s.ana }, W.a);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(s.ben);
    expect(text).not.toContain('Ben Okafor');
    expect(entries.every((e) => !('detail' in e))).toBe(true);
  });

  it('is refused to a care-team clinician who is not primary, a clinician off the team and front desk', async () => {
    const before = rawCount('access.denied', s.ana);
    expect((await p.fail('audit.clientHistory', { clientId: s.ana }, W.b)).code).toBe('FORBIDDEN');
    expect((await p.fail('audit.clientHistory', { clientId: s.ana }, W.c)).code).toBe('FORBIDDEN');
    expect((await p.fail('audit.clientHistory', { clientId: s.ana }, W.desk)).code).toBe('FORBIDDEN');
    // A client that does not exist reads the same as one that is not theirs.
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await p.fail('audit.clientHistory', { clientId: unknown }, W.c)).code).toBe('FORBIDDEN');
    expect((await p.fail('audit.clientHistory', { clientId: unknown }, W.owner)).code).toBe('NOT_FOUND');
    expect(rawCount('access.denied', s.ana)).toBe(before + 3);
  });

  it('refuses bad input', async () => {
    const bad = [
      {},
      { clientId: 7 },
      { clientId: 'x'.repeat(100_000) },
      { clientId: s.ana, limit: 0 },
      { clientId: s.ana, limit: 1_000 },
      { clientId: s.ana, beforeSeq: -1 },
      { clientId: s.ana, beforeSeq: 'last' },
      { clientId: s.ana, extra: true },
    ];
    for (const input of bad)
      expect((await p.fail('audit.clientHistory', input, W.owner)).code).toBe('INVALID_INPUT');
  });

  it('is refused after a lock and after sign-out', async () => {
    await p.core.lock(W.a, 'inactivity');
    expect((await p.fail('audit.clientHistory', { clientId: s.ana }, W.a)).code).toBe('LOCKED');
    await p.signIn(s.a.username, s.a.password, W.a);
    await p.ok('auth.signOut', {}, W.a);
    expect((await p.fail('audit.clientHistory', { clientId: s.ana }, W.a)).code).toBe('NOT_SIGNED_IN');
    await p.signIn(s.a.username, s.a.password, W.a);
  });
});

describe('the CSV export', () => {
  it('writes the filtered log into the folder the owner picks, in words, and audits it', async () => {
    p.folder.next = csvFolder.path;
    const out = await p.ok('audit.exportCsv', { filter: { clientId: s.ana } }, W.owner);
    if (!out.saved) throw new Error('expected a saved file');
    const text = readFileSync(join(csvFolder.path, out.filename), 'utf8');
    expect(text).toContain('Opened chart of Ana Díaz');
    expect(text).not.toContain('Ben Okafor');
    // Every save is its own row in the file (the file is the record).
    expect(text.split('\r\n').filter((l) => l.includes(',note.draftSave,'))).toHaveLength(7);
    expect(readdirSync(csvFolder.path).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const { entries } = await p.ok('audit.list', { filter: { action: 'audit.export' }, limit: 1 }, W.owner);
    expect(entries[0]?.summary).toBe(`Exported the audit log of Ana Díaz (${String(out.rows)} entries)`);
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toMatchObject({ filter: { clientId: s.ana } });
    // A second export the same day does not overwrite the first.
    const again = await p.ok('audit.exportCsv', { filter: { clientId: s.ana } }, W.owner);
    expect(again.saved && again.filename).toMatch(/\(2\)\.csv$/);
  });

  it('neutralizes cells a spreadsheet would run as a formula', async () => {
    const evil = (
      await p.ok(
        'clients.create',
        adultClient(s.a.id, {
          legalFirstName: '=HYPERLINK("http://example.invalid")',
          legalLastName: '+Sum',
        }),
        W.desk,
      )
    ).id;
    await p.ok('clients.get', { clientId: evil }, W.owner);
    const out = await p.ok('audit.exportCsv', { filter: { clientId: evil } }, W.owner);
    if (!out.saved) throw new Error('expected a saved file');
    const rows = readFileSync(join(csvFolder.path, out.filename), 'utf8').trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    const cells = rows.flatMap((r) => r.match(/("([^"]|"")*"|[^,]*)/g) ?? []);
    for (const cell of cells) {
      const bare = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(bare, cell).not.toMatch(/^[=+\-@]/);
    }
    expect(rows.join('\n')).toContain('Opened chart of =HYPERLINK');
  });

  it('writes nothing and audits nothing when the owner cancels the folder dialog', async () => {
    const before = (await p.ok('audit.list', { filter: { action: 'audit.export' }, limit: 50 }, W.owner))
      .entries.length;
    p.folder.next = null;
    expect(await p.ok('audit.exportCsv', { filter: {} }, W.owner)).toEqual({ saved: false });
    const after = (await p.ok('audit.list', { filter: { action: 'audit.export' }, limit: 50 }, W.owner))
      .entries.length;
    expect(after).toBe(before);
  });

  it('writes a log longer than one chunk whole, oldest first, letting other calls in between chunks', async () => {
    // More entries than one chunk holds: the owner opens a chart again and again.
    const { entries: newest } = await p.ok('audit.list', { filter: {}, limit: 1 }, W.owner);
    const start = newest[0]?.seq ?? 0;
    while (
      ((await p.ok('audit.list', { filter: {}, limit: 1 }, W.owner)).entries[0]?.seq ?? 0) <
      start + CSV_CHUNK + 50
    )
      for (let i = 0; i < 100; i++) await p.ok('clients.get', { clientId: s.ben }, W.owner);
    p.folder.next = csvFolder.path;
    // Turns of the event loop while the export runs: another IPC call would be taken in each.
    let turns = 0;
    let running = true;
    const spin = (): void => {
      if (!running) return;
      turns += 1;
      setImmediate(spin);
    };
    setImmediate(spin);
    const out = await p.ok('audit.exportCsv', { filter: {} }, W.owner);
    running = false;
    if (!out.saved) throw new Error('expected a saved file');
    expect(out.rows).toBeGreaterThan(CSV_CHUNK);
    // At least one turn between each two chunks (one piece would give none).
    expect(turns).toBeGreaterThanOrEqual(Math.ceil(out.rows / CSV_CHUNK) - 1);
    const seqs = readFileSync(join(csvFolder.path, out.filename), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => Number(line.split(',')[0]));
    expect(seqs.length).toBe(out.rows);
    // Every entry once, oldest first, from the first to the one before the export's own.
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('is the owner’s only, and refuses bad filters', async () => {
    p.folder.next = csvFolder.path;
    for (const w of [W.a, W.c, W.desk])
      expect((await p.fail('audit.exportCsv', { filter: {} }, w)).code).toBe('FORBIDDEN');
    for (const filter of [{ clientId: 'nope' }, { from: 'soon' }, { actorId: ['x'] }, 'all'])
      expect((await p.fail('audit.exportCsv', { filter }, W.owner)).code).toBe('INVALID_INPUT');
  });
});
