// Key derivation and key wrapping for the vault: Argon2id + HKDF + AES-256-GCM.
import { hashRaw } from '@node-rs/argon2';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

const b64 = z.base64().max(512);

export const KdfParams = z.strictObject({
  alg: z.literal('argon2id'),
  // KiB. OWASP Password Storage Cheat Sheet floor for Argon2id: m >= 19 MiB with t >= 2, or
  // 46 MiB with t = 1; DESIGN.md asks for m >= 46 MiB. Stored per slot so it can rise later.
  memoryKiB: z.number().int().min(47104).max(4194304),
  iterations: z.number().int().min(1).max(50),
  parallelism: z.number().int().min(1).max(16),
  salt: b64,
});
export type KdfParams = z.infer<typeof KdfParams>;

export const Wrapped = z.strictObject({ iv: b64, ct: b64, tag: b64 });
export type Wrapped = z.infer<typeof Wrapped>;

/** 64 MiB, 3 passes: about 70 ms on the build machine, a few hundred on an older laptop. */
export const DEFAULT_KDF = { memoryKiB: 65536, iterations: 3, parallelism: 1 } as const;

export function newKdfParams(): KdfParams {
  return { alg: 'argon2id', ...DEFAULT_KDF, salt: randomBytes(16).toString('base64') };
}

export async function argon2id(secret: string | Buffer, params: KdfParams): Promise<Buffer> {
  // @node-rs/argon2 defaults to Argon2id (its Algorithm const enum cannot be imported under
  // verbatimModuleSyntax); a test cross-checks the output against Node's own crypto.argon2.
  return hashRaw(secret, {
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: 32,
    salt: Buffer.from(params.salt, 'base64'),
  });
}

/** Mixes the password-derived key with the device secret so a copied data folder is useless alone. */
export function slotKey(passwordKey: Buffer, deviceSecret: Buffer | null, info: string): Buffer {
  const salt = deviceSecret ?? Buffer.alloc(32);
  return Buffer.from(hkdfSync('sha256', passwordKey, salt, `stillwater/${info}`, 32));
}

export function wrapKey(kek: Buffer, dataKey: Buffer, aad: string): Wrapped {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Returns the unwrapped key, or null when the tag does not verify (wrong password or secret). */
export function unwrapKey(kek: Buffer, wrapped: Wrapped, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.ct, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export const zeroize = (...buffers: (Buffer | null | undefined)[]): void => {
  for (const b of buffers) b?.fill(0);
};
