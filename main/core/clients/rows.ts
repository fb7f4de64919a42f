// What a registration or an edit writes: the client's columns and guardian rows from the
// validated input, and the client's row in the type-ahead search index.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ClientConfidentialColumns, ClientRow, ClientsTable, DB } from '../../../db/schema.ts';
import type { ClientInput } from '../../../preload/contract/clients.ts';
import { getClient, writeSearchRow } from './queries.ts';
import { searchTerms } from './search-terms.ts';

export type NewClient = z.output<typeof ClientInput>;

export function columns(
  input: NewClient,
): Omit<
  ClientsTable,
  | 'seq'
  | 'id'
  | 'chart_number'
  | 'sort_key'
  | 'status'
  | 'status_date'
  | 'status_reason'
  | 'created_at'
  | 'created_by'
  | 'updated_at'
  | keyof ClientConfidentialColumns
> {
  const c = input.communication;
  return {
    legal_first_name: input.legalFirstName,
    legal_last_name: input.legalLastName,
    preferred_name: input.preferredName ?? null,
    pronouns: input.pronouns ?? null,
    date_of_birth: input.dateOfBirth,
    gender_identity: input.genderIdentity ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    address_line1: input.address?.line1 ?? null,
    address_line2: input.address?.line2 ?? null,
    city: input.address?.city ?? null,
    region: input.address?.region ?? null,
    postal_code: input.address?.postalCode ?? null,
    voicemail_ok: c.voicemailOk ? 1 : 0,
    voicemail_number: c.voicemailOk ? (c.voicemailNumber ?? null) : null,
    text_ok: c.textOk ? 1 : 0,
    text_number: c.textOk ? (c.textNumber ?? null) : null,
    email_ok: c.emailOk ? 1 : 0,
    email_address: c.emailOk ? (c.emailAddress ?? null) : null,
    insurance_carrier: input.insurance?.carrier ?? null,
    insurance_member_id: input.insurance?.memberId ?? null,
    insurance_group: input.insurance?.groupNumber ?? null,
    insurance_subscriber_name: input.insurance?.subscriberName ?? null,
    insurance_subscriber_relation: input.insurance?.subscriberRelation ?? null,
    emergency_name: input.emergencyContact?.name ?? null,
    emergency_relation: input.emergencyContact?.relation ?? null,
    emergency_phone: input.emergencyContact?.phone ?? null,
    referral_source: input.referralSource ?? null,
    primary_clinician_id: input.primaryClinicianId,
    minor_self_consent_basis: input.minorSelfConsentBasis ?? null,
  };
}

export const guardianRows = (input: NewClient) =>
  input.guardians.map((g) => ({
    id: randomUUID(),
    name: g.name,
    relation: g.relation,
    phone: g.phone,
    email: g.email ?? null,
    legal_authority: g.legalAuthority,
    authority_note: g.authorityNote ?? null,
  }));

/** The search-index words of a client row as stored. */
type IndexedColumns =
  'chart_number' | 'legal_first_name' | 'legal_last_name' | 'preferred_name' | 'date_of_birth' | 'phone';

const termsOf = (row: Pick<ClientRow, IndexedColumns>): string =>
  searchTerms({
    chartNumber: row.chart_number,
    legalFirstName: row.legal_first_name,
    legalLastName: row.legal_last_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    phone: row.phone,
  });

/** Rewrites the client's search-index row from the row as it now stands (same transaction). */
export async function indexClient(trx: Kysely<DB>, clientId: string): Promise<void> {
  const row = await getClient(trx, clientId);
  if (!row) throw new Error('client vanished while indexing');
  await writeSearchRow(trx, row.seq, termsOf(row));
}

/**
 * Writes every client's search-index row (a practice just moved onto the server, whose index is
 * built there rather than copied).
 */
export async function indexAllClients(db: Kysely<DB>): Promise<number> {
  const rows = await db
    .selectFrom('clients')
    .select([
      'seq',
      'chart_number',
      'legal_first_name',
      'legal_last_name',
      'preferred_name',
      'date_of_birth',
      'phone',
    ])
    .execute();
  for (const row of rows) await writeSearchRow(db, row.seq, termsOf(row));
  return rows.length;
}
