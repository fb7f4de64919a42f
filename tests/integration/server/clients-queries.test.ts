// The clients room's queries and the cover window, unchanged, on both engines: a practice built
// through the router (two clinicians, a care team, a cover arranged by the owner) and moved onto a
// real PostgreSQL gives the same answers on the server as on the SQLite file to every read the
// lists, the chart and the access rules make: lists in each order and filter, a caseload with the
// cover in force and after it ended, counts, labels, the care team, emergency access's lookup.
// Main's clock reaches both: the file's connection has it registered, the server's sets it.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerDatabase } from '../../../db/postgres/open.ts';
import type { DB } from '../../../db/schema.ts';
import {
  caseloadCounts,
  clientByChartAndBirth,
  clientCount,
  clientLabels,
  clientsWithClinician,
  getClient,
  isOnCareTeam,
  listCareTeam,
  listClients,
  searchClients,
} from '../../../main/core/clients/queries.ts';
import { ftsQuery } from '../../../main/core/clients/search-terms.ts';
import { coverInForce } from '../../../main/core/cover/queries.ts';
import { poolConfig } from '../../../main/core/server/index.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { movedOntoServer, type ServerPractice } from '../../helpers/pg-practice.ts';

const HOUR = 3_600_000;
const clock = new FakeClock(Date.parse('2026-12-07T09:00:00.000Z'));

describe('the clients room’s queries on both engines', () => {
  let p: TestPractice | undefined;
  let server: ServerPractice | undefined;
  let local: Kysely<DB>;
  let remote: Kysely<DB>;
  const who = { a: '', b: '', owner: '' };
  const clients: string[] = [];
  let chart = { number: '', dob: '' };

  beforeAll(async () => {
    const practice = await makePractice({ clock });
    p = practice;
    const a = await signedInStaff(practice, 'clinician', 'Alex Example', 'w-a');
    const b = await signedInStaff(practice, 'clinician', 'Blair Example', 'w-b');
    who.a = a.id;
    who.b = b.id;
    const names = [
      ['Ana', 'Díaz', a.id],
      ['Ben', 'Okafor', a.id],
      ['Chen', 'Li', b.id],
      ['Dee', 'Adams', b.id],
    ] as const;
    for (const [first, last, clin] of names) {
      clients.push(
        (
          await practice.ok(
            'clients.create',
            adultClient(clin, { legalFirstName: first, legalLastName: last }),
            'w1',
          )
        ).id,
      );
    }
    await practice.ok('clients.addCareTeamMember', { clientId: clients[2] ?? '', userId: a.id }, 'w-b');
    await practice.ok(
      'cover.grantCover',
      {
        absentId: b.id,
        covererId: a.id,
        startsAt: new Date(clock.now()).toISOString(),
        endsAt: new Date(clock.now() + 2 * HOUR).toISOString(),
        reason: 'Annual leave (synthetic)',
      },
      'w1',
    );
    const first = await practice.ok('clients.get', { clientId: clients[0] ?? '' }, 'w1');
    chart = { number: first.chartNumber, dob: first.dateOfBirth };
    local = practice.core.ctx.vault.db.db;
    const moved = await movedOntoServer(practice);
    server = moved;
    const login = await moved.newLogin();
    // One connection, so the clock set on it is the clock of every query here.
    remote = openServerDatabase(
      poolConfig({ ...moved.admin, credentials: { user: login.user, password: login.password } }, 1),
    ).db;
  }, 120_000);
  afterAll(async () => {
    await remote.destroy();
    await server?.remove();
    await p?.close();
  });

  /** Every read, as the lists and rules make them, at main's clock now. */
  async function reads(db: Kysely<DB>): Promise<unknown> {
    const page = { match: null, offset: 0, limit: 50 };
    return {
      byName: await listClients(db, page),
      byChart: await listClients(db, { ...page, sort: 'chart_number' }),
      newest: await listClients(db, { ...page, sort: 'newest' }),
      active: await listClients(db, { ...page, status: 'active' }),
      ofB: await listClients(db, { ...page, primaryClinicianId: who.b }),
      caseloadA: await listClients(db, { ...page, caseloadOf: who.a }),
      caseloadB: await listClients(db, { ...page, caseloadOf: who.b }),
      searchA: await searchClients(db, { ...page, match: ftsQuery('a') ?? '', caseloadOf: who.a }),
      cover: await coverInForce(db, who.a, who.b),
      countsA: await caseloadCounts(db, who.a),
      total: await clientCount(db),
      // A map, read by id: its order is no answer.
      labels: [...(await clientLabels(db, clients)).entries()].sort(([x], [y]) => x.localeCompare(y)),
      team: await listCareTeam(db, clients[2] ?? ''),
      onTeam: await isOnCareTeam(db, clients[2] ?? '', who.a),
      byChartAndBirth: await clientByChartAndBirth(db, chart.number, chart.dob),
      withClinician: await clientsWithClinician(db),
      one: await getClient(db, clients[1] ?? ''),
    };
  }

  const setServerClock = async (): Promise<void> => {
    await sql`select set_config('stillwater.now_ms', ${String(clock.now())}, false)`.execute(remote);
  };

  it('gives the same answers while the cover is in force', async () => {
    await setServerClock();
    const answers = await reads(remote);
    expect(answers).toEqual(await reads(local));
    // Not the same nothing: Alex sees Blair's clients while covering.
    const caseload = (answers as { caseloadA: { rows: { legal_first_name: string }[] } }).caseloadA.rows;
    expect(caseload.map((r) => r.legal_first_name)).toEqual(['Dee', 'Ana', 'Chen', 'Ben']);
  });

  it('and the same once main’s clock passes the cover’s end', async () => {
    await clock.advance(3 * HOUR);
    // Three idle hours locked every session and closed the file: the owner signs in again.
    if (!p) throw new Error('no practice');
    await p.signIn(OWNER.username, OWNER.password, 'w1');
    local = p.core.ctx.vault.db.db;
    await setServerClock();
    const answers = await reads(remote);
    expect(answers).toEqual(await reads(local));
    const caseload = (answers as { caseloadA: { rows: { legal_first_name: string }[] } }).caseloadA.rows;
    expect(caseload.map((r) => r.legal_first_name)).toEqual(['Ana', 'Chen', 'Ben']);
    expect((answers as { cover: unknown }).cover).toBeNull();
  });
});
