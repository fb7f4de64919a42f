// The FHIR R4 bundle of a release, made from exactly the records that leave (the same ones the PDF
// prints) and valid against the official R4 JSON schema: no nulls or empty values, dateTimes with a
// time carry the practice's offset. Patient as much as the recipient needs (164.502(b)); per note an
// Encounter and a DocumentReference; PHQ-9 and GAD-7 as panels with their item answers and total;
// the intake, its risk screening (RiskAssessment) and safety plan (CarePlan), its substance-use
// section; the consents on file and the authorizations the release stands on (Consent).
import type {
  Bundle,
  CarePlan,
  DocumentReference,
  Encounter,
  Observation,
  Patient,
  Reference,
  Resource,
  RiskAssessment,
} from '@medplum/fhirtypes';
import { z } from 'zod';
import type { ClientRow, IntakeRow, ScreeningRow } from '../../../db/schema.ts';
import { Modality, MODALITY_LABELS, SERVICE_CODES, ServiceCode } from '../../../preload/contract/notes.ts';
import {
  DIFFICULTY_LABELS,
  INSTRUMENTS,
  SEVERITY_LABELS,
  Severity,
} from '../../../preload/contract/screening.ts';
import { GOAL_PROGRESS_LABELS } from '../../../preload/contract/plans.ts';
import { parseNoteLinks, parseSections } from '../notes/index.ts';
import { addressedInRelease, addressedWords, marksInRelease } from './clinical-sections.ts';
import { amendmentResources } from './fhir-amendments.ts';
import { carePlanResources, conditionResources, encounterDiagnoses } from './fhir-clinical.ts';
import { authorizationConsent, consentOnFile, type FhirAuthorization } from './fhir-consents.ts';
import {
  ACT_CODE,
  CPT,
  derivedUuid,
  instant,
  labelled,
  localDateTime,
  LOINC,
  loinc,
  PART2,
  pruned,
  PSYTHPN,
  ref,
  textContent,
} from './fhir-support.ts';
import { parseItems, parseRisk, type ConsentWithSignatures, type ReleaseRecords } from './records.ts';

export { derivedUuid, localDateTime, pruned } from './fhir-support.ts';
export type { FhirAuthorization } from './fhir-consents.ts';

const SURVEY = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] },
];

/**
 * LOINC codes of the instruments, items in the order of preload/contract/screening.ts. Sources:
 * loinc.org/69729-2 (PHQ-SADS panel hierarchy: the GAD-7 items 69725-0 … 69736-7 and total 70274-6,
 * the PHQ-9 items 44250-9 … in form order); loinc.org/LL358-3 (the 0–3 answer list and the items
 * using it, 44260-8 among them); cdn.loinc.org/44261-6 (PHQ-9 total, member of panel 44249-1); US
 * Core's Observation PHQ9-panel-example-44249-1 (panel 44249-1 "PHQ-9 quick depression assessment
 * panel"); HL7 PCO IG Questionnaire/69737-5 (the GAD-7 panel code); loinc.org/LL359-1 (the
 * difficulty question 69722-7 and its four answers). LOINC's GAD-7 panel lists no difficulty item:
 * 69722-7, PHQ's instrument-neutral wording of the same question, carries it for both.
 */
export const INSTRUMENT_CODES = {
  phq9: {
    panel: { code: '44249-1', display: 'PHQ-9 quick depression assessment panel' },
    total: { code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]' },
    items: [
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ],
  },
  gad7: {
    panel: { code: '69737-5', display: 'Generalized anxiety disorder 7 item (GAD-7)' },
    total: {
      code: '70274-6',
      display: 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]',
    },
    items: ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'],
  },
} as const;
const DIFFICULTY_CODE = '69722-7';
const DIFFICULTY_QUESTION =
  'How difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?';

const Answer = z.number().int().min(0).max(3);

export interface FhirInput {
  client: ClientRow;
  /**
   * Minimum necessary (45 CFR 164.502(b)): 'full' for the client's own copy (names, birth date,
   * phone, email, address, gender identity); 'contact' when "Identification and contact" was
   * selected for a third party (names, birth date, phone, address, no email); 'identity' otherwise
   * (official name, birth date, chart number).
   */
  patientDetail: 'full' | 'contact' | 'identity';
  intake: IntakeRow | null;
  /** The intake's substance-use section; part2 = a record of the practice's Part 2 program. */
  substanceUse: { text: string; part2: boolean } | null;
  notes: ReleaseRecords['notes'];
  screenings: ScreeningRow[];
  consents: ConsentWithSignatures[];
  /** The release authorizations actually relied on. */
  authorizations: FhirAuthorization[];
  /** Amendment material that goes with these records (fhir-amendments.ts, 164.526). */
  amendments?: ReleaseRecords['amendments'];
  /** The released diagnoses (Condition) and signed plan versions (CarePlan, Goal): fhir-clinical.ts. */
  diagnoses?: ReleaseRecords['diagnoses'];
  plans?: ReleaseRecords['plans'];
  /** ISO instant. */
  timestamp: string;
}

