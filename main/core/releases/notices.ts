// The notices a package carries, by the basis it leaves on (LEGAL.md): the client's own access
// (164.524; Part 2 records given to the patient under 2.23 carry no 2.32 notice and never a
// court-order basis), a copy directed by the client, an authorization (164.508; 2.31/2.32 for
// Part 2 with the consent's scope), a court order or subpoena (164.512(e); 2.61–2.64 for Part 2),
// a duty to warn or mandated report (164.512, never Part 2), a medical emergency (2.51).
import type { PackageDocument, ReleaseDetails } from '../../../preload/contract/releases.ts';
import { requestBasis } from './rules.ts';

/** 42 CFR 2.32(a)(2) as amended by the 2024 final rule (89 FR 12472): the short-form notice. */
export const PART2_NOTICE = '42 CFR part 2 prohibits unauthorized use or disclosure of these records.';

export const HIPAA_REDISCLOSURE_NOTICE =
  'This information has been disclosed to you under the written authorization of the individual it describes ' +
  '(45 CFR 164.508). Once disclosed, it may be redisclosed by the recipient and may no longer be protected by ' +
  'federal privacy regulations. Please handle it as confidential health information.';

export const PSYCHOTHERAPY_NOTICE =
  'The psychotherapy notes in this document are released under an authorization of their own (45 CFR 164.508(a)(2)) and may not be redisclosed without a further authorization.';

export interface UsedAuthority {
  type: 'hipaa' | 'psychotherapy_notes' | 'part2';
  signedBy: string;
  signedOn: string;
  expires: string;
  description: string;
}

export interface NoticeInput {
  details: ReleaseDetails;
  /** Only the authorizations the records actually leave under. */
  used: UsedAuthority[];
  hasPart2: boolean;
  hasPsychotherapy: boolean;
  /** The clinician who decided on a disclosure without authorization. */
  disclosedBy: string | null;
}

type Notice = PackageDocument['notices'][number];

const basisNotice = (text: string): Notice => ({ heading: 'Basis of this release', text });

function part2Consent(used: UsedAuthority[]): Notice[] {
  const consent = used.find((a) => a.type === 'part2');
  return [
    { heading: 'Notice required by 42 CFR 2.32', text: PART2_NOTICE },
    ...(consent
      ? [
          {
            heading: 'Scope of the consent (42 CFR 2.31)',
            text: `Disclosed under the patient's written consent signed by ${consent.signedBy} on ${consent.signedOn} (${consent.expires}), which covers: ${consent.description}. Sections marked "42 CFR Part 2" in this document are the records it covers.`,
          },
        ]
      : []),
  ];
}

export function releaseNotices(n: NoticeInput): Notice[] {
  const d = n.details;
  const pn = n.hasPsychotherapy ? [{ heading: 'Psychotherapy notes', text: PSYCHOTHERAPY_NOTICE }] : [];
  const basis = requestBasis(d);
  switch (basis) {
    case 'access':
      // 42 CFR 2.23: the patient's own access needs no consent and carries no 2.32 notice.
      return [
        basisNotice(
          `Provided to the client under the right of access to their own health information (45 CFR 164.524).${
            n.hasPart2
              ? ' It includes records of the practice’s substance-use treatment program, given to the patient under 42 CFR 2.23.'
              : ''
          }`,
        ),
      ];
    case 'directed_copy':
      return [
        basisNotice(
          'Sent to the person the client named, at the client’s signed, written direction (45 CFR 164.524(c)(3)(ii)).',
        ),
        ...(n.hasPart2 ? part2Consent(n.used) : []),
      ];
    case 'authorization':
      return [
        { heading: 'Notice to the recipient', text: HIPAA_REDISCLOSURE_NOTICE },
        ...pn,
        ...(n.hasPart2 ? part2Consent(n.used) : []),
      ];
    case 'court_order':
      return [
        basisNotice(
          d.kind === 'legal_order'
            ? `Disclosed under a court order (${d.caseNumber}, ${d.court}, issued ${d.issuedOn}), limited to the records it names (45 CFR 164.512(e)(1)(i)).`
            : 'Disclosed under a court order (45 CFR 164.512(e)(1)(i)).',
        ),
        ...pn,
        ...(n.hasPart2
          ? [
              { heading: 'Notice required by 42 CFR 2.32', text: PART2_NOTICE },
              {
                heading: 'Basis of the disclosure (42 CFR 2.61–2.64)',
                text: 'Part 2 records are disclosed under a court order meeting 42 CFR 2.61–2.64. Sections marked "42 CFR Part 2" are the records it covers.',
              },
            ]
          : []),
      ];
    case 'subpoena':
      return [
        basisNotice(
          d.kind === 'legal_order'
            ? `Disclosed in response to a subpoena (${d.caseNumber}, ${d.court}) with ${
                d.assurance === 'qualified_protective_order'
                  ? 'a qualified protective order'
                  : 'written notice to the client'
              } (45 CFR 164.512(e)(1)(ii)).`
            : 'Disclosed in response to a subpoena (45 CFR 164.512(e)(1)(ii)).',
        ),
      ];
    case 'duty_to_warn':
      return [
        basisNotice(
          'Disclosed without authorization, in good faith, to prevent or lessen a serious and imminent threat to the health or safety of a person or the public (45 CFR 164.512(j)). Only what is needed is disclosed; use it for that purpose only.',
        ),
      ];
    case 'mandated_report':
      return [
        basisNotice(
          `Disclosed without authorization as a report required by law${
            d.kind === 'emergency' && d.statute ? ` (${d.statute})` : ''
          } (45 CFR 164.512(a), (b)(1)(ii), (c)). Only what the report needs is disclosed.`,
        ),
      ];
    case 'medical_emergency':
      return [
        {
          heading: 'Basis of the disclosure (42 CFR 2.51)',
          text:
            d.kind === 'emergency'
              ? `Disclosed without consent to ${d.recipient.name}${d.recipientFacility ? `, ${d.recipientFacility}` : ''}, medical personnel treating a bona fide medical emergency, on ${(d.disclosedAt ?? d.receivedOn).replace('T', ' at ')} by ${n.disclosedBy ?? 'the practice'}. Nature of the emergency: ${d.reason}`
              : 'Disclosed without consent to medical personnel treating a bona fide medical emergency.',
        },
        ...(n.hasPart2 ? [{ heading: 'Notice required by 42 CFR 2.32', text: PART2_NOTICE }] : []),
      ];
  }
}
