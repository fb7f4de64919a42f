// Moving a single-computer practice onto the practice server, from a real encrypted practice built
// through the router (staff, clients, signed and draft notes) into a real PostgreSQL: counts and
// content hashes equal for every table, the audit chain verifying on the server and ending where
// the local one does, the local database untouched; and refused, leaving the server empty, when
// the server already holds records or the local log was cut or edited by someone with the key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHandle } from '../../../db/connection.ts';
import { COPY_ORDER, copyPracticeToServer } from '../../../db/postgres/copy-practice.ts';
import { movePracticeToServer } from '../../../main/core/server/index.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote, signedNote } from '../../helpers/notes.ts';
import { localHead, refusal, startServerPractice, type ServerPractice } from '../../helpers/pg-practice.ts';

async function serverCounts(server: ServerPractice): Promise<Record<string, number>> {
  const admin = await server.adminClient();
  const out: Record<string, number> = {};
  for (const table of COPY_ORDER) {
    const { rows } = await admin.query<{ n: string }>(`select count(*) as n from stillwater."${table}"`);
    out[table] = Number(rows[0]?.n);
  }
  return out;
}

describe('moving a single-computer practice onto the server', () => {
  let p: TestPractice;
  let sqlite: SqliteHandle;
  beforeAll(async () => {
    p = await makePractice();
    const clin = await signedInStaff(p, 'clinician', 'Alex Example', 'w-a');
    await signedInStaff(p, 'front_desk', 'Dana Example', 'w-d');
    const sup = await signedInStaff(p, 'clinician', 'Sam Supervisor', 'w-s');
    await p.ok('staff.setSupervisor', { superviseeId: clin.id, supervisorId: sup.id }, 'w1');
    const clients: string[] = [];
    for (const [first, last] of [
      ['Ana', 'Díaz'],
      ['Ben', 'Okafor'],
      ['Chen', 'Li'],
    ] as const) {
      clients.push(
        (
          await p.ok(
            'clients.create',
            adultClient(clin.id, { legalFirstName: first, legalLastName: last }),
            'w-d',
          )
        ).id,
      );
    }
    // Co-signed and amended: rows the record rules only let the app build step by step.
    const cosigned = await signedNote(p, 'w-a', clients[0] ?? '', '2026-11-02', 'lanternfish');
    await p.ok('notes.cosign', { noteId: cosigned }, 'w-s');
    await p.ok('notes.addAddendum', { noteId: cosigned, text: 'Synthetic: a late correction.' }, 'w-a');
    await signedNote(p, 'w-a', clients[1] ?? '', '2026-11-03', 'marigold');
    await p.ok('notes.saveDraft', dapNote(clients[2] ?? '', { serviceDate: '2026-11-04' }), 'w-a');
    sqlite = p.core.ctx.vault.db.sqlite;
    // A row that follows another of its table, written after it but sorting before it by key (as
    // a plan's next version or a renewed suspension may): the copy must insert it second.
    const insert = sqlite.prepare(
      `INSERT INTO accounting_suspensions (id, client_id, recipient_name, kind, agency, official, stated_on, ends_on, follows_id, recorded_by, recorded_at)
       VALUES (?, ?, 'Synthetic Agency', 'written', 'Synthetic Oversight Office', 'Agent Example', '2026-11-01', ?, ?, ?, '2026-11-01T10:00:00.000Z')`,
    );
    // More than one insert's worth of rows (500) between them, so no single statement holds both.
    insert.run('zz-first', clients[0], '2026-12-01', null, clin.id);
    for (let i = 0; i < 500; i++)
      insert.run(`mm-${String(i).padStart(3, '0')}`, clients[0], '2026-12-01', null, clin.id);
    insert.run('aa-renewed', clients[0], '2027-01-01', 'zz-first', clin.id);
  }, 120_000);
  afterAll(async () => {
    await p.close();
  });

  it('copies every table, proves it equal, and the audit chain verifies on the server', async () => {
    const server = await startServerPractice();
    try {
      const changes = (): number => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      const before = changes();
      const local = localHead(sqlite);
      const report = await movePracticeToServer(sqlite, local, await server.adminClient());
      expect(report.auditEntries).toBe(local.count);
      expect(report.auditHead).toBe(local.hash);
      const counts = await serverCounts(server);
      for (const t of report.tables) {
        const n = (sqlite.prepare(`SELECT count(*) AS n FROM "${t.table}"`).get() as { n: number }).n;
        expect(counts[t.table], t.table).toBe(n);
        expect(t.rows, t.table).toBe(n);
      }
      expect(counts['clients']).toBe(3);
      expect(counts['notes']).toBe(3);
      expect(counts['users']).toBe(4);
      expect(counts['note_addenda']).toBe(1);
      expect(counts['accounting_suspensions']).toBe(502);
      // A staff login reads the moved records through kysely, as the app will.
      const { db } = server.open(await server.newLogin());
      const names = await db.selectFrom('clients').select('legal_first_name').orderBy('sort_key').execute();
      expect(names.map((r) => r.legal_first_name)).toEqual(['Ana', 'Chen', 'Ben']);
      const signed = await db
        .selectFrom('notes')
        .select('cosigned_by')
        .where('status', '=', 'signed')
        .execute();
      expect(signed.map((n) => n.cosigned_by !== null).sort()).toEqual([false, true]);
      // A new row continues after the highest copied sequence number.
      const admin = await server.adminClient();
      const { rows } = await admin.query<{ next: string }>(
        "select nextval(pg_get_serial_sequence('stillwater.clients', 'seq')) as next",
      );
      const maxSeq = (sqlite.prepare('SELECT max(seq) AS m FROM clients').get() as { m: number }).m;
      expect(Number(rows[0]?.next)).toBe(maxSeq + 1);
      // The local database was only read: this connection changed no row.
      expect(changes()).toBe(before);
      expect(localHead(sqlite)).toEqual(local);

      // Twice: the server now holds records, and is left as it was.
      const again = await refusal(
        movePracticeToServer(sqlite, localHead(sqlite), await server.adminClient()),
      );
      expect(again.code).toBe('CONFLICT');
      expect(again.message).toMatch(/already holds a practice’s records/);
      expect(await serverCounts(server)).toEqual(counts);
    } finally {
      await server.remove();
    }
  });

  it('a check that fails after the copy (the server’s chain) undoes every table', async () => {
    const server = await startServerPractice();
    try {
      await expect(
        copyPracticeToServer(sqlite, await server.adminClient(), async (db) => {
          const { rows } = await db.query<{ n: string }>('select count(*) as n from notes');
          expect(Number(rows[0]?.n)).toBe(3); // the copy is there, inside the transaction
          throw new Error('the server chain does not verify');
        }),
      ).rejects.toThrow('the server chain does not verify');
      expect(Object.values(await serverCounts(server)).every((n) => n === 0)).toBe(true);
    } finally {
      await server.remove();
    }
  });

  it('refuses a local log whose tail was cut, or an entry edited, leaving the server empty', async () => {
    const server = await startServerPractice();
    try {
      const sealed = localHead(sqlite);
      // Someone with the recovery key opens the file, drops the guards and cuts the last entries.
      const triggers = sqlite
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        .all() as { name: string; sql: string }[];
      for (const t of triggers) sqlite.exec(`DROP TRIGGER ${t.name}`);
      const cut = sqlite.prepare('SELECT * FROM audit_log WHERE seq > ?').all(sealed.count - 2);
      sqlite.prepare('DELETE FROM audit_log WHERE seq > ?').run(sealed.count - 2);
      const tail = await refusal(movePracticeToServer(sqlite, sealed, await server.adminClient()));
      expect(tail.code).toBe('CONFLICT');
      expect(tail.message).toMatch(
        /^The audit log on this computer does not verify: .* Nothing was moved\.$/,
      );
      expect(Object.values(await serverCounts(server)).every((n) => n === 0)).toBe(true);

      // The tail put back, an entry's detail rewritten instead: the chain says which.
      const insert = sqlite.prepare(
        'INSERT INTO audit_log VALUES (@seq, @at, @actor_id, @actor_username, @action, @target_type, @target_id, @detail, @prev_hash, @hash)',
      );
      for (const row of cut) insert.run(row);
      expect(localHead(sqlite)).toEqual(sealed);
      sqlite.prepare("UPDATE audit_log SET detail = '{}' WHERE seq = 3").run();
      const edited = await refusal(movePracticeToServer(sqlite, sealed, await server.adminClient()));
      expect(edited.message).toBe(
        'The audit log on this computer does not verify: Entry 3 was changed after it was written. Nothing was moved.',
      );
      expect(Object.values(await serverCounts(server)).every((n) => n === 0)).toBe(true);
    } finally {
      await server.remove();
    }
  });
});