function patient(c: ClientRow, detail: FhirInput['patientDetail']): Patient {
  const full = detail === 'full';
  const contact = full || detail === 'contact';
  return {
    resourceType: 'Patient',
    id: c.id,
    identifier: [{ system: 'urn:stillwater:chart-number', value: c.chart_number }],
    name: [
      { use: 'official', family: c.legal_last_name, given: [c.legal_first_name] },
      ...(contact && c.preferred_name ? [{ use: 'usual' as const, given: [c.preferred_name] }] : []),
    ],
    birthDate: c.date_of_birth,
    ...(contact && {
      telecom: [
        ...(c.phone ? [{ system: 'phone' as const, value: c.phone }] : []),
        ...(full && c.email ? [{ system: 'email' as const, value: c.email }] : []),
      ],
      address: c.address_line1
        ? [
            {
              line: [c.address_line1, c.address_line2 ?? ''],
              city: c.city ?? '',
              state: c.region ?? '',
              postalCode: c.postal_code ?? '',
            },
          ]
        : [],
    }),
    // R4's own extension (hl7.org/fhir/R4/extension-patient-genderidentity), as text: no coding.
    ...(full &&
      c.gender_identity && {
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/patient-genderIdentity',
            valueCodeableConcept: { text: c.gender_identity },
          },
        ],
      }),
  };
}

/** What a note addressed, as a release may carry it (clinical-sections.ts, addressedInRelease). */
function noteLinks(
  n: ReleaseRecords['notes'][number],
  conditions: ReadonlySet<string>,
  plans: ReadonlySet<string>,
) {
  const links = parseNoteLinks(n);
  return {
    addressed: addressedInRelease(links.addressedDiagnoses, conditions),
    marks: marksInRelease(links.goalProgress, plans),
  };
}

