// The real OS keychain through keytar (gnome-keyring's Secret Service in CI).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { keytarKeychain } from '../../../main/core/vault/keychain.ts';
import { secretServiceAvailable } from '../../helpers/keychain.ts';
import { makePractice } from '../../helpers/make-practice.ts';

const available = await secretServiceAvailable();
if (!available && process.env.CI)
  throw new Error('CI=true but no Secret Service is running (scripts/with-keyring.sh)');

describe.skipIf(!available)('the OS keychain (real Secret Service)', () => {
  it('stores, reads and deletes a secret through keytar', async () => {
    const service = `Stillwater-test-${randomUUID()}`;
    const k = keytarKeychain(service);
    await k.set('device-secret:x', 'c2VjcmV0');
    expect(await k.get('device-secret:x')).toBe('c2VjcmV0');
    // It really is in the OS keychain, visible to keytar's own API.
    expect(await keytar.findCredentials(service)).toEqual([
      { account: 'device-secret:x', password: 'c2VjcmV0' },
    ]);
    expect(await k.delete('device-secret:x')).toBe(true);
    expect(await k.get('device-secret:x')).toBeNull();
  });

  it('holds the practice’s device secret, 32 random bytes, under the practice id', async () => {
    const p = await makePractice();
    try {
      const account = `device-secret:${p.core.ctx.vault.practiceId}`;
      const secret = await p.keychain.get(account);
      expect(Buffer.from(secret ?? '', 'base64')).toHaveLength(32);
    } finally {
      await p.close();
    }
  });
});

describe('without a Secret Service', () => {
  it('reports KEYCHAIN_UNAVAILABLE instead of crashing', () => {
    const script = `
      import { keytarKeychain } from './main/core/vault/keychain.ts';
      try { await keytarKeychain('Stillwater-none').get('x'); console.log('no error'); }
      catch (e) { console.log(e.code); }`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('KEYCHAIN_UNAVAILABLE');
  });
});
