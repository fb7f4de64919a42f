import { argon2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  argon2id,
  DEFAULT_KDF,
  newKdfParams,
  slotKey,
  unwrapKey,
  wrapKey,
} from '../../../main/core/vault/crypto.ts';

describe('vault crypto', () => {
  it('derives with Argon2id: the same bytes as Node’s own implementation', async () => {
    const params = newKdfParams();
    const ours = await argon2id('correct horse battery staple', params);
    const reference = argon2Sync('argon2id', {
      message: 'correct horse battery staple',
      nonce: Buffer.from(params.salt, 'base64'),
      parallelism: params.parallelism,
      tagLength: 32,
      memory: params.memoryKiB,
      passes: params.iterations,
    });
    expect(ours.equals(reference)).toBe(true);
  });

  it('uses parameters at or above the OWASP floor (m >= 46 MiB, t >= 1)', () => {
    expect(DEFAULT_KDF.memoryKiB).toBeGreaterThanOrEqual(46 * 1024);
    expect(DEFAULT_KDF.iterations).toBeGreaterThanOrEqual(1);
  });

  it('unwraps only with the same key, device secret and slot binding', () => {
    const dataKey = randomBytes(32);
    const pw = randomBytes(32);
    const device = randomBytes(32);
    const kek = slotKey(pw, device, 'slot:a');
    const wrapped = wrapKey(kek, dataKey, 'slot:p:a');
    expect(unwrapKey(kek, wrapped, 'slot:p:a')?.equals(dataKey)).toBe(true);
    expect(unwrapKey(slotKey(pw, randomBytes(32), 'slot:a'), wrapped, 'slot:p:a')).toBeNull();
    expect(unwrapKey(slotKey(randomBytes(32), device, 'slot:a'), wrapped, 'slot:p:a')).toBeNull();
    expect(unwrapKey(kek, wrapped, 'slot:p:b')).toBeNull();
    const flipped = Buffer.from(wrapped.ct, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(unwrapKey(kek, { ...wrapped, ct: flipped.toString('base64') }, 'slot:p:a')).toBeNull();
  });
});
