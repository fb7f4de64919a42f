// Where a letter to a client goes: the name and the postal lines printed at the top of every letter
// the app writes (issue 19). Every letter writer asks here, so that a client's request to be
// written to somewhere else (confidential communications, 45 CFR 164.522(b)) is honored on every
// letter, not only on the one a developer remembered.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../errors.ts';
import { getClient } from './queries.ts';

export interface LetterAddress {
  /** The name the letter is addressed to. */
  name: string;
  /** The postal lines under the name; empty when the chart has no address. */
  lines: string[];
  /** True when these are the client's alternative address for confidential communications. */
  confidential: boolean;
}

/** The postal lines of an address: street, second line, then "City, ST 12345"; blank parts left out. */
function postalLines(
  line1: string | null,
  line2: string | null,
  city: string | null,
  region: string | null,
  postalCode: string | null,
): string[] {
  const cityLine = [city, [region, postalCode].filter(Boolean).join(' ')]
    .filter((part) => part && part.trim() !== '')
    .join(', ');
  return [line1, line2, cityLine].filter(
    (line): line is string => typeof line === 'string' && line.trim() !== '',
  );
}

/**
 * 45 CFR 164.522(b)(1): when the client asked to be written to at another address, every letter
 * goes there and never to the home address; otherwise the address on the chart.
 */
export async function letterAddress(db: Kysely<DB>, clientId: string): Promise<LetterAddress> {
  const client = await getClient(db, clientId);
  if (!client) throw new AppError('NOT_FOUND', 'That client does not exist.');
  const name = `${client.legal_first_name} ${client.legal_last_name}`;
  if (client.confidential_since !== null && client.confidential_address_line1 !== null) {
    const lines = postalLines(
      client.confidential_address_line1,
      client.confidential_address_line2,
      client.confidential_city,
      client.confidential_region,
      client.confidential_postal_code,
    );
    return { name, lines, confidential: true };
  }
  const lines = postalLines(
    client.address_line1,
    client.address_line2,
    client.city,
    client.region,
    client.postal_code,
  );
  return { name, lines, confidential: false };
}
