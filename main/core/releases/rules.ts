// The legal rules of a release, as pure functions (LEGAL.md): the basis a request stands on,
// authorization validity and what each one covers, the access-request clock, and what a selection
// may ask for under which authority. The per-record decisions are in plan.ts.
import {
  type AuthorizationFields,
  type AuthorizationType,
  RECORD_TYPE_LABELS,
  type RecordType,
  type ReleaseDetails,
  type Selection,
} from '../../../preload/contract/releases.ts';

/**
 * What a request stands on. Every rule and notice switches on this, exhaustively: a new basis
 * without its rules does not compile, and the release matrix test lists a cell for each.
 */
export const REQUEST_BASES = [
  'access',
  'directed_copy',
  'authorization',
  'court_order',
  'subpoena',
  'duty_to_warn',
  'mandated_report',
  'medical_emergency',
] as const;
export type RequestBasis = (typeof REQUEST_BASES)[number];

export function requestBasis(d: ReleaseDetails): RequestBasis {
  switch (d.kind) {
    case 'access':
      // 164.524(c)(3)(ii): a copy the client directs to someone they name is still their access.
      return d.directedTo ? 'directed_copy' : 'access';
    case 'third_party':
      return 'authorization';
    case 'legal_order':
      return d.orderType === 'court_order' ? 'court_order' : 'subpoena';
    case 'emergency':
      return d.situation;
  }
}

export interface AuthorizationView {
  id: string;
  type: AuthorizationType;
  fields: AuthorizationFields;
  expiresOn: string | null;
  revokedOn: string | null;
}

export type AuthorizationStateName = 'valid' | 'expired' | 'revoked';

/** 164.508(b)(5): a revocation takes effect once recorded; 164.508(b)(2)(i): expired is defective. */
export function authorizationState(
  a: Pick<AuthorizationView, 'expiresOn' | 'revokedOn'>,
  today: string,
): AuthorizationStateName {
  if (a.revokedOn && a.revokedOn <= today) return 'revoked';
  if (a.expiresOn && a.expiresOn < today) return 'expired';
  return 'valid';
}

/** Names compared as people write them: case, accents, punctuation and spacing do not matter. */
export function normalizedName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const sameName = (a: string, b: string): boolean => normalizedName(a) === normalizedName(b);

/** The request's recipient and purpose, against which every authorization is read. */
export function requestParty(d: ReleaseDetails): { recipient: string | null; purpose: string | null } {
  switch (d.kind) {
    case 'access':
      return { recipient: d.directedTo?.name ?? null, purpose: null };
    case 'third_party':
      return { recipient: d.recipient.name, purpose: d.purpose };
    case 'legal_order':
      return { recipient: d.recipient.name, purpose: null };
    case 'emergency':
      return { recipient: d.recipient.name, purpose: null };
  }
}

export interface PartyMismatch {
  field: 'recipientName' | 'purpose';
  /** What the authorization says. */
  named: string;
  /** What the request says. */
  requested: string;
}

/**
 * 164.508(c)(1)(iii)-(iv): an authorization reaches only the recipient it names, for the purpose
 * it states. The one check, for recording an authorization and for relying on one later.
 */
export function partyMismatch(d: ReleaseDetails, a: AuthorizationFields): PartyMismatch[] {
  const { recipient, purpose } = requestParty(d);
  const out: PartyMismatch[] = [];
  if (recipient !== null && !sameName(recipient, a.recipientName))
    out.push({ field: 'recipientName', named: a.recipientName, requested: recipient });
  if (purpose !== null && !sameName(purpose, a.purpose))
    out.push({ field: 'purpose', named: a.purpose, requested: purpose });
  return out;
}

/** Only the authorizations that can be relied on today. */
export const usableAuthorizations = (
  auths: readonly AuthorizationView[],
  d: ReleaseDetails,
  today: string,
): AuthorizationView[] => auths.filter((a) => authorizationIssues(a, d, today).length === 0);

