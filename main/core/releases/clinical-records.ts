// The client's diagnoses and treatment plans as a release reads them (issue 20), through the
// diagnoses and plans rooms' doors: the diagnosis list as it stands (each with its history of
// changes; at approval that is the list as of the approval, and export compares it again), and the
// plan versions both the clinician and the client signed, current and superseded. A draft, or a
// version waiting for the client's signature, never leaves. Each becomes a release candidate, so
// the one rule of plan.ts decides it as it decides a note: Part 2, restrictions, the minor's care.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Diagnosis, DiagnosisVersion } from '../../../preload/contract/diagnoses.ts';
import type { TreatmentPlan } from '../../../preload/contract/plans.ts';
import { type Episode, isConfidentialCare } from '../clients/index.ts';
import { diagnosesAsOf, diagnosisHistory } from '../diagnoses/index.ts';
import { plansOf } from '../plans/index.ts';
import { diagnosisHash, treatmentPlanHash } from './record-hashes.ts';
import type { Candidate } from './records.ts';

/** A diagnosis as it leaves: its version in force and every version, oldest first. */
export interface ReleaseDiagnosis {
  diagnosis: Diagnosis;
  history: DiagnosisVersion[];
}

const dayOf = (iso: string): string => iso.slice(0, 10);

/** A plan version that may leave: signed by both, whether still current or since revised. */
export const isSignedPlan = (p: TreatmentPlan): boolean =>
  (p.status === 'signed' || p.status === 'superseded') &&
  p.clinicianSignature !== null &&
  p.clientSignature !== null;

/** The day a signed version took effect: the later of the two signatures. */
export function planSignedOn(p: TreatmentPlan): string {
  const clinician = p.clinicianSignature ? dayOf(p.clinicianSignature.at) : dayOf(p.createdAt);
  const client = p.clientSignature?.signedOn ?? clinician;
  return client > clinician ? client : clinician;
}

/** The client's diagnoses now, each with its history (only these ids when given). */
export async function readDiagnoses(
  db: Kysely<DB>,
  clientId: string,
  ids?: ReadonlySet<string>,
): Promise<ReleaseDiagnosis[]> {
  const list = (await diagnosesAsOf(db, clientId)).filter((d) => !ids || ids.has(d.id));
  const out: ReleaseDiagnosis[] = [];
  for (const diagnosis of list) {
    const history = [...(await diagnosisHistory(db, diagnosis.id))].sort((a, b) => a.version - b.version);
    out.push({ diagnosis, history });
  }
  return out;
}

/**
 * The signed plan versions, oldest first: those in force at some time in the period when one is
 * given (minimum necessary, 164.502(b)), only these ids when given.
 */
export async function readPlans(
  db: Kysely<DB>,
  clientId: string,
  which: { period: { from: string; to: string } } | { ids: ReadonlySet<string> },
): Promise<TreatmentPlan[]> {
  const signed = (await plansOf(db, clientId)).filter(isSignedPlan);
  const chosen = signed.filter((p) => {
    if ('ids' in which) return which.ids.has(p.id);
    const { from, to } = which.period;
    return planSignedOn(p) <= to && (p.supersededAt === null || dayOf(p.supersededAt) >= from);
  });
  return chosen.sort((a, b) => a.version - b.version);
}

/** Each diagnosis and plan version as a release candidate (records.ts, candidatesOf). */
export function clinicalCandidates(
  diagnoses: readonly ReleaseDiagnosis[],
  plans: readonly TreatmentPlan[],
  episodes: readonly Episode[],
): Candidate[] {
  const base = { psychotherapy: false, author: null, noteId: null };
  return [
    ...diagnoses.map(({ diagnosis: d, history }): Candidate => {
      const date = dayOf(d.recordedAt);
      return {
        ...base,
        kind: 'diagnosis',
        id: d.id,
        hash: diagnosisHash(d, history),
        recordType: 'diagnoses',
        date,
        // 42 CFR 2.12: a diagnosis recorded in a Part 2 record is a Part 2 record.
        part2: d.part2,
        confidential: isConfidentialCare(episodes, { episodeId: null, date }),
        label: `Diagnosis ${d.code} of ${date}`,
      };
    }),
    ...plans.map((p): Candidate => {
      const date = planSignedOn(p);
      return {
        ...base,
        kind: 'treatment_plan',
        id: p.id,
        hash: treatmentPlanHash(p),
        recordType: 'treatment_plans',
        date,
        part2: p.part2,
        confidential: isConfidentialCare(episodes, { episodeId: null, date }),
        label: `Treatment plan version ${String(p.version)} of ${date}`,
      };
    }),
  ];
}
