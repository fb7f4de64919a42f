// Builds the document that will leave the practice, from exactly the approved selection. The
// preview shows this model, the PDF prints it and the FHIR bundle is made from the same records,
// so what the clinician approved is what is sent.
import type { Kysely } from 'kysely';
import type { ClientRow, DB, NoteRow } from '../../../db/schema.ts';
import { CONSENT_LABELS } from '../../../preload/contract/intake.ts';
import { MODALITY_LABELS, SERVICE_CODES, TEMPLATES } from '../../../preload/contract/notes.ts';
import {
  RELEASE_KIND_LABELS,
  RECORD_TYPE_LABELS,
  type PackageDocument,
  type ReleaseDetails,
  type Selection,
} from '../../../preload/contract/releases.ts';
import { INSTRUMENTS, SEVERITY_LABELS, type Severity } from '../../../preload/contract/screening.ts';
import { getIntake, listConsents, listScreenings } from '../clients/intake-queries.ts';
import { addendumHash, noteHash } from '../notes/content-hash.ts';

/** 42 CFR 2.32(a)(2) as amended by the 2024 final rule (89 FR 12472): the short-form notice. */
export const PART2_NOTICE = '42 CFR part 2 prohibits unauthorized use or disclosure of these records.';

export const HIPAA_REDISCLOSURE_NOTICE =
  'This information has been disclosed to you under the written authorization of the individual it describes ' +
  '(45 CFR 164.508). Once disclosed, it may be redisclosed by the recipient and may no longer be protected by ' +
  'federal privacy regulations. Please handle it as confidential health information.';

export interface ReleaseRecords {
  client: ClientRow;
  notes: (NoteRow & { authorName: string; addenda: { author: string; signedAt: string; text: string }[] })[];
  intake: Awaited<ReturnType<typeof getIntake>>;
  screenings: Awaited<ReturnType<typeof listScreenings>>;
  consents: Awaited<ReturnType<typeof listConsents>>;
  /** Notes (or notes whose addenda) no longer match their signed hash: such a selection cannot leave. */
  tampered: string[];
}

const within = (date: string, s: Selection) => date >= s.from && date <= s.to;

/** Rows read per step; the event loop gets a turn between steps, so other calls do not wait behind a big chart. */
const CHUNK = 250;
const yieldTurn = () =>
  new Promise<void>((resolve) => {
    setImmediate(resolve);
  });

type NoteWithAuthor = NoteRow & { authorName: string };

async function selectedNotes(
  db: Kysely<DB>,
  clientId: string,
  s: Selection,
  kinds: ('progress' | 'psychotherapy')[],
): Promise<NoteWithAuthor[]> {
  const out: NoteWithAuthor[] = [];
  let after: { date: string; seq: number } | null = null;
  for (;;) {
    const from = after;
    const rows: NoteWithAuthor[] = await db
      .selectFrom('notes as n')
      .innerJoin('users as u', 'u.id', 'n.author_id')
      .selectAll('n')
      .select('u.display_name as authorName')
      .where('n.client_id', '=', clientId)
      .where('n.status', '=', 'signed')
      .where('n.kind', 'in', kinds)
      .where('n.service_date', '>=', s.from)
      .where('n.service_date', '<=', s.to)
      .$if(!s.includePart2, (q) => q.where('n.part2', '=', 0))
      .$if(from !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb('n.service_date', '>', from?.date ?? ''),
            eb.and([eb('n.service_date', '=', from?.date ?? ''), eb('n.seq', '>', from?.seq ?? 0)]),
          ]),
        ),
      )
      .orderBy('n.service_date')
      .orderBy('n.seq')
      .limit(CHUNK)
      .execute();
    out.push(...rows);
    const last = rows.at(-1);
    if (!last || rows.length < CHUNK) return out;
    after = { date: last.service_date, seq: last.seq };
    await yieldTurn();
  }
}

/**
 * Reads exactly the records a selection names (signed notes only; Part 2 records only if included),
 * and checks every note and addendum against the hash stored when it was signed.
 */
