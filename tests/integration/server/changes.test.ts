// Change notices between workstations, on a real PostgreSQL: a write committed on one reaches the
// other's feed by its table's name (and nothing more), once per transaction; a rolled-back write
// and the audit log's entries announce nothing; when the server is killed the feed says so at once,
// comes back when the server does, reports that it may have missed changes, and hears the next one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOUNCED } from '../../../db/postgres/migrations/0003-change-notices.ts';
import { systemClock } from '../../../main/core/clock.ts';
import { poolConfig } from '../../../main/core/server/index.ts';
import { ChangeFeed, type FeedState } from '../../../main/core/server/changes.ts';
import { startServerPractice, type ServerPractice } from '../../helpers/pg-practice.ts';

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('change notices between workstations', () => {
  let server: ServerPractice;
  let feed: ChangeFeed;
  const heard: string[] = [];
  const states: FeedState[] = [];
  let missed = 0;

  beforeAll(async () => {
    server = await startServerPractice();
    const login = await server.newLogin();
    feed = new ChangeFeed({
      config: poolConfig({ ...server.admin, credentials: { user: login.user, password: login.password } }, 1),
      clock: systemClock,
      onChange: (table) => heard.push(table),
      onMissed: () => {
        missed += 1;
      },
      onState: (s) => states.push(s),
    });
    await feed.start();
  }, 120_000);
  afterAll(async () => {
    await feed.stop();
    await server.remove();
  });

  it('hears a committed write by its table, once per transaction, and not a rolled-back one', async () => {
    expect(feed.current).toBe('live');
    const { db } = server.open(await server.newLogin());
    heard.length = 0;
    await db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('chart_purge_permits')
          .values({ client_id: 'c-rolled-back', granted_at: 'x' })
          .execute();
        throw new Error('changed my mind');
      })
      .catch(() => undefined);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) {
        await trx
          .insertInto('settings')
          .values({ key: `k${String(i)}`, value: 'v', updated_at: 'now' })
          .execute();
      }
    });
    await until('the settings notice', () => heard.includes('settings'));
    // Notices arrive in commit order: had the rolled-back write announced itself, it would be here.
    expect(heard).toEqual(['settings']);
  });

  it('the audit log announces nothing, and a notice names a table, never a record', async () => {
    const { db } = server.open(await server.newLogin());
    heard.length = 0;
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('audit_log')
        .values({
          seq: 1,
          at: 'now',
          actor_id: null,
          actor_username: null,
          action: 'auth.signIn',
          target_type: null,
          target_id: null,
          detail: '{}',
          prev_hash: '0',
          hash: '1',
        })
        .execute();
    });
    await db.updateTable('settings').set({ value: 'Synthetic Fictus' }).where('key', '=', 'k0').execute();
    await until('the settings notice', () => heard.length > 0);
    expect(heard).toEqual(['settings']);
    expect(heard.every((t) => ANNOUNCED.includes(t))).toBe(true);
  });

  it('says the server is gone at once, comes back with it, and asks for a full refresh', async () => {
    const before = missed;
    // (The helper's administrator connection dies with the server: the login is made before.)
    const writer = await server.newLogin();
    states.length = 0;
    server.cluster.kill();
    await until('reconnecting', () => feed.current === 'reconnecting');
    server.cluster.start();
    await until('live again', () => feed.current === 'live', 30_000);
    expect(states[0]).toBe('reconnecting');
    expect(missed).toBe(before + 1);
    heard.length = 0;
    const { db } = server.open(writer);
    await db.insertInto('settings').values({ key: 'after', value: 'v', updated_at: 'now' }).execute();
    await until('a notice after the restart', () => heard.includes('settings'));
  }, 60_000);

  it('stays stopped once stopped', async () => {
    await feed.stop();
    expect(feed.current).toBe('stopped');
    server.cluster.kill();
    server.cluster.start();
    await new Promise((r) => setTimeout(r, 600));
    expect(feed.current).toBe('stopped');
  }, 60_000);
});
