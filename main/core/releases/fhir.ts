// The FHIR R4 bundle of a release: Patient, Encounter + DocumentReference per note,
// DocumentReference for the intake, Observation per PHQ-9/GAD-7, Consent per authorization.
// Built from the same selected records as the PDF.
import { createHash } from 'node:crypto';
import { TEMPLATES } from '../../../preload/contract/notes.ts';
import type { ReleaseRecords } from './document.ts';

type Resource = Record<string, unknown> & { resourceType: string; id: string };

const LOINC = 'http://loinc.org';
const CPT = 'http://www.ama-assn.org/go/cpt';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
// 42 CFR Part 2 records carry the HL7 security label for them.
const PART2_LABEL = [{ system: ACT_CODE, code: '42CFRPart2', display: '42 CFR Part 2' }];
const SCREENING_CODES = {
  phq9: { code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score' },
  gad7: { code: '70274-6', display: 'Generalized anxiety disorder 7 item (GAD-7) total score' },
} as const;

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

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
  revoked: boolean;
  recipientName: string;
  description: string;
}

export function buildBundle(
  r: ReleaseRecords,
  authorizations: FhirAuthorization[],
  timestamp: string,
): Record<string, unknown> {
  const c = r.client;
  const patientRef = { reference: `urn:uuid:${c.id}` };
  const resources: Resource[] = [
    {
      resourceType: 'Patient',
      id: c.id,
      identifier: [{ system: 'urn:stillwater:chart-number', value: c.chart_number }],
      name: [
        { use: 'official', family: c.legal_last_name, given: [c.legal_first_name] },
        ...(c.preferred_name ? [{ use: 'usual', given: [c.preferred_name] }] : []),
      ],
      birthDate: c.date_of_birth,
      telecom: [
        ...(c.phone ? [{ system: 'phone', value: c.phone }] : []),
        ...(c.email ? [{ system: 'email', value: c.email }] : []),
      ],
      ...(c.address_line1
        ? {
            address: [
              {
                line: [c.address_line1, ...(c.address_line2 ? [c.address_line2] : [])],
                city: c.city,
                state: c.region,
                postalCode: c.postal_code,
              },
            ],
          }
        : {}),
    },
  ];
  if (r.intake) {
    const text = [
      `Presenting concern: ${r.intake.presenting_concern ?? ''}`,
      `Psychiatric history: ${r.intake.psychiatric_history ?? ''}`,
      `Medical history: ${r.intake.medical_history ?? ''}`,
      `Medications: ${r.intake.medications ?? ''}`,
    ].join('\n');
    resources.push({
      resourceType: 'DocumentReference',
      id: derivedUuid(`intake:${c.id}`),
      status: 'current',
      type: { text: 'Intake assessment' },
      subject: patientRef,
      date: r.intake.completed_at ?? r.intake.updated_at,
      content: [{ attachment: { contentType: 'text/plain', data: b64(text), title: 'Intake assessment' } }],
    });
  }
  for (const n of r.notes) {
    const sections = JSON.parse(n.sections) as Record<string, string>;
    const text = [
      ...TEMPLATES[n.template].sections.map((t) => `${t.label}: ${sections[t.key] ?? ''}`),
      ...n.addenda.map((a) => `Addendum (${a.author}, ${a.signedAt}): ${a.text}`),
    ].join('\n\n');
    const encounterId = derivedUuid(`encounter:${n.id}`);
    if (n.kind === 'progress') {
      resources.push({
        resourceType: 'Encounter',
        id: encounterId,
        status: 'finished',
        class: {
          system: ACT_CODE,
          code: n.modality === 'in_person' ? 'AMB' : 'VR',
          display: n.modality === 'in_person' ? 'ambulatory' : 'virtual',
        },
        ...(n.service_code ? { serviceType: { coding: [{ system: CPT, code: n.service_code }] } } : {}),
        subject: patientRef,
        period: {
          start: `${n.service_date}${n.start_time ? `T${n.start_time}:00` : ''}`,
          ...(n.end_time ? { end: `${n.service_date}T${n.end_time}:00` } : {}),
        },
        ...(n.part2 === 1 ? { meta: { security: PART2_LABEL } } : {}),
      });
    }
    resources.push({
      resourceType: 'DocumentReference',
      id: n.id,
      status: 'current',
      type:
        n.kind === 'progress'
          ? { coding: [{ system: LOINC, code: '11506-3', display: 'Progress note' }] }
          : { text: 'Psychotherapy note' },
      subject: patientRef,
      date: n.signed_at,
      author: [{ display: n.authorName }],
      ...(n.part2 === 1 ? { meta: { security: PART2_LABEL } } : {}),
      content: [
        {
          attachment: {
            contentType: 'text/plain',
            data: b64(text),
            title: `${n.service_date} ${TEMPLATES[n.template].label}`,
          },
        },
      ],
      ...(n.kind === 'progress'
        ? { context: { encounter: [{ reference: `urn:uuid:${encounterId}` }] } }
        : {}),
    });
  }
  for (const s of r.screenings) {
    resources.push({
      resourceType: 'Observation',
      id: s.id,
      status: 'final',
      category: [
        {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }],
        },
      ],
      code: { coding: [{ system: LOINC, ...SCREENING_CODES[s.instrument] }] },
      subject: patientRef,
      effectiveDateTime: s.administered_on,
      valueInteger: s.total,
      interpretation: [{ text: s.severity }],
    });
  }
  for (const a of authorizations) {
    resources.push({
      resourceType: 'Consent',
      id: a.id,
      status: a.revoked ? 'inactive' : 'active',
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
        ...(a.expiresOn ? { period: { end: a.expiresOn } } : {}),
        actor: [
          {
            role: {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' },
              ],
            },
            reference: { display: a.recipientName },
          },
        ],
        data: [],
      },
      text: {
        status: 'generated',
        div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXml(a.description)}</div>`,
      },
    });
  }
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp,
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch] ?? ch,
  );
}
