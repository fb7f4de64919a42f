// Canonical JSON (sorted keys, no whitespace, UTF-8) for hash chains and content hashes.
import { hash } from 'node:crypto';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('canonicalJson: non-finite number');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Built in one pass (the audit chain walk hashes every entry of the log this way).
  let out = '{';
  for (const key of Object.keys(value).sort()) {
    const item = value[key];
    if (item === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

/** SHA-256 in hex (Node's one-shot hash: no Hash object per call). */
export const sha256Hex = (text: string | Uint8Array): string => hash('sha256', text, 'hex');

export type { Json };
