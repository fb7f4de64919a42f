// The letters of an amendment request (45 CFR 164.526), as documents for writeLetter: the denial
// with its four required parts ((d)(1)), the acceptance ((c)(2)), the copy of the practice's
// rebuttal ((d)(3)) and the notice to each person the client agreed should be told ((c)(3)).
// Letters to the client are addressed through letterAddress (confidential communications).
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { formatPhone } from '../../../preload/contract/phone.ts';
import { STATEMENT_MAX } from '../../../preload/contract/amendments.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import type { LetterAddress } from '../clients/index.ts';
import { DENIAL_BASIS_WORDS } from './for-release.ts';
import type { AmendmentRow } from './queries.ts';

export interface LetterFacts {
  practice: { name: string; address: string; phone: string | null; privacyContact: string | null };
  /** "Avery Fictus · DOB … · Chart …": printed on every page. */
  clientIdentifier: string;
  clientName: string;
  to: LetterAddress;
  stateNotice: string | null;
  request: AmendmentRow;
  /** The records named, in words. */
  records: string[];
  signedBy: string;
  date: string;
}

const where = (p: LetterFacts['practice']) =>
  `${p.name}, ${p.address}${p.phone ? `, ${formatPhone(p.phone)}` : ''}`;

/** 164.526(d)(1)(iv): the contact person or office by name or title, with the practice's telephone. */
const reach = (p: LetterFacts['practice']) =>
  `${p.privacyContact ?? `the privacy contact of ${p.name}`}, ${p.name}, ${p.address}${p.phone ? ` (telephone ${formatPhone(p.phone)})` : ''}`;

const recordsText = (f: LetterFacts) => f.records.map((r) => `• ${r}`).join('\n');

function letter(
  f: LetterFacts,
  title: string,
  heading: string,
  blocks: PackageDocument['sections'][number]['blocks'],
): PackageDocument {
  return {
    title,
    clientIdentifier: f.clientIdentifier,
    cover: [
      { label: 'From', value: where(f.practice) },
      { label: 'To', value: [f.to.name, ...f.to.lines].join('\n') },
      { label: 'Date', value: usDate(f.date) },
      { label: 'About', value: `The request to amend records received on ${usDate(f.request.received_on)}` },
    ],
    sections: [
      {
        heading,
        subheading: '45 CFR 164.526',
        part2: false,
        blocks: [
          ...blocks,
          ...(f.stateNotice ? [{ label: 'Your rights under state law', text: f.stateNotice }] : []),
          { label: null, text: `Sincerely,\n${f.signedBy}\n${f.practice.name}` },
        ],
      },
    ],
    notices: [],
  };
}

/** 164.526(d)(1): basis; statement of disagreement and how; the request and denial with later disclosures; complaints. */
export function denialLetter(f: LetterFacts): PackageDocument {
  const r = f.request;
  const contact = reach(f.practice);
  const basis = r.denial_basis ? DENIAL_BASIS_WORDS[r.denial_basis] : '';
  return letter(f, 'Response to your request to amend your record', 'Denial of your request to amend', [
    { label: null, text: `Dear ${f.to.name},` },
    {
      label: null,
      text: `On ${usDate(r.received_on)} we received your written request to amend these records:\n${recordsText(f)}\nAfter review, ${f.signedBy} has decided not to make the amendment you asked for.`,
    },
    { label: '1. The reason', text: [basis, r.denial_explanation ?? ''].filter((s) => s !== '').join(' ') },
    {
      label: '2. Your right to disagree',
      text: `You may file a written statement disagreeing with this decision and saying why. Please keep it to ${STATEMENT_MAX.toLocaleString('en-US')} characters (about one page). Send or bring it to ${contact}. We will add it to your record. We may write a reply (a rebuttal); if we do, we will send you a copy. From then on, whenever we disclose the records above, we will include your request, this letter, your statement and any reply.`,
    },
    {
      label: '3. If you do not file a statement',
      text: `If you do not file a statement of disagreement, you may ask us to include your request and this letter whenever we disclose the records above in the future. To ask, write to ${contact}.`,
    },
    {
      label: '4. How to complain',
      text: `If you believe your privacy rights have been violated, you may complain to us: contact ${contact}. You may also complain to the Secretary of the U.S. Department of Health and Human Services, Office for Civil Rights, 200 Independence Avenue S.W., Washington, D.C. 20201, by calling 1-877-696-6775, or at www.hhs.gov/ocr/complaints. We will not retaliate against you for filing a complaint.`,
    },
  ]);
}

