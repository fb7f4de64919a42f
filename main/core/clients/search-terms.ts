// What the client search index holds for each client, and how typed text becomes an FTS5 query.
// Pure functions: the index row and the query are built the same way everywhere.

export interface SearchableClient {
  chartNumber: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  phone: string | null;
}

export const digitsOf = (text: string): string => text.replace(/\D/g, '');

const fold = (text: string): string => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');

/** The order of client lists and search results: last name, first name, chart number. */
export const sortKey = (
  c: Pick<SearchableClient, 'legalLastName' | 'legalFirstName' | 'chartNumber'>,
): string => `${fold(c.legalLastName)}\u0001${fold(c.legalFirstName)}\u0001${c.chartNumber}`;

/** Names, date of birth in the ways people type it, phone digits and parts, chart number. */
export function searchTerms(c: SearchableClient): string {
  const [y = '', m = '', d = ''] = c.dateOfBirth.split('-');
  const dob = [`${y}-${m}-${d}`, `${m}/${d}/${y}`, `${String(Number(m))}/${String(Number(d))}/${y}`];
  const parts: string[] = [c.legalFirstName, c.legalLastName, c.preferredName ?? '', ...dob];
  if (c.phone) {
    const digits = digitsOf(c.phone).replace(/^1(?=\d{10}$)/, '');
    parts.push(digits, digits.slice(0, 3), digits.slice(3, 6), digits.slice(6), digits.slice(3));
  }
  const chartDigits = digitsOf(c.chartNumber);
  parts.push(c.chartNumber, chartDigits, String(Number(chartDigits)));
  return parts.filter(Boolean).join(' ');
}

/**
 * Each typed word becomes a quoted prefix term, all of which must match ("ann smi" finds Ann
 * Smith). Quotes keep FTS5 operators typed by the user from being interpreted. Null when the
 * text holds nothing searchable.
 */
export function ftsQuery(typed: string): string | null {
  const tokens = fold(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (tokens.length === 0) return null;
  return tokens.map((t) => `"${t}"*`).join(' ');
}
