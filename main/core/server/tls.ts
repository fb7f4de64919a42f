// TLS to the practice server, and nothing else. PostgreSQL starts every connection in plaintext and
// is asked to switch to TLS (the SSLRequest message, protocol.html#PROTOCOL-FLOW-SSL): a server that
// answers "N" is refused, never used without encryption. probeCertificate reads the certificate
// the server presents, for the owner to confirm by its fingerprint on first connection;
// pinnedTlsOptions then allows only that certificate: verify-full (it must chain to a trusted
// anchor and be made out to the address typed) and its SHA-256 must be the confirmed one, so a
// certificate issued to the same name by anyone else, a public CA included, is refused.
import { X509Certificate } from 'node:crypto';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import {
  checkServerIdentity,
  connect as connectTls,
  type ConnectionOptions,
  type PeerCertificate,
} from 'node:tls';
import type { ServerAddress, ServerCertificate } from '../../../preload/contract/server.ts';
import { AppError } from '../errors.ts';

/** Int32 length 8, then the SSLRequest code 80877103 (1234 << 16 | 5679). */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]);
export const CONNECT_TIMEOUT_MS = 10_000;

type Where = Pick<ServerAddress, 'host' | 'port'>;
const named = (where: Where): string => `${where.host}:${String(where.port)}`;

export function describeCertificate(pem: string): ServerCertificate {
  const cert = new X509Certificate(pem);
  const names = (cert.subjectAltName ?? '')
    .split(',')
    .map((n) => n.trim().replace(/^(DNS|IP Address):/, ''))
    .filter((n) => n !== '');
  return {
    pem: cert.toString(),
    fingerprint256: cert.fingerprint256,
    subject: cert.subject,
    issuer: cert.issuer,
    names,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    selfSigned: cert.checkIssued(cert) && cert.verify(cert.publicKey),
  };
}

/** The `code` a Node or pg error carries (ECONNREFUSED, a TLS verdict, a SQLSTATE), or ''. */
export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** A server that answered "no" to TLS, at the probe or at a connection. */
export const noTls = (where: Where): string =>
  `The server at ${named(where)} does not offer an encrypted connection. Stillwater never sends records unencrypted: turn TLS on at the server (ssl = on in postgresql.conf), then try again.`;

/** What a network failure means for the person at the screen, naming the server, never a record. */
export function unreachable(where: Where, error: unknown): AppError {
  // pg's own timeouts say so in their words (its connection timeout carries no code at all).
  const code = error instanceof Error && /timeout/i.test(error.message) ? 'TIMEOUT' : errorCode(error);
  const message =
    code === 'ECONNREFUSED'
      ? `Nothing answers at ${named(where)}. Check the server’s address and port, and that PostgreSQL is running on it.`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `No computer named ${where.host} can be found from this one. Check the server’s name.`
        : code === 'ETIMEDOUT' || code === 'TIMEOUT'
          ? `The server at ${named(where)} did not answer within ${String(CONNECT_TIMEOUT_MS / 1000)} seconds.`
          : `The connection to the server at ${named(where)} failed. Check the network, then try again.`;
  return new AppError('SERVER_UNREACHABLE', message);
}

/**
 * Asks the server for TLS and returns the certificate it presents, unverified: the owner compares
 * its fingerprint with the one the server's administrator reads off the server. Refuses a server
 * that will not speak TLS.
 */
