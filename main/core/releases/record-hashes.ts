// The content hash of each kind of record a release can carry, as approval freezes it and export
// compares it (a signed note's and an addendum's are their stored signed hashes, checked in
// records.ts; a diagnosis and a plan version are hashed here from their rooms' typed shapes), and
// the parsing of the stored JSON those records hold.
import type { ClientRow, IntakeRow, ScreeningRow } from '../../../db/schema.ts';
import type { Diagnosis, DiagnosisVersion } from '../../../preload/contract/diagnoses.ts';
import type { TreatmentPlan } from '../../../preload/contract/plans.ts';
import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import { parseItems, parseRisk } from '../clients/index.ts';
import type { ConsentWithSignatures } from './records.ts';

export { parseItems, parseRisk };

const hashOf = (value: Parameters<typeof canonicalJson>[0]): string => sha256Hex(canonicalJson(value));

/** What the package prints of the client's identification and contact. */
export const demographicsHash = (c: ClientRow): string =>
  hashOf({
    v: 1,
    id: c.id,
    first: c.legal_first_name,
    last: c.legal_last_name,
    preferred: c.preferred_name,
    dob: c.date_of_birth,
    chart: c.chart_number,
    address: [c.address_line1, c.address_line2, c.city, c.region, c.postal_code],
    phone: c.phone,
    email: c.email,
  });

export const intakeHash = (i: IntakeRow): string =>
  hashOf({
    v: 1,
    clientId: i.client_id,
    presentingConcern: i.presenting_concern,
    psychiatricHistory: i.psychiatric_history,
    medicalHistory: i.medical_history,
    medications: i.medications,
    pcp: [i.pcp_name, i.pcp_phone],
    risk: parseRisk(i.risk),
    status: i.status,
    completedAt: i.completed_at,
  });

export const substanceUseHash = (i: IntakeRow): string =>
  hashOf({ v: 1, clientId: i.client_id, text: i.substance_use, part2: i.substance_use_part2 });

export const consentHash = (c: ConsentWithSignatures): string =>
  hashOf({
    v: 1,
    id: c.id,
    kind: c.kind,
    givenOn: c.given_on,
    basis: c.basis,
    legalBasis: c.legal_basis,
    notes: c.notes,
    signatures: c.signatures.map((g) => [
      g.signer_name,
      g.signer_role,
      g.authority,
      g.signed_on,
      g.witness_name,
    ]),
  });

export const screeningHash = (s: ScreeningRow): string =>
  hashOf({
    v: 1,
    id: s.id,
    instrument: s.instrument,
    administeredOn: s.administered_on,
    items: parseItems(s.items),
    total: s.total,
    severity: s.severity,
    difficulty: s.difficulty,
  });

/**
 * A diagnosis as the release prints it: its identity and every version, so a change after approval
 * (a new status, rank or onset) is caught at export like a changed note. Staff by id: a renamed
 * account changes no record.
 */
export const diagnosisHash = (d: Diagnosis, history: readonly DiagnosisVersion[]): string =>
  hashOf({
    v: 1,
    id: d.id,
    code: d.code,
    description: d.description,
    inCodeSet: d.inCodeSet,
    part2: d.part2,
    recordedBy: d.recordedBy.id,
    recordedAt: d.recordedAt,
    versions: history.map((h) => [h.version, h.status, h.rank, h.onsetDate, h.reason, h.by.id, h.at]),
  });

/** A signed plan version with its signatures; superseding it (a revision) changes its hash. */
export const treatmentPlanHash = (p: TreatmentPlan): string =>
  hashOf({
    v: 1,
    id: p.id,
    version: p.version,
    previousId: p.previousId,
    status: p.status,
    content: p.content,
    reviewDueOn: p.reviewDueOn,
    part2: p.part2,
    createdBy: p.createdBy.id,
    createdAt: p.createdAt,
    clinician: p.clinicianSignature ? [p.clinicianSignature.by.id, p.clinicianSignature.at] : null,
    client: p.clientSignature
      ? [
          p.clientSignature.signerName,
          p.clientSignature.signer,
          p.clientSignature.authority,
          p.clientSignature.signedOn,
          p.clientSignature.recordedBy.id,
          p.clientSignature.recordedAt,
        ]
      : null,
    supersededAt: p.supersededAt,
  });