/** 164.526(c)(2): the client is told the amendment was made, and whom we will tell. */
export function acceptanceLetter(f: LetterFacts, notify: string[]): PackageDocument {
  const r = f.request;
  return letter(f, 'Your request to amend your record', 'Your amendment was accepted', [
    { label: null, text: `Dear ${f.to.name},` },
    {
      label: null,
      text: `On ${usDate(r.received_on)} we received your written request to amend these records:\n${recordsText(f)}\nWe have accepted it. The original records are kept unchanged, and this amendment has been added to each of them; it will go with them whenever they are disclosed.`,
    },
    { label: 'The amendment', text: r.amendment_text ?? '' },
    {
      label: 'Who will be told',
      text:
        notify.length > 0
          ? `With your agreement, we are telling these people and organizations about the amendment:\n${notify.map((n) => `• ${n}`).join('\n')}`
          : 'You have not yet agreed to a list of people to tell about the amendment. Please tell us whom you would like us to inform, including anyone who may have relied on the information.',
    },
  ]);
}

/** 164.526(d)(3): a copy of the practice's rebuttal goes to the client. */
export function rebuttalLetter(f: LetterFacts): PackageDocument {
  const r = f.request;
  return letter(
    f,
    'Our reply to your statement of disagreement',
    'Rebuttal to your statement of disagreement',
    [
      { label: null, text: `Dear ${f.to.name},` },
      {
        label: null,
        text: `On ${usDate(r.statement_filed_on ?? '')} you filed a statement disagreeing with our decision of ${usDate(r.decided_on ?? '')} about your request to amend these records:\n${recordsText(f)}\nYour statement is part of your record. Below is our reply, which is also kept with the record. Your request, our decision, your statement and this reply will go with these records whenever they are disclosed.`,
      },
      { label: 'Our reply', text: r.rebuttal_text ?? '' },
    ],
  );
}

/** 164.526(c)(3): the amendment, to someone the client agreed should be told. */
export function noticeLetter(f: LetterFacts): PackageDocument {
  const r = f.request;
  return letter(f, 'Notice of an amendment to health information', 'Amendment to records you received', [
    { label: null, text: `Dear ${f.to.name},` },
    {
      label: null,
      text: `You received, or may have relied on, health information from ${f.practice.name} about ${f.clientName}. At ${f.clientName}'s request, the following records have been amended on ${usDate(r.decided_on ?? '')}:\n${recordsText(f)}\nPlease add this amendment to the copy you hold.`,
    },
    { label: 'The amendment', text: r.amendment_text ?? '' },
    {
      label: 'Confidentiality',
      text: 'This notice contains protected health information. Keep it with the records it amends and protect it as you protect them.',
    },
  ]);
}

/** 164.526(b)(2)(ii): the written statement of why more time is needed and by when the answer comes. */
export function extensionLetter(f: LetterFacts): PackageDocument {
  const r = f.request;
  return letter(f, 'Your request to amend your record: more time needed', 'Extension of the time to answer', [
    { label: null, text: `Dear ${f.to.name},` },
    {
      label: null,
      text: `On ${usDate(r.received_on)} we received your written request to amend these records:\n${recordsText(f)}\nWe need more time to answer it, for this reason:`,
    },
    { label: 'Why', text: r.extension_reason ?? '' },
    {
      label: 'When you will hear from us',
      text: `We will answer your request by ${usDate(r.extended_due_on ?? '')}. This is the only extension the rule allows.`,
    },
  ]);
}
