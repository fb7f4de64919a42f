// The legal rules of a release, as pure functions (LEGAL.md): authorization validity, the
// access-request clock, and what a selection may contain under which authority.
import type { ReleaseDetails, Selection } from '../../../preload/contract/releases.ts';

export interface AuthorizationState {
  type: 'hipaa' | 'psychotherapy_notes' | 'part2';
  expiresOn: string | null;
  revokedOn: string | null;
  signerIsRepresentative: boolean;
}

export function authorizationState(a: AuthorizationState, today: string): 'valid' | 'expired' | 'revoked' {
  if (a.revokedOn && a.revokedOn <= today) return 'revoked';
  if (a.expiresOn && a.expiresOn < today) return 'expired';
  return 'valid';
}

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** 45 CFR 164.524(b)(2): act within 30 days; one 30-day extension, given in writing within the first 30. */
export const ACCESS_DAYS = 30;
export const DUE_SOON_DAYS = 7;

export function urgency(dueOn: string | null, today: string, open: boolean): 'overdue' | 'due-soon' | null {
  if (!dueOn || !open) return null;
  if (today > dueOn) return 'overdue';
  if (addDays(today, DUE_SOON_DAYS) >= dueOn) return 'due-soon';
  return null;
}

export interface SelectionContext {
  details: ReleaseDetails;
  authorizations: AuthorizationState[];
  today: string;
  /** The chart holds care a minor lawfully consented to alone (state law). */
  minorConsentedAlone: boolean;
}

/** Why a selection cannot be released under this request, in words for the person approving. */
export function selectionProblems(selection: Selection, c: SelectionContext): string[] {
  const problems: string[] = [];
  const valid = c.authorizations.filter((a) => authorizationState(a, c.today) === 'valid');
  const has = (type: AuthorizationState['type']) => valid.some((a) => a.type === type);
  const kind = c.details.kind;
  if (selection.recordTypes.includes('psychotherapy_notes')) {
    // 164.524(a)(1)(i): excluded from the right of access; 164.508(a)(2): their own authorization.
    if (kind === 'access') problems.push('Psychotherapy notes are excluded from a client’s right of access.');
    else if (kind === 'emergency')
      problems.push('Psychotherapy notes cannot go out as an emergency disclosure.');
    else if (kind === 'third_party' && !has('psychotherapy_notes')) {
      problems.push('Psychotherapy notes need an authorization of their own that names them.');
    } else if (kind === 'legal_order' && !has('psychotherapy_notes')) {
      problems.push(
        'Psychotherapy notes need the client’s psychotherapy-notes authorization, even under an order.',
      );
    }
  }
  if (selection.includePart2) {
    // 42 CFR 2.51: Part 2 records go out in an emergency only to medical personnel treating a
    // bona fide medical emergency, never in a duty-to-warn disclosure.
    if (c.details.kind === 'emergency' && c.details.medicalEmergency !== true)
      problems.push('Records of the Part 2 program cannot go out in a duty-to-warn disclosure.');
    if (kind === 'third_party' && !has('part2'))
      problems.push('Part 2 records need a Part 2 consent (42 CFR 2.31).');
    if (
      c.details.kind === 'legal_order' &&
      !(c.details.orderType === 'court_order' && c.details.meetsPart2Order)
    ) {
      problems.push(
        'Part 2 records go out only under a court order that meets 42 CFR 2.61–2.64, never a subpoena alone.',
      );
    }
  }
  if (
    kind === 'third_party' &&
    !has('hipaa') &&
    selection.recordTypes.some((t) => t !== 'psychotherapy_notes')
  ) {
    problems.push('These records need a valid HIPAA authorization.');
  }
  if (c.minorConsentedAlone) {
    // 164.502(g)(3): for care the minor consented to alone, the guardian does not act for them.
    const byGuardian =
      (c.details.kind === 'access' && c.details.requesterIsRepresentative) ||
      valid.some((a) => a.signerIsRepresentative);
    if (byGuardian) {
      problems.push(
        'This client consented to their own care as a minor: it is never released to, or on the authority of, a guardian.',
      );
    }
  }
  return problems;
}

/** What the request still needs before it can be marked authorized. */
export function authorizationBlockers(
  details: ReleaseDetails,
  authorizations: AuthorizationState[],
  today: string,
): string[] {
  const valid = authorizations.filter((a) => authorizationState(a, today) === 'valid');
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
      return valid.length === 0 ? ['Record the client’s signed authorization.'] : [];
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
