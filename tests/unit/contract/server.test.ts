// The practice server's address and credentials as the owner types them (or a join code carries
// them): what is accepted, what is refused, and the words for each.
import { describe, expect, it } from 'vitest';
import { Fingerprint256, ServerAddress, ServerCredentials } from '../../../preload/contract/server.ts';

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }): string =>
  result.error?.issues[0]?.message ?? '';

describe('ServerAddress', () => {
  it('takes a name, an IPv4 or an IPv6 address, tidied', () => {
    expect(ServerAddress.parse({ host: ' DB.Practice.LAN. ', port: 5432, database: 'stillwater' }).host).toBe(
      'db.practice.lan',
    );
    expect(ServerAddress.parse({ host: '192.168.1.20', port: 5432, database: 'sw' }).host).toBe(
      '192.168.1.20',
    );
    expect(ServerAddress.parse({ host: '[fe80::1]', port: 5432, database: 'sw' }).host).toBe('fe80::1');
  });

  it.each([
    [
      { host: 'postgres://db.lan', port: 5432, database: 'sw' },
      'Enter the server’s name only, without “postgres://” or any other prefix.',
    ],
    [{ host: '', port: 5432, database: 'sw' }, 'Enter the server’s name or IP address.'],
    [
      { host: 'db lan', port: 5432, database: 'sw' },
      'Enter a server name (like db.practice.lan) or an IP address (like 192.168.1.20).',
    ],
    [
      { host: 'db.lan:5432', port: 5432, database: 'sw' },
      'Enter a server name (like db.practice.lan) or an IP address (like 192.168.1.20).',
    ],
    [{ host: 'a'.repeat(254), port: 5432, database: 'sw' }, 'A server name is at most 253 characters.'],
    [{ host: 'db.lan', port: 0, database: 'sw' }, 'A port is between 1 and 65535.'],
    [{ host: 'db.lan', port: 70000, database: 'sw' }, 'A port is between 1 and 65535.'],
    [
      { host: 'db.lan', port: '5432', database: 'sw' },
      'Enter the port as a number (PostgreSQL’s usual port is 5432).',
    ],
    [{ host: 'db.lan', port: 5432.5, database: 'sw' }, 'Enter the port as a whole number.'],
    [
      { host: 'db.lan', port: 5432, database: 'sw; drop table x' },
      'A database name has letters, digits and _ only, and does not start with a digit.',
    ],
    [{ host: 'db.lan', port: 5432 }, 'Enter the database’s name.'],
    [{ host: 42, port: 5432, database: 'sw' }, 'Enter the server’s name or IP address.'],
  ])('refuses %j', (input, message) => {
    expect(firstMessage(ServerAddress.safeParse(input))).toBe(message);
  });

  it('refuses fields it does not know (a URL smuggled in beside the host)', () => {
    expect(
      ServerAddress.safeParse({ host: 'db.lan', port: 5432, database: 'sw', sslmode: 'disable' }).success,
    ).toBe(false);
  });
});

describe('ServerCredentials and fingerprints', () => {
  it('refuses an empty, a huge or a NUL-holding password, and a user name that would need quoting', () => {
    expect(firstMessage(ServerCredentials.safeParse({ user: 'app', password: '' }))).toBe(
      'Enter the server password.',
    );
    expect(firstMessage(ServerCredentials.safeParse({ user: 'app', password: 'x'.repeat(1025) }))).toBe(
      'A server password is at most 1,024 characters.',
    );
    expect(firstMessage(ServerCredentials.safeParse({ user: 'app', password: 'a\u0000b' }))).toBe(
      'The password holds a character PostgreSQL cannot take.',
    );
    expect(firstMessage(ServerCredentials.safeParse({ user: 'Robert"); --', password: 'p' }))).toBe(
      'A user name has letters, digits and _ only, and does not start with a digit.',
    );
    expect(ServerCredentials.parse({ user: 'stillwater_app', password: 'correct horse' }).user).toBe(
      'stillwater_app',
    );
  });

  it('takes a fingerprint only as 32 colon-separated hex pairs', () => {
    const good = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase()).join(
      ':',
    );
    expect(Fingerprint256.safeParse(good).success).toBe(true);
    expect(Fingerprint256.safeParse(good.slice(3)).success).toBe(false);
    expect(Fingerprint256.safeParse(good.toLowerCase()).success).toBe(false);
  });
});
