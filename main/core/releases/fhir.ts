// The FHIR R4 bundle of a release, made from exactly the records that leave (the same ones the PDF
// prints) and valid against the official R4 JSON schema: no nulls or empty values, dateTimes with a
// time carry the practice's offset. Patient as much as the recipient needs (164.502(b)); per note an
// Encounter and a DocumentReference; PHQ-9 and GAD-7 as panels with their item answers and total;
// the intake, its risk screening (RiskAssessment) and safety plan (CarePlan), its substance-use
// section; the consents on file and the authorizations the release stands on (Consent).
import { createHash } from 'node:crypto';
import type {
  Bundle,
  CarePlan,
  Coding,
  Consent,
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
import { CONSENT_BASIS_LABELS, CONSENT_LABELS } from '../../../preload/contract/intake.ts';
import { TEMPLATES } from '../../../preload/contract/notes.ts';
import {
  ANSWER_LABELS,
  DIFFICULTY_LABELS,
  INSTRUMENTS,
  SEVERITY_LABELS,
  type Severity,
} from '../../../preload/contract/screening.ts';
import { parseItems, parseRisk, type ConsentWithSignatures, type ReleaseRecords } from './records.ts';

const LOINC = 'http://loinc.org';
const CPT = 'http://www.ama-assn.org/go/cpt';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
// 42 CFR Part 2 records carry the HL7 security label for them.
const PART2_LABEL: Coding[] = [{ system: ACT_CODE, code: '42CFRPart2', display: '42 CFR Part 2' }];
const SURVEY = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] },
];

/**
 * LOINC codes of the instruments (loinc.org: 44249-1 "PHQ-9 quick depression assessment panel",
 * its items 44250-9 … 44260-8, total 44261-6, difficulty 69722-7; 69737-5 "Generalized anxiety
 * disorder 7 item (GAD-7)", its items 69725-0 … 69736-7, total 70274-6, difficulty 69726-8; the
 * item order is the order of the forms in preload/contract/screening.ts).
 */
export const INSTRUMENT_CODES = {
  phq9: {
    panel: { code: '44249-1', display: 'PHQ-9 quick depression assessment panel' },
    total: { code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score' },
    difficulty: '69722-7',
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
    total: { code: '70274-6', display: 'Generalized anxiety disorder 7 item (GAD-7) total score' },
    difficulty: '69726-8',
    items: ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'],
  },
} as const;

const Sections = z.record(z.string(), z.string());

/** A stable UUID for a resource that has no row of its own (an encounter, the intake document). */
export function derivedUuid(name: string): string {
  const h = createHash('sha256').update(`stillwater:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface FhirAuthorization {
  id: string;
  type: 'hipaa' | 'psychotherapy_notes' | 'part2';
  signedOn: string;
  expiresOn: string | null;
  recipientName: string;
  description: string;
}

export interface FhirInput {
  client: ClientRow;
  /** Minimum necessary (164.502(b)): the client's own copy whole; what was selected for others. */
  patientDetail: 'full' | 'contact' | 'identity';
  intake: IntakeRow | null;
  substanceUse: { text: string; part2: boolean } | null;
  notes: ReleaseRecords['notes'];
  screenings: ScreeningRow[];
  consents: ConsentWithSignatures[];
  authorizations: FhirAuthorization[];
  timestamp: string;
}

/** FHIR forbids null, empty strings, empty arrays and empty objects: drop them, deeply. */
export function pruned<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(walk).filter((x) => x !== undefined);
      return items.length > 0 ? items : undefined;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v)
        .map(([k, x]) => [k, walk(x)] as const)
        .filter(([, x]) => x !== undefined);
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    }
    if (v === null || v === '' || (typeof v === 'string' && v.trim() === '')) return undefined;
    return v;
  };
  return walk(value) as T;
}

/** A local date and time at the practice (this computer's zone) as a FHIR dateTime with its offset. */
export function localDateTime(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const offset = -new Date(y, m - 1, d, h, min).getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time}:00${sign}${hh}:${mm}`;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const ref = <T extends Resource>(id: string): Reference<T> => ({ reference: `urn:uuid:${id}` });
const security = (part2: boolean) => (part2 ? { meta: { security: PART2_LABEL } } : {});
const textDocument = (title: string, text: string) => [
  { attachment: { contentType: 'text/plain; charset=utf-8', data: b64(text), title } },
];

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
    ...(contact
      ? {
          telecom: [
            ...(c.phone ? [{ system: 'phone' as const, value: c.phone }] : []),
            ...(full && c.email ? [{ system: 'email' as const, value: c.email }] : []),
          ],
          address: c.address_line1
            ? [
                {
                  line: [c.address_line1, ...(c.address_line2 ? [c.address_line2] : [])],
                  city: c.city ?? undefined,
                  state: c.region ?? undefined,
                  postalCode: c.postal_code ?? undefined,
                },
              ]
            : undefined,
        }
      : {}),
    ...(full && c.gender_identity
      ? {
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/individual-genderIdentity',
              extension: [{ url: 'value', valueCodeableConcept: { text: c.gender_identity } }],
            },
          ],
        }
      : {}),
  };
}

