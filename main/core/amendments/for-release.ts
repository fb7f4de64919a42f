// The one rule for which amendments travel with a disclosure (45 CFR 164.526(c)(3), (d)(5), issue
// 19). Every release path asks here with the records it is about to send, and prints or bundles
// what comes back; nothing else decides it.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { staffNames } from '../staff/index.ts';
import { concernedRequests } from './queries.ts';

export interface AmendedRecord {
  itemKind: 'demographics' | 'intake' | 'substance_use' | 'consent' | 'screening' | 'note' | 'addendum';
  recordId: string;
}
export interface AmendmentAttachment {
  requestId: string;
  /** Which of the given records it concerns. */
  concerns: AmendedRecord[];
  receivedOn: string; // YYYY-MM-DD
  requestText: string; // what the client asked to change, in their words
  outcome: 'accepted' | 'denied';
  decidedOn: string; // YYYY-MM-DD
  decidedBy: string; // display name of who decided
  amendmentText: string | null; // accepted: the amendment as appended
  denialBasis: string | null; // denied: the basis in plain words
  statement: { text: string; filedOn: string } | null; // client's statement of disagreement
  rebuttal: { text: string; writtenOn: string } | null; // practice's rebuttal
}

/** The four grounds on which an amendment may be denied (164.526(a)(2)), in plain words. */
export const DENIAL_BASIS_WORDS = {
  not_created_here:
    'The record was not created by this practice, and you have not given us reason to believe that whoever created it is no longer available to act on your request.',
  not_in_record_set:
    'The information is not part of the designated record set this practice keeps about you.',
  not_open_to_access: 'The information is not available to you for inspection under 45 CFR 164.524.',
  accurate_complete: 'The record is accurate and complete.',
} as const;
export type DenialBasis = keyof typeof DENIAL_BASIS_WORDS;

const key = (r: AmendedRecord): string => `${r.itemKind}\u0000${r.recordId}`;

/**
 * The amendments that must accompany a disclosure of these records (164.526(c)(3), (d)(5)):
 * accepted ones always; a denial with a statement of disagreement always (request, denial,
 * statement, rebuttal); a denial without a statement only when the client asked for that; undecided
 * requests never.
 */
export async function amendmentsForRelease(
  db: Kysely<DB>,
  clientId: string,
  records: readonly AmendedRecord[],
): Promise<AmendmentAttachment[]> {
  if (records.length === 0) return [];
  const wanted = new Map(records.map((r) => [key(r), r]));
  const rows = await concernedRequests(db, clientId, [...new Set(records.map((r) => r.recordId))]);
  const byRequest = new Map<string, { row: (typeof rows)[number]; concerns: AmendedRecord[] }>();
  for (const row of rows) {
    const match = wanted.get(`${row.item_kind}\u0000${row.record_id}`);
    if (!match) continue;
    const entry = byRequest.get(row.id) ?? { row, concerns: [] };
    if (!entry.concerns.some((c) => key(c) === key(match)))
      entry.concerns.push({ itemKind: match.itemKind, recordId: match.recordId });
    byRequest.set(row.id, entry);
  }
  const travelling = [...byRequest.values()].filter(({ row }) => {
    if (row.status === 'accepted') return true;
    if (row.status !== 'denied') return false;
    // 164.526(d)(5)(i): a statement of disagreement makes the whole exchange travel, always.
    if (row.statement_text !== null) return true;
    // 164.526(d)(5)(ii): without one, only when the client asked for it.
    return row.include_if_denied === 1;
  });
  const names = await staffNames(
    db,
    travelling.flatMap(({ row }) => (row.decided_by ? [row.decided_by] : [])),
  );
  return travelling.map(({ row, concerns }) => ({
    requestId: row.id,
    concerns,
    receivedOn: row.received_on,
    requestText: row.request_text,
    outcome: row.status === 'accepted' ? 'accepted' : 'denied',
    decidedOn: row.decided_on ?? '',
    decidedBy: (row.decided_by && names.get(row.decided_by)) ?? 'Unknown',
    amendmentText: row.status === 'accepted' ? row.amendment_text : null,
    denialBasis:
      row.status === 'denied' && row.denial_basis
        ? [DENIAL_BASIS_WORDS[row.denial_basis], row.denial_explanation ?? '']
            .filter((s) => s.trim() !== '')
            .join(' ')
        : null,
    statement:
      row.statement_text !== null
        ? { text: row.statement_text, filedOn: row.statement_filed_on ?? '' }
        : null,
    rebuttal:
      row.rebuttal_text !== null
        ? { text: row.rebuttal_text, writtenOn: row.rebuttal_written_on ?? '' }
        : null,
  }));
}
