// Planned cover (issue 21): the owner, or a clinician for their own caseload, grants a named
// colleague time-boxed access to that caseload for a holiday or sick leave. Main decides what the
// coverer reads (main/core/access/chart.ts: demographics, schedule and signed progress notes; never
// psychotherapy notes, Part 2 records, intake clinical sections, screenings or treatment plans).
import { z } from 'zod';
import { StaffRef } from './clients.ts';
import { channel, Id, IsoDateTime } from './common.ts';
import { singleLineText } from './text.ts';

/** The longest cover one grant gives; a longer absence is a new grant (or a care-team change). */
export const MAX_COVER_DAYS = 90;

const coverRoles = ['owner', 'clinician'] as const;

export const CoverStatus = z.enum(['upcoming', 'in_force', 'ended']);
export type CoverStatus = z.infer<typeof CoverStatus>;

export const Cover = z.strictObject({
  id: Id,
  /** Whose caseload: the clients whose primary clinician this is. */
  absent: StaffRef,
  coverer: StaffRef,
  grantedBy: StaffRef,
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  status: CoverStatus,
  /** Set when someone ended it before its end time. */
  endedEarly: z.strictObject({ at: z.string(), by: StaffRef }).nullable(),
  /** Whether this reader may end it now (its grantor, or the owner, while it is not over). */
  mayEnd: z.boolean(),
});
export type Cover = z.infer<typeof Cover>;

export const GrantCoverInput = z.strictObject({
  /** The clinician who will be away: their caseload is covered. */
  absentId: Id,
  covererId: Id,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  reason: singleLineText('The reason', 300, 'Say why the caseload is covered.').min(
    1,
    'Say why the caseload is covered (for example "Annual leave").',
  ),
});
export type GrantCoverInput = z.input<typeof GrantCoverInput>;

export const CoverList = z.strictObject({
  /** Covers in force or to come, and those ended in the last 14 days; earliest start first. */
  covers: z.array(Cover),
});
export type CoverList = z.infer<typeof CoverList>;

export const coverChannels = {
  'cover.grantCover': channel({ input: GrantCoverInput, output: Cover, access: coverRoles }),
  /** Ends a cover before its end time (its grantor or the owner); audited. */
  'cover.endCover': channel({ input: z.strictObject({ grantId: Id }), output: Cover, access: coverRoles }),
  /** The reader's covers (as the absent clinician, the coverer or the grantor); the owner's: all. */
  'cover.listCovers': channel({ input: z.strictObject({}), output: CoverList, access: coverRoles }),
} as const;
