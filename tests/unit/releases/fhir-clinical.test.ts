// The diagnoses and treatment plans of a release as FHIR R4 (issue 20), from the rooms' typed
// shapes with obviously fictional content: Conditions with ICD-10-CM codes and the R4 status
// codes, a CarePlan per signed version with its Goals and signatures, targets measured by LOINC
// where the measure has a code; every reference resolves in the bundle and the bundle validates
// against HL7's R4 JSON schema.
import { describe, expect, it } from 'vitest';
import type { Bundle, CarePlan, Condition, Goal, Patient, Provenance, Resource } from '@medplum/fhirtypes';
import type { Diagnosis, DiagnosisVersion } from '../../../preload/contract/diagnoses.ts';
import type { TreatmentPlan } from '../../../preload/contract/plans.ts';
import type { ReleaseDiagnosis } from '../../../main/core/releases/clinical-records.ts';
import {
  carePlanResources,
  conditionResources,
  encounterDiagnoses,
  ICD10CM,
} from '../../../main/core/releases/fhir-clinical.ts';
import { pruned, ref } from '../../../main/core/releases/fhir-support.ts';
import { fhirSchemaErrors } from '../../helpers/fhir-schema.ts';

const uuid = (n: number) => `7e57da7a-0000-4000-8000-${String(n).padStart(12, '0')}`;
const CLIENT = uuid(1);
const DR = { id: uuid(2), displayName: 'Dr. Ada Placeholder' };
const patient: Patient = { resourceType: 'Patient', id: CLIENT, birthDate: '1990-01-01' };
const patientRef = ref<Patient>(CLIENT);

const version = (n: number, over: Partial<DiagnosisVersion> = {}): DiagnosisVersion => ({
  version: n,
  status: 'active',
  rank: 1,
  onsetDate: '2025-11-01',
  reason: null,
  by: DR,
  at: `2026-01-0${String(n)}T17:00:00.000Z`,
  ...over,
});

function diagnosis(
  id: number,
  code: string,
  description: string,
  history: DiagnosisVersion[],
): ReleaseDiagnosis {
  const d: Diagnosis = {
    id: uuid(id),
    clientId: CLIENT,
    code,
    description,
    inCodeSet: !code.startsWith('Z'),
    part2: false,
    recordedBy: DR,
    recordedAt: history[0]?.at ?? '',
    current: history.at(-1) ?? version(1),
  };
  return { diagnosis: d, history };
}

const depression = diagnosis(10, 'F32.1', 'Major depressive disorder, single episode, moderate', [
  version(1),
  version(2, { status: 'in_remission', reason: 'PHQ-9 under 10 for two months' }),
]);
const anxiety = diagnosis(11, 'F41.1', 'Generalized anxiety disorder', [
  version(1, { rank: 2 }),
  version(2, { status: 'resolved', rank: null }),
]);
const mistaken = diagnosis(12, 'Z63.0', 'Problems in relationship with spouse or partner', [
  version(1, { rank: 3 }),
  version(2, { status: 'entered_in_error', rank: null, reason: 'Wrong chart' }),
]);

function plan(n: number, over: Partial<TreatmentPlan> = {}): TreatmentPlan {
  return {
    id: uuid(100 + n),
    clientId: CLIENT,
    version: n,
    previousId: n > 1 ? uuid(100 + n - 1) : null,
    status: 'signed',
    content: {
      problems: [
        {
          id: uuid(200),
          text: 'Low mood most days',
          diagnosisIds: [depression.diagnosis.id, uuid(999)],
          goals: [
            {
              id: uuid(300),
              text: 'Mood lifts enough to return to work',
              objectives: [
                {
                  id: uuid(400),
                  text: 'PHQ-9 below 10',
                  measure: 'phq9',
                  measureLabel: null,
                  baseline: 18,
                  target: { direction: 'below', value: 10 },
                  targetDate: '2026-03-01',
                },
                {
                  id: uuid(401),
                  text: 'Sleeps six hours or more on five nights a week',
                  measure: 'other',
                  measureLabel: 'Nights a week sleeping 6 hours or more',
                  baseline: 1,
                  target: { direction: 'at_least', value: 5 },
                  targetDate: null,
                },
              ],
            },
          ],
        },
        {
          id: uuid(201),
          text: 'Worry',
          diagnosisIds: [anxiety.diagnosis.id],
          goals: [
            {
              id: uuid(301),
              text: 'Worry no longer keeps the client from driving',
              objectives: [
                {
                  id: uuid(402),
                  text: 'GAD-7 at most 7',
                  measure: 'gad7',
                  measureLabel: null,
                  baseline: 14,
                  target: { direction: 'at_most', value: 7 },
                  targetDate: '2026-04-15',
                },
              ],
            },
          ],
        },
      ],
      interventions: [
        {
          id: uuid(500),
          text: 'Behavioral activation and cognitive restructuring',
          modality: 'Individual CBT',
          frequency: 'Weekly, 50 minutes',
          problemIds: [uuid(200), uuid(201)],
        },
      ],
    },
    reviewDueOn: '2026-04-01',
    part2: false,
    createdBy: DR,
    createdAt: '2026-01-05T17:00:00.000Z',
    clinicianSignature: { by: DR, at: '2026-01-05T18:00:00.000Z' },
    clientSignature: {
      signerName: 'Wren Fictitious-Example',
      signer: 'client',
      authority: null,
      signedOn: '2026-01-05',
      recordedBy: DR,
      recordedAt: '2026-01-05T18:05:00.000Z',
    },
    supersededAt: null,
    contentHash: 'a'.repeat(64),
    integrity: 'ok',
    ...over,
  };
}

