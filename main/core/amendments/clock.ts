// The clock of an amendment request (45 CFR 164.526(b)(2)): act within 60 days of receipt (or the
// shorter deadline the practice set for its state), with one extension of up to 30 days when the
// client is told in writing, within those first days, why and by when. Every due date, the clock's
// state and the extension's window come from here.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { ClockState } from '../../../preload/contract/amendments.ts';
import { addDays, dueUrgency } from '../clock.ts';
import { AppError } from '../errors.ts';
import { legalDeadlines } from '../practice/index.ts';
import type { AmendmentRow } from './queries.ts';

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);

/** The first due date, from the deadline in force when the request is recorded (stored, never moved). */
export async function firstDueOn(db: Kysely<DB>, receivedOn: string): Promise<string> {
  const { amendmentDays } = await legalDeadlines(db);
  return addDays(receivedOn, amendmentDays);
}

/** The due date in force: the extended one once an extension is given. */
export const dueOf = (r: Pick<AmendmentRow, 'due_on' | 'extended_due_on'>): string =>
  r.extended_due_on ?? r.due_on;

export function clockState(
  r: Pick<AmendmentRow, 'status' | 'due_on' | 'extended_due_on'>,
  today: string,
): ClockState {
  if (r.status !== 'open') return 'decided';
  if (today > dueOf(r)) return 'overdue';
  return r.extended_due_on ? 'extended' : 'received';
}

export function urgency(
  r: Pick<AmendmentRow, 'status' | 'due_on' | 'extended_due_on'>,
  today: string,
): 'overdue' | 'due-soon' | null {
  return dueUrgency(dueOf(r), today, r.status === 'open');
}

/**
 * 164.526(b)(2)(ii): one extension, given to the client in writing (the day they were told) within
 * the first period, never after it has run out. Returns the new due date, or refuses.
 */
export async function extendedDueOn(
  db: Kysely<DB>,
  r: AmendmentRow,
  notifiedOn: string,
  today: string,
): Promise<string> {
  if (r.status !== 'open')
    throw new AppError('CONFLICT', 'This request has been answered; there is nothing to extend.');
  if (r.extended_due_on !== null)
    throw new AppError('CONFLICT', 'The one extension the rule allows has already been given.');
  if (notifiedOn < r.received_on) {
    throw new AppError('INVALID_INPUT', 'The client cannot have been told before the request was received.', {
      fields: [{ path: 'notifiedOn', message: `The request was received on ${r.received_on}.` }],
    });
  }
  if (notifiedOn > today)
    throw new AppError('INVALID_INPUT', 'The date the client was told cannot be in the future.', {
      fields: [{ path: 'notifiedOn', message: 'The date the client was told cannot be in the future.' }],
    });
  if (today > r.due_on || notifiedOn > r.due_on) {
    const message = `An extension must be given to the client in writing within the first ${String(daysBetween(r.received_on, r.due_on))} days (by ${r.due_on}).`;
    throw new AppError('CONFLICT', message, { fields: [{ path: 'notifiedOn', message }] });
  }
  const { amendmentExtensionDays } = await legalDeadlines(db);
  return addDays(r.due_on, amendmentExtensionDays);
}
