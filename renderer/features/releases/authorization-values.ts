// The authorization form's values, prefilled from the request (recipient, purpose) and the practice;
// which kinds of authorization a request can take, and the kinds of record each covers to begin with.
import {
  todayIso,
  type AuthorizationType,
  type RecordType,
  type ReleaseRecord,
} from '../../../preload/contract.ts';

export type { AuthorizationType };

export const AUTHORIZATION_TYPE_LABELS: Record<AuthorizationType, string> = {
  hipaa: 'HIPAA authorization',
  psychotherapy_notes: 'Psychotherapy-notes authorization',
  part2: 'Part 2 consent',
};

export interface AuthorizationValues {
  requestId: string;
  type: AuthorizationType | '';
  recordTypes: RecordType[];
  recordsFrom: string;
  recordsTo: string;
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

/**
 * What a request can rest on (main refuses the rest): a third party any kind; a court order only
 * the psychotherapy-notes authorization (164.508(a)(2)); a copy the client directs to someone only
 * a Part 2 consent (42 CFR 2.23); the client's own copy and a disclosure without authorization none.
 */
export function typesFor(record: ReleaseRecord): AuthorizationType[] {
  const d = record.details;
  switch (d.kind) {
    case 'third_party':
      return ['hipaa', 'psychotherapy_notes', 'part2'];
    case 'legal_order':
      return ['psychotherapy_notes'];
    case 'access':
      return d.directedTo ? ['part2'] : [];
    case 'emergency':
      return [];
  }
}

/**
 * The kinds of record ticked when a kind of authorization is chosen: psychotherapy notes alone on
 * their own form (164.508(b)(3)(ii)); the usual "progress notes and assessments" on a HIPAA form;
 * the notes and intake, where substance-use information is kept, on a Part 2 consent. The person
 * at the desk then ticks exactly what the signed form names.
 */
export const DEFAULT_RECORD_TYPES: Record<AuthorizationType, RecordType[]> = {
  hipaa: ['progress_notes', 'addenda', 'screenings'],
  psychotherapy_notes: ['psychotherapy_notes'],
  part2: ['progress_notes', 'addenda', 'intake'],
};

export function initialAuthorization(record: ReleaseRecord, practiceName: string): AuthorizationValues {
  const d = record.details;
  const recipient = d.kind === 'access' ? d.directedTo : d.recipient;
  const types = typesFor(record);
  const only = types.length === 1 ? types[0] : undefined;
  return {
    requestId: record.summary.id,
    type: only ?? '',
    recordTypes: only ? DEFAULT_RECORD_TYPES[only] : [],
    recordsFrom: '',
    recordsTo: '',
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
  'recordTypes',
  'recordsFrom',
  'recordsTo',
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