/** Why an authorization cannot be relied on today, in words; empty when it can. */
export function authorizationIssues(a: AuthorizationView, d: ReleaseDetails, today: string): string[] {
  const state = authorizationState(a, today);
  const issues: string[] = [];
  if (state === 'revoked') issues.push(`it was revoked on ${a.revokedOn ?? ''}`);
  if (state === 'expired') issues.push(`it expired on ${a.expiresOn ?? ''}`);
  for (const m of partyMismatch(d, a.fields)) {
    issues.push(
      m.field === 'recipientName'
        ? `it names “${m.named}” as recipient, but this request sends to “${m.requested}”`
        : `it states the purpose “${m.named}”, but this request’s purpose is “${m.requested}”`,
    );
  }
  return issues;
}

export const AUTHORIZATION_LABELS: Record<AuthorizationType, string> = {
  hipaa: 'authorization',
  psychotherapy_notes: 'psychotherapy-notes authorization',
  part2: 'Part 2 consent',
};

export const describeAuthorization = (a: AuthorizationView): string =>
  `the ${AUTHORIZATION_LABELS[a.type]} signed by ${a.fields.signedBy} on ${a.fields.signedOn}`;

/** Whether an authorization's description (structured kinds and period) reaches a record. */
export function covers(a: AuthorizationView, recordType: RecordType, date: string): boolean {
  if (!a.fields.recordTypes.includes(recordType)) return false;
  if (a.fields.recordsFrom && date < a.fields.recordsFrom) return false;
  if (a.fields.recordsTo && date > a.fields.recordsTo) return false;
  return true;
}

export { addDays, DUE_SOON_DAYS, dueUrgency as urgency } from '../clock.ts';

/** Which authorizations a record of this kind needs under this basis (LEGAL.md; plan.ts applies it). */
export function authoritiesNeeded(
  basis: RequestBasis,
  record: { psychotherapy: boolean; part2: boolean },
): AuthorizationType[] {
  const need: AuthorizationType[] = [];
  switch (basis) {
    case 'authorization':
      // 164.508(a)(2): psychotherapy notes on their own authorization; everything else on a HIPAA one.
      need.push(record.psychotherapy ? 'psychotherapy_notes' : 'hipaa');
      // 42 CFR 2.31: a Part 2 record also needs the patient's Part 2 consent.
      if (record.part2) need.push('part2');
      break;
    case 'directed_copy':
      // LEGAL.md: a copy sent to someone the client names is not the client's own access (2.23):
      // a Part 2 record in it needs a Part 2 consent.
      if (record.part2) need.push('part2');
      break;
    case 'court_order':
      // 164.508(a)(2): even an order does not reach psychotherapy notes without their authorization.
      if (record.psychotherapy) need.push('psychotherapy_notes');
      break;
    case 'access':
    case 'subpoena':
    case 'duty_to_warn':
    case 'mandated_report':
    case 'medical_emergency':
      break;
  }
  return need;
}

export interface SelectionContext {
  details: ReleaseDetails;
  /** The request's authorizations that can be relied on today (valid, matching recipient and purpose). */
  usable: AuthorizationView[];
}