export async function probeCertificate(
  where: Where,
  timeoutMs = CONNECT_TIMEOUT_MS,
): Promise<ServerCertificate> {
  const socket = connectTcp({ host: where.host, port: where.port });
  socket.setTimeout(timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
      socket.once('timeout', () => {
        reject(Object.assign(new Error('timeout'), { code: 'TIMEOUT' }));
      });
    });
    socket.write(SSL_REQUEST);
    const answer = await firstByte(socket);
    if (answer !== 'S') {
      throw new AppError(
        'SERVER_NOT_TRUSTED',
        answer === 'N'
          ? noTls(where)
          : `The program answering at ${named(where)} is not a PostgreSQL server. Check the port.`,
      );
    }
    const tls = connectTls({
      socket,
      ...(isIP(where.host) === 0 ? { servername: where.host } : {}),
      // Read, not trusted: nothing is sent over this connection, and the owner confirms what it shows.
      rejectUnauthorized: false,
    });
    const peer = await new Promise<PeerCertificate>((resolve, reject) => {
      tls.once('secureConnect', () => {
        resolve(tls.getPeerCertificate(false));
      });
      tls.once('error', reject);
    });
    tls.destroy();
    if (!('raw' in peer) || peer.raw.length === 0) {
      throw new AppError('SERVER_NOT_TRUSTED', `The server at ${named(where)} presented no certificate.`);
    }
    return describeCertificate(new X509Certificate(peer.raw).toString());
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreachable(where, error);
  } finally {
    socket.destroy();
  }
}

async function firstByte(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('data', (chunk: Buffer) => {
      // Nothing but the one byte may come before the TLS handshake (CVE-2021-23214's lesson).
      if (chunk.length !== 1) reject(Object.assign(new Error('unexpected answer'), { code: 'EPROTO' }));
      else resolve(String.fromCharCode(chunk.readUInt8(0)));
    });
    socket.once('error', reject);
    socket.once('close', () => {
      reject(Object.assign(new Error('closed'), { code: 'ECONNRESET' }));
    });
  });
}

const NOT_THE_ANCHOR = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

/** Why a pinned connection was refused, in words for the owner; null when it was not a TLS refusal. */
export function untrusted(where: Where, pinned: ServerCertificate, error: unknown): AppError | null {
  const code = errorCode(error);
  // The confirmed certificate is the only anchor: a chain that does not end in it is another certificate.
  if (code === 'CERT_PINNED_MISMATCH' || NOT_THE_ANCHOR.has(code)) {
    return new AppError(
      'SERVER_NOT_TRUSTED',
      `The server at ${named(where)} presented a certificate that is not the one confirmed for this practice (fingerprint ${pinned.fingerprint256.slice(0, 23)}…). Someone may be posing as the server: do not go on, and ask whoever runs the server whether its certificate was replaced.`,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new AppError(
      'SERVER_NOT_TRUSTED',
      `The server’s certificate is not made out to ${where.host}${pinned.names.length > 0 ? ` (it names ${pinned.names.slice(0, 5).join(', ')})` : ''}. Connect by a name the certificate carries.`,
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return new AppError(
      'SERVER_NOT_TRUSTED',
      `The server’s certificate expired on ${pinned.validTo.slice(0, 10)}.`,
    );
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new AppError(
      'SERVER_NOT_TRUSTED',
      `The server’s certificate is not valid before ${pinned.validFrom.slice(0, 10)}. Check this computer’s date.`,
    );
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/.test(code)) {
    return new AppError(
      'SERVER_NOT_TRUSTED',
      `The server’s certificate could not be verified (${code}). Stillwater does not connect without it.`,
    );
  }
  return null;
}

/**
 * TLS options that accept the confirmed certificate only: it is the one trust anchor (whoever
 * issued it: a practice's own CA, a public one or itself; OpenSSL's partial-chain flag lets a leaf
 * be an anchor), it must name `host`, and its SHA-256 must equal the confirmed fingerprint. No
 * option here falls back to plaintext or to "require" without verification.
 */
export function pinnedTlsOptions(host: string, pinned: ServerCertificate): ConnectionOptions {
  return {
    rejectUnauthorized: true,
    ca: [pinned.pem],
    allowPartialTrustChain: true,
    ...(isIP(host) === 0 ? { servername: host } : {}),
    minVersion: 'TLSv1.2',
    // Checked against the address the owner typed, whatever name the driver passes in.
    checkServerIdentity: (_name, cert) => {
      const wrongName = checkServerIdentity(host, cert);
      if (wrongName) return wrongName;
      if (cert.fingerprint256 !== pinned.fingerprint256) {
        return Object.assign(new Error('certificate is not the confirmed one'), {
          code: 'CERT_PINNED_MISMATCH',
        });
      }
      return undefined;
    },
  };
}