export async function selectRecords(db: Kysely<DB>, clientId: string, s: Selection): Promise<ReleaseRecords> {
  const client = await db
    .selectFrom('clients')
    .selectAll()
    .where('id', '=', clientId)
    .executeTakeFirstOrThrow();
  const kinds: ('progress' | 'psychotherapy')[] = [];
  if (s.recordTypes.includes('progress_notes')) kinds.push('progress');
  if (s.recordTypes.includes('psychotherapy_notes')) kinds.push('psychotherapy');
  const rows = kinds.length === 0 ? [] : await selectedNotes(db, clientId, s, kinds);
  const tampered = new Set<string>();
  for (const [i, n] of rows.entries()) {
    if (noteHash(n, n.signed_at ?? '') !== n.content_hash) tampered.add(n.id);
    if (i % CHUNK === CHUNK - 1) await yieldTurn();
  }
  // The client's addenda in one read, grouped by note (not one query per note).
  const addendaByNote = new Map<string, { author: string; signedAt: string; text: string }[]>();
  if (s.recordTypes.includes('addenda') && rows.length > 0) {
    const wanted = new Set(rows.map((n) => n.id));
    const addenda = await db
      .selectFrom('note_addenda as a')
      .innerJoin('notes as n', 'n.id', 'a.note_id')
      .innerJoin('users as u', 'u.id', 'a.author_id')
      .select([
        'a.id',
        'a.note_id',
        'a.author_id',
        'a.text',
        'a.signed_at',
        'a.content_hash',
        'u.display_name',
      ])
      .where('n.client_id', '=', clientId)
      .orderBy('a.signed_at')
      .execute();
    for (const a of addenda) {
      if (!wanted.has(a.note_id)) continue;
      if (addendumHash(a) !== a.content_hash) tampered.add(a.note_id);
      const list = addendaByNote.get(a.note_id) ?? [];
      list.push({ author: a.display_name, signedAt: a.signed_at, text: a.text });
      addendaByNote.set(a.note_id, list);
    }
  }
  const notes = rows.map((n) => ({ ...n, addenda: addendaByNote.get(n.id) ?? [] }));
  const intake = s.recordTypes.includes('intake') ? await getIntake(db, clientId) : undefined;
  const screenings = s.recordTypes.includes('screenings')
    ? (await listScreenings(db, clientId)).filter((x) => within(x.administered_on, s))
    : [];
  const consents = s.recordTypes.includes('consents') ? await listConsents(db, clientId) : [];
  return { client, notes, intake, screenings, consents, tampered: [...tampered] };
}

export const clientIdentifier = (c: ClientRow): string =>
  `${c.legal_first_name} ${c.legal_last_name} · DOB ${c.date_of_birth} · Chart ${c.chart_number}`;

function recipientOf(d: ReleaseDetails, clientName: string): string {
  switch (d.kind) {
    case 'access':
      return d.directedTo
        ? `${d.directedTo.name}, ${d.directedTo.address} (directed by the client)`
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
      return d.medicalEmergency
        ? `Medical emergency, to medical personnel treating it (42 CFR 2.51): ${d.reason}`
        : `To prevent or lessen a serious and imminent threat (45 CFR 164.512(j)): ${d.reason}`;
  }
}

