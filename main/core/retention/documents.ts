// The retention room's letters, as documents for the release writer (layout 'letter'): the
// certificate of a chart's destruction (no name, no birth date: the chart number, the dates, the
// rule, the reason, who approved it and what was removed) and the answer to a client's request to
// delete their record (the retention rule that applies, 45 CFR 164.530(j)(2) and state law).
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import type { LetterAddress } from '../clients/index.ts';

export interface PracticeLines {
  name: string;
  address: string;
  privacyContact: string | null;
}

const CONTENT_LABELS: Readonly<Record<string, string>> = {
  intake: 'Intake',
  consents: 'Consents (with their signatures)',
  screenings: 'Screenings (PHQ-9, GAD-7)',
  guardians: 'Guardians',
  signedNotes: 'Signed notes',
  draftNotes: 'Draft notes',
  addenda: 'Addenda',
  releaseRequests: 'Release requests (with authorizations and approvals)',
  disclosures: 'Disclosure-log entries',
};

export function destructionCertificate(input: {
  practice: PracticeLines;
  chartNumber: string;
  registeredOn: string;
  lastVisitOn: string | null;
  retainUntil: string;
  ruleText: string;
  reason: string;
  approvedBy: string;
  destroyedAt: string;
  contents: Record<string, number>;
}): PackageDocument {
  const removed = Object.entries(input.contents)
    .map(([k, n]) => `${CONTENT_LABELS[k] ?? k}: ${String(n)}`)
    .join('\n');
  return {
    title: 'Certificate of destruction of a clinical record',
    clientIdentifier: `Chart ${input.chartNumber}`,
    cover: [
      { label: 'Practice', value: `${input.practice.name}, ${input.practice.address}` },
      { label: 'Chart', value: input.chartNumber },
      {
        label: 'Destroyed',
        value: `${usDate(input.destroyedAt.slice(0, 10))}, ${input.destroyedAt.slice(11, 16)} UTC`,
      },
      { label: 'Approved by', value: input.approvedBy },
    ],
    sections: [
      {
        heading: 'What was destroyed',
        subheading: 'Every record of this chart, from the live database',
        part2: false,
        blocks: [
          {
            label: 'Records removed',
            text: `The chart's demographics, contacts, insurance, guardians and care team, and:\n${removed}\nTheir rows in the search indexes were removed with them, and the freed space was overwritten.`,
          },
          {
            label: 'What is kept',
            text: 'This certificate and the chart\u2019s tombstone: the chart number, the dates below, the rule, the reason and who approved. The audit log keeps its entries, which name records by identifier only.',
          },
          {
            label: 'Backups',
            text: 'Backups made before today still hold the chart until they are removed under the backup schedule. If one is restored, Stillwater destroys the chart again at the next sign-in.',
          },
        ],
      },
      {
        heading: 'Under which rule',
        subheading: '45 CFR 164.530(j)(2) and state law',
        part2: false,
        blocks: [
          { label: 'Registered', text: usDate(input.registeredOn) },
          {
            label: 'Last visit',
            text: input.lastVisitOn ? usDate(input.lastVisitOn) : 'No signed visit (registration date used)',
          },
          { label: 'Kept through', text: usDate(input.retainUntil) },
          { label: 'Rule', text: input.ruleText },
          { label: 'Reason for destruction', text: input.reason },
        ],
      },
    ],
    notices: [],
  };
}

export function deletionAnswer(input: {
  practice: PracticeLines;
  to: LetterAddress;
  chartNumber: string;
  receivedOn: string;
  ruleText: string;
  retainUntil: string;
  signedBy: string;
  date: string;
  stateNotice: string | null;
}): PackageDocument {
  const contact = input.practice.privacyContact ?? `the privacy contact of ${input.practice.name}`;
  return {
    title: 'Response to your request to delete your record',
    clientIdentifier: `${input.to.name} · Chart ${input.chartNumber}`,
    cover: [
      { label: 'From', value: `${input.practice.name}, ${input.practice.address}` },
      { label: 'To', value: [input.to.name, ...input.to.lines].join('\n') },
      { label: 'Date', value: usDate(input.date) },
      { label: 'About', value: `Your request of ${usDate(input.receivedOn)}` },
    ],
    sections: [
      {
        heading: 'Your request to delete your record',
        subheading: null,
        part2: false,
        blocks: [
          { label: null, text: `Dear ${input.to.name},` },
          {
            label: null,
            text: `On ${usDate(input.receivedOn)} we received your request that we delete your record. The law requires us to keep health records for a set time, so we cannot delete your record now.`,
          },
          { label: 'The rule that applies', text: input.ruleText },
          {
            label: 'What happens next',
            text: `After ${usDate(input.retainUntil)}, unless a legal hold requires us to keep it longer, your record may be destroyed securely. Until then it stays confidential and protected as the law requires.`,
          },
          {
            label: 'Your other rights',
            text: `You may ask us to amend information you believe is wrong, to limit how we use or share your information, and to receive a copy of your record. Write to ${contact} at ${input.practice.address}. If you believe your privacy rights have been violated, you may complain to us or to the Secretary of the U.S. Department of Health and Human Services, Office for Civil Rights, 200 Independence Avenue S.W., Washington, D.C. 20201, 1-877-696-6775, www.hhs.gov/ocr/complaints. We will not retaliate against you for filing a complaint.`,
          },
          ...(input.stateNotice ? [{ label: 'Your rights under state law', text: input.stateNotice }] : []),
          { label: null, text: `Sincerely,\n${input.signedBy}\n${input.practice.name}` },
        ],
      },
    ],
    notices: [],
  };
}
