// Practice-server mode (issue 22): where the practice's PostgreSQL server is, how Stillwater signs in
// to it, and the certificate the owner confirmed by its fingerprint. The owner types the address; a
// joining workstation reads it from the join code. Never a plaintext connection: TLS, verified
// against the confirmed certificate (server/ in main).
import { z } from 'zod';

/** A DNS name (RFC 1123 labels), not a URL: no scheme, no port, no path. */
const HOSTNAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/;
/** A PostgreSQL name Stillwater will use unquoted: letters, digits, _ and $, not starting with a digit. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

export const ServerHost = z
  .string({ error: 'Enter the server’s name or IP address.' })
  .trim()
  .min(1, 'Enter the server’s name or IP address.')
  .max(253, 'A server name is at most 253 characters.')
  .refine((h) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(h), {
    error: 'Enter the server’s name only, without “postgres://” or any other prefix.',
  })
  .refine(
    (h) =>
      HOSTNAME.test(h) ||
      z.ipv4().safeParse(h).success ||
      z.ipv6().safeParse(h.replace(/^\[(.*)\]$/, '$1')).success,
    { error: 'Enter a server name (like db.practice.lan) or an IP address (like 192.168.1.20).' },
  )
  .transform((h) =>
    h
      .replace(/^\[(.*)\]$/, '$1')
      .replace(/\.$/, '')
      .toLowerCase(),
  );

export const ServerAddress = z.strictObject({
  host: ServerHost,
  port: z
    .number({ error: 'Enter the port as a number (PostgreSQL’s usual port is 5432).' })
    .int('Enter the port as a whole number.')
    .min(1, 'A port is between 1 and 65535.')
    .max(65535, 'A port is between 1 and 65535.'),
  database: z
    .string({ error: 'Enter the database’s name.' })
    .regex(IDENTIFIER, 'A database name has letters, digits and _ only, and does not start with a digit.'),
});
export type ServerAddress = z.infer<typeof ServerAddress>;

export const ServerCredentials = z.strictObject({
  user: z
    .string({ error: 'Enter the server user name.' })
    .regex(IDENTIFIER, 'A user name has letters, digits and _ only, and does not start with a digit.'),
  password: z
    .string({ error: 'Enter the server password.' })
    .min(1, 'Enter the server password.')
    .max(1024, 'A server password is at most 1,024 characters.')
    .refine((p) => !p.includes('\u0000'), {
      error: 'The password holds a character PostgreSQL cannot take.',
    }),
});
export type ServerCredentials = z.infer<typeof ServerCredentials>;

/** SHA-256 of the certificate (DER), as Node and OpenSSL print it: 32 bytes in hex, colon-separated. */
export const Fingerprint256 = z
  .string()
  .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'A certificate fingerprint is 32 pairs of hex digits.');

/** The server's certificate as Stillwater saw it; the owner confirms it by its fingerprint. */
export const ServerCertificate = z.strictObject({
  pem: z.string().min(1).max(20_000),
  fingerprint256: Fingerprint256,
  subject: z.string().max(1000),
  issuer: z.string().max(1000),
  /** The names (DNS and IP) the certificate is good for. */
  names: z.array(z.string().max(253)).max(100),
  validFrom: z.string().max(40),
  validTo: z.string().max(40),
  /** Issued by itself (the usual case for a practice's own server), shown to the owner. */
  selfSigned: z.boolean(),
});
export type ServerCertificate = z.infer<typeof ServerCertificate>;
