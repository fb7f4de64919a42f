// The legal clocks of a client's rights beyond a copy (issue 19): amendment requests, reviews of
// a reviewable denial and the other requests with a due date. Each domain lists its open ones;
// the Releases page shows them in the same "due soon / overdue" list as access requests.
import { z } from 'zod';
import { CalendarDate } from './clients.ts';
import { channel, Empty, Id } from './common.ts';

export const DueKind = z.enum(['amendment', 'restriction', 'denial-review', 'accounting', 'deletion']);
export type DueKind = z.infer<typeof DueKind>;

export const DUE_KIND_LABELS: Record<DueKind, string> = {
  amendment: 'Amendment request',
  restriction: 'Restriction request',
  'denial-review': 'Review of a denial',
  accounting: 'Accounting request',
  deletion: 'Deletion request',
};

export const DueRequest = z.strictObject({
  kind: DueKind,
  /** The request's own identifier in its domain. */
  id: Id,
  clientId: Id,
  clientName: z.string(),
  /** A few words on what is asked, without clinical content ("Amend 2 notes"). */
  summary: z.string(),
  receivedOn: CalendarDate,
  /** The legal (or practice-set) due date; null: no clock. */
  dueOn: CalendarDate.nullable(),
  urgency: z.enum(['overdue', 'due-soon']).nullable(),
  /** Where the request is worked, as a renderer hash path ("#/clients/<id>/rights"). */
  href: z.string(),
});
export type DueRequest = z.infer<typeof DueRequest>;

export const dueChannels = {
  /** Every open request with a clock that the signed-in person may work, overdue first. */
  'due.list': channel({
    input: Empty,
    output: z.array(DueRequest),
    access: ['owner', 'clinician', 'front_desk'],
  }),
} as const;
