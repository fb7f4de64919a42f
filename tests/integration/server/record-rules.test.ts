// The record rules on the practice server: every SQLite trigger is on PostgreSQL too (or replaced
// by a missing privilege), and the same forbidden statements, tried by the app's own login on a
// practice moved onto the server, are refused there with the same words as on the SQLite file,
// leaving the rows as they were; the changes the app does make (a draft edited or discarded, a
// chart destroyed under a purge permit) still go through.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHandle } from '../../../db/connection.ts';
import { ANNOUNCED } from '../../../db/postgres/migrations/0003-change-notices.ts';
import { NEVER_DELETED, NEVER_UPDATED } from '../../../db/postgres/roles.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote, signedNote } from '../../helpers/notes.ts';
import { movedOntoServer, type ServerPractice } from '../../helpers/pg-practice.ts';

interface SqliteTrigger {
  name: string;
  table: string;
  event: string;
  conditional: boolean;
}

function sqliteTriggers(): SqliteTrigger[] {
  const snapshot = readFileSync(new URL('../../../db/schema.snapshot.sql', import.meta.url), 'utf8');
  return [
    ...snapshot.matchAll(
      /^CREATE TRIGGER (\w+) BEFORE (INSERT|UPDATE|DELETE)( OF [\w, ]+?)? ON "?(\w+)"?( WHEN .*?)? BEGIN/gm,
    ),
  ].map((m) => ({
    name: m[1] ?? '',
    event: m[2] ?? '',
    table: m[4] ?? '',
    conditional: m[3] !== undefined || m[5] !== undefined,
  }));
}

