// The audit domain on the practice server, through the same kysely queries as on the SQLite file:
// the same events give the same chain (hash for hash) and the same filtered reads on both engines;
// two workstations appending at once never fork the chain nor fail on each other; an append
// outside a transaction is refused on the server, where only the transaction holds the chain lock.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLive, openKeyed, wrapKysely, type SqliteHandle } from '../../../db/connection.ts';
import { engineOf } from '../../../db/dialect.ts';
import { migrate } from '../../../db/migrator.ts';
import type { DB } from '../../../db/schema.ts';
import { entryHash, GENESIS_HASH } from '../../../main/core/audit/chain.ts';
import { autosaveRun, hasEntryNaming, listEntries } from '../../../main/core/audit/queries.ts';
import { AuditService, type AuditActor } from '../../../main/core/audit/service.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { startServerPractice, type ServerPractice } from '../../helpers/pg-practice.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const ALEX: AuditActor = { userId: 'u-alex', username: 'alex' };
const DANA: AuditActor = { userId: 'u-dana', username: 'dana' };

/** A morning's entries: sign-ins, chart opens, a draft's autosaves across a lock, a note naming a client. */
async function morning(db: Kysely<DB>, clock: FakeClock): Promise<void> {
  const audit = new AuditService(clock);
  const step = async (actor: AuditActor, action: Parameters<AuditService['append']>[2]): Promise<void> => {
    await db.transaction().execute((trx) => audit.append(trx, actor, action));
    await clock.advance(1000);
  };
  await step(ALEX, { action: 'auth.signIn' });
  await step(DANA, { action: 'auth.signIn' });
  await step(ALEX, { action: 'client.view', targetType: 'client', targetId: 'c-ana' });
  for (let i = 0; i < 3; i++)
    await step(ALEX, { action: 'note.draftSave', targetType: 'note', targetId: 'n-1' });
  await step(ALEX, { action: 'auth.locked' });
  await step(ALEX, { action: 'auth.signIn' });
  for (let i = 0; i < 2; i++)
    await step(ALEX, { action: 'note.draftSave', targetType: 'note', targetId: 'n-1' });
  await step(DANA, {
    action: 'client.update',
    targetType: 'client',
    targetId: 'c-ben',
    detail: { fields: ['phone'] },
  });
  await step(ALEX, {
    action: 'note.sign',
    targetType: 'note',
    targetId: 'n-1',
    detail: { clientId: 'c-ana' },
  });
}

async function reads(db: Kysely<DB>): Promise<unknown> {
  const grouped = await listEntries(db, { groupAutosaves: true, limit: 50 });
  return {
    all: await listEntries(db, { limit: 50 }),
    alex: await listEntries(db, { actorId: ALEX.userId ?? '', limit: 50 }),
    ana: await listEntries(db, { client: { id: 'c-ana', recordIds: ['n-1'] }, limit: 50 }),
    grouped: grouped.map((r) => r.seq),
    runs: await Promise.all(
      grouped.filter((r) => r.action === 'note.draftSave').map((r) => autosaveRun(db, r, undefined)),
    ),
    naming: await hasEntryNaming(db, 'note.sign', 'clientId', 'c-ana'),
    page: await listEntries(db, { beforeSeq: 6, limit: 3 }),
  };
}

async function chainOf(db: Kysely<DB>): Promise<{ seq: number; hash: string }[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = GENESIS_HASH;
  rows.forEach((row, i) => {
    expect(row.seq).toBe(i + 1);
    expect(row.prev_hash).toBe(prev);
    const { hash, ...rest } = row;
    expect(entryHash(rest)).toBe(hash);
    prev = hash;
  });
  return rows.map((r) => ({ seq: r.seq, hash: r.hash }));
}

describe('the audit log on the practice server', () => {
  let server: ServerPractice;
  let sqlite: SqliteHandle;
  let local: Kysely<DB>;
  const folder = tempDir();
  beforeAll(async () => {
    server = await startServerPractice();
    sqlite = openKeyed(join(folder.path, 'local.db'), randomBytes(32));
    configureLive(sqlite);
    local = wrapKysely(sqlite);
    await migrate(sqlite, local as Kysely<unknown>);
  }, 120_000);
  afterAll(async () => {
    await local.destroy();
    folder.remove();
    await server.remove();
  });

  it('knows which engine a handle and its transactions speak', async () => {
    const { db } = server.open(await server.newLogin());
    expect(engineOf(db)).toBe('postgres');
    expect(engineOf(local)).toBe('sqlite');
    await db.transaction().execute((trx) => {
      expect(engineOf(trx)).toBe('postgres');
      return Promise.resolve();
    });
    await local.transaction().execute((trx) => {
      expect(engineOf(trx)).toBe('sqlite');
      return Promise.resolve();
    });
  });

  it('the same events make the same chain and the same reads on both engines', async () => {
    const { db } = server.open(await server.newLogin());
    await morning(db, new FakeClock());
    await morning(local, new FakeClock());
    const onServer = await chainOf(db);
    expect(onServer).toHaveLength(12);
    expect(onServer).toEqual(await chainOf(local));
    expect(await reads(db)).toEqual(await reads(local));
    await db
      .deleteFrom('audit_log')
      .execute()
      .catch(() => undefined); // refused (no DELETE): nothing gone
    expect(await chainOf(db)).toEqual(onServer);
  });

  it('two workstations appending at once: every append lands, one chain, no gaps', async () => {
    const one = server.open(await server.newLogin());
    const two = server.open(await server.newLogin());
    const before = (await chainOf(one.db)).length;
    const clock = new FakeClock();
    const audit = new AuditService(clock);
    const burst = (db: Kysely<DB>, actor: AuditActor) =>
      Array.from({ length: 60 }, (_, i) =>
        db.transaction().execute((trx) =>
          audit.append(trx, actor, {
            action: 'client.view',
            targetType: 'client',
            targetId: `c-${String(i)}`,
          }),
        ),
      );
    const results = await Promise.allSettled([...burst(one.db, ALEX), ...burst(two.db, DANA)]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const chain = await chainOf(two.db);
    expect(chain).toHaveLength(before + 120);
  });

  it('refuses an append outside a transaction on the server (the chain lock would not hold)', async () => {
    const { db } = server.open(await server.newLogin());
    await expect(
      new AuditService(new FakeClock()).append(db, ALEX, { action: 'auth.signIn' }),
    ).rejects.toThrow(/inside the transaction/);
  });
});
