import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../main/core/canonical-json.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys were added in', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('omits undefined members, keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('hashes UTF-8 bytes', () => {
    expect(sha256Hex(canonicalJson({ name: 'Zoë' }))).toBe(sha256Hex(Buffer.from('{"name":"Zoë"}', 'utf8')));
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});
