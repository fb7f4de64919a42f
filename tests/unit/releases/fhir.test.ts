// The release package's FHIR R4 bundle, from hand-built rows of obviously fictional people: a full
// client copy validates against HL7's R4 JSON schema with zero errors and nothing null or empty,
// and carries what was selected (PHQ-9/GAD-7 LOINC panels, note times with the practice's offset,
// Part 2 labels exactly on Part 2 records, demographics by need); the schema check itself fails on
// the mistakes a bundle can make.
import { afterEach, describe, expect, it } from 'vitest';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { ClientRow, IntakeRow, ScreeningRow } from '../../../db/schema.ts';
import { buildBundle, derivedUuid, type FhirInput } from '../../../main/core/releases/fhir.ts';
import type { ConsentWithSignatures, ReleaseRecords } from '../../../main/core/releases/records.ts';
import { noteLayout } from '../../../preload/contract/notes.ts';
import { fhirSchemaErrors } from '../../helpers/fhir-schema.ts';

type Note = ReleaseRecords['notes'][number];
type Of<K extends Resource['resourceType']> = Extract<Resource, { resourceType: K }>;

const uuid = (n: number) => `7e57da7a-0000-4000-8000-${String(n).padStart(12, '0')}`;
const CLIENT = uuid(1);
const CLINICIAN = uuid(2);

const client: ClientRow = {
  seq: 1,
  id: CLIENT,
  chart_number: 'TEST-0001',
  legal_first_name: 'Wren',
  legal_last_name: 'Fictitious-Example',
  sort_key: 'fictitious-example wren',
  preferred_name: 'Wrennie',
  pronouns: 'they/them',
  date_of_birth: '2010-06-15',
  gender_identity: 'Nonbinary (synthetic)',
  phone: '(555) 010-0199',
  email: 'wren.fictitious@example.com',
  address_line1: '1 Nowhere Lane',
  address_line2: 'Unit 0',
  city: 'Testville',
  region: 'OR',
  postal_code: '97000',
  voicemail_ok: 1,
  voicemail_number: null,
  text_ok: 0,
  text_number: null,
  email_ok: 1,
  email_address: null,
  insurance_carrier: null,
  insurance_member_id: null,
  insurance_group: null,
  insurance_subscriber_name: null,
  insurance_subscriber_relation: null,
  emergency_name: null,
  emergency_relation: null,
  emergency_phone: null,
  referral_source: null,
  primary_clinician_id: CLINICIAN,
  minor_self_consent_basis: 'Synthetic statute 0.0',
  status: 'active',
  status_date: '2026-01-05',
  status_reason: null,
  created_at: '2026-01-05T17:00:00.000Z',
  created_by: CLINICIAN,
  updated_at: '2026-01-05T17:00:00.000Z',
  confidential_address_line1: null,
  confidential_address_line2: null,
  confidential_city: null,
  confidential_region: null,
  confidential_postal_code: null,
  confidential_phone: null,
  confidential_no_voicemail: 0,
  confidential_note: null,
  confidential_since: null,
};

const note = (id: string, over: Partial<Note> = {}): Note => ({
  seq: 1,
  id,
  client_id: CLIENT,
  author_id: CLINICIAN,
  kind: 'progress',
  template: 'soap',
  service_date: '2026-01-12',
  start_time: '10:00',
  end_time: '10:50',
  duration_minutes: 50,
  service_code: '90834',
  modality: 'in_person',
  location: null,
  participants: null,
  risk_level: 'low',
  risk_plan: null,
  sections: JSON.stringify({
    plan: 'P: synthetic plan',
    subjective: 'S: synthetic report',
    objective: 'O: synthetic observation',
    assessment: 'A: synthetic assessment',
  }),
  part2: 0,
  status: 'signed',
  signed_at: '2026-01-12T19:05:00.000Z',
  content_hash: 'f'.repeat(64),
  cosign_by: null,
  cosigned_by: null,
  cosigned_at: null,
  cosign_hash: null,
  created_at: '2026-01-12T18:00:00.000Z',
  updated_at: '2026-01-12T19:05:00.000Z',
  episode_id: null,
  addressed_diagnoses: null,
  goal_progress: null,
  template_version_id: null,
  authorName: 'Dr. Ada Placeholder',
  authorActive: true,
  addenda: [],
  layout: noteLayout({ template: over.template ?? 'soap' }),
  ...over,
});

