import { describe, expect, it } from 'vitest';
import { ftsQuery, searchTerms } from '../../../main/core/clients/search-terms.ts';

describe('client search terms', () => {
  const terms = searchTerms({
    chartNumber: 'SW-00042',
    legalFirstName: 'Avery',
    legalLastName: 'Sample-Fictus',
    preferredName: 'Ave',
    dateOfBirth: '1990-04-02',
    phone: '+1 (555) 010-1234',
  });

  it('holds the date of birth as one term, so a typed date cannot match phone or chart digits', () => {
    expect(terms).toContain('dob19900402');
    expect(terms).not.toMatch(/\b1990\b/);
  });

  it('holds the phone as digits and in its parts', () => {
    expect(terms).toContain('5550101234');
    expect(terms).toContain('0101234');
    expect(terms).toMatch(/\b555\b.*\b010\b.*\b1234\b/);
  });

  it('holds the chart number with and without leading zeros', () => {
    expect(terms).toContain('SW-00042');
    expect(terms).toMatch(/\b42\b/);
  });
});

describe('typed text to an FTS5 query', () => {
  it('turns each word into a quoted prefix term', () => {
    expect(ftsQuery('ann smi')).toBe('"ann"* "smi"*');
  });

  it('neutralises FTS5 syntax typed by the user', () => {
    expect(ftsQuery('ann OR "x" NEAR(y) -z*')).toBe('"ann"* "or"* "x"* "near"* "y"* "z"*');
  });

  it('turns a whole typed date, in any usual form, into the date-of-birth term', () => {
    for (const typed of ['4/2/1990', '04/02/1990', '4-2-1990', '4.2.1990', '1990-04-02']) {
      expect(ftsQuery(typed)).toBe('"dob19900402"');
    }
    expect(ftsQuery('ave 4/2/1990')).toBe('"dob19900402" "ave"*');
  });

  it('folds accents and case', () => {
    expect(ftsQuery('ZOË')).toBe('"zoe"*');
  });

  it('returns null when nothing searchable was typed', () => {
    expect(ftsQuery('  --  ')).toBeNull();
  });
});
