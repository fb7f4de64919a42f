// A practice database on a throw-away PostgreSQL cluster (pg-cluster.ts), set up as the owner's
// setup will: roles, database, schema, migrations as stillwater_owner, then one login per
// "workstation user", each opened as the app opens it (pinned TLS, kysely).
import pg from 'pg';
import { migrateServer } from '../../db/postgres/migrator.ts';
import { openServerDatabase, type ServerDatabase } from '../../db/postgres/open.ts';
import {
  createStaffLogin,
  provisionSchema,
  provisionServer,
  type StaffLogin,
} from '../../db/postgres/roles.ts';
import {
  movePracticeToServer,
  poolConfig,
  probeCertificate,
  type ServerTarget,
} from '../../main/core/server/index.ts';
import type { TestPractice } from './make-practice.ts';
import type { SqliteHandle } from '../../db/connection.ts';
import type { Head } from '../../main/core/audit/index.ts';
import { AppError } from '../../main/core/errors.ts';
import { errorCode } from '../../main/core/server/tls.ts';
import { startPgCluster, type PgCluster } from './pg-cluster.ts';

export interface ServerPractice {
  readonly cluster: PgCluster;
  /** The cluster's administrator, on the practice database. */
  readonly admin: ServerTarget;
  /** A pg client as the administrator (closed by remove()). */
  adminClient(): Promise<pg.Client>;
  newLogin(): Promise<StaffLogin>;
  /** The practice database as the app opens it, signed in as `login` (closed by remove()). */
  open(login: StaffLogin): ServerDatabase;
  remove(): Promise<void>;
}

export async function startServerPractice(database = 'practice'): Promise<ServerPractice> {
  const cluster = await startPgCluster();
  const certificate = await probeCertificate({ host: cluster.host, port: cluster.port });
  const admin: ServerTarget = {
    address: { host: cluster.host, port: cluster.port, database },
    credentials: { user: cluster.adminUser, password: cluster.adminPassword },
    certificate,
  };
  const clients: pg.Client[] = [];
  const opened: ServerDatabase[] = [];
  const adminClient = async (on = database): Promise<pg.Client> => {
    const client = new pg.Client(poolConfig({ ...admin, address: { ...admin.address, database: on } }, 1));
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };
  await provisionServer(await adminClient('postgres'), database);
  const setup = await adminClient();
  await provisionSchema(setup);
  await migrateServer(setup);
  return {
    cluster,
    admin,
    adminClient: () => adminClient(),
    newLogin: () => createStaffLogin(setup),
    open: (login) => {
      const server = openServerDatabase(
        poolConfig({ ...admin, credentials: { user: login.user, password: login.password } }),
      );
      opened.push(server);
      return server;
    },
    remove: async () => {
      await Promise.all(opened.map((s) => s.db.destroy().catch(() => undefined)));
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      cluster.remove();
    },
  };
}

/** A server practice holding everything `practice` (a SQLite practice) holds, moved as the owner will. */
export async function movedOntoServer(practice: TestPractice): Promise<ServerPractice> {
  const sqlite = practice.core.ctx.vault.db.sqlite;
  const server = await startServerPractice();
  try {
    await movePracticeToServer(sqlite, localHead(sqlite), await server.adminClient());
  } catch (error) {
    await server.remove();
    throw error;
  }
  return server;
}

/** The newest entry of a SQLite practice's audit log, as the head sealed after it reads. */
export function localHead(sqlite: SqliteHandle): Head {
  const row = sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
    seq: number;
    hash: string;
  };
  return { count: row.seq, hash: row.hash };
}

/** How a statement or call ended: 'succeeded', or its error's code (a SQLSTATE such as 42501). */
export async function outcome(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    return errorCode(error) || 'no code';
  }
  return 'succeeded';
}

/** The AppError a call is refused with; anything else (success included) fails the test. */
export async function refusal(run: Promise<unknown>): Promise<AppError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
