// The practice server's TLS, against real PostgreSQL clusters (tests/helpers/pg-cluster.ts): the
// certificate read at first connection is the server's own, a connection pinned to it is encrypted
// and works, and every way around the pin is refused with words the owner can act on: another
// certificate for the same names, a certificate made out to another name, a server without TLS,
// a wrong password, a missing database, nothing listening.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkServer,
  describeCertificate,
  poolConfig,
  probeCertificate,
  type ServerTarget,
} from '../../../main/core/server/index.ts';
import { freePort, selfSignedCertificate, startPgCluster, type PgCluster } from '../../helpers/pg-cluster.ts';
import { refusal } from '../../helpers/pg-practice.ts';

describe('practice server TLS', () => {
  let cluster: PgCluster;
  let target: ServerTarget;
  beforeAll(async () => {
    cluster = await startPgCluster();
    const certificate = await probeCertificate({ host: cluster.host, port: cluster.port });
    target = {
      address: { host: cluster.host, port: cluster.port, database: 'postgres' },
      credentials: { user: cluster.adminUser, password: cluster.adminPassword },
      certificate,
    };
  }, 120_000);
  afterAll(() => {
    cluster.remove();
  });

  it('reads the certificate the server presents, with the fingerprint its administrator sees', () => {
    expect(target.certificate.fingerprint256).toBe(cluster.fingerprint256);
    expect(target.certificate.pem.trim()).toBe(cluster.certificatePem.trim());
    expect(target.certificate.selfSigned).toBe(true);
    expect(target.certificate.names).toEqual(['localhost', '127.0.0.1']);
  });

  it('connects pinned to the confirmed certificate, encrypted', async () => {
    const facts = await checkServer(target);
    expect(facts.encrypted).toBe(true);
    expect(facts.version).toBeGreaterThanOrEqual(130000);
    // By name as well as by address: the certificate carries both.
    await expect(
      checkServer({ ...target, address: { ...target.address, host: 'localhost' } }),
    ).resolves.toMatchObject({
      encrypted: true,
    });
  });

  it('refuses the server when the confirmed certificate is another one for the same names', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'stillwater-cert-'));
    try {
      const other = describeCertificate(
        readFileSync(selfSignedCertificate(folder, ['localhost', '127.0.0.1']).cert, 'utf8'),
      );
      expect(other.fingerprint256).not.toBe(target.certificate.fingerprint256);
      const error = await refusal(checkServer({ ...target, certificate: other }));
      expect(error.code).toBe('SERVER_NOT_TRUSTED');
      expect(error.message).toMatch(/not the one confirmed for this practice/);
      // A certificate the server really has, but with a fingerprint that is not the confirmed one
      // (a pin edited on disk): the fingerprint decides, not the PEM alone.
      const edited = { ...target.certificate, fingerprint256: other.fingerprint256 };
      expect((await refusal(checkServer({ ...target, certificate: edited }))).message).toMatch(
        /not the one confirmed/,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a wrong password and a database that is not there, saying which', async () => {
    const wrong = await refusal(
      checkServer({ ...target, credentials: { ...target.credentials, password: 'not-it' } }),
    );
    expect(wrong.code).toBe('SERVER_REFUSED');
    expect(wrong.message).toBe(`The server refused the user name ${cluster.adminUser} or its password.`);
    expect(wrong.message).not.toContain(cluster.adminPassword);
    const missing = await refusal(
      checkServer({ ...target, address: { ...target.address, database: 'no_such_db' } }),
    );
    expect(missing.code).toBe('SERVER_REFUSED');
    expect(missing.message).toBe('The server has no database named no_such_db.');
  });

  it('says plainly when nothing answers', async () => {
    const port = await freePort();
    const probe = await refusal(probeCertificate({ host: '127.0.0.1', port }));
    expect(probe.code).toBe('SERVER_UNREACHABLE');
    expect(probe.message).toMatch(/^Nothing answers at 127\.0\.0\.1:\d+\./);
    const check = await refusal(checkServer({ ...target, address: { ...target.address, port } }));
    expect(check.code).toBe('SERVER_UNREACHABLE');
  });

  it('the pinned settings never allow a plaintext fallback', () => {
    const config = poolConfig(target);
    expect(config.ssl).toMatchObject({ rejectUnauthorized: true, ca: [target.certificate.pem] });
  });
});

describe('practice server TLS: servers that must be refused', () => {
  it('a server without TLS is refused at the probe and at connection', async () => {
    const plain = await startPgCluster({ tls: false });
    try {
      const probe = await refusal(probeCertificate({ host: plain.host, port: plain.port }));
      expect(probe.code).toBe('SERVER_NOT_TRUSTED');
      expect(probe.message).toMatch(/does not offer an encrypted connection/);
      // Even with a certificate confirmed earlier (the server's TLS turned off since): refused.
      const folder = mkdtempSync(join(tmpdir(), 'stillwater-cert-'));
      try {
        const certificate = describeCertificate(
          readFileSync(selfSignedCertificate(folder, ['127.0.0.1']).cert, 'utf8'),
        );
        const error = await refusal(
          checkServer({
            address: { host: plain.host, port: plain.port, database: 'postgres' },
            credentials: { user: plain.adminUser, password: plain.adminPassword },
            certificate,
          }),
        );
        expect(error.code).toBe('SERVER_NOT_TRUSTED');
        expect(error.message).toMatch(/does not offer an encrypted connection/);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    } finally {
      plain.remove();
    }
  }, 120_000);

  it('a certificate made out to another name is refused, naming the names it carries', async () => {
    const elsewhere = await startPgCluster({ certificateNames: ['db.practice.test'] });
    try {
      const certificate = await probeCertificate({ host: elsewhere.host, port: elsewhere.port });
      expect(certificate.names).toEqual(['db.practice.test']);
      const error = await refusal(
        checkServer({
          address: { host: elsewhere.host, port: elsewhere.port, database: 'postgres' },
          credentials: { user: elsewhere.adminUser, password: elsewhere.adminPassword },
          certificate,
        }),
      );
      expect(error.code).toBe('SERVER_NOT_TRUSTED');
      expect(error.message).toBe(
        'The server’s certificate is not made out to 127.0.0.1 (it names db.practice.test). Connect by a name the certificate carries.',
      );
    } finally {
      elsewhere.remove();
    }
  }, 120_000);

  it('a certificate from the practice’s own CA is pinned as it is, without trusting the CA', async () => {
    const issued = await startPgCluster({ issuedByCa: true });
    try {
      const certificate = await probeCertificate({ host: issued.host, port: issued.port });
      expect(certificate.selfSigned).toBe(false);
      expect(certificate.issuer).toContain('Practice CA');
      const target = {
        address: { host: issued.host, port: issued.port, database: 'postgres' },
        credentials: { user: issued.adminUser, password: issued.adminPassword },
        certificate,
      };
      await expect(checkServer(target)).resolves.toMatchObject({ encrypted: true });
      // The bare pg driver with verify-full and no anchor of its own refuses the same server:
      // the pin, not a lax setting, is what lets the connection through.
      const bare = new pg.Client({ ...poolConfig(target, 1), ssl: { rejectUnauthorized: true } });
      await expect(bare.connect()).rejects.toThrow(/certificate/i);
      await bare.end().catch(() => undefined);
    } finally {
      issued.remove();
    }
  }, 120_000);
});
