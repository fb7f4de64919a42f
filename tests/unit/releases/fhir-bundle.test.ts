// The FHIR R4 bundle of a release, built from hand-made rows (synthetic people only): valid against
// the official R4 JSON schema with zero errors, with what a receiving system needs to read it right
// — PHQ-9/GAD-7 as LOINC panels, Part 2 labels only on Part 2 records, the client's demographics
// only as far as the recipient needs them, note times with the practice's offset — and the schema
// check itself shown to fail on the mistakes the old bundle made.
import { describe, expect, it } from 'vitest';
import type { ClientRow, IntakeRow, ScreeningRow } from '../../../db/schema.ts';
import { buildBundle, localDateTime, type FhirInput } from '../../../main/core/releases/fhir.ts';
import type { ReleaseRecords } from '../../../main/core/releases/records.ts';
import { fhirSchemaErrors } from '../../helpers/fhir-schema.ts';

const CLIENT_ID = '0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0001';
const client: ClientRow = {
  seq: 1,
  id: CLIENT_ID,
  chart_number: 'SW-00042',
  legal_first_name: 'Łucja',
  legal_last_name: 'Nguyễn',
  sort_key: 'nguyen lucja',
  preferred_name: 'Lu',
  pronouns: null,
  date_of_birth: '2009-04-12',
  gender_identity: 'Female',
  phone: '(555) 010-1111',
  email: 'lucja@example.com',
  address_line1: '1 Sample Street',
  address_line2: null,
  city: 'Springfield',
  region: 'OR',
  postal_code: '97401',
  voicemail_ok: 0,
  voicemail_number: null,
  text_ok: 0,
  text_number: null,
  email_ok: 0,
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
  primary_clinician_id: '0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0002',
  minor_self_consent_basis: null,
  status: 'active',
  status_date: '2026-01-05',
  status_reason: null,
  created_at: '2026-01-05T10:00:00.000Z',
  created_by: '0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0002',
  updated_at: '2026-01-05T10:00:00.000Z',
};

const note = (
  id: string,
  over: Partial<ReleaseRecords['notes'][number]> = {},
): ReleaseRecords['notes'][number] => ({
  seq: 1,
  id,
  client_id: CLIENT_ID,
  author_id: client.primary_clinician_id,
  kind: 'progress',
  template: 'dap',
  service_date: '2026-01-12',
  start_time: '10:00',
  end_time: '10:53',
  duration_minutes: 53,
  service_code: '90834',
  modality: 'video',
  location: null,
  participants: null,
  risk_level: 'low',
  risk_plan: null,
  sections: JSON.stringify({
    data: 'Synthetic data',
    assessment: 'Synthetic assessment',
    plan: 'Synthetic plan',
  }),
  part2: 0,
  status: 'signed',
  signed_at: '2026-01-12T19:00:00.000Z',
  content_hash: 'a'.repeat(64),
  cosign_by: null,
  cosigned_by: null,
  cosigned_at: null,
  created_at: '2026-01-12T18:00:00.000Z',
  updated_at: '2026-01-12T19:00:00.000Z',
  episode_id: null,
  authorName: 'Dr. Ada Testcase',
  authorActive: true,
  addenda: [],
  ...over,
});

const screening = (
  id: string,
  instrument: 'phq9' | 'gad7',
  items: number[],
  difficulty: number | null,
): ScreeningRow => ({
  id,
  client_id: CLIENT_ID,
  instrument,
  administered_on: '2026-01-12',
  items: JSON.stringify(items),
  total: items.reduce((a, b) => a + b, 0),
  severity: 'moderate',
  item9_positive: instrument === 'phq9' && (items[8] ?? 0) > 0 ? 1 : 0,
  difficulty,
  context: 'follow_up',
  administered_by: client.primary_clinician_id,
  created_at: '2026-01-12T10:00:00.000Z',
  episode_id: null,
});

const intake: IntakeRow = {
  client_id: CLIENT_ID,
  presenting_concern: 'Synthetic: low mood',
  psychiatric_history: null,
  medical_history: 'Synthetic: none',
  medications: null,
  pcp_name: null,
  pcp_phone: null,
  substance_use: 'Synthetic: alcohol at weekends',
  substance_use_part2: 1,
  risk: JSON.stringify({
    suicidalIdeation: 'passive',
    suicidePlan: false,
    suicideIntent: false,
    accessToMeans: false,
    selfHarmHistory: true,
    homicidalIdeation: false,
    protectiveFactors: 'Synthetic: close sibling',
    level: 'moderate',
    safetyPlan: 'Synthetic: call the sibling, then the crisis line',
  }),
  status: 'completed',
  completed_at: '2026-01-05T11:00:00.000Z',
  completed_by: client.primary_clinician_id,
  updated_at: '2026-01-05T11:00:00.000Z',
  updated_by: client.primary_clinician_id,
};

