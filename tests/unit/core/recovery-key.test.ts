import { describe, expect, it } from 'vitest';
import { generateRecoveryKey, parseRecoveryKey } from '../../../main/core/vault/recovery-key.ts';

describe('recovery key', () => {
  it('is 13 groups of 4 unambiguous characters carrying 32 bytes', () => {
    const { text, bytes } = generateRecoveryKey();
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(bytes).toHaveLength(32);
  });

  it('round-trips, ignoring case, dashes and spaces', () => {
    const { text, bytes } = generateRecoveryKey();
    const typed = text.toLowerCase().replace(/-/g, ' ');
    const parsed = parseRecoveryKey(typed);
    expect(parsed.ok && parsed.bytes.equals(bytes)).toBe(true);
  });

  it('detects a single mistyped character through its checksum', () => {
    const { text } = generateRecoveryKey();
    const first = text.charAt(0);
    const typo = (first === '7' ? '8' : '7') + text.slice(1);
    expect(parseRecoveryKey(typo)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('refuses the wrong length', () => {
    expect(parseRecoveryKey('ABCD-EFGH')).toEqual({ ok: false, reason: 'format' });
    expect(parseRecoveryKey('')).toEqual({ ok: false, reason: 'format' });
  });

  it('reads O as zero and I or L as one, as people copy them', () => {
    const { text, bytes } = generateRecoveryKey();
    const smudged = text.replace(/0/g, 'O').replace(/1/g, 'l');
    const parsed = parseRecoveryKey(smudged);
    expect(parsed.ok && parsed.bytes.equals(bytes)).toBe(true);
  });
});
