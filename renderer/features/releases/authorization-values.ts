// The authorization form's values, prefilled from the request (recipient, purpose) and the practice.
import { todayIso, type ReleaseRecord } from '../../../preload/contract.ts';

export type AuthorizationType = 'hipaa' | 'psychotherapy_notes' | 'part2';

export const AUTHORIZATION_TYPE_LABELS: Record<AuthorizationType, string> = {
  hipaa: 'HIPAA authorization',
  psychotherapy_notes: 'Psychotherapy-notes authorization',
  part2: 'Part 2 consent',
};

export interface AuthorizationValues {
  requestId: string;
  type: AuthorizationType | '';
  description: string;
  disclosingParty: string;
  recipientName: string;
  recipientAddress: string;
  purpose: string;
  expiresOn: string;
  expiryEvent: string;
  signedBy: string;
  signedOn: string;
  signerIsRepresentative: boolean;
  representativeAuthority: string;
  rightToRevokeStatement: boolean;
  conditioningStatement: boolean;
  redisclosureStatement: boolean;
  substanceUseDescribed: boolean;
  howToRevoke: string;
  patientName: string;
}

export function initialAuthorization(record: ReleaseRecord, practiceName: string): AuthorizationValues {
  const d = record.details;
  const recipient = d.kind === 'access' ? d.directedTo : d.recipient;
  return {
    requestId: record.summary.id,
    type: '',
    description: '',
    disclosingParty: practiceName,
    recipientName: recipient?.name ?? '',
    recipientAddress: recipient?.address ?? '',
    purpose: d.kind === 'third_party' ? d.purpose : '',
    expiresOn: '',
    expiryEvent: '',
    signedBy: '',
    signedOn: todayIso(),
    signerIsRepresentative: false,
    representativeAuthority: '',
    rightToRevokeStatement: false,
    conditioningStatement: false,
    redisclosureStatement: false,
    substanceUseDescribed: false,
    howToRevoke: '',
    patientName: record.summary.clientName,
  };
}

/** Every field, so main's field issues find their field. */
export const AUTHORIZATION_FIELDS: readonly (keyof AuthorizationValues)[] = [
  'type',
  'description',
  'disclosingParty',
  'recipientName',
  'recipientAddress',
  'purpose',
  'expiresOn',
  'expiryEvent',
  'signedBy',
  'signedOn',
  'signerIsRepresentative',
  'representativeAuthority',
  'rightToRevokeStatement',
  'conditioningStatement',
  'redisclosureStatement',
  'substanceUseDescribed',
  'howToRevoke',
  'patientName',
];