export function buildDocument(input: {
  practice: { name: string; address: string; privacyContact: string | null };
  details: ReleaseDetails;
  authorizations: {
    type: string;
    signedBy: string;
    signedOn: string;
    expires: string;
    description: string;
  }[];
  selection: Selection;
  records: ReleaseRecords;
  preparedBy: string;
  preparedOn: string;
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
    { label: 'Prepared by', value: `${input.preparedBy} on ${input.preparedOn}` },
    ...(input.practice.privacyContact ? [{ label: 'Questions', value: input.practice.privacyContact }] : []),
  ];
  const sections: PackageDocument['sections'] = [];
  if (s.recordTypes.includes('demographics')) {
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
        { label: 'Phone', text: c.phone ?? '—' },
      ],
    });
  }
  if (r.intake) {
    const i = r.intake;
    const risk = JSON.parse(i.risk) as { level: string; suicidalIdeation: string; safetyPlan: string | null };
    sections.push({
      heading: 'Intake assessment',
      subheading: `Status: ${i.status === 'completed' ? `completed ${(i.completed_at ?? '').slice(0, 10)}` : 'in progress'}`,
      part2: false,
      blocks: [
        { label: 'Presenting concern', text: i.presenting_concern ?? '—' },
        { label: 'Psychiatric history', text: i.psychiatric_history ?? '—' },
        { label: 'Medical history', text: i.medical_history ?? '—' },
        { label: 'Medications', text: i.medications ?? '—' },
        { label: 'Primary care provider', text: [i.pcp_name, i.pcp_phone].filter(Boolean).join(', ') || '—' },
        {
          label: 'Risk screening',
          text: `Risk level ${risk.level}; suicidal ideation ${risk.suicidalIdeation}${risk.safetyPlan ? `. Safety plan: ${risk.safetyPlan}` : ''}`,
        },
      ],
    });
    // Part 2 per record: the substance-use section goes only when the selection includes Part 2.
    if (i.substance_use && (i.substance_use_part2 === 0 || s.includePart2)) {
      sections.push({
        heading: 'Intake: substance use',
        subheading: null,
        part2: i.substance_use_part2 === 1,
        blocks: [{ label: null, text: i.substance_use }],
      });
    }
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
        text: `Total ${String(x.total)} of ${String(INSTRUMENTS[x.instrument].max)} (${SEVERITY_LABELS[x.severity as Severity]}). Item scores, in order: ${(JSON.parse(x.items) as number[]).join(', ')}.`,
      })),
    });
  }
  for (const n of r.notes) {
    const sectionsText = JSON.parse(n.sections) as Record<string, string>;
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
      heading: `${n.kind === 'psychotherapy' ? 'Psychotherapy note' : `Progress note (${TEMPLATES[n.template].label})`}, ${n.service_date}`,
      subheading: `${header ? `${header} · ` : ''}${n.authorName}, signed ${(n.signed_at ?? '').slice(0, 16).replace('T', ' ')} UTC · SHA-256 ${(n.content_hash ?? '').slice(0, 16)}`,
      part2: n.part2 === 1,
      blocks: [
        ...TEMPLATES[n.template].sections.map((t) => ({ label: t.label, text: sectionsText[t.key] ?? '' })),
        ...(n.risk_level
          ? [{ label: 'Risk', text: `${n.risk_level}${n.risk_plan ? `. Plan: ${n.risk_plan}` : ''}` }]
          : []),
        ...n.addenda.map((a) => ({
          label: `Addendum by ${a.author}, ${a.signedAt.slice(0, 10)}`,
          text: a.text,
        })),
      ],
    });
  }
  const notices: PackageDocument['notices'] = [];
  if (details.kind === 'third_party')
    notices.push({ heading: 'Notice to the recipient', text: HIPAA_REDISCLOSURE_NOTICE });
  if (sections.some((x) => x.part2)) {
    const consent = input.authorizations.find((a) => a.type === 'part2');
    notices.push({ heading: 'Notice required by 42 CFR 2.32', text: PART2_NOTICE });
    notices.push(
      consent
        ? {
            heading: 'Scope of the consent (42 CFR 2.31)',
            text: `Disclosed under the patient's written consent signed by ${consent.signedBy} on ${consent.signedOn} (${consent.expires}), which covers: ${consent.description}. Sections marked "42 CFR Part 2" in this document are the records it covers.`,
          }
        : input.details.kind === 'emergency'
          ? {
              heading: 'Basis of the disclosure (42 CFR 2.51)',
              text: 'Disclosed without consent to medical personnel to meet a bona fide medical emergency. Sections marked "42 CFR Part 2" are the records disclosed.',
            }
          : {
              heading: 'Basis of the disclosure (42 CFR 2.61–2.64)',
              text: 'Disclosed under a court order meeting 42 CFR 2.61–2.64. Sections marked "42 CFR Part 2" are the records it covers.',
            },
    );
  }
  if (s.recordTypes.includes('psychotherapy_notes')) {
    notices.push({
      heading: 'Psychotherapy notes',
      text: 'The psychotherapy notes in this document are released under an authorization of their own (45 CFR 164.508(a)(2)) and may not be redisclosed without a further authorization.',
    });
  }
  if (sections.length === 0) {
    sections.push({
      heading: 'No records',
      subheading: null,
      part2: false,
      blocks: [{ label: null, text: 'No records matched the approved selection.' }],
    });
  }
  return { title: 'Release of records', clientIdentifier: clientIdentifier(c), cover, sections, notices };
}
