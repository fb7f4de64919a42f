// Stored plans read through zod (STYLE.md rule 17): a row's content that does not parse is refused
// (DATABASE_DAMAGED, audited by the router), never cast; a signed plan whose hashes do not match is
// returned marked 'altered'.
import type { TreatmentPlanRow } from '../../../db/schema.ts';
import { PlanContent, type TreatmentPlan } from '../../../preload/contract/plans.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';
import { planIntegrity } from './content-hash.ts';

export function parsePlanContent(row: Pick<TreatmentPlanRow, 'id' | 'content'>): PlanContent {
  return parseStored(
    PlanContent,
    row.content,
    () => new UnreadableRecord({ type: 'treatment_plan', id: row.id }, unreadableMessage('treatment plan')),
  );
}

/** A row as the contract shapes it; `names` maps staff ids to their names. */
export function toPlan(row: TreatmentPlanRow, names: ReadonlyMap<string, string>): TreatmentPlan {
  const ref = (id: string) => ({ id, displayName: names.get(id) ?? 'A former staff member' });
  return {
    id: row.id,
    clientId: row.client_id,
    version: row.version,
    previousId: row.previous_id,
    status: row.status,
    content: parsePlanContent(row),
    reviewDueOn: row.review_due_on,
    part2: row.part2 === 1,
    createdBy: ref(row.created_by),
    createdAt: row.created_at,
    clinicianSignature:
      row.clinician_signed_by && row.clinician_signed_at
        ? { by: ref(row.clinician_signed_by), at: row.clinician_signed_at }
        : null,
    clientSignature:
      row.client_signer_name &&
      row.client_signer &&
      row.client_signed_on &&
      row.client_recorded_by &&
      row.client_recorded_at
        ? {
            signerName: row.client_signer_name,
            signer: row.client_signer,
            authority: row.client_authority,
            signedOn: row.client_signed_on,
            recordedBy: ref(row.client_recorded_by),
            recordedAt: row.client_recorded_at,
          }
        : null,
    supersededAt: row.superseded_at,
    contentHash: row.content_hash,
    integrity: planIntegrity(row),
  };
}

/** Every staff id a row names. */
export const staffIdsOf = (row: TreatmentPlanRow): string[] =>
  [row.created_by, row.clinician_signed_by, row.client_recorded_by].filter((x): x is string => x !== null);
