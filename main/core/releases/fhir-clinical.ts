// The client's diagnoses and treatment plans in a release's FHIR R4 bundle (issue 20). A diagnosis
// is a Condition (ICD-10-CM coding; clinical status active, remission or resolved; verification
// confirmed or entered-in-error; a problem-list item, and an encounter diagnosis when a released
// note addressed it; its history as notes). A signed plan version is a CarePlan (active while
// current, revoked once a revision replaced it) addressing its Conditions, with its interventions
// as activities, and a Provenance carrying the clinician's and the client's signatures. Each goal
// and each objective is a Goal: an objective's target is measured by LOINC where its measure has a
// code (PHQ-9 total 44261-6, GAD-7 total 70274-6), and is a milestone of its goal. References point
// only at resources in the bundle: a diagnosis left out of the release is not referenced.
import type {
  CarePlan,
  CodeableConcept,
  Condition,
  Extension,
  Goal,
  GoalTarget,
  Patient,
  Provenance,
  Quantity,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { DIAGNOSIS_STATUS_LABELS, type DiagnosisStatus } from '../../../preload/contract/diagnoses.ts';
import type { AddressedDiagnosis } from '../../../preload/contract/note-links.ts';
import {
  MEASURE_LABELS,
  MEASURE_LOINC,
  type PlanObjective,
  type TreatmentPlan,
} from '../../../preload/contract/plans.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import { planSignedOn, type ReleaseDiagnosis } from './clinical-records.ts';
import { signatureWords } from './clinical-sections.ts';
import { derivedUuid, instant, labelled, LOINC, PART2, ref } from './fhir-support.ts';

export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const GOAL_RELATIONSHIP = 'http://hl7.org/fhir/StructureDefinition/goal-relationship';
const GOAL_RELATIONSHIP_TYPE = 'http://terminology.hl7.org/CodeSystem/goal-relationship-type';
const UCUM = 'http://unitsofmeasure.org';
// ASTM E1762-95 signature types, the value set R4 binds Signature.type to.
const SIGNATURE_TYPE = 'urn:iso-astm:E1762-95:2013';
const AUTHOR_SIGNATURE = {
  system: SIGNATURE_TYPE,
  code: '1.2.840.10065.1.12.1.1',
  display: "Author's Signature",
};
const COPARTICIPANT_SIGNATURE = {
  system: SIGNATURE_TYPE,
  code: '1.2.840.10065.1.12.1.3',
  display: "Co-participant's Signature",
};

const dayOf = (iso: string): string => iso.slice(0, 10);

/** An addressed or recorded diagnosis as an ICD-10-CM concept. */
export const icd10 = (d: { code: string; description: string }): CodeableConcept => ({
  coding: [{ system: ICD10CM, code: d.code, display: d.description }],
  text: d.description,
});

/** condition-clinical codes; a diagnosis entered in error has none (R4 con-5). */
const CLINICAL_CODES: Record<DiagnosisStatus, string | null> = {
  active: 'active',
  in_remission: 'remission',
  resolved: 'resolved',
  entered_in_error: null,
};

function condition(
  { diagnosis: d, history }: ReleaseDiagnosis,
  patientRef: Reference<Patient>,
  encounterDiagnosis: boolean,
): Condition {
  const now = d.current;
  const clinical = CLINICAL_CODES[now.status];
  // The day it reached its present resolved or remission status (the first version that said so).
  const since = [...history]
    .reverse()
    .find((v, i, all) => v.status === now.status && all[i + 1]?.status !== now.status);
  return {
    resourceType: 'Condition',
    id: d.id,
    ...labelled(d.part2 && PART2),
    // R4 con-5: no clinical status on a condition entered in error.
    ...(clinical === null
      ? {}
      : {
          clinicalStatus: {
            coding: [{ system: CLINICAL, code: clinical }],
            text: DIAGNOSIS_STATUS_LABELS[now.status],
          },
        }),
    verificationStatus: {
      coding: [{ system: VERIFICATION, code: clinical === null ? 'entered-in-error' : 'confirmed' }],
    },
    category: [
      { coding: [{ system: CATEGORY, code: 'problem-list-item', display: 'Problem List Item' }] },
      ...(encounterDiagnosis
        ? [{ coding: [{ system: CATEGORY, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }]
        : []),
    ],
    code: icd10(d),
    subject: patientRef,
    onsetDateTime: now.onsetDate ?? '',
    ...(now.status === 'resolved' && since ? { abatementDateTime: dayOf(since.at) } : {}),
    recordedDate: instant(d.recordedAt),
    recorder: { display: d.recordedBy.displayName },
    note: [
      {
        text: `${now.rank === null ? 'Not ranked' : now.rank === 1 ? 'Primary diagnosis (rank 1)' : `Secondary diagnosis (rank ${String(now.rank)})`}${d.inCodeSet ? '' : '. The code is not in the ICD-10-CM list the practice ships.'}`,
      },
      ...history.map((v) => ({
        authorString: v.by.displayName,
        time: instant(v.at),
        text: [
          `Version ${String(v.version)}: ${DIAGNOSIS_STATUS_LABELS[v.status]}`,
          v.rank === null ? 'not ranked' : `rank ${String(v.rank)}`,
          v.onsetDate ? `onset ${usDate(v.onsetDate)}` : null,
          v.reason ? `why: ${v.reason}` : null,
        ]
          .filter(Boolean)
          .join('; '),
      })),
    ],
  };
}

/** The Conditions of the released diagnoses; `addressed` are the ones a released progress note addressed. */
export function conditionResources(
  diagnoses: readonly ReleaseDiagnosis[],
  patientRef: Reference<Patient>,
  addressed: ReadonlySet<string>,
): Condition[] {
  return diagnoses.map((d) => condition(d, patientRef, addressed.has(d.diagnosis.id)));
}

/**
 * How an encounter names the diagnoses its note addressed: a Condition in the bundle by reference
 * (with its rank as the note stored it), any other by its code.
 */
export function encounterDiagnoses(
  addressed: readonly AddressedDiagnosis[],
  inBundle: ReadonlySet<string>,
): {
  reasonCode?: CodeableConcept[];
  reasonReference?: Reference<Condition>[];
  diagnosis?: { condition: Reference<Condition>; rank?: number }[];
} {
  const referenced = addressed.filter((d) => inBundle.has(d.diagnosisId));
  const coded = addressed.filter((d) => !inBundle.has(d.diagnosisId));
  return {
    reasonCode: coded.map(icd10),
    reasonReference: referenced.map((d) => ref<Condition>(d.diagnosisId)),
    diagnosis: referenced.map((d) => ({
      condition: ref<Condition>(d.diagnosisId),
      ...(d.rank === null ? {} : { rank: d.rank }),
    })),
  };
}

const score = (value: number, scored: boolean): Quantity =>
  scored ? { value, unit: 'score', system: UCUM, code: '{score}' } : { value };

/** An objective's target: a strict bound as a Quantity with its comparator, an inclusive one as a Range. */
function target(o: PlanObjective): GoalTarget[] {
  const loinc = MEASURE_LOINC[o.measure];
  const measure: CodeableConcept = loinc
    ? {
        coding: [{ system: LOINC, code: loinc.code, display: loinc.display }],
        text: MEASURE_LABELS[o.measure],
      }
    : { text: o.measureLabel ?? MEASURE_LABELS.other };
  const scored = loinc !== undefined;
  const t = o.target;
  const detail: Pick<GoalTarget, 'detailQuantity' | 'detailRange'> = !t
    ? {}
    : t.direction === 'below'
      ? { detailQuantity: { ...score(t.value, scored), comparator: '<' } }
      : t.direction === 'above'
        ? { detailQuantity: { ...score(t.value, scored), comparator: '>' } }
        : t.direction === 'at_most'
          ? { detailRange: { high: score(t.value, scored) } }
          : { detailRange: { low: score(t.value, scored) } };
  if (!t && !o.targetDate) return [];
  return [{ measure, ...detail, dueDate: o.targetDate ?? '' }];
}

const goalId = (p: TreatmentPlan, id: string): string => derivedUuid(`goal:${p.id}:${id}`);

/** A plan version's CarePlan, its Goals and the Provenance of its signatures. */
function planResources(
  p: TreatmentPlan,
  patientRef: Reference<Patient>,
  conditions: ReadonlySet<string>,
  inBundle: ReadonlySet<string>,
  later: TreatmentPlan | undefined,
): Resource[] {
  const current = p.status === 'signed';
  const security = labelled(p.part2 && PART2);
  const start = planSignedOn(p);
  const addresses = (ids: readonly string[]) =>
    [...new Set(ids)].filter((id) => conditions.has(id)).map((id) => ref<Condition>(id));
  const goals: Goal[] = [];
  const goalsOfProblem = new Map<string, string[]>();
  const laterGoals = new Set(
    later?.content.problems.flatMap((x) =>
      x.goals.flatMap((g) => [g.id, ...g.objectives.map((o) => o.id)]),
    ) ?? [],
  );
  // 'replacement': the goal (or objective) continues as the same one in the revision.
  const replacedBy = (id: string): Extension[] =>
    later && laterGoals.has(id)
      ? [
          {
            url: GOAL_RELATIONSHIP,
            extension: [
              {
                url: 'type',
                valueCodeableConcept: { coding: [{ system: GOAL_RELATIONSHIP_TYPE, code: 'replacement' }] },
              },
              { url: 'target', valueReference: ref<Goal>(goalId(later, id)) },
            ],
          },
        ]
      : [];
  const status = (): Pick<Goal, 'lifecycleStatus' | 'statusDate' | 'statusReason'> =>
    current
      ? { lifecycleStatus: 'active' }
      : {
          lifecycleStatus: 'cancelled',
          statusDate: p.supersededAt ? dayOf(p.supersededAt) : '',
          statusReason: 'The plan was revised: this version was superseded.',
        };
  for (const problem of p.content.problems) {
    const ids: string[] = [];
    for (const g of problem.goals) {
      const objectives: Goal[] = g.objectives.map((o) => ({
        resourceType: 'Goal',
        id: goalId(p, o.id),
        ...security,
        extension: replacedBy(o.id),
        ...status(),
        description: { text: o.text },
        subject: patientRef,
        startDate: start,
        target: target(o),
        addresses: addresses(problem.diagnosisIds),
        note: [
          { text: `An objective of the goal “${g.text}” (problem: ${problem.text}).` },
          ...(o.baseline === null ? [] : [{ text: `Baseline: ${String(o.baseline)}.` }]),
        ],
      }));
      // Each objective is a milestone of its goal (goal-relationship-type: a "piece" of attaining it).
      const milestones: Extension[] = objectives.map((o) => ({
        url: GOAL_RELATIONSHIP,
        extension: [
          {
            url: 'type',
            valueCodeableConcept: { coding: [{ system: GOAL_RELATIONSHIP_TYPE, code: 'milestone' }] },
          },
          { url: 'target', valueReference: ref<Goal>(o.id ?? '') },
        ],
      }));
      goals.push(
        {
          resourceType: 'Goal',
          id: goalId(p, g.id),
          ...security,
          extension: [...milestones, ...replacedBy(g.id)],
          ...status(),
          description: { text: g.text },
          subject: patientRef,
          startDate: start,
          addresses: addresses(problem.diagnosisIds),
          note: [{ text: `Problem: ${problem.text}` }],
        },
        ...objectives,
      );
      ids.push(goalId(p, g.id), ...g.objectives.map((o) => goalId(p, o.id)));
    }
    goalsOfProblem.set(problem.id, ids);
  }
  const problemsOf = new Map(p.content.problems.map((x) => [x.id, x]));
  const clinician = p.clinicianSignature;
  const client = p.clientSignature;
  const clientWho: Reference<Patient> =
    client?.signer === 'client' ? patientRef : { display: client?.signerName ?? '' };
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    id: p.id,
    ...security,
    status: current ? 'active' : 'revoked',
    intent: 'plan',
    title: `Treatment plan, version ${String(p.version)}`,
    description: p.content.problems.map((x, i) => `Problem ${String(i + 1)}: ${x.text}`).join('\n'),
    subject: patientRef,
    period: { start, end: p.supersededAt ? dayOf(p.supersededAt) : '' },
    created: instant(p.createdAt),
    author: { display: clinician?.by.displayName ?? p.createdBy.displayName },
    contributor: [{ display: clinician?.by.displayName ?? p.createdBy.displayName }, clientWho],
    ...(p.previousId && inBundle.has(p.previousId) ? { replaces: [ref<CarePlan>(p.previousId)] } : {}),
    addresses: addresses(p.content.problems.flatMap((x) => x.diagnosisIds)),
    goal: goals.map((g) => ref<Goal>(g.id ?? '')),
    activity: p.content.interventions.map((v) => ({
      detail: {
        code: { text: v.modality },
        reasonReference: addresses(v.problemIds.flatMap((id) => problemsOf.get(id)?.diagnosisIds ?? [])),
        goal: v.problemIds.flatMap((id) => goalsOfProblem.get(id) ?? []).map((id) => ref<Goal>(id)),
        status: current ? ('in-progress' as const) : ('stopped' as const),
        scheduledString: v.frequency,
        description: v.text,
      },
    })),
    note: [
      { text: `Review due ${usDate(p.reviewDueOn)}.` },
      { text: `Signed. ${signatureWords(p).join('. ')}.` },
    ],
  };
  const signatures: Provenance[] =
    clinician && client
      ? [
          {
            resourceType: 'Provenance',
            id: derivedUuid(`plan-signatures:${p.id}`),
            ...security,
            target: [ref<CarePlan>(p.id)],
            recorded: instant(client.recordedAt > clinician.at ? client.recordedAt : clinician.at),
            agent: [
              {
                type: {
                  coding: [
                    {
                      system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
                      code: 'author',
                    },
                  ],
                },
                who: { display: clinician.by.displayName },
              },
              { who: clientWho },
            ],
            signature: [
              {
                type: [AUTHOR_SIGNATURE],
                when: instant(clinician.at),
                who: { display: clinician.by.displayName },
              },
              // The client's (or representative's) signature, on the day they signed; recorded by staff.
              { type: [COPARTICIPANT_SIGNATURE], when: instant(client.recordedAt), who: clientWho },
            ],
          },
        ]
      : [];
  return [plan, ...goals, ...signatures];
}

/** Every released plan version's resources; `conditions` are the Conditions in the bundle. */
export function carePlanResources(
  plans: readonly TreatmentPlan[],
  patientRef: Reference<Patient>,
  conditions: ReadonlySet<string>,
): Resource[] {
  const inBundle = new Set(plans.map((p) => p.id));
  const next = new Map(plans.flatMap((p) => (p.previousId ? [[p.previousId, p] as const] : [])));
  return plans.flatMap((p) => planResources(p, patientRef, conditions, inBundle, next.get(p.id)));
}
