// Connections to the practice server: a pg pool over pinned TLS (tls.ts), and the check the owner's
// setup and a joining workstation run before anything is written (the server answers, the
// certificate is the confirmed one, the user and password work, the database exists). Values always
// travel as bound parameters: the server's log never holds a record's text (issue 22).
import pg from 'pg';
import type {
  ServerAddress,
  ServerCertificate,
  ServerCredentials,
} from '../../../preload/contract/server.ts';
import { AppError } from '../errors.ts';
import { CONNECT_TIMEOUT_MS, errorCode, noTls, pinnedTlsOptions, unreachable, untrusted } from './tls.ts';

export interface ServerTarget {
  readonly address: ServerAddress;
  readonly credentials: ServerCredentials;
  readonly certificate: ServerCertificate;
}

/** pg's settings for a target: pinned TLS, bounded waits, the app's name in pg_stat_activity. */
export function poolConfig(target: ServerTarget, max = 4): pg.PoolConfig {
  const { address, credentials, certificate } = target;
  return {
    host: address.host,
    port: address.port,
    database: address.database,
    user: credentials.user,
    password: credentials.password,
    ssl: pinnedTlsOptions(address.host, certificate),
    application_name: 'Stillwater',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // A statement that waits this long is stuck (a lock held by a dead workstation): fail, say so.
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
    max,
  };
}

/** SQLSTATEs the owner can act on (https://www.postgresql.org/docs/15/errcodes-appendix.html). */
export function serverRefusal(
  target: Pick<ServerTarget, 'address' | 'credentials'>,
  error: unknown,
): AppError | null {
  const code = errorCode(error);
  const { address, credentials } = target;
  switch (code) {
    case '28P01':
      return new AppError(
        'SERVER_REFUSED',
        `The server refused the user name ${credentials.user} or its password.`,
      );
    case '28000':
      return new AppError(
        'SERVER_REFUSED',
        'The server does not accept connections from this computer for this user (pg_hba.conf).',
      );
    case '3D000':
      return new AppError('SERVER_REFUSED', `The server has no database named ${address.database}.`);
    case '53300':
      return new AppError('SERVER_UNREACHABLE', 'The server has no free connections. Try again in a moment.');
    case '57P03':
      return new AppError(
        'SERVER_UNREACHABLE',
        'The server is starting up or shutting down. Try again in a moment.',
      );
    default:
      return null;
  }
}

/** Any failure to connect or to run a statement, in words fit for the screen. */
export function serverError(target: ServerTarget, error: unknown): AppError {
  if (error instanceof AppError) return error;
  // pg's words when the server answers "no" to TLS: there is no connection without it.
  if (error instanceof Error && /does not support SSL/i.test(error.message)) {
    return new AppError('SERVER_NOT_TRUSTED', noTls(target.address));
  }
  return (
    untrusted(target.address, target.certificate, error) ??
    serverRefusal(target, error) ??
    unreachable(target.address, error)
  );
}

export interface ServerFacts {
  /** server_version_num, e.g. 150018. */
  readonly version: number;
  /** This connection is encrypted (pg_stat_ssl), as it must be. */
  readonly encrypted: boolean;
}

/** Connects once, pinned, and reads what setup needs to know; refuses a server older than 13. */
export async function checkServer(target: ServerTarget): Promise<ServerFacts> {
  const client = new pg.Client(poolConfig(target, 1));
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; encrypted: boolean | null }>(
      `select current_setting('server_version_num') as version,
              (select ssl from pg_stat_ssl where pid = pg_backend_pid()) as encrypted`,
    );
    const row = rows[0];
    const facts = { version: Number(row?.version ?? 0), encrypted: row?.encrypted === true };
    if (!facts.encrypted) {
      throw new AppError(
        'SERVER_NOT_TRUSTED',
        'The server reports this connection as unencrypted. Stillwater stops here.',
      );
    }
    if (facts.version < 130000) {
      throw new AppError(
        'SERVER_REFUSED',
        'The server runs a PostgreSQL older than 13. Stillwater needs 13 or newer.',
      );
    }
    return facts;
  } catch (error) {
    throw serverError(target, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