const full: FhirInput = {
  client,
  patientDetail: 'full',
  intake,
  substanceUse: { text: 'Synthetic: alcohol at weekends', part2: true },
  notes: [
    note('0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0011', {
      addenda: [
        {
          id: '0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0012',
          author: 'Dr. Ada Testcase',
          signedAt: '2026-01-13T09:00:00.000Z',
          text: 'Synthetic correction',
        },
      ],
    }),
    note('0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0013', { part2: 1, service_date: '2026-01-19' }),
    note('0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0014', {
      kind: 'psychotherapy',
      start_time: null,
      end_time: null,
      service_code: null,
      modality: null,
    }),
  ],
  screenings: [
    screening('0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0021', 'phq9', [2, 2, 1, 1, 1, 2, 1, 0, 1], 1),
    screening('0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0022', 'gad7', [1, 1, 2, 1, 0, 1, 1], null),
  ],
  consents: [
    {
      id: '0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0031',
      client_id: CLIENT_ID,
      kind: 'treatment',
      given_on: '2026-01-05',
      minor_consented_alone: 1,
      legal_basis: 'State minor-consent statute (synthetic citation)',
      basis: 'minor_alone',
      notes: null,
      recorded_by: client.primary_clinician_id,
      recorded_at: '2026-01-05T10:00:00.000Z',
      recorded_by_name: 'Dr. Ada Testcase',
      signatures: [
        {
          id: '0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0032',
          consent_id: '0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0031',
          position: 0,
          signer_name: 'Łucja Nguyễn',
          signer_role: 'client',
          authority: null,
          signed_on: '2026-01-05',
          witness_name: null,
        },
      ],
    },
  ],
  authorizations: [
    {
      id: '0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0041',
      type: 'hipaa',
      signedOn: '2026-02-20',
      expiresOn: '2026-12-31',
      recipientName: 'Dr. Example Receiver',
      description: 'Progress notes <2026>',
    },
    {
      id: '0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0042',
      type: 'part2',
      signedOn: '2026-02-20',
      expiresOn: null,
      recipientName: 'Dr. Example Receiver',
      description: 'Substance-use records',
    },
  ],
  timestamp: '2026-03-02T15:00:00.000Z',
};

type Json = Record<string, unknown>;
const resources = (b: unknown): Json[] => (b as { entry: { resource: Json }[] }).entry.map((e) => e.resource);
const ofType = (b: unknown, t: string) => resources(b).filter((r) => r.resourceType === t);

function emptyPaths(v: unknown, path = '$'): string[] {
  if (v === null || v === '') return [path];
  if (Array.isArray(v))
    return v.length === 0 ? [path] : v.flatMap((x, i) => emptyPaths(x, `${path}[${String(i)}]`));
  if (typeof v === 'object') {
    const entries = Object.entries(v as Json);
    return entries.length === 0 ? [path] : entries.flatMap(([k, x]) => emptyPaths(x, `${path}.${k}`));
  }
  return [];
}