describe('record rules on the practice server', () => {
  let p: TestPractice | undefined;
  let sqlite: SqliteHandle;
  let server: ServerPractice | undefined;
  let app: pg.Pool;
  const ids = { signed: '', cosigned: '', draft: '', client: '' };

  beforeAll(async () => {
    p = await makePractice();
    const clin = await signedInStaff(p, 'clinician', 'Alex Example', 'w-a');
    const sup = await signedInStaff(p, 'clinician', 'Sam Supervisor', 'w-s');
    await p.ok('staff.setSupervisor', { superviseeId: clin.id, supervisorId: sup.id }, 'w1');
    ids.client = (await p.ok('clients.create', adultClient(clin.id), 'w-a')).id;
    ids.cosigned = await signedNote(p, 'w-a', ids.client, '2026-11-02', 'lanternfish');
    await p.ok('notes.cosign', { noteId: ids.cosigned }, 'w-s');
    ids.signed = await signedNote(p, 'w-a', ids.client, '2026-11-03', 'marigold');
    ids.draft = (
      await p.ok('notes.saveDraft', dapNote(ids.client, { serviceDate: '2026-11-04' }), 'w-a')
    ).noteId;
    sqlite = p.core.ctx.vault.db.sqlite;
    server = await movedOntoServer(p);
    app = server.open(await server.newLogin()).pool;
  }, 120_000);
  afterAll(async () => {
    await server?.remove();
    await p?.close();
  });

  it('has every SQLite trigger, by name, table and event, but those a missing privilege replaces', async () => {
    const { rows } = await app.query<{ name: string; table: string; event: string; timing: string }>(
      `select trigger_name as name, event_object_table as table, event_manipulation as event, action_timing as timing
         from information_schema.triggers where trigger_schema = 'stillwater'`,
    );
    // The change notices (0003) are the server's own: one per announced table, after the statement.
    const notices = rows.filter((r) => r.name.endsWith('_changed'));
    expect([...new Set(notices.map((r) => r.table))].sort()).toEqual([...ANNOUNCED].sort());
    expect(new Set(notices.map((r) => r.timing))).toEqual(new Set(['AFTER']));
    const onServer = rows
      .filter((r) => !r.name.endsWith('_changed'))
      .map((r) => `${r.name} ${r.timing} ${r.event} ${r.table}`)
      .sort();
    const replaced = (t: SqliteTrigger): boolean =>
      !t.conditional &&
      ((t.event === 'UPDATE' && (NEVER_UPDATED as readonly string[]).includes(t.table)) ||
        (t.event === 'DELETE' && (NEVER_DELETED as readonly string[]).includes(t.table)));
    const all = sqliteTriggers();
    expect(all.length).toBeGreaterThan(80);
    expect(onServer).toEqual(
      all
        .filter((t) => !replaced(t))
        .map((t) => `${t.name} BEFORE ${t.event} ${t.table}`)
        .sort(),
    );
  });

  /** What each engine says to a statement: its error message, or 'done'. The server's runs in a rolled-back transaction. */
  async function onBoth(
    statement: { sqlite: string; pg: string },
    params: unknown[],
  ): Promise<{ local: string; server: string }> {
    let local: string;
    sqlite.exec('SAVEPOINT probe');
    try {
      sqlite.prepare(statement.sqlite).run(...params);
      local = 'done';
    } catch (error) {
      local = error instanceof Error ? error.message : String(error);
    } finally {
      sqlite.exec('ROLLBACK TO probe');
      sqlite.exec('RELEASE probe');
    }
    const client = await app.connect();
    let remote: string;
    try {
      await client.query('begin');
      await client.query(statement.pg, params);
      remote = 'done';
    } catch (error) {
      remote = error instanceof Error ? error.message : String(error);
    } finally {
      await client.query('rollback');
      client.release();
    }
    return { local, server: remote };
  }
  const numbered = (text: string): { sqlite: string; pg: string } => {
    let n = 0;
    return { sqlite: text, pg: text.replace(/\?/g, () => `$${String(++n)}`) };
  };

  it.each([
    [
      'a signed note’s text',
      'UPDATE notes SET sections = ? WHERE id = ?',
      ['{}', 'signed'],
      'a signed note cannot be changed',
    ],
    [
      'a signed note’s status',
      "UPDATE notes SET status = 'draft' WHERE id = ?",
      ['signed'],
      'a signed note cannot be changed',
    ],
    [
      'deleting a signed note',
      'DELETE FROM notes WHERE id = ?',
      ['signed'],
      'a signed note cannot be deleted',
    ],
    [
      'a co-signature rewritten',
      "UPDATE notes SET cosigned_at = '2026-01-01T00:00:00.000Z' WHERE id = ?",
      ['cosigned'],
      'a co-signature is written once and never changed',
    ],
    [
      'a note inserted over a signed one',
      'INSERT INTO notes SELECT * FROM notes WHERE id = ?',
      ['signed'],
      'a note cannot be replaced',
    ],
    [
      'an audit entry inserted over another',
      'INSERT INTO audit_log SELECT * FROM audit_log WHERE seq = 1',
      [],
      'audit log is append-only',
    ],
  ])('refuses %s with the same words on both engines', async (_what, text, keys, message) => {
    const params = keys.map((k) => (k in ids ? ids[k as keyof typeof ids] : k));
    const result = await onBoth(numbered(text), params);
    expect(result).toEqual({ local: message, server: message });
  });

  it('an upsert that would rewrite a signed note is refused on the server too (its insert first)', async () => {
    const client = await app.connect();
    try {
      await expect(
        client.query(
          "insert into notes select * from notes where id = $1 on conflict (id) do update set sections = '{}'",
          [ids.signed],
        ),
      ).rejects.toThrow('a note cannot be replaced');
    } finally {
      client.release();
    }
    const { rows } = await app.query<{ sections: string }>('select sections from notes where id = $1', [
      ids.signed,
    ]);
    expect(rows[0]?.sections).toContain('marigold');
  });

  it('lets through what the app does: a draft edited and discarded, a signed note deleted under a purge permit', async () => {
    expect(await onBoth(numbered('UPDATE notes SET sections = ? WHERE id = ?'), ['{}', ids.draft])).toEqual({
      local: 'done',
      server: 'done',
    });
    expect(await onBoth(numbered('DELETE FROM notes WHERE id = ?'), [ids.draft])).toEqual({
      local: 'done',
      server: 'done',
    });
    // A chart's destruction (retention) writes the permit and deletes in one transaction.
    const client = await app.connect();
    try {
      await client.query('begin');
      await client.query('insert into chart_purge_permits values ($1, $2)', [
        ids.client,
        '2026-12-07T00:00:00.000Z',
      ]);
      await client.query('delete from note_addenda where note_id = $1', [ids.signed]);
      const { rowCount } = await client.query('delete from notes where id = $1', [ids.signed]);
      expect(rowCount).toBe(1);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