function noteResources(
  n: ReleaseRecords['notes'][number],
  patientRef: Reference<Patient>,
  conditions: ReadonlySet<string>,
  plans: ReadonlySet<string>,
): Resource[] {
  const sections = parseSections(n);
  const { addressed, marks } = noteLinks(n, conditions, plans);
  // The note's own template version labels its sections (notes' sectionLabels, records.ts).
  const template = n.layout;
  const progress = n.kind === 'progress';
  const part2 = n.part2 === 1 && PART2;
  // Labels for the codes the contract offers; a code it no longer offers still leaves, as written.
  const modality = Modality.safeParse(n.modality).data;
  const cpt = ServiceCode.safeParse(n.service_code).data;
  const code = cpt ?? n.service_code;
  const kind = progress ? `Progress note (${template.label})` : 'Psychotherapy note';
  const times = n.start_time && n.end_time ? `${n.start_time}–${n.end_time}` : null;
  // The same record the PDF prints: heading, session facts, sections in template order, risk, addenda.
  const text = [
    `${kind}, ${n.service_date}`,
    [
      times,
      cpt ? `${cpt} ${SERVICE_CODES[cpt]}` : n.service_code,
      modality ? MODALITY_LABELS[modality] : n.modality,
    ]
      .filter(Boolean)
      .join(' · '),
    `${n.authorName}, signed ${n.signed_at ?? ''}`,
    ...template.sections.map((t) => `${t.label}: ${sections[t.key] ?? ''}`),
    ...(n.risk_level ? [`Risk: ${n.risk_level}${n.risk_plan ? `. Plan: ${n.risk_plan}` : ''}`] : []),
    ...(addressed.length > 0 ? [`Diagnoses addressed: ${addressedWords(addressed)}`] : []),
    ...(marks.length > 0
      ? [
          `Treatment plan goals addressed: ${marks.map((m) => `${m.objectiveText ?? m.goalText}: ${GOAL_PROGRESS_LABELS[m.progress]}${m.comment ? ` (${m.comment})` : ''}`).join('; ')}`,
        ]
      : []),
    ...n.addenda.map((a) => `Addendum by ${a.author}, signed ${a.signedAt}: ${a.text}`),
  ]
    .filter(Boolean)
    .join('\n\n');
  const encounterId = derivedUuid(`encounter:${n.id}`);
  const period = n.start_time
    ? {
        start: localDateTime(n.service_date, n.start_time),
        end: n.end_time ? localDateTime(n.service_date, n.end_time) : '',
      }
    : { start: n.service_date };
  const encounter: Encounter[] = progress
    ? [
        {
          resourceType: 'Encounter',
          id: encounterId,
          ...labelled(part2),
          status: 'finished',
          class:
            modality === 'video' || modality === 'phone'
              ? { system: ACT_CODE, code: 'VR', display: 'virtual' }
              : { system: ACT_CODE, code: 'AMB', display: 'ambulatory' },
          serviceType: code ? { coding: [{ system: CPT, code, display: cpt && SERVICE_CODES[cpt] }] } : {},
          subject: patientRef,
          participant: [{ individual: { display: n.authorName } }],
          period,
          // The diagnoses the note addressed: its Conditions in this bundle, or their codes.
          ...encounterDiagnoses(addressed, conditions),
          length:
            n.duration_minutes === null
              ? {}
              : { value: n.duration_minutes, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' },
        },
      ]
    : [];
  const doc: DocumentReference = {
    resourceType: 'DocumentReference',
    id: n.id,
    ...labelled(part2, !progress && PSYTHPN),
    status: 'current',
    docStatus: 'final',
    type: progress ? loinc('11506-3', 'Progress note') : { text: 'Psychotherapy note' },
    subject: patientRef,
    date: n.signed_at ? instant(n.signed_at) : '',
    author: [{ display: n.authorName }],
    description: `${kind}, ${n.service_date}`,
    content: textContent(`${kind}, ${n.service_date}`, text),
    // 164.501: psychotherapy notes are kept apart from the record, so never tied to its encounter.
    context: progress
      ? {
          encounter: [ref(encounterId)],
          period,
          related: addressed.filter((d) => conditions.has(d.diagnosisId)).map((d) => ref(d.diagnosisId)),
        }
      : {},
  };
  return [...encounter, doc];
}

function screeningResources(s: ScreeningRow, patientRef: Reference<Patient>): Observation[] {
  const codes = INSTRUMENT_CODES[s.instrument];
  const questions = INSTRUMENTS[s.instrument].items;
  const answers = z.array(Answer).length(codes.items.length).parse(parseItems(s.items));
  const common = {
    resourceType: 'Observation' as const,
    status: 'final' as const,
    category: SURVEY,
    subject: patientRef,
    effectiveDateTime: s.administered_on,
  };
  const items: Observation[] = answers.map((value, i) => ({
    ...common,
    id: derivedUuid(`screening:${s.id}:item:${String(i)}`),
    code: { coding: [{ system: LOINC, code: codes.items[i] ?? '' }], text: questions[i] ?? '' },
    valueInteger: value,
  }));
  const total: Observation = {
    ...common,
    id: derivedUuid(`screening:${s.id}:total`),
    code: loinc(codes.total.code, codes.total.display),
    valueInteger: s.total,
    interpretation: [{ text: SEVERITY_LABELS[Severity.parse(s.severity)] }],
  };
  const difficulty: Observation[] =
    s.difficulty === null
      ? []
      : [
          {
            ...common,
            id: derivedUuid(`screening:${s.id}:difficulty`),
            code: { ...loinc(DIFFICULTY_CODE), text: DIFFICULTY_QUESTION },
            valueString: DIFFICULTY_LABELS[Answer.parse(s.difficulty)],
          },
        ];
  const panel: Observation = {
    ...common,
    id: s.id,
    code: loinc(codes.panel.code, codes.panel.display),
    hasMember: [...items, total, ...difficulty].map((o) => ref(o.id ?? '')),
  };
  return [panel, ...items, total, ...difficulty];
}

function intakeResources(i: IntakeRow, patientRef: Reference<Patient>, clientId: string): Resource[] {
  const risk = parseRisk(i.risk);
  const date = i.completed_at ?? i.updated_at;
  const completed = i.status === 'completed';
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  const findings = [
    `Suicidal ideation: ${risk.suicidalIdeation}`,
    `plan: ${yes(risk.suicidePlan)}`,
    `intent: ${yes(risk.suicideIntent)}`,
    `access to means: ${yes(risk.accessToMeans)}`,
    `history of self-harm: ${yes(risk.selfHarmHistory)}`,
    `homicidal ideation: ${yes(risk.homicidalIdeation)}`,
    ...(risk.protectiveFactors ? [`protective factors: ${risk.protectiveFactors}`] : []),
  ].join('; ');
  const text = [
    `Intake assessment (${completed ? `completed ${date}` : 'in progress'})`,
    `Presenting concern: ${i.presenting_concern ?? '—'}`,
    `Psychiatric history: ${i.psychiatric_history ?? '—'}`,
    `Medical history: ${i.medical_history ?? '—'}`,
    `Medications: ${i.medications ?? '—'}`,
    `Primary care provider: ${[i.pcp_name, i.pcp_phone].filter(Boolean).join(', ') || '—'}`,
    `Risk screening: risk level ${risk.level}. ${findings}`,
    ...(risk.safetyPlan ? [`Safety plan: ${risk.safetyPlan}`] : []),
  ].join('\n\n');
  const docId = derivedUuid(`intake:${clientId}`);
  const riskId = derivedUuid(`risk:${clientId}`);
  const document: DocumentReference = {
    resourceType: 'DocumentReference',
    id: docId,
    status: 'current',
    docStatus: completed ? 'final' : 'preliminary',
    type: { text: 'Intake assessment' },
    subject: patientRef,
    date: instant(date),
    description: 'Intake assessment',
    content: textContent('Intake assessment', text),
  };
  const assessment: RiskAssessment = {
    resourceType: 'RiskAssessment',
    id: riskId,
    status: completed ? 'final' : 'preliminary',
    subject: patientRef,
    occurrenceDateTime: date,
    code: { text: 'Suicide and violence risk screening at intake' },
    basis: [ref(docId)],
    prediction: [
      {
        outcome: { text: 'Harm to self or others' },
        qualitativeRisk: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/risk-probability', code: risk.level }],
          text: `${risk.level} risk`,
        },
        rationale: findings,
      },
    ],
    mitigation: risk.safetyPlan ? `Safety plan: ${risk.safetyPlan}` : '',
  };
  const plan: CarePlan[] = risk.safetyPlan
    ? [
        {
          resourceType: 'CarePlan',
          id: derivedUuid(`safety-plan:${clientId}`),
          status: 'active',
          intent: 'plan',
          title: 'Safety plan',
          description: risk.safetyPlan,
          subject: patientRef,
          created: date,
          supportingInfo: [ref(riskId)],
        },
      ]
    : [];
  return [document, assessment, ...plan];
}