/** Why a selection cannot be approved under this request, in words for the person approving. */
export function selectionProblems(selection: Selection, c: SelectionContext): string[] {
  const problems: string[] = [];
  const basis = requestBasis(c.details);
  const has = (type: AuthorizationType) => c.usable.some((a) => a.type === type);
  const wantsPn = selection.recordTypes.includes('psychotherapy_notes');
  if (wantsPn) {
    switch (basis) {
      case 'access':
      case 'directed_copy':
        // 164.524(a)(1)(i): excluded from the right of access.
        problems.push('Psychotherapy notes are excluded from a client’s right of access.');
        break;
      case 'authorization':
        if (!has('psychotherapy_notes'))
          problems.push('Psychotherapy notes need an authorization of their own that names them.');
        break;
      case 'court_order':
        if (!has('psychotherapy_notes'))
          problems.push(
            'Psychotherapy notes need the client’s psychotherapy-notes authorization, even under an order.',
          );
        break;
      case 'subpoena':
        problems.push('Psychotherapy notes never go out under a subpoena.');
        break;
      case 'duty_to_warn':
      case 'mandated_report':
      case 'medical_emergency':
        problems.push('Psychotherapy notes cannot go out in a disclosure without authorization.');
        break;
    }
  }
  if (selection.includePart2) {
    switch (basis) {
      case 'access':
      case 'medical_emergency':
        break;
      case 'directed_copy':
      case 'authorization':
        if (!has('part2')) problems.push('Part 2 records need a Part 2 consent (42 CFR 2.31).');
        break;
      case 'court_order':
        if (!(c.details.kind === 'legal_order' && c.details.meetsPart2Order))
          problems.push(
            'Part 2 records go out only under a court order that meets 42 CFR 2.61–2.64, never a subpoena alone.',
          );
        break;
      case 'subpoena':
        problems.push(
          'Part 2 records go out only under a court order that meets 42 CFR 2.61–2.64, never a subpoena alone.',
        );
        break;
      case 'duty_to_warn':
        problems.push('Records of the Part 2 program cannot go out in a duty-to-warn disclosure.');
        break;
      case 'mandated_report':
        problems.push('Records of the Part 2 program cannot go out in a mandated report.');
        break;
    }
  }
  if (basis === 'authorization') {
    // An addendum is covered by what covers its note (plan.ts, addendaWith).
    const others = selection.recordTypes.filter((t) => t !== 'psychotherapy_notes' && t !== 'addenda');
    const hipaa = c.usable.filter((a) => a.type === 'hipaa');
    if (others.length > 0 && hipaa.length === 0)
      problems.push('These records need a valid HIPAA authorization.');
    else {
      const uncovered = others.filter((t) => !hipaa.some((a) => a.fields.recordTypes.includes(t)));
      if (uncovered.length > 0) {
        problems.push(
          `The authorization does not cover ${uncovered.map((t) => RECORD_TYPE_LABELS[t]).join(', ')}: leave ${uncovered.length === 1 ? 'it' : 'them'} out or record an authorization that describes ${uncovered.length === 1 ? 'it' : 'them'}.`,
        );
      }
    }
  }
  // 164.508(c)(1)(i): only the period the authorization describes.
  const periods = c.usable.filter(
    (a) =>
      (a.type === 'hipaa' || (a.type === 'psychotherapy_notes' && wantsPn)) &&
      (a.fields.recordsFrom !== undefined || a.fields.recordsTo !== undefined),
  );
  for (const a of periods) {
    const from = a.fields.recordsFrom ?? selection.from;
    const to = a.fields.recordsTo ?? selection.to;
    if (selection.from < from || selection.to > to) {
      problems.push(
        `${capitalize(describeAuthorization(a))} covers records from ${a.fields.recordsFrom ?? 'the start'} to ${a.fields.recordsTo ?? 'today'}; choose dates within that period.`,
      );
    }
  }
  return problems;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** What the request still needs before it can be marked authorized. */
export function authorizationBlockers(details: ReleaseDetails, usable: AuthorizationView[]): string[] {
  switch (details.kind) {
    case 'access':
      if (details.requesterIsRepresentative && !details.representativeAuthority) {
        return ['Record the representative’s authority to act for the client.'];
      }
      if (details.directedTo && !details.signedDirectionOnFile) {
        return [
          'Sending the copy to someone the client names needs the client’s signed, written direction (164.524(c)(3)(ii)).',
        ];
      }
      return [];
    case 'third_party':
      return usable.some((a) => a.type !== 'part2') ? [] : ['Record the client’s signed authorization.'];
    case 'legal_order':
      return details.orderType === 'subpoena' && details.assurance === 'none'
        ? [
            'A subpoena without a court order needs notice to the client or a qualified protective order (164.512(e)).',
          ]
        : [];
    case 'emergency':
      return [];
  }
}
