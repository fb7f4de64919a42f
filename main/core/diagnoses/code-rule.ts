// The one rule for a diagnosis code, called by every path that writes one (add; the seed goes
// through the same service). Billable codes only: a category header is refused with the range to
// choose from; an F code must be in the shipped list; another valid ICD-10-CM code (a Z code for
// social circumstances) is accepted with its words and flagged as not in the shipped list.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { compactCode, displayCode } from '../../../preload/contract/diagnoses.ts';
import { AppError } from '../errors.ts';
import { codesByPrefix, getCode } from './queries.ts';

/** ICD-10-CM's shape: a letter, a digit, a letter or digit, then (after an optional dot) up to four more. */
const ICD10CM_FORMAT = /^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/;

/** The shipped list is chapter 5: an F code outside it is a mistake, not a code from elsewhere. */
const SHIPPED_CHAPTER = 'F';

export interface CheckedCode {
  code: string;
  description: string;
  inCodeSet: boolean;
}

/** The whole reason over the form; a short one under the field. */
const refuse = (message: string, short: string, field = 'code'): AppError =>
  new AppError('INVALID_INPUT', message, { fields: [{ path: field, message: short }] });

/** How many codes a header's range shows by name before "…". */
const RANGE_NAMED = 6;

export async function checkCode(
  db: Kysely<DB>,
  typed: string,
  description: string | undefined,
): Promise<CheckedCode> {
  const compact = compactCode(typed);
  if (!ICD10CM_FORMAT.test(typed.trim().toUpperCase())) {
    throw refuse(
      'Enter an ICD-10-CM code: a letter, a digit, a letter or digit, then optionally a dot and up to four letters or digits (for example F41.1).',
      'Not an ICD-10-CM code.',
    );
  }
  const code = displayCode(compact);
  const listed = await getCode(db, code);
  if (listed) return { code, description: listed.description, inCodeSet: true };
  const under = await codesByPrefix(db, compact, 200);
  if (under.length > 0) {
    const first = under[0]?.code ?? '';
    const last = under.at(-1)?.code ?? '';
    const named = under.slice(0, RANGE_NAMED).map((c) => c.code);
    const more = under.length > RANGE_NAMED ? ', …' : '';
    throw refuse(
      `${code} is a category, not a billable code: claims need the full code. Choose one of ${first}–${last} (${named.join(', ')}${more}).`,
      `A category: choose ${first}–${last}.`,
    );
  }
  if (compact.startsWith(SHIPPED_CHAPTER)) {
    throw refuse(
      `${code} is not an ICD-10-CM code in the FY2024 list of mental and behavioral disorders (F01–F99). Search by words to find the right code.`,
      'Not in the F01–F99 list.',
    );
  }
  const words = description?.trim() ?? '';
  if (words === '') {
    throw refuse(
      `${code} is not in the shipped list (F01–F99). Enter its description as ICD-10-CM gives it to record it.`,
      'Enter the description ICD-10-CM gives this code.',
      'description',
    );
  }
  return { code, description: words, inCodeSet: false };
}

/**
 * A Z code (factors influencing health status and contact with health services) as primary:
 * allowed, but payers commonly do not accept it as establishing medical necessity.
 */
export function primaryWarning(primary: { code: string } | undefined): string | null {
  if (!primary?.code.startsWith('Z')) return null;
  return `${primary.code} is a Z code listed as primary: payers commonly do not accept a Z code as establishing medical necessity. Consider listing a diagnosis first.`;
}
