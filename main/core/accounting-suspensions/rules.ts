// When a statement suspends the accounting (45 CFR 164.528(a)(2)), decided in one place: the
// accounting (releases' AccountingRoom, every path that lists it) asks suspendedRecipients, and
// the Disclosures tab's list of suspensions asks inForce.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { addDays } from '../clock.ts';
import { suspensionsOfClient, type SuspensionRow } from './queries.ts';

/** 164.528(a)(2)(ii): an oral statement suspends for no longer than 30 days from its date. */
export const ORAL_DAYS = 30;

/** The last day an oral statement made on `statedOn` suspends the accounting (its 30th day). */
export const oralLastDay = (statedOn: string): string => addDays(statedOn, ORAL_DAYS - 1);

/**
 * Whether a statement suspends the accounting on `today`: from its date through its last day; an
 * oral one that a written statement followed gives way to the written one's period
 * (164.528(a)(2)(ii): "unless a written statement ... is submitted during that time").
 */
export function inForce(row: SuspensionRow, all: readonly SuspensionRow[], today: string): boolean {
  if (row.kind === 'oral' && all.some((s) => s.follows_id === row.id)) return false;
  return row.stated_on <= today && today <= row.ends_on;
}

/**
 * The recipients whose disclosures the client's accounting leaves out on `today`, exactly as the
 * disclosure log names them: only disclosures to the agency or official that made the statement,
 * and only while it is in force (164.528(a)(2)).
 */
export async function suspendedRecipients(
  db: Kysely<DB>,
  clientId: string,
  today: string,
): Promise<Set<string>> {
  const all = await suspensionsOfClient(db, clientId);
  return new Set(all.filter((s) => inForce(s, all, today)).map((s) => s.recipient_name));
}
