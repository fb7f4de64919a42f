// A review as the app shows it (DenialReviewRecord), and its clock.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { DenialReviewRecord } from '../../../preload/contract/denial-reviews.ts';
import { dueUrgency } from '../clock.ts';
import { staffNames } from '../staff/index.ts';
import type { ReviewRow } from './queries.ts';

/** Open until the client has the written notice of the determination (164.524(d)(4)). */
export function reviewUrgency(row: ReviewRow, today: string): 'overdue' | 'due-soon' | null {
  return dueUrgency(row.due_on, today, row.notice_written_at === null);
}

export async function reviewRecords(
  db: Kysely<DB>,
  rows: readonly ReviewRow[],
  today: string,
): Promise<DenialReviewRecord[]> {
  const names = await staffNames(
    db,
    rows.flatMap((r) =>
      [r.recorded_by, r.denied_by, r.decision_recorded_by, r.notice_written_by].filter(
        (id): id is string => id !== null,
      ),
    ),
  );
  const name = (id: string | null) => (id ? (names.get(id) ?? 'Unknown') : 'Unknown');
  return rows.map((r) => ({
    id: r.id,
    requestId: r.request_id,
    clientId: r.client_id,
    receivedOn: r.received_on,
    receivedHow: r.received_how,
    dueOn: r.due_on,
    recordedBy: name(r.recorded_by),
    reviewer: {
      kind: r.reviewer_kind,
      userId: r.reviewer_user_id,
      name: r.reviewer_name,
      credentials: r.reviewer_credentials,
      contact: r.reviewer_contact,
    },
    deniedBy: name(r.denied_by),
    determination:
      r.outcome && r.reasons !== null && r.decided_on !== null
        ? {
            outcome: r.outcome,
            reasons: r.reasons,
            decidedOn: r.decided_on,
            recordedBy: name(r.decision_recorded_by),
          }
        : null,
    notice:
      r.notice_folder && r.notice_written_at
        ? { folder: r.notice_folder, writtenAt: r.notice_written_at, writtenBy: name(r.notice_written_by) }
        : null,
    urgency: reviewUrgency(r, today),
  }));
}
