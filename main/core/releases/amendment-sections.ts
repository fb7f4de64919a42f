// The "Amendments and disagreements" part of a release document, and its summary for the
// reviewer: every amendment request the rule attaches to the released records, with the decision,
// the amendment or the basis of the denial, and the client's statement of disagreement and the
// practice's rebuttal when there are any (45 CFR 164.526(c)(3), (d)(4)-(5)). The PDF prints it
// right after the records and the preview shows it as it will print.
import type { PackageDocument, PreviewAmendment } from '../../../preload/contract/releases.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import type { ReleaseAmendment } from './amendments.ts';

export const AMENDMENTS_HEADING = 'Amendments and disagreements';

const aboutWords = (a: ReleaseAmendment): string => a.about.map((r) => r.label).join('; ');

/** One section per request, right after the records it concerns. */
export function amendmentSections(amendments: readonly ReleaseAmendment[]): PackageDocument['sections'] {
  return amendments.map((a, i) => {
    const accepted = a.outcome === 'accepted';
    const blocks: PackageDocument['sections'][number]['blocks'] = [
      { label: `The client’s request to amend, received ${usDate(a.receivedOn)}`, text: a.requestText },
      accepted
        ? {
            label: `Accepted on ${usDate(a.decidedOn)} by ${a.decidedBy}: the amendment`,
            text: a.amendmentText ?? '',
          }
        : {
            label: `Denied on ${usDate(a.decidedOn)} by ${a.decidedBy}: the basis for the denial`,
            text: a.denialBasis ?? '',
          },
    ];
    if (a.statement) {
      blocks.push({
        label: `The client’s statement of disagreement, filed ${usDate(a.statement.filedOn)}`,
        text: a.statement.text,
      });
    } else if (!accepted) {
      // 164.526(d)(5)(ii): the request and denial travel without a statement only at the client's asking.
      blocks.push({
        label: 'Statement of disagreement',
        text: 'None was filed. The client asked that the request and the denial go with every later disclosure of these records.',
      });
    }
    if (a.rebuttal) {
      blocks.push({
        label: `The practice’s rebuttal to the statement, written ${usDate(a.rebuttal.writtenOn)}`,
        text: a.rebuttal.text,
      });
    }
    return {
      heading:
        amendments.length > 1
          ? `${AMENDMENTS_HEADING} (${String(i + 1)} of ${String(amendments.length)})`
          : AMENDMENTS_HEADING,
      subheading: `About: ${aboutWords(a)}. ${accepted ? 'The amendment is linked to the record, which is printed as it was written.' : 'The record is printed as it was written.'} Sent with it as 45 CFR 164.526 requires.`,
      // Material about a Part 2 record is itself Part 2 information (42 CFR 2.12).
      part2: a.about.some((r) => r.part2),
      blocks,
    };
  });
}

/** The cover sheet's line, so a recipient knows to read that part. */
export function amendmentsCoverLine(amendments: readonly ReleaseAmendment[]) {
  if (amendments.length === 0) return [];
  const n = amendments.length;
  return [
    {
      label: 'Amendments',
      value: `${String(n)} request${n === 1 ? '' : 's'} by the client to amend these records, with the practice’s decision${n === 1 ? '' : 's'}, go${n === 1 ? 'es' : ''} with them: see “${AMENDMENTS_HEADING}” after the records.`,
    },
  ];
}

/** For the reviewer's list: what goes with which records, in a line each. */
export function previewAmendments(amendments: readonly ReleaseAmendment[]): PreviewAmendment[] {
  return amendments.map((a) => {
    const parts = [
      a.outcome === 'accepted'
        ? `Accepted on ${usDate(a.decidedOn)}: the amendment goes with the record.`
        : `Denied on ${usDate(a.decidedOn)}: the request and the denial go with the record.`,
      ...(a.statement ? ['With the client’s statement of disagreement.'] : []),
      ...(a.rebuttal ? ['With the practice’s rebuttal.'] : []),
      ...(a.outcome === 'denied' && !a.statement
        ? ['No statement was filed; the client asked that they go.']
        : []),
    ];
    return {
      about: a.about.map((r) => r.label),
      receivedOn: a.receivedOn,
      outcome: a.outcome,
      summary: parts.join(' '),
    };
  });
}
