// The review of a reviewable denial of access (45 CFR 164.524(a)(4), (d)(4), issue 19): the
// practice's designated reviewing official (a setting), the client's request for review, the
// reviewer's determination and the written notice to the client.
import { z } from 'zod';
import { channel, Empty, Id, requiredLongText, requiredText } from './common.ts';
import { PastOrToday } from './clients.ts';

/** The designated reviewing official: a licensed staff member, or a licensed professional outside the practice. */
export const ReviewingOfficial = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('staff'), userId: Id }),
    z.strictObject({
      kind: z.literal('outside'),
      name: requiredText('Name', 200),
      credentials: requiredText('License or credentials', 200),
      contact: requiredText('Contact (address, phone or email)', 300),
    }),
  ],
  { error: 'Choose a staff member or enter an outside reviewer.' },
);
export type ReviewingOfficial = z.infer<typeof ReviewingOfficial>;

export const DenialReviewSettingsInput = z.strictObject({
  official: ReviewingOfficial,
  targetDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(1, 'The target must be at least 1 day.')
    .max(60, 'The target must be 60 days or fewer.'),
});

export const DenialReviewSettings = z.strictObject({
  /** Null until the owner designates one. */
  official: z
    .strictObject({
      kind: z.enum(['staff', 'outside']),
      userId: Id.nullable(),
      name: z.string(),
      credentials: z.string().nullable(),
      contact: z.string().nullable(),
      /** A staff member no longer active or no longer a clinician: the owner designates another. */
      problem: z.string().nullable(),
    })
    .nullable(),
  targetDays: z.number().int(),
});
export type DenialReviewSettings = z.infer<typeof DenialReviewSettings>;

export const ReviewOutcome = z.enum(['upheld', 'reversed']);
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

export const DenialReviewRecord = z.strictObject({
  id: Id,
  requestId: Id,
  clientId: Id,
  receivedOn: z.string(),
  receivedHow: z.enum(['written', 'oral']),
  dueOn: z.string(),
  recordedBy: z.string(),
  reviewer: z.strictObject({
    kind: z.enum(['staff', 'outside']),
    userId: Id.nullable(),
    name: z.string(),
    credentials: z.string().nullable(),
    contact: z.string().nullable(),
  }),
  deniedBy: z.string(),
  determination: z
    .strictObject({
      outcome: ReviewOutcome,
      reasons: z.string(),
      decidedOn: z.string(),
      recordedBy: z.string(),
    })
    .nullable(),
  notice: z.strictObject({ folder: z.string(), writtenAt: z.string(), writtenBy: z.string() }).nullable(),
  urgency: z.enum(['overdue', 'due-soon']).nullable(),
});
export type DenialReviewRecord = z.infer<typeof DenialReviewRecord>;

const RequestRef = z.strictObject({ requestId: Id });
const ReviewRef = z.strictObject({ reviewId: Id });

export const denialReviewChannels = {
  /** The designated reviewing official and the target; every role sees who it is. */
  'denials.reviewSettings': channel({
    input: Empty,
    output: DenialReviewSettings,
    access: ['owner', 'clinician', 'front_desk'],
  }),
  'denials.saveReviewSettings': channel({
    input: DenialReviewSettingsInput,
    output: DenialReviewSettings,
    access: ['owner'],
  }),
  /** A release's reviews (newest first) and whether one may be asked for now, with the reason if not. */
  'denials.reviewsOfRelease': channel({
    input: RequestRef,
    output: z.strictObject({
      reviews: z.array(DenialReviewRecord),
      canRequest: z.boolean(),
      blocker: z.string().nullable(),
      /** Whether the signed-in person may record the determination of the open review. */
      canDecide: z.boolean(),
    }),
    access: ['owner', 'clinician', 'front_desk'],
  }),
  /** The client asked for review: recorded and referred to the designated official at once. */
  'denials.requestReview': channel({
    input: z.strictObject({
      requestId: Id,
      receivedOn: PastOrToday('The date the review was asked for'),
      receivedHow: z.enum(['written', 'oral'], { error: 'Choose how the client asked.' }),
    }),
    output: DenialReviewRecord,
    access: ['owner', 'clinician', 'front_desk'],
  }),
  'denials.decideReview': channel({
    input: z.strictObject({
      reviewId: Id,
      outcome: z.enum(['upheld', 'reversed'], { error: 'Choose to uphold or reverse the denial.' }),
      reasons: requiredLongText('The reasons', 4000),
      decidedOn: PastOrToday('The date of the determination'),
    }),
    output: DenialReviewRecord,
    access: ['owner', 'clinician'],
  }),
  /** Main asks for the folder, writes the notice of the determination as a PDF and records it. */
  'denials.writeReviewNotice': channel({
    input: ReviewRef,
    output: z.strictObject({ folder: z.string(), manifestSha256: z.string() }).nullable(),
    access: ['owner', 'clinician', 'front_desk'],
  }),
} as const;
