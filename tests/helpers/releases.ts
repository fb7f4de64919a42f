// Synthetic release requests and authorizations for tests.
import { execFileSync } from 'node:child_process';
import type { AuthorizationInput, CreateReleaseInput } from '../../preload/contract/releases.ts';

export function hipaaAuthorization(
  requestId: string,
  overrides: Partial<AuthorizationInput> = {},
): AuthorizationInput {
  return {
    requestId,
    type: 'hipaa',
    recordTypes: ['progress_notes', 'addenda', 'screenings'],
    description: 'Progress notes and assessments from January to February 2026',
    disclosingParty: 'Lantern Hill Counseling (Synthetic)',
    recipientName: 'Dr. Example Receiver, Sample Family Medicine',
    recipientAddress: '9 Example Plaza, Springfield, OR 97401',
    purpose: 'Continuity of care',
    expiresOn: '2026-12-31',
    signedBy: 'Avery Fictus',
    signedOn: '2026-02-20',
    signerIsRepresentative: false,
    rightToRevokeStatement: true,
    conditioningStatement: true,
    redisclosureStatement: true,
    ...overrides,
  };
}

/** A psychotherapy-notes authorization (164.508(a)(2)): of its own, naming them. */
export function psychotherapyAuthorization(
  requestId: string,
  overrides: Partial<AuthorizationInput> = {},
): AuthorizationInput {
  return hipaaAuthorization(requestId, {
    type: 'psychotherapy_notes',
    recordTypes: ['psychotherapy_notes'],
    description: 'Psychotherapy notes of January and February 2026',
    ...overrides,
  });
}

/** A Part 2 consent (42 CFR 2.31) naming the synthetic adult client. */
export function part2Consent(
  requestId: string,
  overrides: Partial<AuthorizationInput> = {},
): AuthorizationInput {
  return hipaaAuthorization(requestId, {
    type: 'part2',
    recordTypes: ['progress_notes', 'addenda', 'intake'],
    description: 'Substance-use treatment records (progress notes and intake) of January to February 2026',
    substanceUseDescribed: true,
    howToRevoke: 'In writing to the privacy officer',
    patientName: 'Avery Fictus',
    ...overrides,
  });
}

export function thirdParty(clientId: string): CreateReleaseInput {
  return {
    clientId,
    details: {
      kind: 'third_party',
      receivedOn: '2026-02-20',
      requesterName: 'Sample Family Medicine',
      recipient: {
        name: 'Dr. Example Receiver, Sample Family Medicine',
        address: '9 Example Plaza, Springfield, OR 97401',
      },
      purpose: 'Continuity of care',
      verification: { method: 'signed_request_on_file' },
    },
  };
}

export function accessRequest(clientId: string, receivedOn = '2026-02-20'): CreateReleaseInput {
  return {
    clientId,
    details: {
      kind: 'access',
      receivedOn,
      requesterName: 'Avery Fictus',
      requesterIsRepresentative: false,
      signedDirectionOnFile: false,
      format: 'both',
      verification: { method: 'photo_id', note: 'Synthetic: state ID checked at the desk' },
    },
  };
}

export function courtOrder(clientId: string, overrides: Record<string, unknown> = {}): CreateReleaseInput {
  return {
    clientId,
    details: {
      kind: 'legal_order',
      receivedOn: '2026-02-21',
      orderType: 'court_order',
      court: 'Example County Circuit Court',
      caseNumber: 'SYN-2026-0001',
      issuedOn: '2026-02-18',
      issuedBy: 'Judge Sample (synthetic)',
      recordsNamed: 'Progress notes from January 2026',
      recipient: { name: 'Clerk of the Court', address: '1 Courthouse Square, Springfield, OR 97401' },
      assurance: 'none',
      meetsPart2Order: false,
      verification: { method: 'court_document' },
      ...overrides,
    },
  };
}

/** The text of a PDF (poppler's pdftotext), with the password if it has one. */
export function pdfText(file: string, password?: string): string {
  return execFileSync('pdftotext', [...(password ? ['-upw', password] : []), '-layout', file, '-'], {
    encoding: 'utf8',
  });
}
