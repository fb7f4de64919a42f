// The client search on the practice server: a practice registered through the router on the SQLite
// file, moved onto a real PostgreSQL (the move builds the server's tsvector index), answers every
// typed search with the same clients, in the same order, with the same count as the FTS5 index
// on the file: prefixes, several words, accents typed or not, apostrophes and hyphens, dates as
// people type them, phone digits, chart numbers, and nothing for nonsense. A client registered
// on the server afterwards is found there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { indexAllClients } from '../../../main/core/clients/index.ts';
import { searchClients } from '../../../main/core/clients/queries.ts';
import { ftsQuery } from '../../../main/core/clients/search-terms.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { movedOntoServer, type ServerPractice } from '../../helpers/pg-practice.ts';

const PEOPLE = [
  { legalFirstName: 'Ana', legalLastName: 'Díaz', dateOfBirth: '1990-04-12', phone: '(555) 201-3344' },
  { legalFirstName: 'Ann', legalLastName: 'Smith', dateOfBirth: '1985-01-30', phone: '(555) 201-9876' },
  { legalFirstName: 'Annabel', legalLastName: 'Smythe', dateOfBirth: '1979-11-02', phone: '(555) 733-0101' },
  {
    legalFirstName: 'Zoë',
    legalLastName: 'O’Brien-Smith',
    dateOfBirth: '2001-06-09',
    phone: '(555) 733-4545',
  },
  { legalFirstName: 'Ben', legalLastName: 'Okafor', dateOfBirth: '1990-04-21', phone: '(555) 860-1212' },
  { legalFirstName: 'Chen', legalLastName: 'Li', dateOfBirth: '1968-12-25', phone: '(555) 860-7788' },
];

const TYPED = [
  'ana',
  'an',
  'a',
  'díaz',
  'diaz',
  'DIAZ',
  'ann smi',
  'smith',
  'o’brien',
  "o'brien",
  'obrien',
  'brien smith',
  'zoe',
  'zoë',
  '4/12/1990',
  '04-12-1990',
  '1990-04-12',
  '555',
  '201',
  '7334545',
  'xyzzy',
  '"; drop table clients; --',
];

describe('client search on the practice server', () => {
  let p: TestPractice | undefined;
  let server: ServerPractice | undefined;
  let onServer: Kysely<DB>;
  let local: Kysely<DB>;
  const chartNumbers: string[] = [];
  let clinicianId = '';

  beforeAll(async () => {
    const practice = await makePractice();
    p = practice;
    const clin = await signedInStaff(practice, 'clinician', 'Alex Example', 'w-a');
    clinicianId = clin.id;
    for (const person of PEOPLE) {
      const { id } = await practice.ok(
        'clients.create',
        adultClient(clin.id, { ...person, preferredName: undefined }),
        'w-a',
      );
      chartNumbers.push((await practice.ok('clients.get', { clientId: id }, 'w-a')).chartNumber);
    }
    local = practice.core.ctx.vault.db.db;
    const pg = await movedOntoServer(practice);
    server = pg;
    onServer = pg.open(await pg.newLogin()).db;
  }, 120_000);
  afterAll(async () => {
    await server?.remove();
    await p?.close();
  });

  const search = async (db: Kysely<DB>, typed: string): Promise<{ names: string[]; total: number }> => {
    const match = ftsQuery(typed);
    if (match === null) return { names: [], total: 0 };
    const { rows, total } = await searchClients(db, { match, offset: 0, limit: 50 });
    return { names: rows.map((r) => `${r.legal_first_name} ${r.legal_last_name}`), total };
  };

  it.each(TYPED)('“%s” finds the same clients, in the same order, on both engines', async (typed) => {
    const file = await search(local, typed);
    expect(await search(onServer, typed)).toEqual(file);
  });

  it('the searches find what a front desk expects (not merely the same nothing)', async () => {
    expect((await search(onServer, 'diaz')).names).toEqual(['Ana Díaz']);
    expect((await search(onServer, 'ann sm')).names).toEqual(['Ann Smith', 'Annabel Smythe']);
    expect((await search(onServer, '4/12/1990')).names).toEqual(['Ana Díaz']);
    expect((await search(onServer, "o'brien")).names).toEqual(['Zoë O’Brien-Smith']);
    expect((await search(onServer, 'xyzzy')).total).toBe(0);
    const chart = chartNumbers[5] ?? '';
    expect((await search(onServer, chart)).names).toEqual(['Chen Li']);
  });

  it('a client written on the server afterwards is found there once indexed', async () => {
    await onServer.transaction().execute(async (trx) => {
      const seq = 9_000_001;
      await trx
        .insertInto('clients')
        .values({
          seq,
          id: 'server-client',
          chart_number: 'C-900001',
          legal_first_name: 'Quinn',
          legal_last_name: 'Ortega',
          sort_key: 'ortega\u0001quinn\u0001C-900001',
          date_of_birth: '1995-03-03',
          voicemail_ok: 0,
          text_ok: 0,
          email_ok: 0,
          primary_clinician_id: clinicianId,
          status: 'active',
          status_date: '2026-12-07',
          created_at: '2026-12-07T00:00:00.000Z',
          created_by: clinicianId,
          updated_at: '2026-12-07T00:00:00.000Z',
        })
        .execute();
      expect(await indexAllClients(trx)).toBe(PEOPLE.length + 1);
    });
    expect((await search(onServer, 'quin ort')).names).toEqual(['Quinn Ortega']);
  });
});