const v1 = plan(1, { status: 'superseded', supersededAt: '2026-02-10T17:00:00.000Z' });
const v2 = plan(2, {
  createdAt: '2026-02-10T16:00:00.000Z',
  clinicianSignature: { by: DR, at: '2026-02-10T16:30:00.000Z' },
  clientSignature: {
    signerName: 'Rowan Fictitious-Parent',
    signer: 'representative',
    authority: 'Parent of a minor',
    signedOn: '2026-02-10',
    recordedBy: DR,
    recordedAt: '2026-02-10T17:00:00.000Z',
  },
});

/** As buildBundle assembles it: FHIR has no empty values, so they are pruned. */
function bundleOf(resources: Resource[]): Bundle {
  return pruned({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [patient, ...resources].map((resource) => ({
      fullUrl: `urn:uuid:${resource.id ?? ''}`,
      resource,
    })),
  } satisfies Bundle);
}

/** Every "urn:uuid:…" reference in the value. */
function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else references(v, out);
    }
  }
  return out;
}

const diagnoses = [depression, anxiety, mistaken];
const conditions = conditionResources(diagnoses, patientRef, new Set([depression.diagnosis.id]));
const inBundle = new Set(diagnoses.map((d) => d.diagnosis.id));
const planned = carePlanResources([v1, v2], patientRef, inBundle);
const bundle = bundleOf([...conditions, ...planned]);
const ofType = <T extends Resource>(type: T['resourceType']) =>
  (bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === type ? [e.resource as T] : []));

