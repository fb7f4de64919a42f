// Phone numbers: which typed forms are accepted, and how a stored number is shown. Numbers are
// stored as typed (search indexes their digits); only their display is formatted, by libphonenumber-js.
import parsePhoneNumber from 'libphonenumber-js/min';

/** A US number as people type it: 5550101234, 555-010-1234, (555) 010-1234, +1 555.010.1234. */
const US_NUMBER = /^(?:\+?1[\s./-]*)?\(?\d{3}\)?[\s./-]*\d{3}[\s./-]*\d{4}$/;

/** Another country's number: a plus, its country code, digits and the usual separators. */
const INTERNATIONAL_NUMBER = /^\+(?!1)[\d\s()./-]+$/;

export const US_PHONE_MESSAGE = 'Enter a 10-digit phone number, e.g. (555) 010-1234.';
export const INTERNATIONAL_PHONE_MESSAGE =
  'Enter the whole number with its country code, e.g. +44 20 7946 0958.';

/**
 * Why typed text is not a phone number we accept, or null when it is: a US number in any of
 * the usual forms, or another country's number with its country code (+44 …) and a length
 * that country's numbers can have.
 */
export function phoneProblem(text: string): string | null {
  const typed = text.trim();
  if (US_NUMBER.test(typed)) return null;
  if (INTERNATIONAL_NUMBER.test(typed)) {
    return parsePhoneNumber(typed)?.isPossible() ? null : INTERNATIONAL_PHONE_MESSAGE;
  }
  return US_PHONE_MESSAGE;
}

/**
 * A stored phone number as people read it: (555) 010-1234 for a US (or other +1) number,
 * +44 20 7946 0958 for another country's. Text that is not a possible number is shown as stored.
 */
export function formatPhone(stored: string): string {
  const typed = stored.trim();
  const number = parsePhoneNumber(typed, 'US');
  if (!number?.isPossible()) return typed;
  return number.countryCallingCode === '1' ? number.formatNational() : number.formatInternational();
}
