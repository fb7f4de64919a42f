// Builds the document that will leave the practice from exactly the records that leave (the
// approved items at export, the planned ones in a preview). The preview shows this model, the PDF
// prints it and the FHIR bundle is made from the same records, so what was approved is what is sent.
import type { ClientRow } from '../../../db/schema.ts';
import { CONSENT_LABELS } from '../../../preload/contract/intake.ts';
import { formatPhone } from '../../../preload/contract/phone.ts';
import { MODALITY_LABELS, SERVICE_CODES } from '../../../preload/contract/notes.ts';
import {
  EMERGENCY_SITUATION_LABELS,
  RELEASE_KIND_LABELS,
  RECORD_TYPE_LABELS,
  type PackageDocument,
  type ReleaseDetails,
  type Selection,
} from '../../../preload/contract/releases.ts';
import { INSTRUMENTS, SEVERITY_LABELS, type Severity } from '../../../preload/contract/screening.ts';
import { GOAL_PROGRESS_LABELS } from '../../../preload/contract/plans.ts';
import { parseNoteLinks, parseSections } from '../notes/index.ts';
import { amendmentsCoverLine, amendmentSections } from './amendment-sections.ts';
import {
  addressedInRelease,
  addressedWords,
  diagnosisSections,
  marksInRelease,
  planSections,
} from './clinical-sections.ts';
import { releaseNotices, type UsedAuthority } from './notices.ts';
import { parseItems, parseRisk, type ReleaseRecords } from './records.ts';

export const clientIdentifier = (c: ClientRow): string =>
  `${c.legal_first_name} ${c.legal_last_name} · DOB ${c.date_of_birth} · Chart ${c.chart_number}`;

/** Who receives the package, in the words of the disclosure log and the request list. */
export function recipientName(d: ReleaseDetails, clientName: string): string {
  if (d.kind !== 'access') return d.recipient.name;
  if (d.directedTo) return d.directedTo.name;
  // 164.502(g): a personal representative receives the copy in the client's stead.
  return d.requesterIsRepresentative ? `${d.requesterName}, for ${clientName}` : clientName;
}

function recipientOf(d: ReleaseDetails, clientName: string): string {
  switch (d.kind) {
    case 'access':
      if (d.directedTo) return `${d.directedTo.name}, ${d.directedTo.address} (directed by the client)`;
      return d.requesterIsRepresentative
        ? `${d.requesterName} (${d.representativeAuthority ?? 'personal representative'}), for ${clientName}`
        : `${clientName} (the client)`;
    case 'third_party':
    case 'legal_order':
    case 'emergency':
      return `${d.recipient.name}, ${d.recipient.address}`;
  }
}

export function purposeOf(d: ReleaseDetails): string {
  switch (d.kind) {
    case 'access':
      return 'At the request of the individual (right of access, 45 CFR 164.524)';
    case 'third_party':
      return d.purpose;
    case 'legal_order':
      return `${d.orderType === 'court_order' ? 'Court order' : 'Subpoena'} ${d.caseNumber}, ${d.court} (45 CFR 164.512(e))`;
    case 'emergency':
      return `${EMERGENCY_SITUATION_LABELS[d.situation]}: ${d.reason}`;
  }
}

