// Review by the client's clinician or the owner: the preview of what would leave (and what would
// not), approval of the minimum necessary selection, and denial with its written letter.
import { z } from 'zod';
import { channel, Id, requiredLongText } from '../common.ts';
import { DenialGround, ReleaseRecord, releaseRoles, RequestRef, Selection } from './record.ts';

export const DenyInput = z.strictObject({
  requestId: Id,
  ground: DenialGround.optional(),
  explanation: requiredLongText('Explanation', 2000),
});

/** The document that will leave the practice: the preview shows it, the PDF prints it. */
export const DocumentSection = z.strictObject({
  heading: z.string(),
  subheading: z.string().nullable(),
  part2: z.boolean(),
  blocks: z.array(z.strictObject({ label: z.string().nullable(), text: z.string() })),
});
export const PackageDocument = z.strictObject({
  title: z.string(),
  clientIdentifier: z.string(),
  cover: z.array(z.strictObject({ label: z.string(), value: z.string() })),
  sections: z.array(DocumentSection),
  notices: z.array(z.strictObject({ heading: z.string(), text: z.string() })),
});
export type PackageDocument = z.infer<typeof PackageDocument>;

/**
 * An amendment request that goes with records in this release (45 CFR 164.526(c)(3), (d)(4)-(5)):
 * the records it concerns, in words, and what of it goes. The document prints it in full.
 */
export const PreviewAmendment = z.strictObject({
  about: z.array(z.string()),
  receivedOn: z.string(),
  outcome: z.enum(['accepted', 'denied']),
  summary: z.string(),
});
export type PreviewAmendment = z.infer<typeof PreviewAmendment>;

/** What the reviewer sees: the document that will leave, and what will not, with the reason. */
export const ReleasePreview = z.strictObject({
  document: PackageDocument,
  /** Records in the chosen kinds and dates that will not leave, grouped, each with the reason. */
  withheld: z.array(z.strictObject({ what: z.string(), reason: z.string() })),
  /** Rules the reviewer should know (who may see psychotherapy notes, the approval freeze). */
  notes: z.array(z.string()),
  /** The amendment material that goes with these records ("Amendments and disagreements"). */
  amendments: z.array(PreviewAmendment),
});
export type ReleasePreview = z.infer<typeof ReleasePreview>;

export const releaseReviewChannels = {
  /** Before approval: the selection as it would leave. Once approved: exactly what was approved (selection ignored). */
  'releases.preview': channel({
    input: z.strictObject({ requestId: Id, selection: Selection.optional() }),
    output: ReleasePreview,
    access: ['owner', 'clinician'],
  }),
  'releases.approve': channel({
    input: z.strictObject({ requestId: Id, selection: Selection }),
    output: ReleaseRecord,
    access: ['owner', 'clinician'],
  }),
  'releases.deny': channel({ input: DenyInput, output: ReleaseRecord, access: ['owner', 'clinician'] }),
  /** The written denial as it will print, to show on screen (and print) before saving it. */
  'releases.denialLetter': channel({ input: RequestRef, output: PackageDocument, access: releaseRoles }),
} as const;
