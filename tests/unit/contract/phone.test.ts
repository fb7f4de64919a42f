// Phone numbers are shown the US way wherever they appear ((555) 010-1234; another country's
// number in international form), typed in any of the usual forms, and refused when they cannot
// be a number. One function formats and one decides, for clients, guardians and the practice.
import { describe, expect, it } from 'vitest';
import { Phone, PracticeProfileInput } from '../../../preload/contract.ts';
import {
  formatPhone,
  INTERNATIONAL_PHONE_MESSAGE,
  phoneProblem,
  US_PHONE_MESSAGE,
} from '../../../preload/contract/phone.ts';

describe('showing a phone number', () => {
  it.each([
    ['5550101234', '(555) 010-1234'],
    ['555-010-1234', '(555) 010-1234'],
    ['555.010.1234', '(555) 010-1234'],
    ['(555) 010-1234', '(555) 010-1234'],
    ['(555)010-1234', '(555) 010-1234'],
    ['+1 555 010 1234', '(555) 010-1234'],
    ['1-555-010-1234', '(555) 010-1234'],
    ['  555 010 1234 ', '(555) 010-1234'],
  ])('shows a US number typed as %j as %j', (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
  });

  it('shows another country’s number in international form', () => {
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('+33 1 23 45 67 89')).toBe('+33 1 23 45 67 89');
  });

  it.each(['555-0101', '12', 'call the office', '', '+44 12'])(
    'shows text that cannot be a number (%j) as it was stored, never half-formatted',
    (stored) => {
      expect(formatPhone(stored)).toBe(stored.trim());
    },
  );
});

describe('typing a phone number', () => {
  it.each([
    '5550101234',
    '555-010-1234',
    '555.010.1234',
    '555 010 1234',
    '(555) 010-1234',
    '(555)010-1234',
    '555/010-1234',
    '+1 555 010 1234',
    '+1 (555) 010-1234',
    '1-555-010-1234',
    '+44 20 7946 0958',
    '+33 1 23 45 67 89',
  ])('accepts %j', (typed) => {
    expect(phoneProblem(typed)).toBeNull();
    expect(Phone.safeParse(typed).success).toBe(true);
  });

  it.each([
    ['555-0101', US_PHONE_MESSAGE],
    ['55501012345', US_PHONE_MESSAGE],
    ['(555) 010-12a4', US_PHONE_MESSAGE],
    ['phone me', US_PHONE_MESSAGE],
    ['+1 555 010', US_PHONE_MESSAGE],
    ['+44 12', INTERNATIONAL_PHONE_MESSAGE],
    ['+44 20 7946 0958 1234 5678', INTERNATIONAL_PHONE_MESSAGE],
    ['++44 20 7946 0958', US_PHONE_MESSAGE],
  ])('refuses %j, saying how to type it', (typed, message) => {
    expect(phoneProblem(typed)).toBe(message);
    const parsed = Phone.safeParse(typed);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(message);
  });

  it('refuses a huge string, a number type and hidden characters', () => {
    expect(Phone.safeParse('5'.repeat(10_000)).success).toBe(false);
    expect(Phone.safeParse(5550101234).success).toBe(false);
    expect(Phone.safeParse('555\u202e010 1234').success).toBe(false);
    expect(Phone.safeParse('555\t010\t1234').success).toBe(false);
  });

  it('holds the practice’s phone to the same rule (empty stays allowed there)', () => {
    const practice = {
      name: 'Example Counseling',
      addressLine1: '1 Main St',
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
    };
    expect(PracticeProfileInput.safeParse({ ...practice, phone: '+44 20 7946 0958' }).success).toBe(true);
    expect(PracticeProfileInput.safeParse({ ...practice, phone: '' }).success).toBe(true);
    const bad = PracticeProfileInput.safeParse({ ...practice, phone: '555-0101' });
    expect(bad.error?.issues[0]?.message).toBe(US_PHONE_MESSAGE);
  });
});
