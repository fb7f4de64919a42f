// The audit log: what gets recorded, append-only triggers, and tamper detection of every kind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makePractice, OWNER, PRACTICE, type TestPractice } from '../../helpers/make-practice.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let practice: TestPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

/** What an attacker holding the data key could do: drop the triggers and rewrite rows. */
function tamper(p: TestPractice, sql: string): void {
  const sqlite = p.core.ctx.vault.db.sqlite;
  sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  sqlite.exec(sql);
}

async function practiceWithHistory(): Promise<TestPractice> {
  const p = await makePractice();
  const clin = await p.addStaff('clinician');
  await p.ok('staff.changeRole', { userId: clin.id, role: 'front_desk' });
  await p.ok('practice.update', { ...PRACTICE, addressLine1: '200 Example Way' });
  return p;
}

describe('the audit log', () => {
  it('records setup, sign-in, staff and setting changes with who did them', async () => {
    practice = await practiceWithHistory();
    const { entries } = await practice.ok('audit.list', { filter: {}, limit: 100 });
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'practice.setup',
      'auth.signIn',
      'staff.create',
      'staff.changeRole',
      'practice.update',
    ]);
    const change = entries.find((e) => e.action === 'staff.changeRole');
    expect(change?.actorUsername).toBe(OWNER.username);
    expect(JSON.parse(change?.detail ?? '{}')).toEqual({ from: 'clinician', to: 'front_desk' });
    const update = entries.find((e) => e.action === 'practice.update');
    expect(JSON.parse(update?.detail ?? '{}')).toEqual({ fields: ['address_line1'] });
  });

  it('filters by person, action and date, and pages', async () => {
    practice = await practiceWithHistory();
    const owner = (await practice.ok('staff.list', {})).find((s) => s.role === 'owner');
    const byOwner = await practice.ok('audit.list', { filter: { actorId: owner?.id }, limit: 100 });
    expect(byOwner.entries.every((e) => e.actorId === owner?.id)).toBe(true);
    expect(byOwner.entries.length).toBe(4);
    const byAction = await practice.ok('audit.list', { filter: { action: 'staff.create' }, limit: 100 });
    expect(byAction.entries).toHaveLength(1);
    // Bounds with a time-zone offset mean the same instant as in UTC.
    const all = await practice.ok('audit.list', { filter: {}, limit: 100 });
    const newest = all.entries[0]?.at ?? '';
    // The same instant, written as Pacific time (-08:00).
    const inPacific = (ms: number) => new Date(ms - 8 * 3_600_000).toISOString().replace('Z', '-08:00');
    const justAfter = inPacific(Date.parse(newest) + 1);
    expect(
      (await practice.ok('audit.list', { filter: { from: justAfter }, limit: 100 })).entries,
    ).toHaveLength(0);
    expect((await practice.ok('audit.list', { filter: { to: justAfter }, limit: 100 })).entries).toHaveLength(
      all.entries.length,
    );
    const future = await practice.ok('audit.list', { filter: { from: '2999-01-01T00:00:00Z' }, limit: 100 });
    expect(future.entries).toHaveLength(0);
    const first = await practice.ok('audit.list', { filter: {}, limit: 2 });
    expect(first.entries.map((e) => e.seq)).toEqual([5, 4]);
    expect(first.nextBeforeSeq).toBe(4);
    const second = await practice.ok('audit.list', { filter: {}, limit: 2, beforeSeq: 4 });
    expect(second.entries.map((e) => e.seq)).toEqual([3, 2]);
    const bad = await practice.fail('audit.list', {
      filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      limit: 10,
    });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.fields).toEqual([
      { path: 'filter.to', message: 'The start date must be before the end date.' },
    ]);
  });

  it('refuses UPDATE and DELETE inside the database', async () => {
    practice = await practiceWithHistory();
    const sqlite = practice.core.ctx.vault.db.sqlite;
    expect(() => sqlite.exec("UPDATE audit_log SET action = 'x' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => sqlite.exec('DELETE FROM audit_log WHERE seq = 1')).toThrow(/append-only/);
  });

  it('verifies an untouched chain, and records that it was verified', async () => {
    practice = await practiceWithHistory();
    expect(await practice.ok('audit.verify', {})).toEqual({
      ok: true,
      checked: 5,
      problem: null,
      acknowledged: [],
    });
    const { entries } = await practice.ok('audit.list', { filter: { action: 'audit.verify' }, limit: 5 });
    expect(entries).toHaveLength(1);
  });

  it('finds an edited entry', async () => {
    practice = await practiceWithHistory();
    tamper(practice, `UPDATE audit_log SET detail = '{"from":"owner","to":"front_desk"}' WHERE seq = 4`);
    const result = await practice.ok('audit.verify', {});
    expect(result).toMatchObject({ ok: false, problem: { kind: 'edited', seq: 4 } });
  });

  it('finds a deleted entry', async () => {
    practice = await practiceWithHistory();
    tamper(practice, 'DELETE FROM audit_log WHERE seq = 3');
    expect(await practice.ok('audit.verify', {})).toMatchObject({
      ok: false,
      problem: { kind: 'missing', seq: 3 },
    });
  });

  it('finds entries swapped into another order (a chain break)', async () => {
    practice = await practiceWithHistory();
    tamper(
      practice,
      `UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = -1;`,
    );
    expect(await practice.ok('audit.verify', {})).toMatchObject({
      ok: false,
      problem: { kind: 'chain-break', seq: 2 },
    });
  });

  it('finds a rewritten chain (every hash recomputed) through the head kept outside the database', async () => {
    practice = await practiceWithHistory();
    await practice.core.services.auth.closeVault(); // saves the head to the keyring
    practice.core.ctx.sessions.end('w1');
    await practice.signIn(OWNER.username, OWNER.password);
    const { entryHash } = await import('../../../main/core/audit/chain.ts');
    const sqlite = practice.core.ctx.vault.db.sqlite;
    tamper(practice, `UPDATE audit_log SET detail = '{"fields":["name"]}' WHERE seq = 5`);
    // Re-chain everything from seq 5 on, as a careful attacker would.
    type Row = {
      seq: number;
      at: string;
      actor_id: string | null;
      actor_username: string | null;
      action: string;
      target_type: string | null;
      target_id: string | null;
      detail: string;
      prev_hash: string;
      hash: string;
    };
    const rows = sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];
    let prev = rows[3]?.hash ?? '';
    for (const row of rows.slice(4)) {
      const hash = entryHash({ ...row, prev_hash: prev });
      sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
      prev = hash;
    }
    const result = await practice.ok('audit.verify', {});
    expect(result).toMatchObject({ ok: false, problem: { kind: 'head-mismatch' } });
  });

  it('finds a cut-off tail', async () => {
    practice = await practiceWithHistory();
    await practice.ok('auth.signOut', {}); // head (7 entries incl. sign-out) saved on close
    await practice.signIn(OWNER.username, OWNER.password);
    tamper(practice, 'DELETE FROM audit_log WHERE seq >= 6');
    expect(await practice.ok('audit.verify', {})).toMatchObject({
      ok: false,
      problem: { kind: 'truncated', seq: 6 },
    });
  });

  it('exports CSV with every entry into the folder picked, and records the export', async () => {
    practice = await practiceWithHistory();
    const folder = tempDir('stillwater-audit-csv-');
    practice.folder.next = folder.path;
    const out = await practice.ok('audit.exportCsv', { filter: {} });
    if (!out.saved) throw new Error('expected the export to be saved');
    expect(out.filename).toMatch(/^stillwater-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(join(folder.path, out.filename), 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'seq,at,who,description,record,client,actor_id,actor_username,action,target_type,target_id,detail,prev_hash,hash',
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^1,.*,Set up the practice,.*,practice\.setup,/);
    const { entries } = await practice.ok('audit.list', { filter: { action: 'audit.export' }, limit: 5 });
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toEqual({ rows: 5, filename: out.filename, filter: {} });
  });
});
