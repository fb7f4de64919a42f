// The written denial of a client's access request (45 CFR 164.524(d)(2)): the basis in plain
// language, the review rights when the ground is reviewable, and how to complain to the practice
// and to the Secretary of HHS; addressed where the client asked to be written to (164.522(b)), with
// the practice's state notice when it set one.
import type { ClientRow } from '../../../db/schema.ts';
import {
  DENIAL_GROUNDS,
  RELEASE_KIND_LABELS,
  type DenialGround,
  type PackageDocument,
  type ReleaseDetails,
} from '../../../preload/contract/releases.ts';
import { formatPhone } from '../../../preload/contract/phone.ts';
import type { LetterAddress } from '../clients/index.ts';
import { clientIdentifier } from './document.ts';

export function denialLetter(input: {
  practice: { name: string; address: string; phone: string | null; privacyContact: string | null };
  client: ClientRow;
  /** From letterAddress: the alternative address when the client asked for confidential communications. */
  to: LetterAddress;
  /** The practice's state-law notice (practice settings), or null. */
  stateNotice: string | null;
  details: ReleaseDetails;
  denial: { ground: DenialGround | null; reviewable: boolean; explanation: string };
  deniedBy: string;
  date: string;
}): PackageDocument {
  const { practice, client, details, denial } = input;
  const contact = practice.privacyContact ?? `the privacy contact of ${practice.name}`;
  const where = `${practice.name}, ${practice.address}${practice.phone ? `, ${formatPhone(practice.phone)}` : ''}`;
  const blocks = [
    {
      label: null,
      text: `Dear ${input.to.name},`,
    },
    {
      label: null,
      text: `On ${details.receivedOn} we received your request (${RELEASE_KIND_LABELS[details.kind].toLowerCase()}). After review, ${input.deniedBy} has decided that we cannot provide ${denial.ground === 'psychotherapy_notes' ? 'the psychotherapy notes you asked for' : 'the records you asked for, for the reason below'}.`,
    },
    {
      label: 'The reason',
      text: `${denial.ground ? `${DENIAL_GROUNDS[denial.ground].label}. ` : ''}${denial.explanation}`,
    },
    {
      label: 'The rest of your record',
      text: 'If only part of your request is affected, we will still give you the rest of the records you asked for, and we will tell you where any record we do not hold is kept, if we know.',
    },
    denial.reviewable
      ? {
          label: 'Your right to a review',
          text: `You may ask that this decision be reviewed by a licensed health care professional chosen by us who did not take part in the original decision. To ask for a review, write to ${contact} at ${where}. We will follow the reviewer's decision and tell you in writing.`,
        }
      : {
          label: 'Review',
          text: 'The law does not provide for a review of a denial on this ground (45 CFR 164.524(a)(1)–(2)).',
        },
    {
      label: 'How to complain',
      text: `If you believe your privacy rights have been violated, you may complain to us: write to ${contact} at ${where}. You may also complain to the Secretary of the U.S. Department of Health and Human Services, Office for Civil Rights, 200 Independence Avenue S.W., Washington, D.C. 20201, by calling 1-877-696-6775, or at www.hhs.gov/ocr/complaints. We will not retaliate against you for filing a complaint.`,
    },
    ...(input.stateNotice ? [{ label: 'Your rights under state law', text: input.stateNotice }] : []),
    { label: null, text: `Sincerely,\n${input.deniedBy}\n${practice.name}` },
  ];
  return {
    title: 'Response to your request for records',
    clientIdentifier: clientIdentifier(client),
    cover: [
      { label: 'From', value: where },
      { label: 'To', value: [input.to.name, ...input.to.lines].join('\n') },
      { label: 'Date', value: input.date },
      { label: 'About', value: `Your request of ${details.receivedOn}` },
    ],
    sections: [{ heading: 'Denial of access', subheading: '45 CFR 164.524(d)', part2: false, blocks }],
    notices: [],
  };
}
