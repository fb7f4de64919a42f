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
