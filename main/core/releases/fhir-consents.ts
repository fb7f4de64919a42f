// The consents in a release's FHIR bundle: each consent on file (treatment, privacy notice,
// telehealth, communications, with who consented) and each authorization or Part 2 consent the
// release stands on, as R4 Consent resources (invariants ppc-1, ppc-2, ppc-5 respected).
import type { Consent, Patient, Reference } from '@medplum/fhirtypes';
import { CONSENT_BASIS_LABELS, CONSENT_LABELS, type ConsentBasis } from '../../../preload/contract/intake.ts';
import { CONSENT_POLICY, CONSENT_SCOPE, loinc, narrative } from './fhir-support.ts';
import type { ConsentWithSignatures } from './records.ts';

export interface FhirAuthorization {
  id: string;
  type: 'hipaa' | 'psychotherapy_notes' | 'part2';
  signedOn: string;
  expiresOn: string | null;
  recipientName: string;
  description: string;
}

export function consentOnFile(c: ConsentWithSignatures, patientRef: Reference<Patient>): Consent {
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

export function authorizationConsent(a: FhirAuthorization, patientRef: Reference<Patient>): Consent {
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
