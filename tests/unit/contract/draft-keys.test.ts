// Which drafts main keeps: every form kept as a draft has a name in DRAFT_NAMES, alone or with the id
// of the record it is about; any other key, and a draft too large to keep, is refused before main
// stores it.
import { describe, expect, it } from 'vitest';
import { contract, DRAFT_MAX_CHARS, DRAFT_NAMES, draftKey } from '../../../preload/contract.ts';

const save = contract['drafts.save'].input;
const get = contract['drafts.get'].input;
const ID = '5f0c6a52-3b1e-4d8e-9a57-2f4c1b7e9d10';

describe('draft keys', () => {
  it('takes every named form, alone or with the id of its record', () => {
    for (const name of DRAFT_NAMES) {
      expect(get.safeParse({ key: draftKey(name) }).success, name).toBe(true);
      expect(get.safeParse({ key: draftKey(name, ID) }).success, name).toBe(true);
    }
    expect(draftKey('phq9', ID)).toBe(`phq9:${ID}`);
  });

  it('refuses a name no form has, and keys that only look like one', () => {
    const refused: unknown[] = [
      'notes',
      'intake2',
      `secret:${ID}`,
      `intake:${ID}:${ID}`,
      `intake:${ID.toUpperCase()}`,
      'intake:',
      ':intake',
      'Intake',
      ` intake:${ID}`,
      `intake:${ID}\n`,
      `intake:../../${ID.slice(6)}`,
      'consent'.repeat(20),
      '',
      42,
      null,
      ['intake'],
      { name: 'intake' },
    ];
    for (const key of refused) {
      const result = get.safeParse({ key });
      expect(result.success, JSON.stringify(key)).toBe(false);
    }
    expect(get.safeParse({}).success).toBe(false);
    expect(get.safeParse({ key: 'intake', extra: true }).success).toBe(false);
  });

  it('keeps a draft up to its size limit, and no larger', () => {
    const text = (n: number) => ({ notes: 'x'.repeat(n) });
    expect(save.safeParse({ key: `consent:${ID}`, data: text(DRAFT_MAX_CHARS - 20) }).success).toBe(true);
    const huge = save.safeParse({ key: `consent:${ID}`, data: text(DRAFT_MAX_CHARS) });
    expect(huge.success).toBe(false);
    expect(huge.error?.issues[0]?.message).toBe('This draft is too large to save.');
    expect(save.safeParse({ key: `consent:${ID}` }).success).toBe(false);
  });
});