function noteResources(n: ReleaseRecords['notes'][number], patientRef: Reference<Patient>): Resource[] {
  const sections = Sections.parse(JSON.parse(n.sections));
  const template = TEMPLATES[n.template];
  const text = [
    ...template.sections.map((t) => `${t.label}: ${sections[t.key] ?? ''}`),
    ...n.addenda.map((a) => `Addendum (${a.author}, ${a.signedAt}): ${a.text}`),
  ].join('\n\n');
  const out: Resource[] = [];
  const encounterId = derivedUuid(`encounter:${n.id}`);
  const progress = n.kind === 'progress';
  if (progress) {
    const inPerson = n.modality === 'in_person';
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id: encounterId,
      ...security(n.part2 === 1),
      status: 'finished',
      class: {
        system: ACT_CODE,
        code: inPerson ? 'AMB' : 'VR',
        display: inPerson ? 'ambulatory' : 'virtual',
      },
      serviceType: n.service_code ? { coding: [{ system: CPT, code: n.service_code }] } : undefined,
      subject: patientRef,
      period: {
        start: n.start_time ? localDateTime(n.service_date, n.start_time) : n.service_date,
        end: n.end_time ? localDateTime(n.service_date, n.end_time) : undefined,
      },
    };
    out.push(encounter);
  }
  const doc: DocumentReference = {
    resourceType: 'DocumentReference',
    id: n.id,
    ...security(n.part2 === 1),
    status: 'current',
    type: progress
      ? { coding: [{ system: LOINC, code: '11506-3', display: 'Progress note' }] }
      : { text: 'Psychotherapy note' },
    subject: patientRef,
    date: n.signed_at ?? undefined,
    author: [{ display: n.authorName }],
    description: `${progress ? 'Progress note' : 'Psychotherapy note'} of ${n.service_date}`,
    content: textDocument(`${n.service_date} ${template.label}`, text),
    context: progress ? { encounter: [ref(encounterId)] } : undefined,
  };
  out.push(doc);
  return out;
}

function screeningResources(s: ScreeningRow, patientRef: Reference<Patient>): Observation[] {
  const codes = INSTRUMENT_CODES[s.instrument];
  const questions = INSTRUMENTS[s.instrument].items;
  const answers = parseItems(s.items);
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
    code: { coding: [{ system: LOINC, code: codes.items[i] ?? '', display: questions[i] ?? '' }] },
    valueInteger: value,
    interpretation: [{ text: ANSWER_LABELS[value] ?? String(value) }],
  }));
  const total: Observation = {
    ...common,
    id: derivedUuid(`screening:${s.id}:total`),
    code: { coding: [{ system: LOINC, ...codes.total }] },
    valueInteger: s.total,
    interpretation: [{ text: SEVERITY_LABELS[s.severity as Severity] }],
  };
  const difficulty: Observation[] =
    s.difficulty === null
      ? []
      : [
          {
            ...common,
            id: derivedUuid(`screening:${s.id}:difficulty`),
            code: {
              coding: [{ system: LOINC, code: codes.difficulty }],
              text: 'How difficult have these problems made it to do work, take care of things at home, or get along with other people?',
            },
            valueString: DIFFICULTY_LABELS[s.difficulty] ?? String(s.difficulty),
          },
        ];
  const panel: Observation = {
    ...common,
    id: s.id,
    code: { coding: [{ system: LOINC, ...codes.panel }] },
    hasMember: [...items, total, ...difficulty].map((o) => ref(o.id ?? '')),
  };
  return [panel, ...items, total, ...difficulty];
}

