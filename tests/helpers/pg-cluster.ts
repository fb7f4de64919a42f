// A throw-away PostgreSQL cluster for a test file: its own folder and port, TLS with a fresh
// self-signed certificate (localhost and 127.0.0.1), password logins only over TLS (a plaintext
// connection is refused by pg_hba.conf), removed afterwards. PostgreSQL refuses to run as root:
// when the tests run as root (CI, this machine) the server runs as the `postgres` user. The
// binaries come from Debian's `postgresql` package (.ci/run installs it), or PG_BIN.
import { execFileSync } from 'node:child_process';
import { X509Certificate, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The cluster's superuser (the practice's own administrator, not the app's role). */
  readonly adminUser: string;
  readonly adminPassword: string;
  /** The server's certificate (PEM) and its SHA-256 fingerprint as Node prints it (AB:CD:…). */
  readonly certificatePem: string;
  readonly fingerprint256: string;
  /** Runs psql as the superuser over TLS; returns its output. */
  psql(sqlText: string, database?: string): string;
  /** Stops the server at once (as a crash or a pulled cable would), or cleanly. */
  kill(): void;
  stop(): void;
  start(): void;
  /** Stops the server and removes its folder. */
  remove(): void;
}

export interface PgClusterOptions {
  /** false: ssl=off and plaintext logins allowed, for the test that Stillwater refuses them. */
  tls?: boolean;
  /** The names the certificate is good for (default localhost and 127.0.0.1). */
  certificateNames?: readonly string[];
  /** The certificate is issued by a (throw-away) certificate authority instead of by itself. */
  issuedByCa?: boolean;
}

export function pgBinDir(): string {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error('PostgreSQL is not installed: apt-get install postgresql (or set PG_BIN)');
  }
  return join(root, newest, 'bin');
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function runPg(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  const bin = join(pgBinDir(), command);
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, [...args]];
  return execFileSync(file, argv, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A self-signed P-256 certificate for `names` (DNS names and IP addresses), valid for two days. */
export function selfSignedCertificate(
  folder: string,
  names: readonly string[],
): { cert: string; key: string } {
  const cert = join(folder, 'server.crt');
  const key = join(folder, 'server.key');
  const san = names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${names[0] ?? 'localhost'}`,
      '-addext',
      `subjectAltName=${san}`,
    ],
    { stdio: 'ignore' },
  );
  chmodSync(key, 0o600);
  return { cert, key };
}

/** A throw-away CA, and a certificate for `names` it issued (the practice's own CA, say). */
export function caIssuedCertificate(folder: string, names: readonly string[]): { cert: string; key: string } {
  const caKey = join(folder, 'ca.key');
  const caCert = join(folder, 'ca.crt');
  const cert = join(folder, 'server.crt');
  const key = join(folder, 'server.key');
  const csr = join(folder, 'server.csr');
  const ext = join(folder, 'server.ext');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  execFileSync(
    'openssl',
    ['req', '-x509', ...ec, '-keyout', caKey, '-out', caCert, '-days', '2', '-subj', '/CN=Practice CA'],
    { stdio: 'ignore' },
  );
  execFileSync(
    'openssl',
    ['req', ...ec, '-keyout', key, '-out', csr, '-subj', `/CN=${names[0] ?? 'localhost'}`],
    { stdio: 'ignore' },
  );
  const san = names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  writeFileSync(ext, `subjectAltName=${san}\n`);
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caCert,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '2',
      '-extfile',
      ext,
    ],
    { stdio: 'ignore' },
  );
  chmodSync(key, 0o600);
  return { cert, key };
}

export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const tls = options.tls ?? true;
  const folder = mkdtempSync(join(tmpdir(), 'stillwater-pg-'));
  const data = join(folder, 'data');
  const port = await freePort();
  const adminUser = 'practice_admin';
  const adminPassword = randomBytes(18).toString('base64url');
  const pwfile = join(folder, 'pw');
  writeFileSync(pwfile, adminPassword, { mode: 0o600 });
  const names = options.certificateNames ?? ['localhost', '127.0.0.1'];
  const { cert, key } = options.issuedByCa
    ? caIssuedCertificate(folder, names)
    : selfSignedCertificate(folder, names);
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', folder]);
  runPg('initdb', [
    '-D',
    data,
    '-U',
    adminUser,
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const conf = [
    `port = ${String(port)}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${folder}'`,
    `ssl = ${tls ? 'on' : 'off'}`,
    `ssl_cert_file = '${cert}'`,
    `ssl_key_file = '${key}'`,
    `ssl_min_protocol_version = 'TLSv1.2'`,
    'fsync = on',
    'max_connections = 40',
    'shared_buffers = 32MB',
  ].join('\n');
  writeFileSync(join(data, 'postgresql.auto.conf'), `${conf}\n`);
  const hba = tls
    ? ['hostssl all all 127.0.0.1/32 scram-sha-256', 'hostnossl all all 0.0.0.0/0 reject']
    : ['host all all 127.0.0.1/32 scram-sha-256'];
  writeFileSync(join(data, 'pg_hba.conf'), `local all ${adminUser} scram-sha-256\n${hba.join('\n')}\n`);
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', folder]);
  const log = join(folder, 'server.log');
  const start = (): void => {
    runPg('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
  };
  const stopWith = (mode: 'immediate' | 'fast'): void => {
    try {
      runPg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    } catch {
      // already stopped
    }
  };
  start();
  const certificatePem = readFileSync(cert, 'utf8');
  return {
    host: '127.0.0.1',
    port,
    adminUser,
    adminPassword,
    certificatePem,
    fingerprint256: new X509Certificate(certificatePem).fingerprint256,
    psql: (sqlText, database = 'postgres') =>
      execFileSync(
        join(pgBinDir(), 'psql'),
        ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sqlText],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            PGHOST: '127.0.0.1',
            PGPORT: String(port),
            PGUSER: adminUser,
            PGPASSWORD: adminPassword,
            PGDATABASE: database,
            PGSSLMODE: tls ? 'require' : 'disable',
          },
        },
      ),
    kill: () => {
      stopWith('immediate');
    },
    stop: () => {
      stopWith('fast');
    },
    start,
    remove: () => {
      stopWith('immediate');
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
