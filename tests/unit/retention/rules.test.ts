// The retention rule (issue 19): the latest of years after the last visit, years after the age of
// majority, and six years of HIPAA documentation; a leap day kept to the later day.
import { describe, expect, it } from 'vitest';
import { addYears, pastRetention, retentionDate } from '../../../main/core/retention/index.ts';

const RULE = { clinicalYears: 7, minorYearsAfterMajority: 7, ageOfMajority: 18 };
const adult = {
  registeredOn: '2015-01-05',
  lastVisitOn: '2019-06-30',
  dateOfBirth: '1980-02-02',
  latestDocumentationOn: null,
};

describe('the retention rule', () => {
  it('keeps an adult’s chart the set years after the last visit', () => {
    expect(retentionDate(adult, RULE)).toEqual({ retainUntil: '2026-06-30', basis: 'last-visit' });
  });

  it('uses the registration day when no note was signed', () => {
    expect(retentionDate({ ...adult, lastVisitOn: null }, RULE).retainUntil).toBe('2022-01-05');
  });

  it('keeps a minor’s chart through the years after the age of majority when that is later', () => {
    const minor = { ...adult, dateOfBirth: '2012-05-01' };
    expect(retentionDate(minor, RULE)).toEqual({ retainUntil: '2037-05-01', basis: 'majority' });
    expect(retentionDate(minor, { ...RULE, ageOfMajority: 21, minorYearsAfterMajority: 0 })).toEqual({
      retainUntil: '2033-05-01',
      basis: 'majority',
    });
  });

  it('keeps HIPAA documentation six years, whatever the clinical rule says', () => {
    expect(retentionDate({ ...adult, latestDocumentationOn: '2024-03-01' }, RULE)).toEqual({
      retainUntil: '2030-03-01',
      basis: 'hipaa-documentation',
    });
  });

  it('moves a leap day to March 1 (never earlier than the rule)', () => {
    expect(addYears('2024-02-29', 7)).toBe('2031-03-01');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('is past retention only the day after the date it is kept through', () => {
    const r = retentionDate(adult, RULE);
    expect(pastRetention(r, '2026-06-30')).toBe(false);
    expect(pastRetention(r, '2026-07-01')).toBe(true);
  });
});
