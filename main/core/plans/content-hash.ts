// The hashes that lock a signed treatment plan: the content hash (taken when the clinician signs:
// the content, its Part 2 mark and the clinician's signature) and the signature hash (taken when
// the client's signature is recorded: the content hash and that signature). Both are recomputed on
// every read, as a note's is, so a plan changed on disk is shown as altered.
import type { TreatmentPlanRow } from '../../../db/schema.ts';
import { canonicalJson, sha256Hex, type Json } from '../canonical-json.ts';
import { JsonValue } from '../stored-json.ts';

type HashedFields = Pick<
  TreatmentPlanRow,
  'id' | 'client_id' | 'version' | 'previous_id' | 'part2' | 'clinician_signed_by' | 'clinician_signed_at'
>;

/**
 * The content as stored, read only as JSON (any value, through zod: never cast): the hash does not
 * depend on the key order on disk. Text that is not JSON is hashed as text, and so fails to match.
 */
function storedJson(text: string): Json {
  try {
    const parsed = JsonValue.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : text;
  } catch {
    return text;
  }
}

export function planContentHash(row: HashedFields, contentText: string): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      id: row.id,
      clientId: row.client_id,
      version: row.version,
      previousId: row.previous_id,
      part2: row.part2 === 1,
      content: storedJson(contentText),
      clinicianSignedBy: row.clinician_signed_by,
      clinicianSignedAt: row.clinician_signed_at,
    }),
  );
}

type SignatureFields = Pick<
  TreatmentPlanRow,
  | 'content_hash'
  | 'client_signer_name'
  | 'client_signer'
  | 'client_authority'
  | 'client_signed_on'
  | 'client_recorded_by'
  | 'client_recorded_at'
>;

export function planSignatureHash(row: SignatureFields): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      contentHash: row.content_hash,
      signerName: row.client_signer_name,
      signer: row.client_signer,
      authority: row.client_authority,
      signedOn: row.client_signed_on,
      recordedBy: row.client_recorded_by,
      recordedAt: row.client_recorded_at,
    }),
  );
}

/** Whether a plan signed by anyone is still exactly what was signed. Drafts have nothing to check. */
export function planIntegrity(row: TreatmentPlanRow): 'unsigned' | 'ok' | 'altered' {
  if (row.status === 'draft') return row.content_hash === null ? 'unsigned' : 'altered';
  if (!row.content_hash || row.content_hash !== planContentHash(row, row.content)) return 'altered';
  const clientSigned = row.status === 'signed' || row.status === 'superseded';
  if (!clientSigned) return row.signature_hash === null ? 'ok' : 'altered';
  return row.signature_hash === planSignatureHash(row) ? 'ok' : 'altered';
}
