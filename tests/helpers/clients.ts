// Synthetic client inputs for tests: obviously fictional people.
import type { ClientInput } from '../../preload/contract/clients.ts';
import type { IntakeInput } from '../../preload/contract/intake.ts';

export function adultClient(primaryClinicianId: string, overrides: Partial<ClientInput> = {}): ClientInput {
  return {
    legalFirstName: 'Avery',
    legalLastName: 'Fictus',
    preferredName: 'Ave',
    pronouns: 'they/them',
    dateOfBirth: '1988-07-14',
    genderIdentity: 'Non-binary',
    phone: '(555) 010-4477',
    email: 'avery.fictus@example.com',
    address: { line1: '12 Sample Street', city: 'Springfield', region: 'OR', postalCode: '97401' },
    communication: {
      voicemailOk: true,
      voicemailNumber: '(555) 010-4477',
      textOk: false,
      emailOk: true,
      emailAddress: 'avery.fictus@example.com',
    },
    insurance: {
      carrier: 'Example Health Plan',
      memberId: 'EXM123456',
      groupNumber: 'G-100',
      subscriberName: 'Avery Fictus',
      subscriberRelation: 'self',
    },
    emergencyContact: { name: 'Jordan Fictus', relation: 'Sibling', phone: '(555) 010-9988' },
    referralSource: 'Primary care (synthetic)',
    primaryClinicianId,
    guardians: [],
    ...overrides,
  };
}

export function minorClient(primaryClinicianId: string, overrides: Partial<ClientInput> = {}): ClientInput {
  return adultClient(primaryClinicianId, {
    legalFirstName: 'Riley',
    legalLastName: 'Placeholder',
    preferredName: undefined,
    dateOfBirth: '2013-02-20',
    insurance: undefined,
    guardians: [
      {
        name: 'Morgan Placeholder',
        relation: 'Mother',
        phone: '(555) 010-3030',
        legalAuthority: 'parent',
      },
    ],
    ...overrides,
  });
}

export function intake(clientId: string, overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    clientId,
    presentingConcern: 'Synthetic: low mood and poor sleep for three months.',
    psychiatricHistory: 'Synthetic: no prior treatment.',
    medicalHistory: 'Synthetic: none reported.',
    medications: 'None',
    pcpName: 'Dr. Example Provider',
    pcpPhone: '(555) 010-7000',
    substanceUse: 'Synthetic: social alcohol use.',
    substanceUsePart2: false,
    risk: {
      suicidalIdeation: 'none',
      suicidePlan: false,
      suicideIntent: false,
      accessToMeans: false,
      selfHarmHistory: false,
      homicidalIdeation: false,
      protectiveFactors: 'Supportive sibling',
      level: 'low',
    },
    ...overrides,
  };
}