export function buildBundle(input: FhirInput): Bundle {
  const c = input.client;
  const patientRef = ref<Patient>(c.id);
  const su = input.substanceUse;
  const diagnoses = input.diagnoses ?? [];
  const conditions = new Set(diagnoses.map((d) => d.diagnosis.id));
  const plans = new Set((input.plans ?? []).map((p) => p.id));
  // A Condition a released progress note addressed is also an encounter diagnosis.
  const addressed = new Set(
    input.notes
      .filter((n) => n.kind === 'progress')
      .flatMap((n) => noteLinks(n, conditions, plans).addressed.map((d) => d.diagnosisId)),
  );
  const resources: Resource[] = [
    patient(c, input.patientDetail),
    ...(input.intake ? intakeResources(input.intake, patientRef, c.id) : []),
    ...(su
      ? [
          {
            resourceType: 'DocumentReference',
            id: derivedUuid(`substance-use:${c.id}`),
            ...labelled(su.part2 && PART2),
            status: 'current',
            type: { text: 'Intake: substance use' },
            subject: patientRef,
            description: 'Intake: substance use',
            content: textContent('Intake: substance use', su.text),
          } satisfies DocumentReference,
        ]
      : []),
    ...conditionResources(diagnoses, patientRef, addressed),
    ...carePlanResources(input.plans ?? [], patientRef, conditions),
    ...input.notes.flatMap((n) => noteResources(n, patientRef, conditions, plans)),
    ...input.screenings.flatMap((s) => screeningResources(s, patientRef)),
    ...input.consents.map((k) => consentOnFile(k, patientRef)),
    ...input.authorizations.map((a) => authorizationConsent(a, patientRef)),
    ...amendmentResources(input.amendments ?? [], patientRef, c.id),
  ];
  return pruned({
    resourceType: 'Bundle',
    id: derivedUuid(`bundle:${c.id}:${input.timestamp}`),
    type: 'collection',
    timestamp: instant(input.timestamp),
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id ?? ''}`, resource })),
  });
}
