// The recovery key: 30 random bytes plus a 2-byte checksum, shown as 13 groups of 4 characters.
import { createHash, randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O or U, so a handwritten copy is hard to misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 13;

function checksum(body: Buffer): Buffer {
  return createHash('sha256').update(body).digest().subarray(0, 2);
}

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET.charAt((value << (5 - bits)) & 31);
  return out;
}

function fromBase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) return null;
    value = ((value << 5) | idx) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function generateRecoveryKey(): { text: string; bytes: Buffer } {
  const body = randomBytes(30);
  const bytes = Buffer.concat([body, checksum(body)]);
  const raw = toBase32(bytes).padEnd(GROUPS * 4, '0');
  const groups = raw.match(/.{4}/g) ?? [];
  return { text: groups.join('-'), bytes };
}

export type ParsedRecoveryKey = { ok: true; bytes: Buffer } | { ok: false; reason: 'format' | 'checksum' };

/** Accepts the key as printed, in any case, with or without dashes and spaces. */
export function parseRecoveryKey(input: string): ParsedRecoveryKey {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== GROUPS * 4) return { ok: false, reason: 'format' };
  const decoded = fromBase32(cleaned);
  if (!decoded || decoded.length < 32) return { ok: false, reason: 'format' };
  const bytes = decoded.subarray(0, 32);
  const body = bytes.subarray(0, 30);
  if (!checksum(body).equals(bytes.subarray(30, 32))) return { ok: false, reason: 'checksum' };
  return { ok: true, bytes: Buffer.from(bytes) };
}
