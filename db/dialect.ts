// Which engine a kysely handle (or a transaction on one) speaks: the embedded SQLite file or the
// practice server's PostgreSQL (issue 22). For the few statements that differ between the two (a
// lock, a full-text match); everything else is the same kysely on both.
import { PostgresAdapter, type Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/**
 * The engine behind `db`. kysely keeps the dialect's adapter on the executor a transaction shares
 * with its database; it marks getExecutor() internal, so a test holds this to both engines
 * (tests/integration/server/audit-on-server.test.ts) in case an upgrade moves it.
 */
export function engineOf(db: Pick<Kysely<unknown>, 'getExecutor'>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
