// What the client search index holds for each client, and how typed text becomes a query: an FTS5
// query on the SQLite file, a tsquery on the practice server, both from the same terms. Pure
// functions: the index row and the query are built the same way everywhere.

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

/** The date of birth as one index term, so a typed date matches only that date. */
export const dobTerm = (isoDate: string): string => `dob${isoDate.replace(/-/g, '')}`;

// A whole date as people type it: 4/12/1990, 04-12-1990, 4.12.1990 or 1990-04-12.
const US_DATE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g;
const ISO_DATE = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g;
const pad = (n: string): string => n.padStart(2, '0');

/** Names, the date of birth (one term), phone digits and parts, chart number. */
export function searchTerms(c: SearchableClient): string {
  const parts: string[] = [c.legalFirstName, c.legalLastName, c.preferredName ?? '', dobTerm(c.dateOfBirth)];
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
  // Whole dates become the exact date-of-birth term; the rest of the text is matched by word.
  const dates: string[] = [];
  const rest = fold(typed)
    .replace(ISO_DATE, (_, y: string, m: string, d: string) => {
      dates.push(`"${dobTerm(`${y}-${pad(m)}-${pad(d)}`)}"`);
      return ' ';
    })
    .replace(US_DATE, (_, m: string, d: string, y: string) => {
      dates.push(`"${dobTerm(`${y}-${pad(m)}-${pad(d)}`)}"`);
      return ' ';
    });
  const tokens = rest
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((t) => `"${t}"*`);
  const all = [...dates, ...tokens].slice(0, 8);
  return all.length === 0 ? null : all.join(' ');
}

/**
 * The index row's words as the practice server stores them (array_to_tsvector takes them as they
 * are): split and folded the way FTS5's unicode61 tokenizer with remove_diacritics splits and folds
 * them on the SQLite file, so a search finds the same clients on both.
 */
export function searchTokens(terms: string): string[] {
  return [
    ...new Set(
      fold(terms)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ];
}

/**
 * ftsQuery's query as a PostgreSQL tsquery: each quoted term a lexeme, a prefix with :*, all of
 * them required. Its terms are letters and digits only, so quoting them is enough.
 */
export function tsQueryOf(fts: string): string | null {
  const terms = [...fts.matchAll(/"([\p{L}\p{N}]+)"(\*?)/gu)].map(
    (m) => `'${m[1] ?? ''}'${m[2] ? ':*' : ''}`,
  );
  return terms.length === 0 ? null : terms.join(' & ');
}