const screening = (
  id: string,
  instrument: ScreeningRow['instrument'],
  items: number[],
  severity: string,
  difficulty: number | null,
): ScreeningRow => ({
  id,
  client_id: CLIENT,
  instrument,
  administered_on: '2026-01-12',
  items: JSON.stringify(items),
  total: items.reduce((a, b) => a + b, 0),
  severity,
  item9_positive: instrument === 'phq9' && (items[8] ?? 0) > 0 ? 1 : 0,
  difficulty,
  context: 'intake',
  administered_by: CLINICIAN,
  created_at: '2026-01-12T18:30:00.000Z',
  episode_id: null,
});

const intake: IntakeRow = {
  client_id: CLIENT,
  presenting_concern: 'Synthetic: worry about school',
  psychiatric_history: null,
  medical_history: 'Synthetic: none reported',
  medications: null,
  pcp_name: 'Dr. Sample Primary',
  pcp_phone: null,
  substance_use: 'Synthetic: occasional alcohol',
  substance_use_part2: 1,
  risk: JSON.stringify({
    suicidalIdeation: 'passive',
    suicidePlan: false,
    suicideIntent: false,
    accessToMeans: true,
    selfHarmHistory: false,
    homicidalIdeation: false,
    protectiveFactors: 'Synthetic: a supportive aunt',
    level: 'moderate',
    safetyPlan: 'Synthetic: call the aunt, then 988',
  }),
  status: 'completed',
  completed_at: '2026-01-05T18:00:00.000Z',
  completed_by: CLINICIAN,
  updated_at: '2026-01-05T18:00:00.000Z',
  updated_by: CLINICIAN,
};

const consent = (
  id: string,
  kind: ConsentWithSignatures['kind'],
  basis: ConsentWithSignatures['basis'],
  signer: { name: string; role: string; authority: string | null },
): ConsentWithSignatures => ({
  id,
  client_id: CLIENT,
  kind,
  given_on: '2026-01-05',
  minor_consented_alone: basis === 'minor_alone' ? 1 : 0,
  legal_basis: basis === 'minor_alone' ? 'Synthetic statute 0.0' : null,
  basis,
  notes: null,
  recorded_by: CLINICIAN,
  recorded_at: '2026-01-05T17:30:00.000Z',
  recorded_by_name: 'Dr. Ada Placeholder',
  signatures: [
    {
      id: `${id.slice(0, -1)}9`,
      consent_id: id,
      position: 0,
      signer_name: signer.name,
      signer_role: signer.role,
      authority: signer.authority,
      signed_on: '2026-01-05',
      witness_name: null,
    },
  ],
});

const PROGRESS = uuid(11);
const PART2_NOTE = uuid(12);
const PSYCHOTHERAPY = uuid(13);
const PHQ9 = uuid(21);
const GAD7 = uuid(22);

const fullCopy: FhirInput = {
  client,
  patientDetail: 'full',
  intake,
  substanceUse: { text: 'Synthetic: occasional alcohol', part2: true },
  notes: [
    note(PROGRESS, {
      addenda: [
        {
          id: uuid(14),
          author: 'Dr. Ada Placeholder',
          signedAt: '2026-01-13T16:00:00.000Z',
          text: 'Synthetic late entry',
        },
      ],
    }),
    note(PART2_NOTE, {
      service_date: '2026-07-20',
      start_time: '14:30',
      end_time: '15:15',
      duration_minutes: 45,
      modality: 'video',
      signed_at: '2026-07-20T22:40:00.000Z',
      part2: 1,
      template: 'dap',
      sections: JSON.stringify({ data: 'D: synthetic', assessment: 'A: synthetic', plan: 'P: synthetic' }),
    }),
    note(PSYCHOTHERAPY, {
      kind: 'psychotherapy',
      template: 'free',
      start_time: null,
      end_time: null,
      duration_minutes: null,
      service_code: null,
      modality: null,
      risk_level: null,
      sections: JSON.stringify({ note: 'Synthetic process impressions', plan: 'Synthetic' }),
      addenda: [
        {
          id: uuid(15),
          author: 'Dr. Ada Placeholder',
          signedAt: '2026-01-14T16:00:00.000Z',
          text: 'Synthetic',
        },
      ],
    }),
  ],
  screenings: [
    screening(PHQ9, 'phq9', [2, 1, 2, 1, 0, 1, 1, 0, 2], 'moderate', 2),
    screening(GAD7, 'gad7', [1, 2, 1, 1, 0, 1, 0], 'mild', 1),
  ],
  consents: [
    consent(uuid(31), 'treatment', 'minor_alone', {
      name: 'Wren Fictitious-Example',
      role: 'client',
      authority: null,
    }),
    consent(uuid(32), 'privacy_notice', 'guardian', {
      name: 'Parent Fictitious-Example',
      role: 'guardian',
      authority: 'Parent (synthetic)',
    }),
  ],
  authorizations: [
    {
      id: uuid(41),
      type: 'hipaa',
      signedOn: '2026-02-01',
      expiresOn: '2026-12-31',
      recipientName: 'Dr. Example Receiver',
      description: 'Progress notes & screenings <2026>',
    },
    {
      id: uuid(42),
      type: 'part2',
      signedOn: '2026-02-01',
      expiresOn: null,
      recipientName: 'Example Recovery Clinic',
      description: 'Substance-use records from the Part 2 program',
    },
  ],
  timestamp: '2026-03-02T15:00:00.000Z',
};

