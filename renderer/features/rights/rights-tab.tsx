// A client's Rights tab (issue 19): the requests a client makes about their record beyond a copy
// (amendment, restriction, confidential communications, review of a denial, deletion) and the
// record's retention. Each request type is its own section from its own feature folder; main
// decides what each person may see and do, the sections only mirror it.
import { AmendmentsSection } from '../amendments/amendments-section.tsx';
import type { ClientRecord } from '../../../preload/contract.ts';
import { RestrictionsSection } from '../restrictions/restrictions-section.tsx';
import { DeletionRequestsSection } from '../retention/deletion-requests-section.tsx';

/** One section of the tab, in the order a front desk meets them. */
type RightsSection = (props: { client: ClientRecord }) => React.ReactNode;

const SECTIONS: readonly RightsSection[] = [
  // Each issue-19 feature adds its section here.
  AmendmentsSection,
  RestrictionsSection,
  DeletionRequestsSection,
];

export function RightsTab({ client }: { client: ClientRecord }) {
  return (
    <div className="rights-tab">
      {SECTIONS.map((Section, i) => (
        <Section key={i} client={client} />
      ))}
    </div>
  );
}