function intakeResources(i: IntakeRow, patientRef: Reference<Patient>, clientId: string): Resource[] {
  const risk = parseRisk(i.risk);
  const date = i.completed_at ?? i.updated_at;
  const text = [
    `Presenting concern: ${i.presenting_concern ?? ''}`,
    `Psychiatric history: ${i.psychiatric_history ?? ''}`,
    `Medical history: ${i.medical_history ?? ''}`,
    `Medications: ${i.medications ?? ''}`,
    `Primary care provider: ${[i.pcp_name, i.pcp_phone].filter(Boolean).join(', ')}`,
  ].join('\n');
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
  const assessment: RiskAssessment = {
    resourceType: 'RiskAssessment',
    id: derivedUuid(`risk:${clientId}`),
    status: 'final',
    subject: patientRef,
    occurrenceDateTime: date,
    code: { text: 'Suicide and violence risk screening at intake' },
    prediction: [
      {
        outcome: { text: 'Harm to self or others' },
        qualitativeRisk: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/risk-probability', code: risk.level }],
          text: `${risk.level} risk`,
        },
      },
    ],
    note: [{ text: findings }],
  };
  const out: Resource[] = [
    {
      resourceType: 'DocumentReference',
      id: derivedUuid(`intake:${clientId}`),
      status: 'current',
      type: { text: 'Intake assessment' },
      subject: patientRef,
      date,
      content: textDocument('Intake assessment', text),
    } satisfies DocumentReference,
    assessment,
  ];
  if (risk.safetyPlan) {
    const plan: CarePlan = {
      resourceType: 'CarePlan',
      id: derivedUuid(`safety-plan:${clientId}`),
      status: 'active',
      intent: 'plan',
      title: 'Safety plan',
      description: risk.safetyPlan,
      subject: patientRef,
      created: date,
    };
    out.push(plan);
  }
  return out;
}

function consentOnFile(c: ConsentWithSignatures, patientRef: Reference<Patient>): Consent {
  const treatment = c.kind === 'treatment' || c.kind === 'telehealth';
  const signers = c.signatures
    .map((g) => `${g.signer_name} (${g.signer_role}${g.authority ? `, ${g.authority}` : ''}), ${g.signed_on}`)
    .join('; ');
  const basis = c.basis ? CONSENT_BASIS_LABELS[c.basis] : null;
  return {
    resourceType: 'Consent',
    id: c.id,
    status: 'active',
    scope: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/consentscope',
          code: treatment ? 'treatment' : 'patient-privacy',
        },
      ],
    },
    category: [{ coding: [{ system: LOINC, code: '59284-0', display: 'Patient Consent' }] }],
    patient: patientRef,
    dateTime: c.given_on,
    policyRule: { text: CONSENT_LABELS[c.kind] },
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXml(
        [
          CONSENT_LABELS[c.kind],
          basis ? `Consented by: ${basis}${c.legal_basis ? ` (${c.legal_basis})` : ''}` : '',
          `Signed by ${signers}`,
        ]
          .filter(Boolean)
          .join('. '),
      )}</div>`,
    },
  };
}

function authorizationConsent(a: FhirAuthorization, patientRef: Reference<Patient>): Consent {
  return {
    resourceType: 'Consent',
    id: a.id,
    status: 'active',
    scope: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
    },
    category: [{ coding: [{ system: LOINC, code: '59284-0', display: 'Patient Consent' }] }],
    patient: patientRef,
    dateTime: a.signedOn,
    policyRule: {
      text:
        a.type === 'part2'
          ? '42 CFR 2.31 consent'
          : a.type === 'psychotherapy_notes'
            ? '45 CFR 164.508(a)(2) psychotherapy-notes authorization'
            : '45 CFR 164.508 authorization',
    },
    provision: {
      type: 'permit',
      period: a.expiresOn ? { end: a.expiresOn } : undefined,
      actor: [
        {
          role: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }],
          },
          reference: { display: a.recipientName },
        },
      ],
    },
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXml(a.description)}</div>`,
    },
  };
}

export function buildBundle(input: FhirInput): Bundle {
  const c = input.client;
  const patientRef = ref<Patient>(c.id);
  const resources: Resource[] = [patient(c, input.patientDetail)];
  if (input.intake) resources.push(...intakeResources(input.intake, patientRef, c.id));
  if (input.substanceUse) {
    resources.push({
      resourceType: 'DocumentReference',
      id: derivedUuid(`substance-use:${c.id}`),
      ...security(input.substanceUse.part2),
      status: 'current',
      type: { text: 'Intake: substance use' },
      subject: patientRef,
      content: textDocument('Intake: substance use', input.substanceUse.text),
    } satisfies DocumentReference);
  }
  for (const n of input.notes) resources.push(...noteResources(n, patientRef));
  for (const s of input.screenings) resources.push(...screeningResources(s, patientRef));
  for (const k of input.consents) resources.push(consentOnFile(k, patientRef));
  for (const a of input.authorizations) resources.push(authorizationConsent(a, patientRef));
  return pruned({
    resourceType: 'Bundle',
    id: derivedUuid(`bundle:${c.id}:${input.timestamp}`),
    type: 'collection',
    timestamp: input.timestamp,
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id ?? ''}`, resource })),
  });
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch] ?? ch,
  );
}