const nothingElse: FhirInput = {
  ...fullCopy,
  patientDetail: 'identity',
  intake: null,
  substanceUse: null,
  notes: [],
  screenings: [],
  consents: [],
  authorizations: [],
};

const resources = (b: Bundle): Resource[] => (b.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
const ofType = <K extends Resource['resourceType']>(b: Bundle, type: K): Of<K>[] =>
  resources(b).filter((r): r is Of<K> => r.resourceType === type);
const byId = (b: Bundle, id: string): Resource | undefined => resources(b).find((r) => r.id === id);
const codeOf = (c: { coding?: { code?: string }[] } | undefined) => c?.coding?.[0]?.code;
const decoded = (d: Of<'DocumentReference'>) =>
  Buffer.from(d.content[0]?.attachment.data ?? '', 'base64').toString('utf8');
const labels = (r: Resource) => (r.meta?.security ?? []).map((s) => s.code);

/** Every null, empty string, empty array and empty object, by path. */
function emptyPaths(v: unknown, path = '$'): string[] {
  if (v === null || v === '') return [path];
  if (Array.isArray(v))
    return v.length === 0 ? [path] : v.flatMap((x, i) => emptyPaths(x, `${path}[${String(i)}]`));
  if (typeof v !== 'object') return [];
  const entries = Object.entries(v);
  return entries.length === 0 ? [path] : entries.flatMap(([k, x]) => emptyPaths(x, `${path}.${k}`));
}

/** This computer's offset at a local date and time, worked out with Intl apart from the code under test. */
function zoneOffset(date: string, time: string): string {
  const [y = 0, mo = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(':').map(Number);
  const name =
    new Intl.DateTimeFormat('en-US', { timeZoneName: 'longOffset' })
      .formatToParts(new Date(y, mo - 1, d, h, mi))
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

describe('the bundle of a full client copy', () => {
  const bundle = buildBundle(fullCopy);

  it('validates against the official R4 schema with zero errors', () => {
    expect(fhirSchemaErrors(bundle)).toEqual([]);
  });

  it('has no null, empty string, empty array or empty object anywhere', () => {
    expect(emptyPaths(JSON.parse(JSON.stringify(bundle)))).toEqual([]);
  });

  it('is a collection with a UTC timestamp, urn:uuid fullUrls, valid ids and references that resolve', () => {
    expect(bundle.type).toBe('collection');
    expect(bundle.timestamp).toBe('2026-03-02T15:00:00.000Z');
    const urls = (bundle.entry ?? []).map((e) => e.fullUrl ?? '');
    expect(new Set(urls).size).toBe(urls.length);
    for (const [i, r] of resources(bundle).entries()) {
      expect(r.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
      expect(urls[i]).toBe(`urn:uuid:${r.id ?? ''}`);
      expect(urls[i]).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    const references = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
    expect(references.length).toBeGreaterThan(20);
    for (const r of references) expect(urls).toContain(r.slice('"reference":"'.length, -1));
  });

  it('carries the PHQ-9 as its LOINC panel: nine item answers, the total with its severity, the difficulty', () => {
    const panel = byId(bundle, PHQ9) as Of<'Observation'>;
    expect(codeOf(panel.code)).toBe('44249-1');
    const members = (panel.hasMember ?? []).map((m) =>
      byId(bundle, (m.reference ?? '').replace('urn:uuid:', '')),
    );
    const observations = members.map((m) => m as Of<'Observation'>);
    expect(observations).toHaveLength(11);
    expect(observations.slice(0, 9).map((o) => codeOf(o.code))).toEqual([
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ]);
    expect(observations.slice(0, 9).map((o) => o.valueInteger)).toEqual([2, 1, 2, 1, 0, 1, 1, 0, 2]);
    expect(observations[8]?.code.text).toMatch(/better off dead/);
    const total = observations[9];
    expect(codeOf(total?.code)).toBe('44261-6');
    expect(total?.valueInteger).toBe(10);
    expect(total?.interpretation?.[0]?.text).toBe('Moderate');
    expect(codeOf(observations[10]?.code)).toBe('69722-7');
    expect(observations[10]?.valueString).toBe('Very difficult');
    for (const o of observations) {
      expect(o.subject?.reference).toBe(`urn:uuid:${CLIENT}`);
      expect(o.effectiveDateTime).toBe('2026-01-12');
      expect(o.status).toBe('final');
    }
  });

  it('carries the GAD-7 the same way, with its difficulty', () => {
    const panel = byId(bundle, GAD7) as Of<'Observation'>;
    expect(codeOf(panel.code)).toBe('69737-5');
    const members = (panel.hasMember ?? []).map(
      (m) => byId(bundle, (m.reference ?? '').replace('urn:uuid:', '')) as Of<'Observation'>,
    );
    expect(members.map((o) => codeOf(o.code))).toEqual([
      '69725-0',
      '68509-9',
      '69733-4',
      '69734-2',
      '69735-9',
      '69689-8',
      '69736-7',
      '70274-6',
      '69722-7',
    ]);
    expect(members.map((o) => o.valueInteger ?? o.valueString)).toEqual([
      1,
      2,
      1,
      1,
      0,
      1,
      0,
      6,
      'Somewhat difficult',
    ]);
    expect(members[7]?.interpretation?.[0]?.text).toBe('Mild');
  });

  it('labels exactly the Part 2 records with 42CFRPart2', () => {
    const part2 = resources(bundle)
      .filter((r) => labels(r).includes('42CFRPart2'))
      .map((r) => `${r.resourceType}/${r.id ?? ''}`);
    expect(part2.sort()).toEqual(
      [
        `DocumentReference/${PART2_NOTE}`,
        `Encounter/${derivedUuid(`encounter:${PART2_NOTE}`)}`,
        `DocumentReference/${derivedUuid(`substance-use:${CLIENT}`)}`,
      ].sort(),
    );
    const label = (byId(bundle, PART2_NOTE) as Of<'DocumentReference'>).meta?.security?.[0];
    expect(label).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      code: '42CFRPart2',
    });
  });

  it('writes each progress note as an Encounter with the practice’s offset, class, CPT and a linked document', () => {
    const encounters = ofType(bundle, 'Encounter');
    expect(encounters).toHaveLength(2);
    const [inPerson, video] = encounters;
    expect(inPerson?.period).toEqual({
      start: `2026-01-12T10:00:00${zoneOffset('2026-01-12', '10:00')}`,
      end: `2026-01-12T10:50:00${zoneOffset('2026-01-12', '10:50')}`,
    });
    expect(video?.period?.start).toBe(`2026-07-20T14:30:00${zoneOffset('2026-07-20', '14:30')}`);
    expect(inPerson?.class.code).toBe('AMB');
    expect(video?.class.code).toBe('VR');
    expect(codeOf(inPerson?.serviceType)).toBe('90834');
    expect(inPerson?.status).toBe('finished');
    const doc = byId(bundle, PROGRESS) as Of<'DocumentReference'>;
    expect(codeOf(doc.type)).toBe('11506-3');
    expect(doc.context?.encounter?.[0]?.reference).toBe(`urn:uuid:${inPerson?.id ?? ''}`);
    expect(doc.date).toBe('2026-01-12T19:05:00.000Z');
    expect(doc.content[0]?.attachment.contentType).toBe('text/plain; charset=utf-8');
  });

  it('puts a note’s sections in template order, then its addenda, in the document text', () => {
    const text = decoded(byId(bundle, PROGRESS) as Of<'DocumentReference'>);
    const order = [
      'Subjective: S:',
      'Objective: O:',
      'Assessment: A:',
      'Plan: P:',
      'Addendum by Dr. Ada Placeholder',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('Synthetic late entry');
  });

  it('types a psychotherapy note by text, never links it to an encounter, and labels it PSYTHPN', () => {
    const doc = byId(bundle, PSYCHOTHERAPY) as Of<'DocumentReference'>;
    expect(doc.type).toEqual({ text: 'Psychotherapy note' });
    expect(doc.context).toBeUndefined();
    expect(labels(doc)).toEqual(['PSYTHPN']);
    expect(JSON.stringify(ofType(bundle, 'Encounter'))).not.toContain(PSYCHOTHERAPY);
    expect(decoded(doc)).toContain('Synthetic process impressions');
  });

  it('carries the intake, its risk screening as a RiskAssessment and the safety plan as a CarePlan', () => {
    const intakeDoc = byId(bundle, derivedUuid(`intake:${CLIENT}`)) as Of<'DocumentReference'>;
    expect(decoded(intakeDoc)).toContain('Presenting concern: Synthetic: worry about school');
    expect(decoded(intakeDoc)).not.toContain('occasional alcohol');
    const [risk] = ofType(bundle, 'RiskAssessment');
    expect(risk?.prediction?.[0]?.qualitativeRisk?.coding?.[0]).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/risk-probability',
      code: 'moderate',
    });
    const findings = JSON.stringify(risk);
    for (const f of [
      'Suicidal ideation: passive',
      'plan: no',
      'intent: no',
      'access to means: yes',
      'self-harm: no',
      'homicidal ideation: no',
    ])
      expect(findings).toContain(f);
    expect(risk?.basis?.[0]?.reference).toBe(`urn:uuid:${intakeDoc.id ?? ''}`);
    const [plan] = ofType(bundle, 'CarePlan');
    expect(plan).toMatchObject({
      status: 'active',
      intent: 'plan',
      description: 'Synthetic: call the aunt, then 988',
    });
    const su = byId(bundle, derivedUuid(`substance-use:${CLIENT}`)) as Of<'DocumentReference'>;
    expect(decoded(su)).toBe('Synthetic: occasional alcohol');
  });

  it('carries each consent on file with its scope, category, date, policy and who consented', () => {
    const treatment = byId(bundle, uuid(31)) as Of<'Consent'>;
    const privacy = byId(bundle, uuid(32)) as Of<'Consent'>;
    expect(codeOf(treatment.scope)).toBe('treatment');
    expect(codeOf(privacy.scope)).toBe('patient-privacy');
    for (const c of [treatment, privacy]) {
      expect(codeOf(c.category[0])).toBe('59284-0');
      expect(c.dateTime).toBe('2026-01-05');
      expect(c.patient?.reference).toBe(`urn:uuid:${CLIENT}`);
      expect(c.policy ?? c.policyRule).toBeDefined(); // ppc-1
    }
    expect(treatment.text?.div).toContain('The minor alone, as state law allows (Synthetic statute 0.0)');
    expect(privacy.text?.div).toContain('A parent, guardian or representative');
    expect(privacy.policyRule?.coding?.[0]?.code).toBe('hipaa-npp');
  });

  it('carries each authorization relied on as a permit for its recipient until it expires', () => {
    const hipaa = byId(bundle, uuid(41)) as Of<'Consent'>;
    const part2 = byId(bundle, uuid(42)) as Of<'Consent'>;
    expect(codeOf(hipaa.scope)).toBe('patient-privacy');
    expect(hipaa.provision).toMatchObject({
      type: 'permit',
      period: { start: '2026-02-01', end: '2026-12-31' },
      actor: [{ reference: { display: 'Dr. Example Receiver' } }],
    });
    expect(hipaa.text?.div).toBe(
      '<div xmlns="http://www.w3.org/1999/xhtml">Progress notes &amp; screenings &lt;2026&gt;</div>',
    );
    expect(part2.provision?.period).toEqual({ start: '2026-02-01' });
    expect(part2.provision?.actor?.[0]?.reference.display).toBe('Example Recovery Clinic');
    for (const c of [hipaa, part2]) expect(c.patient?.reference).toBe(`urn:uuid:${CLIENT}`);
  });

  it('gives the client their whole demographics, gender identity as text', () => {
    const [p] = ofType(bundle, 'Patient');
    expect(p?.telecom?.map((t) => t.system)).toEqual(['phone', 'email']);
    expect(p?.address?.[0]).toMatchObject({
      line: ['1 Nowhere Lane', 'Unit 0'],
      city: 'Testville',
      postalCode: '97000',
    });
    expect(p?.name?.map((n) => n.use)).toEqual(['official', 'usual']);
    expect(p?.extension?.[0]?.valueCodeableConcept).toEqual({ text: 'Nonbinary (synthetic)' });
  });
});

describe('the minimum necessary Patient (45 CFR 164.502(b))', () => {
  const patientOf = (detail: FhirInput['patientDetail']) =>
    ofType(buildBundle({ ...fullCopy, patientDetail: detail }), 'Patient')[0];

  it('contact: names, birth date, phone and address, but no email and no gender identity', () => {
    const p = patientOf('contact');
    expect(p?.telecom).toEqual([{ system: 'phone', value: '(555) 010-0199' }]);
    expect(p?.address).toHaveLength(1);
    expect(p?.extension).toBeUndefined();
    expect(JSON.stringify(p)).not.toContain('example.com');
  });

  it('identity: the official name, birth date and chart number only', () => {
    const p = patientOf('identity');
    expect(p?.address).toBeUndefined();
    expect(p?.telecom).toBeUndefined();
    expect(p?.name).toEqual([{ use: 'official', family: 'Fictitious-Example', given: ['Wren'] }]);
    expect(p?.birthDate).toBe('2010-06-15');
    expect(p?.identifier?.[0]?.value).toBe('TEST-0001');
    expect(Object.keys(p ?? {}).sort()).toEqual(['birthDate', 'id', 'identifier', 'name', 'resourceType']);
  });

  it('an identity-only bundle with nothing else validates', () => {
    const bare = buildBundle(nothingElse);
    expect(fhirSchemaErrors(bare)).toEqual([]);
    expect(emptyPaths(bare)).toEqual([]);
    expect(resources(bare).map((r) => r.resourceType)).toEqual(['Patient']);
  });
});

describe('note times in other zones', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });
  const startIn = (tz: string, date: string) => {
    process.env.TZ = tz;
    const input = { ...nothingElse, notes: [note(PROGRESS, { service_date: date })] };
    return ofType(buildBundle(input), 'Encounter')[0]?.period?.start;
  };

  it('follows daylight saving time and half-hour zones', () => {
    expect(startIn('America/Los_Angeles', '2026-01-12')).toBe('2026-01-12T10:00:00-08:00');
    expect(startIn('America/Los_Angeles', '2026-07-13')).toBe('2026-07-13T10:00:00-07:00');
    expect(startIn('Asia/Kolkata', '2026-01-12')).toBe('2026-01-12T10:00:00+05:30');
    expect(startIn('UTC', '2026-01-12')).toBe('2026-01-12T10:00:00+00:00');
  });
});

