// The new-request form's values (every kind's fields, as typed) and the contract input built from
// them for the chosen kind, so main's field paths (details.recipient.name) land on the same fields.
import {
  todayIso,
  type ClientSummary,
  type CreateReleaseInput,
  type EmergencySituation,
  type PurposeCategory,
  type RECIPIENT_ROLE_LABELS,
  type ReleaseKind,
} from '../../../preload/contract.ts';

/** The contract exports the schema and its labels but no type for the recipient's role. */
export type RecipientRole = keyof typeof RECIPIENT_ROLE_LABELS;

export type VerificationMethod =
  'photo_id' | 'known_to_staff' | 'court_document' | 'signed_request_on_file' | 'other';

export const VERIFICATION_LABELS: Record<VerificationMethod, string> = {
  photo_id: 'Photo ID seen in person',
  known_to_staff: 'Known to staff (voice or face)',
  court_document: 'Court document checked',
  signed_request_on_file: 'Signed request on file',
  other: 'Other (describe in the note)',
};

export interface RequestValues {
  clientId: string;
  /** The client picked, as the picker shows them (kept in the form's draft with the id). */
  client: ClientSummary | null;
  details: {
    kind: ReleaseKind | '';
    receivedOn: string;
    requesterName: string;
    requesterIsRepresentative: boolean;
    representativeAuthority: string;
    directed: boolean;
    directedTo: { name: string; address: string };
    signedDirectionOnFile: boolean;
    format: 'pdf' | 'fhir' | 'both';
    recipient: { name: string; address: string };
    /** 164.522(a): what a client's restriction is matched against. */
    recipientIsHealthPlan: boolean;
    purpose: string;
    purposeCategory: PurposeCategory | '';
    orderType: 'court_order' | 'subpoena' | '';
    court: string;
    caseNumber: string;
    issuedOn: string;
    issuedBy: string;
    recordsNamed: string;
    assurance: 'none' | 'client_notified' | 'qualified_protective_order';
    meetsPart2Order: boolean;
    situation: EmergencySituation | '';
    reason: string;
    clinicianId: string;
    recipientRole: RecipientRole | '';
    recipientFacility: string;
    disclosedAt: string;
    statute: string;
    verification: { method: VerificationMethod | ''; note: string };
  };
}

export const emptyRequest = (): RequestValues => ({
  clientId: '',
  client: null,
  details: {
    kind: '',
    receivedOn: todayIso(),
    requesterName: '',
    requesterIsRepresentative: false,
    representativeAuthority: '',
    directed: false,
    directedTo: { name: '', address: '' },
    signedDirectionOnFile: false,
    format: 'both',
    recipient: { name: '', address: '' },
    recipientIsHealthPlan: false,
    purpose: '',
    purposeCategory: '',
    orderType: '',
    court: '',
    caseNumber: '',
    issuedOn: '',
    issuedBy: '',
    recordsNamed: '',
    assurance: 'none',
    meetsPart2Order: false,
    situation: '',
    reason: '',
    clinicianId: '',
    recipientRole: '',
    recipientFacility: '',
    disclosedAt: '',
    statute: '',
    verification: { method: '', note: '' },
  },
});

const orUndefined = <T extends string>(v: T | ''): T | undefined => (v === '' ? undefined : v);

/** The contract input for the chosen kind (unknown shape when no kind is chosen yet). */
export function toCreateInput(v: RequestValues): unknown {
  const d = v.details;
  const verification = { method: orUndefined(d.verification.method), note: d.verification.note };
  const base = { clientId: v.clientId || undefined };
  switch (d.kind) {
    case 'access':
      return {
        ...base,
        details: {
          kind: 'access',
          receivedOn: d.receivedOn,
          requesterName: d.requesterName,
          requesterIsRepresentative: d.requesterIsRepresentative,
          representativeAuthority: d.requesterIsRepresentative ? d.representativeAuthority : '',
          ...(d.directed ? { directedTo: d.directedTo } : {}),
          signedDirectionOnFile: d.directed && d.signedDirectionOnFile,
          format: d.format,
          verification,
        },
      } satisfies Record<string, unknown>;
    case 'third_party':
      return {
        ...base,
        details: {
          kind: 'third_party',
          receivedOn: d.receivedOn,
          requesterName: d.requesterName,
          recipient: d.recipient,
          recipientIsHealthPlan: d.recipientIsHealthPlan,
          purpose: d.purpose,
          purposeCategory: orUndefined(d.purposeCategory),
          verification,
        },
      };
    case 'legal_order':
      return {
        ...base,
        details: {
          kind: 'legal_order',
          receivedOn: d.receivedOn,
          orderType: orUndefined(d.orderType),
          court: d.court,
          caseNumber: d.caseNumber,
          issuedOn: d.issuedOn,
          issuedBy: d.issuedBy,
          recordsNamed: d.recordsNamed,
          recipient: d.recipient,
          assurance: d.orderType === 'court_order' ? 'none' : d.assurance,
          meetsPart2Order: d.orderType === 'court_order' && d.meetsPart2Order,
          verification,
        },
      };
    case 'emergency':
      return {
        ...base,
        details: {
          kind: 'emergency',
          receivedOn: d.receivedOn,
          situation: orUndefined(d.situation),
          reason: d.reason,
          clinicianId: d.clinicianId || undefined,
          recipient: d.recipient,
          recipientRole: orUndefined(d.recipientRole),
          recipientFacility: d.recipientFacility,
          disclosedAt: d.disclosedAt || undefined,
          statute: d.situation === 'mandated_report' ? d.statute : '',
        },
      };
    case '':
      return { ...base, details: { kind: undefined } };
  }
}

export type CreateInput = CreateReleaseInput;