export function buildDocument(input: {
  practice: { name: string; address: string; privacyContact: string | null };
  details: ReleaseDetails;
  /** Only the authorizations the records leave under. */
  authorizations: UsedAuthority[];
  selection: Selection;
  records: ReleaseRecords;
  preparedBy: string;
  preparedOn: string;
  /** The clinician who decided on a disclosure without authorization. */
  disclosedBy: string | null;
}): PackageDocument {
  const { records: r, selection: s, details } = input;
  const c = r.client;
  const clientName = `${c.legal_first_name} ${c.legal_last_name}`;
  const cover = [
    { label: 'From', value: `${input.practice.name}, ${input.practice.address}` },
    { label: 'Client', value: clientIdentifier(c) },
    { label: 'Recipient', value: recipientOf(details, clientName) },
    { label: 'Request', value: `${RELEASE_KIND_LABELS[details.kind]}, received ${details.receivedOn}` },
    { label: 'Purpose', value: purposeOf(details) },
    { label: 'Records', value: s.recordTypes.map((t) => RECORD_TYPE_LABELS[t]).join('; ') },
    { label: 'Dates covered', value: `${s.from} to ${s.to}` },
    ...input.authorizations.map((a) => ({
      label:
        a.type === 'part2'
          ? 'Part 2 consent'
          : a.type === 'psychotherapy_notes'
            ? 'Psychotherapy-notes authorization'
            : 'Authorization',
      value: `Signed by ${a.signedBy} on ${a.signedOn}; ${a.expires}. Covers: ${a.description}`,
    })),
    ...(details.kind === 'legal_order'
      ? [
          {
            label: 'Order',
            value: `Issued ${details.issuedOn} by ${details.issuedBy}; names: ${details.recordsNamed}`,
          },
        ]
      : []),
    ...amendmentsCoverLine(r.amendments),
    { label: 'Prepared by', value: `${input.preparedBy} on ${input.preparedOn}` },
    ...(input.practice.privacyContact ? [{ label: 'Questions', value: input.practice.privacyContact }] : []),
  ];
  const sections: PackageDocument['sections'] = [];
  if (r.demographics) {
    sections.push({
      heading: 'Identification',
      subheading: null,
      part2: false,
      blocks: [
        { label: 'Legal name', text: clientName },
        { label: 'Preferred name', text: c.preferred_name ?? '—' },
        { label: 'Date of birth', text: c.date_of_birth },
        { label: 'Chart number', text: c.chart_number },
        {
          label: 'Address',
          text: c.address_line1
            ? `${c.address_line1}, ${c.city ?? ''}, ${c.region ?? ''} ${c.postal_code ?? ''}`
            : '—',
        },
        { label: 'Phone', text: c.phone ? formatPhone(c.phone) : '—' },
      ],
    });
  }
  if (r.intake) {
    const i = r.intake;
    const risk = parseRisk(i.risk);
    sections.push({
      heading: 'Intake assessment',
      subheading: `Status: ${i.status === 'completed' ? `completed ${(i.completed_at ?? '').slice(0, 10)}` : 'in progress'}`,
      part2: false,
      blocks: [
        { label: 'Presenting concern', text: i.presenting_concern ?? '—' },
        { label: 'Psychiatric history', text: i.psychiatric_history ?? '—' },
        { label: 'Medical history', text: i.medical_history ?? '—' },
        { label: 'Medications', text: i.medications ?? '—' },
        {
          label: 'Primary care provider',
          text: [i.pcp_name, i.pcp_phone && formatPhone(i.pcp_phone)].filter(Boolean).join(', ') || '—',
        },
        {
          label: 'Risk screening',
          text: `Risk level ${risk.level}; suicidal ideation ${risk.suicidalIdeation}${risk.safetyPlan ? `. Safety plan: ${risk.safetyPlan}` : ''}`,
        },
      ],
    });
  }
  // Part 2 per record: the substance-use section is a record of its own (it leaves when planned so).
  if (r.substanceUse) {
    sections.push({
      heading: 'Intake: substance use',
      subheading: null,
      part2: r.substanceUse.part2,
      blocks: [{ label: null, text: r.substanceUse.text }],
    });
  }
  if (r.consents.length > 0) {
    sections.push({
      heading: 'Consents on file',
      subheading: null,
      part2: false,
      blocks: r.consents.map((k) => ({
        label: `${CONSENT_LABELS[k.kind]}, ${k.given_on}`,
        text: k.signatures
          .map((g) => `${g.signer_name} (${g.signer_role}${g.authority ? `, ${g.authority}` : ''})`)
          .join('; '),
      })),
    });
  }
  if (r.screenings.length > 0) {
    sections.push({
      heading: 'Assessments',
      subheading: null,
      part2: false,
      blocks: r.screenings.map((x) => ({
        label: `${INSTRUMENTS[x.instrument].name}, ${x.administered_on}`,
        text: `Total ${String(x.total)} of ${String(INSTRUMENTS[x.instrument].max)} (${SEVERITY_LABELS[x.severity as Severity]}). Item scores, in order: ${parseItems(x.items).join(', ')}.`,
      })),
    });
  }
  sections.push(...diagnosisSections(r.diagnoses), ...planSections(r.plans, r.diagnoses));
  const releasedDiagnoses = new Set(r.diagnoses.map((d) => d.diagnosis.id));
  const releasedPlans = new Set(r.plans.map((p) => p.id));
  for (const n of r.notes) {
    const sectionsText = parseSections(n);
    const links = parseNoteLinks(n);
    const addressed = addressedInRelease(links.addressedDiagnoses, releasedDiagnoses);
    const marks = marksInRelease(links.goalProgress, releasedPlans);
    const code = n.service_code as keyof typeof SERVICE_CODES | null;
    const header = [
      n.start_time && n.end_time
        ? `${n.start_time}–${n.end_time} (${String(n.duration_minutes ?? 0)} min)`
        : null,
      code ? `${code} ${SERVICE_CODES[code]}` : null,
      n.modality ? MODALITY_LABELS[n.modality as keyof typeof MODALITY_LABELS] : null,
    ]
      .filter(Boolean)
      .join(' · ');
    sections.push({
      heading: `${n.kind === 'psychotherapy' ? 'Psychotherapy note' : `Progress note (${n.layout.label})`}, ${n.service_date}`,
      subheading: `${header ? `${header} · ` : ''}${n.authorName}, signed ${(n.signed_at ?? '').slice(0, 16).replace('T', ' ')} UTC · SHA-256 ${(n.content_hash ?? '').slice(0, 16)}`,
      part2: n.part2 === 1,
      blocks: [
        ...n.layout.sections.map((t) => ({ label: t.label, text: sectionsText[t.key] ?? '' })),
        ...(n.risk_level
          ? [{ label: 'Risk', text: `${n.risk_level}${n.risk_plan ? `. Plan: ${n.risk_plan}` : ''}` }]
          : []),
        ...(addressed.length > 0 ? [{ label: 'Diagnoses addressed', text: addressedWords(addressed) }] : []),
        ...(marks.length > 0
          ? [
              {
                label: 'Treatment plan goals addressed',
                text: marks
                  .map(
                    (m) =>
                      `${m.objectiveText ?? m.goalText}: ${GOAL_PROGRESS_LABELS[m.progress]}${m.comment ? ` (${m.comment})` : ''}`,
                  )
                  .join('\n'),
              },
            ]
          : []),
        ...n.addenda.map((a) => ({
          label: `Addendum by ${a.author}, ${a.signedAt.slice(0, 10)}`,
          text: a.text,
        })),
      ],
    });
  }
  // 164.526(c)(3), (d)(4)-(5): the amendment material goes right after the records it concerns.
  sections.push(...amendmentSections(r.amendments));
  const notices = releaseNotices({
    details,
    used: input.authorizations,
    hasPart2: sections.some((x) => x.part2),
    hasPsychotherapy: r.notes.some((n) => n.kind === 'psychotherapy'),
    disclosedBy: input.disclosedBy,
  });
  if (sections.length === 0) {
    sections.push({
      heading: 'No records',
      subheading: null,
      part2: false,
      blocks: [
        {
          label: null,
          text: 'None of the chosen records can leave under this request (see what is not included, and why).',
        },
      ],
    });
  }
  return { title: 'Release of records', clientIdentifier: clientIdentifier(c), cover, sections, notices };
}
