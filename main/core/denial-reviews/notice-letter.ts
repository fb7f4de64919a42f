// The written notice of a review's determination to the client (45 CFR 164.524(d)(4): prompt
// written notice of the reviewing official's determination). Addressed where letterAddress says
// (a confidential-communications address when the client asked for one).
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { formatPhone } from '../../../preload/contract/phone.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import type { LetterAddress } from '../clients/index.ts';
import type { ReviewRow } from './queries.ts';

export interface NoticePractice {
  name: string;
  address: string;
  phone: string | null;
  privacyContact: string | null;
}

export function noticeLetter(input: {
  practice: NoticePractice;
  to: LetterAddress;
  chartNumber: string;
  review: ReviewRow & { outcome: 'upheld' | 'reversed'; reasons: string; decided_on: string };
  date: string;
}): PackageDocument {
  const { practice, to, review } = input;
  const where = `${practice.name}, ${practice.address}${practice.phone ? `, ${formatPhone(practice.phone)}` : ''}`;
  const contact = practice.privacyContact ?? `the privacy contact of ${practice.name}`;
  const reviewer = `${review.reviewer_name}${review.reviewer_credentials ? `, ${review.reviewer_credentials}` : ''}`;
  const reversed = review.outcome === 'reversed';
  const blocks = [
    { label: null, text: `Dear ${to.name},` },
    {
      label: null,
      text: `On ${usDate(review.received_on)} you asked that our decision of ${usDate(review.denied_at.slice(0, 10))} to deny your request for your records be reviewed. The review was made by ${reviewer}, a licensed health care professional chosen by us who did not take part in the original decision.`,
    },
    {
      label: 'The determination',
      text: reversed
        ? `On ${usDate(review.decided_on)} the reviewer reversed the denial. We will follow this determination and provide the records you asked for.`
        : `On ${usDate(review.decided_on)} the reviewer upheld the denial. We will follow this determination.`,
    },
    { label: 'The reviewer’s reasons', text: review.reasons },
    reversed
      ? {
          label: 'What happens next',
          text: `We are preparing your records in the form and format you asked for. If you have questions, write to ${contact} at ${where}.`,
        }
      : {
          label: 'The rest of your record',
          text: 'If only part of your request was denied, we will still give you the rest of the records you asked for.',
        },
    {
      label: 'How to complain',
      text: `If you believe your privacy rights have been violated, you may complain to us: write to ${contact} at ${where}. You may also complain to the Secretary of the U.S. Department of Health and Human Services, Office for Civil Rights, 200 Independence Avenue S.W., Washington, D.C. 20201, by calling 1-877-696-6775, or at www.hhs.gov/ocr/complaints. We will not retaliate against you for filing a complaint.`,
    },
    { label: null, text: `Sincerely,\n${practice.name}` },
  ];
  return {
    title: 'The review of our decision on your request for records',
    clientIdentifier: `${to.name} · Chart ${input.chartNumber}`,
    cover: [
      { label: 'From', value: where },
      { label: 'To', value: [to.name, ...to.lines].join('\n') },
      { label: 'Date', value: usDate(input.date) },
      { label: 'About', value: `Your request for review of ${usDate(review.received_on)}` },
    ],
    sections: [
      {
        heading: reversed ? 'The denial was reversed on review' : 'The denial was upheld on review',
        subheading: '45 CFR 164.524(d)(4)',
        part2: false,
        blocks,
      },
    ],
    notices: [],
  };
}