describe('diagnoses and treatment plans in the FHIR bundle', () => {
  it('validates against the R4 schema, and every reference resolves inside the bundle', () => {
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    const urls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
    const refs = references(bundle);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((r) => !urls.has(r))).toEqual([]);
  });

  it('codes each diagnosis in ICD-10-CM with the R4 clinical and verification statuses', () => {
    const [dep, anx, err] = ofType<Condition>('Condition');
    expect(dep?.code?.coding).toEqual([
      { system: ICD10CM, code: 'F32.1', display: 'Major depressive disorder, single episode, moderate' },
    ]);
    expect(dep?.clinicalStatus?.coding?.[0]?.code).toBe('remission');
    expect(dep?.verificationStatus?.coding?.[0]?.code).toBe('confirmed');
    expect(dep?.onsetDateTime).toBe('2025-11-01');
    expect(dep?.recordedDate).toBe('2026-01-01T17:00:00.000Z');
    expect(dep?.subject).toEqual(patientRef);
    // Addressed by a released note: an encounter diagnosis as well as a problem-list item.
    expect(dep?.category?.map((c) => c.coding?.[0]?.code)).toEqual([
      'problem-list-item',
      'encounter-diagnosis',
    ]);
    expect(dep?.note?.map((n) => n.text)).toContain(
      'Version 2: In remission; rank 1; onset Nov 1, 2025; why: PHQ-9 under 10 for two months',
    );
    expect(anx?.clinicalStatus?.coding?.[0]?.code).toBe('resolved');
    expect(anx?.abatementDateTime).toBe('2026-01-02');
    expect(anx?.category?.map((c) => c.coding?.[0]?.code)).toEqual(['problem-list-item']);
    // R4 con-5: a condition entered in error has no clinical status.
    expect(err?.clinicalStatus).toBeUndefined();
    expect(err?.verificationStatus?.coding?.[0]?.code).toBe('entered-in-error');
  });

  it('makes a CarePlan of each signed version: the current one active, the one it replaced revoked', () => {
    const [old, now] = ofType<CarePlan>('CarePlan');
    expect(old?.status).toBe('revoked');
    expect(old?.period).toEqual({ start: '2026-01-05', end: '2026-02-10' });
    expect(now?.status).toBe('active');
    expect(now?.intent).toBe('plan');
    expect(now?.replaces).toEqual([ref(v1.id)]);
    // Only the Conditions in the bundle: a diagnosis left out of the release is not referenced.
    expect(now?.addresses).toEqual([ref(depression.diagnosis.id), ref(anxiety.diagnosis.id)]);
    expect(now?.goal).toHaveLength(5);
    expect(now?.activity?.[0]?.detail).toMatchObject({
      code: { text: 'Individual CBT' },
      status: 'in-progress',
      scheduledString: 'Weekly, 50 minutes',
      description: 'Behavioral activation and cognitive restructuring',
    });
    expect(old?.activity?.[0]?.detail?.status).toBe('stopped');
    expect(now?.note?.map((n) => n.text)).toEqual([
      'Review due Apr 1, 2026.',
      'Signed. Clinician: Dr. Ada Placeholder, signed Feb 10, 2026. Client’s representative: Rowan Fictitious-Parent (Parent of a minor), signed Feb 10, 2026.',
    ]);
  });

  it('carries both signatures of each version in a Provenance', () => {
    const [, signatures] = ofType<Provenance>('Provenance');
    expect(signatures?.target).toEqual([ref(v2.id)]);
    expect(signatures?.signature?.map((s) => [s.type[0]?.code, s.when, s.who.display])).toEqual([
      ['1.2.840.10065.1.12.1.1', '2026-02-10T16:30:00.000Z', 'Dr. Ada Placeholder'],
      ['1.2.840.10065.1.12.1.3', '2026-02-10T17:00:00.000Z', 'Rowan Fictitious-Parent'],
    ]);
    // The client who signed v1 themselves is the Patient.
    const [first] = ofType<Provenance>('Provenance');
    expect(first?.signature?.[1]?.who).toEqual(patientRef);
  });

  it('targets objectives by LOINC where the measure has a code, as a bound or a range by direction', () => {
    const goals = ofType<Goal>('Goal').filter((g) => g.lifecycleStatus === 'active');
    const byText = new Map(goals.map((g) => [g.description.text, g]));
    const phq = byText.get('PHQ-9 below 10');
    expect(phq?.target).toEqual([
      {
        measure: {
          coding: [
            {
              system: 'http://loinc.org',
              code: '44261-6',
              display: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]',
            },
          ],
          text: 'PHQ-9 total score',
        },
        detailQuantity: {
          value: 10,
          comparator: '<',
          unit: 'score',
          system: 'http://unitsofmeasure.org',
          code: '{score}',
        },
        dueDate: '2026-03-01',
      },
    ]);
    expect(phq?.addresses).toEqual([ref(depression.diagnosis.id)]);
    expect(byText.get('GAD-7 at most 7')?.target?.[0]).toMatchObject({
      measure: { coding: [{ code: '70274-6' }] },
      detailRange: { high: { value: 10 - 3 } },
      dueDate: '2026-04-15',
    });
    const sleep = byText.get('Sleeps six hours or more on five nights a week');
    expect(sleep?.target).toEqual([
      { measure: { text: 'Nights a week sleeping 6 hours or more' }, detailRange: { low: { value: 5 } } },
    ]);
    // Each objective is a milestone of its goal.
    const goal = byText.get('Mood lifts enough to return to work');
    const milestones = goal?.extension?.filter((x) =>
      x.extension?.some((y) => y.valueCodeableConcept?.coding?.[0]?.code === 'milestone'),
    );
    expect(milestones).toHaveLength(2);
  });

  it('ends the goals of a superseded version, pointing to the same goals in the revision', () => {
    const old = ofType<Goal>('Goal').filter((g) => g.lifecycleStatus === 'cancelled');
    expect(old).toHaveLength(5);
    expect(old[0]?.statusDate).toBe('2026-02-10');
    const replacement = old[0]?.extension?.find((x) =>
      x.extension?.some((y) => y.valueCodeableConcept?.coding?.[0]?.code === 'replacement'),
    );
    const target = replacement?.extension?.find((y) => y.url === 'target')?.valueReference?.reference;
    const now = ofType<Goal>('Goal').find((g) => `urn:uuid:${g.id ?? ''}` === target);
    expect(now?.lifecycleStatus).toBe('active');
    expect(now?.description.text).toBe(old[0]?.description.text);
  });

  it('names a note’s diagnoses by reference when their Conditions are in the bundle, by code otherwise', () => {
    const named = encounterDiagnoses(
      [
        {
          diagnosisId: depression.diagnosis.id,
          code: 'F32.1',
          description: 'Major depressive disorder',
          rank: 1,
          part2: false,
        },
        {
          diagnosisId: uuid(999),
          code: 'F43.10',
          description: 'Post-traumatic stress disorder, unspecified',
          rank: 2,
          part2: false,
        },
      ],
      inBundle,
    );
    expect(named.reasonReference).toEqual([ref(depression.diagnosis.id)]);
    expect(named.diagnosis).toEqual([{ condition: ref(depression.diagnosis.id), rank: 1 }]);
    expect(named.reasonCode).toEqual([
      {
        coding: [{ system: ICD10CM, code: 'F43.10', display: 'Post-traumatic stress disorder, unspecified' }],
        text: 'Post-traumatic stress disorder, unspecified',
      },
    ]);
  });
});