describe('the schema check fails on the mistakes a bundle can make', () => {
  const broken = () =>
    JSON.parse(JSON.stringify(buildBundle({ ...nothingElse, notes: [note(PROGRESS)] }))) as {
      entry: { resource: Record<string, unknown> }[];
    };

  it('a dateTime with a time but no offset', () => {
    const b = broken();
    const encounter = b.entry.find((e) => e.resource.resourceType === 'Encounter')?.resource;
    if (encounter) encounter.period = { start: '2026-01-12T10:00:00' };
    expect(fhirSchemaErrors(b)).toContainEqual(
      expect.stringMatching(
        /^\/entry\/1\/resource \(Encounter\/.+\)\/period\/start: must match pattern of an R4 dateTime/,
      ),
    );
  });

  it('a null', () => {
    const b = broken();
    const patient = b.entry[0]?.resource;
    if (patient) patient.birthDate = null;
    const errors = fhirSchemaErrors(b);
    expect(errors).toContain('/entry/0/resource/birthDate: is null (omit the property instead)');
    expect(errors).toContainEqual(expect.stringMatching(/Patient\/.+\)\/birthDate: must be string/));
  });

  it('an empty array', () => {
    const b = broken();
    const patient = b.entry[0]?.resource;
    if (patient) patient.telecom = [];
    expect(fhirSchemaErrors(b)).toEqual(['/entry/0/resource/telecom: is an empty array']);
  });

  it('a resource type that is not R4, such as one of Medplum’s own', () => {
    const b = broken();
    b.entry.push({ resource: { resourceType: 'Bot', id: 'bot-1' } });
    expect(fhirSchemaErrors(b)).toContain('resourceType: Bot is not a standard R4 resource type');
    const r4b = broken();
    r4b.entry.push({
      resource: { resourceType: 'SubscriptionStatus', id: 's-1', status: 'active', type: 'heartbeat' },
    });
    expect(fhirSchemaErrors(r4b)).toContain(
      'resourceType: SubscriptionStatus is not a standard R4 resource type',
    );
  });
});
