// A key slot's own key pair, so that the data key can be rotated without anyone's password.
//
// A slot made by this version holds an X25519 key pair: the private key is wrapped under the
// slot's Argon2id+device-secret key (only the person's password opens it), and the data key is
// sealed to the public key (an ephemeral X25519 exchange, HKDF, AES-256-GCM). Sealing a new data
// key to a slot needs only its public key, so the owner can re-wrap every remaining slot during a
// rotation. Someone holding the old data key (a leak, a departed colleague) learns nothing about
// any slot's private key, so the new data key stays out of reach.
import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { z } from 'zod';
import { unwrapKey, wrapKey, Wrapped, zeroize } from './crypto.ts';

const b64 = z.base64().max(512);

export const Sealed = z.strictObject({ epk: b64, iv: b64, ct: b64, tag: b64 });
export type Sealed = z.infer<typeof Sealed>;

export interface SlotKeyPair {
  /** SPKI DER, base64: stored in the slot in clear. */
  publicKey: string;
  /** PKCS#8 DER: wrapped under the slot key, never stored in clear. */
  privateDer: Buffer;
}

export function newSlotKeyPair(): SlotKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateDer: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

function sealKey(shared: Buffer, epk: Buffer, publicKey: Buffer, aad: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', shared, Buffer.concat([epk, publicKey]), `stillwater/seal:${aad}`, 32),
  );
}

/** Seals `secret` (the data key) to a slot's public key. */
export function sealTo(publicKeyB64: string, secret: Buffer, aad: string): Sealed {
  const publicDer = Buffer.from(publicKeyB64, 'base64');
  const publicKey = createPublicKey({ key: publicDer, format: 'der', type: 'spki' });
  const eph = generateKeyPairSync('x25519');
  const epk = eph.publicKey.export({ format: 'der', type: 'spki' });
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey });
  const key = sealKey(shared, epk, publicDer, aad);
  const wrapped = wrapKey(key, secret, aad);
  zeroize(shared, key);
  return { epk: epk.toString('base64'), ...wrapped };
}

/** Opens a sealed key with the slot's private key (PKCS#8 DER); null when it does not open. */
export function openSealed(
  privateDer: Buffer,
  publicKeyB64: string,
  sealed: Sealed,
  aad: string,
): Buffer | null {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
  const epk = Buffer.from(sealed.epk, 'base64');
  let shared: Buffer;
  try {
    shared = diffieHellman({
      privateKey,
      publicKey: createPublicKey({ key: epk, format: 'der', type: 'spki' }),
    });
  } catch {
    return null;
  }
  const key = sealKey(shared, epk, Buffer.from(publicKeyB64, 'base64'), aad);
  const wrapped: Wrapped = { iv: sealed.iv, ct: sealed.ct, tag: sealed.tag };
  const secret = unwrapKey(key, wrapped, aad);
  zeroize(shared, key);
  return secret;
}
