// Who received given records, from the disclosure log (issue 19): every recorded export whose
// approved items include one of them. The amendments room asks it to propose whom to tell of an
// accepted amendment (45 CFR 164.526(c)(3)(ii)). Disclosures entered by hand name no records and are
// not found here.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { ItemKind } from './records.ts';

export interface RecordRecipient {
  disclosureId: string;
  recipientName: string;
  recipientAddress: string | null;
  disclosedOn: string;
  basis: DB['disclosures']['basis'];
  /** The records of those given that this disclosure carried. */
  records: { itemKind: ItemKind; recordId: string }[];
}

/** The disclosures of this client that carried any of these records, oldest first. */
export async function recipientsOfRecords(
  db: Kysely<DB>,
  clientId: string,
  records: readonly { itemKind: ItemKind; recordId: string }[],
): Promise<RecordRecipient[]> {
  if (records.length === 0) return [];
  const wanted = new Set(records.map((r) => `${r.itemKind}\u0000${r.recordId}`));
  const ids = [...new Set(records.map((r) => r.recordId))];
  const out = new Map<string, RecordRecipient>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('disclosures as d')
      .innerJoin('release_requests as r', 'r.id', 'd.request_id')
      .innerJoin('release_approval_items as i', 'i.approval_id', 'r.approval_id')
      .select([
        'd.id',
        'd.recipient_name',
        'd.recipient_address',
        'd.disclosed_on',
        'd.basis',
        'd.recorded_at',
        'i.item_kind',
        'i.record_id',
      ])
      .where('d.client_id', '=', clientId)
      .where('i.record_id', 'in', ids.slice(i, i + 500))
      .orderBy('d.disclosed_on')
      .orderBy('d.recorded_at')
      .execute();
    for (const row of rows) {
      if (!wanted.has(`${row.item_kind}\u0000${row.record_id}`)) continue;
      const entry = out.get(row.id) ?? {
        disclosureId: row.id,
        recipientName: row.recipient_name,
        recipientAddress: row.recipient_address,
        disclosedOn: row.disclosed_on,
        basis: row.basis,
        records: [],
      };
      if (!entry.records.some((r) => r.itemKind === row.item_kind && r.recordId === row.record_id))
        entry.records.push({ itemKind: row.item_kind, recordId: row.record_id });
      out.set(row.id, entry);
    }
  }
  return [...out.values()].sort((a, b) => a.disclosedOn.localeCompare(b.disclosedOn));
}