describe('the release bundle', () => {
  const bundle = buildBundle(full);

  it('validates against the official R4 schema with zero errors, with nothing null or empty anywhere', () => {
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(emptyPaths(bundle)).toEqual([]);
  });

  it('carries the PHQ-9 as its LOINC panel: nine item answers, the total and the difficulty', () => {
    const observations = ofType(bundle, 'Observation');
    const code = (o: Json) => ((o.code as { coding: { code: string }[] }).coding[0] ?? { code: '' }).code;
    const panel = observations.find((o) => code(o) === '44249-1');
    expect(panel).toBeDefined();
    const members = (panel?.hasMember as { reference: string }[]).map((m) =>
      m.reference.replace('urn:uuid:', ''),
    );
    expect(members).toHaveLength(11);
    const byId = new Map(observations.map((o) => [o.id as string, o]));
    const items = members.slice(0, 9).map((id) => byId.get(id));
    expect(items.map((o) => (o ? code(o) : ''))).toEqual([
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
    expect(items.map((o) => o?.valueInteger)).toEqual([2, 2, 1, 1, 1, 2, 1, 0, 1]);
    const total = byId.get(members[9] ?? '');
    expect(total && code(total)).toBe('44261-6');
    expect(total?.valueInteger).toBe(11);
    expect(byId.get(members[10] ?? '')?.valueString).toBe('Somewhat difficult');
    const gad = observations.find((o) => code(o) === '69737-5');
    expect((gad?.hasMember as unknown[]).length).toBe(8);
  });

  it('labels exactly the Part 2 records with 42CFRPart2', () => {
    const labelled = resources(bundle)
      .filter((r) => JSON.stringify(r.meta ?? {}).includes('42CFRPart2'))
      .map((r) => `${String(r.resourceType)}:${String(r.id)}`);
    expect(labelled.sort()).toEqual(
      [
        'DocumentReference:0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0013',
        `Encounter:${String(ofType(bundle, 'Encounter').find((e) => JSON.stringify(e).includes('2026-01-19'))?.id)}`,
        `DocumentReference:${String(ofType(bundle, 'DocumentReference').find((d) => JSON.stringify(d.type).includes('substance use'))?.id)}`,
      ].sort(),
    );
  });

  it('writes note times with the practice’s offset, and never links a psychotherapy note to an encounter', () => {
    const first = ofType(bundle, 'Encounter')[0] as { period: { start: string; end: string } };
    expect(first.period.start).toBe(localDateTime('2026-01-12', '10:00'));
    expect(first.period.start).toMatch(/^2026-01-12T10:00:00[+-]\d{2}:\d{2}$/);
    expect(ofType(bundle, 'Encounter')).toHaveLength(2);
    const pn = ofType(bundle, 'DocumentReference').find(
      (d) => d.id === '0b0e4f4e-7d2b-4a51-9b8e-2a4f1c1d0014',
    );
    expect(pn?.context).toBeUndefined();
  });

  it('carries the risk screening, the safety plan, the consent and its basis, and the authorizations', () => {
    expect(ofType(bundle, 'RiskAssessment')).toHaveLength(1);
    expect(ofType(bundle, 'CarePlan')[0]?.description).toBe(
      'Synthetic: call the sibling, then the crisis line',
    );
    const consents = ofType(bundle, 'Consent');
    expect(consents).toHaveLength(3);
    expect(JSON.stringify(consents)).toContain('The minor alone, as state law allows');
    expect(JSON.stringify(consents)).toContain('Progress notes &lt;2026&gt;');
  });

  it('gives the recipient only the demographics it needs', () => {
    const patient = (detail: FhirInput['patientDetail']) =>
      ofType(buildBundle({ ...full, patientDetail: detail }), 'Patient')[0] ?? {};
    expect(patient('full')).toMatchObject({ telecom: [{ system: 'phone' }, { system: 'email' }] });
    const contact = patient('contact');
    expect(JSON.stringify(contact.telecom)).not.toContain('email');
    expect(contact.address).toBeDefined();
    const identity = patient('identity');
    expect(Object.keys(identity).sort()).toEqual(['birthDate', 'id', 'identifier', 'name', 'resourceType']);
    expect(JSON.stringify(identity)).toContain('Łucja');
  });

  it('with nothing but the patient, still validates', () => {
    const bare = buildBundle({
      ...full,
      patientDetail: 'identity',
      intake: null,
      substanceUse: null,
      notes: [],
      screenings: [],
      consents: [],
      authorizations: [],
    });
    expect(fhirSchemaErrors(bare)).toEqual([]);
    expect(ofType(bare, 'Patient')).toHaveLength(1);
  });
});

describe('the schema check fails on the mistakes a bundle can make', () => {
  const encounter = () =>
    structuredClone(
      buildBundle({
        ...full,
        intake: null,
        substanceUse: null,
        screenings: [],
        consents: [],
        authorizations: [],
      }),
    ) as unknown as {
      entry: { resource: Json }[];
    };

  it('a dateTime with a time but no offset', () => {
    const b = encounter();
    const e = b.entry.find((x) => x.resource.resourceType === 'Encounter');
    (e?.resource.period as Json).start = '2026-01-12T10:00:00';
    expect(fhirSchemaErrors(b).join('\n')).toMatch(/Encounter\/.*\/period\/start: must match pattern/);
  });

  it('a null', () => {
    const b = encounter();
    const p = b.entry.find((x) => x.resource.resourceType === 'Patient');
    if (p) p.resource.birthDate = null;
    expect(fhirSchemaErrors(b).join('\n')).toMatch(/Patient\/.*\/birthDate/);
  });

  it('a resource type that is not R4', () => {
    const b = encounter();
    b.entry.push({ resource: { resourceType: 'Bot', id: 'x1' } });
    expect(fhirSchemaErrors(b)).toContain('resourceType: Bot is not a standard R4 resource type');
  });
});
