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

export async function letterAddress(db: Kysely<DB>, clientId: string): Promise<LetterAddress> {
  const client = await getClient(db, clientId);
  if (!client) throw new AppError('NOT_FOUND', 'That client does not exist.');
  const cityLine = [client.city, [client.region, client.postal_code].filter(Boolean).join(' ')]
    .filter((part) => part && part.trim() !== '')
    .join(', ');
  const lines = [client.address_line1, client.address_line2, cityLine].filter(
    (line): line is string => typeof line === 'string' && line.trim() !== '',
  );
  return { name: `${client.legal_first_name} ${client.legal_last_name}`, lines, confidential: false };
}
