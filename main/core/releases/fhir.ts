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
  CodeableConcept,
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
import { CONSENT_BASIS_LABELS, CONSENT_LABELS, type ConsentBasis } from '../../../preload/contract/intake.ts';
import {
  Modality,
  MODALITY_LABELS,
  SERVICE_CODES,
  ServiceCode,
  TEMPLATES,
} from '../../../preload/contract/notes.ts';
import {
  DIFFICULTY_LABELS,
  INSTRUMENTS,
  SEVERITY_LABELS,
  Severity,
} from '../../../preload/contract/screening.ts';
import { parseItems, parseRisk, type ConsentWithSignatures, type ReleaseRecords } from './records.ts';

const LOINC = 'http://loinc.org';
const CPT = 'http://www.ama-assn.org/go/cpt';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const CONSENT_POLICY = 'http://terminology.hl7.org/CodeSystem/consentpolicycodes';
// 42 CFR 2.12: records of a Part 2 program carry HL7's ActPrivacyLaw label for them.
const PART2: Coding = { system: ACT_CODE, code: '42CFRPart2', display: '42 CFR Part2' };
// 45 CFR 164.501, 164.508(a)(2): psychotherapy notes, HL7's ActInformationSensitivityPolicy label.
const PSYTHPN: Coding = {
  system: ACT_CODE,
  code: 'PSYTHPN',
  display: 'psychotherapy note information sensitivity',
};
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

const Sections = z.record(z.string(), z.string());
const Answer = z.number().int().min(0).max(3);

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
  /** ISO instant. */
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
    return v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v;
  };
  return walk(value) as T;
}

/** A local date and time at the practice (this computer's zone) as a FHIR dateTime with its offset. */
export function localDateTime(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const offset = -new Date(y, m - 1, d, h, min).getTimezoneOffset();
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time.slice(0, 5)}:00${offset >= 0 ? '+' : '-'}${hh}:${mm}`;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
/** An R4 instant (DocumentReference.date, Bundle.timestamp): full ISO in UTC. */
const instant = (iso: string): string => new Date(iso).toISOString();
const ref = <T extends Resource>(id: string): Reference<T> => ({ reference: `urn:uuid:${id}` });
const labelled = (...labels: (Coding | false)[]) => {
  const security = labels.filter((l) => l !== false);
  return security.length > 0 ? { meta: { security } } : {};
};
const textContent = (title: string, text: string) => [
  { attachment: { contentType: 'text/plain; charset=utf-8', data: b64(text), title } },
];
const narrative = (text: string) => ({
  status: 'generated' as const,
  div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXml(text)}</div>`,
});
const loinc = (code: string, display?: string): CodeableConcept => ({
  coding: [{ system: LOINC, code, display }],
});

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

function noteResources(n: ReleaseRecords['notes'][number], patientRef: Reference<Patient>): Resource[] {
  const sections = Sections.parse(JSON.parse(n.sections));
  const template = TEMPLATES[n.template];
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
    context: progress ? { encounter: [ref(encounterId)], period } : {},
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

function consentOnFile(c: ConsentWithSignatures, patientRef: Reference<Patient>): Consent {
  const treatment = c.kind === 'treatment' || c.kind === 'telehealth';
  // Rows from before migration 0005 have no basis, only the minor-consented-alone flag.
  const basis: ConsentBasis | null = c.basis ?? (c.minor_consented_alone === 1 ? 'minor_alone' : null);
  const signers = c.signatures.map(
    (g) => `${g.signer_name} (${g.signer_role}${g.authority ? `, ${g.authority}` : ''}), ${g.signed_on}`,
  );
  return {
    resourceType: 'Consent',
    id: c.id,
    text: narrative(
      [
        `${CONSENT_LABELS[c.kind]}, given on ${c.given_on}`,
        basis
          ? `Who consented: ${CONSENT_BASIS_LABELS[basis]}${c.legal_basis ? ` (${c.legal_basis})` : ''}`
          : '',
        signers.length > 0 ? `Signed by ${signers.join('; ')}` : '',
      ]
        .filter(Boolean)
        .join('. '),
    ),
    status: 'active',
    scope: { coding: [{ system: CONSENT_SCOPE, code: treatment ? 'treatment' : 'patient-privacy' }] },
    category: [loinc('59284-0', 'Patient Consent')],
    // ppc-2/ppc-5: a privacy or treatment consent names its patient.
    patient: patientRef,
    dateTime: c.given_on,
    performer: c.signatures.map((g) => ({ display: `${g.signer_name} (${g.signer_role})` })),
    // ppc-1: policy or policyRule.
    policyRule: {
      coding: c.kind === 'privacy_notice' ? [{ system: CONSENT_POLICY, code: 'hipaa-npp' }] : [],
      text: CONSENT_LABELS[c.kind],
    },
  };
}

function authorizationConsent(a: FhirAuthorization, patientRef: Reference<Patient>): Consent {
  const rule =
    a.type === 'part2'
      ? { text: 'Consent to disclose under 42 CFR 2.31' }
      : {
          coding: [{ system: CONSENT_POLICY, code: 'hipaa-auth' }],
          text:
            a.type === 'psychotherapy_notes'
              ? 'Psychotherapy-notes authorization under 45 CFR 164.508(a)(2)'
              : 'Authorization under 45 CFR 164.508',
        };
  return {
    resourceType: 'Consent',
    id: a.id,
    text: narrative(a.description),
    status: 'active',
    scope: { coding: [{ system: CONSENT_SCOPE, code: 'patient-privacy' }] },
    category: [loinc('64292-6', 'Release of information consent')],
    patient: patientRef,
    dateTime: a.signedOn,
    policyRule: rule,
    provision: {
      type: 'permit',
      period: { start: a.signedOn, end: a.expiresOn ?? '' },
      actor: [
        {
          role: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                code: 'IRCP',
                display: 'information recipient',
              },
            ],
          },
          reference: { display: a.recipientName },
        },
      ],
    },
  };
}

export function buildBundle(input: FhirInput): Bundle {
  const c = input.client;
  const patientRef = ref<Patient>(c.id);
  const su = input.substanceUse;
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
    ...input.notes.flatMap((n) => noteResources(n, patientRef)),
    ...input.screenings.flatMap((s) => screeningResources(s, patientRef)),
    ...input.consents.map((k) => consentOnFile(k, patientRef)),
    ...input.authorizations.map((a) => authorizationConsent(a, patientRef)),
  ];
  return pruned({
    resourceType: 'Bundle',
    id: derivedUuid(`bundle:${c.id}:${input.timestamp}`),
    type: 'collection',
    timestamp: instant(input.timestamp),
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id ?? ''}`, resource })),
  });
}

function escapeXml(text: string): string {
  const entities: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
  return text.replace(/[<>&"]/g, (ch) => entities[ch] ?? ch);
}
