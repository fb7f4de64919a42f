// The type-ahead over the shipped code list: a query shaped like the start of a code ("F41",
// "f41.1", "F411") searches by prefix on the compact-code index, exact code first; anything else
// searches the words through FTS5, each word a prefix ("generalized anx"). Both are index lookups,
// well inside the 2 ms the bench asks of a keystroke.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { compactCode } from '../../../preload/contract/diagnoses.ts';
import { codesByPrefix, codesByWords, type CodeRow } from './queries.ts';

/** How many codes a type-ahead offers. */
export const SEARCH_LIMIT = 20;

/** The start of a code: a letter, then a digit, then up to five letters or digits (dot and case free). */
const CODE_PREFIX = /^[A-Z]([0-9][0-9A-Z]{0,5})?$/;

/** The words typed: letters and digits only, so nothing in them is FTS5 or LIKE syntax. */
const wordsOf = (query: string): string[] =>
  query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .slice(0, 8);

/** Each word as an FTS5 prefix term, quoted, all required. */
const wordsQuery = (words: readonly string[]): string => words.map((w) => `"${w}"*`).join(' AND ');

export async function searchCodes(db: Kysely<DB>, query: string): Promise<CodeRow[]> {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  const compact = compactCode(trimmed);
  // One letter alone is a word's start as often as a code's ("f"): words, unless nothing matches.
  if (CODE_PREFIX.test(compact) && compact.length > 1) return codesByPrefix(db, compact, SEARCH_LIMIT);
  const words = wordsOf(trimmed);
  const byWords =
    words.length > 0 ? await codesByWords(db, wordsQuery(words), words[0] ?? '', SEARCH_LIMIT) : [];
  if (byWords.length > 0 || !CODE_PREFIX.test(compact)) return byWords;
  return codesByPrefix(db, compact, SEARCH_LIMIT);
}
