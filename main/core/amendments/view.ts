// An amendment request as the signed-in person sees it: its records, clock, decision, statement,
// rebuttal, notices and letters. Clinical content (the amendment as appended, the denial's
// explanation, the rebuttal) is left out for front desk, who track the request but never read the
// record (DESIGN.md section 3).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { AmendmentView } from '../../../preload/contract/amendments.ts';
import type { ChartAccess } from '../access/index.ts';
import type { Session } from '../sessions/index.ts';
import { staffNames } from '../staff/index.ts';
import { clockState } from './clock.ts';
import { parseNamed } from './codecs.ts';
import { deciderRole } from './decider.ts';
import { chartRecords } from './records.ts';
import { lettersOf, noticesOf, recordsOf, type AmendmentRow } from './queries.ts';

export async function viewsOf(
  db: Kysely<DB>,
  session: Session,
  access: ChartAccess,
  rows: readonly AmendmentRow[],
  today: string,
): Promise<AmendmentView[]> {
  const ids = rows.map((r) => r.id);
  const [records, notices, letters] = await Promise.all([
    recordsOf(db, ids),
    noticesOf(db, ids),
    lettersOf(db, ids),
  ]);
  const names = await staffNames(db, [
    ...rows.flatMap((r) =>
      [r.created_by, r.decided_by, r.rebuttal_by].filter((x): x is string => x !== null),
    ),
    ...letters.map((l) => l.written_by),
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? 'Former staff member') : '');
  const clinicalChart = access.clinical;
  const available = clinicalChart && rows.length > 0 ? await chartRecords(db, session, access) : [];
  const out: AmendmentView[] = [];
  const readable = new Set(available.map((x) => `${x.itemKind}\u0000${x.recordId}`));
  for (const r of rows) {
    const mine = records.filter((x) => x.request_id === r.id);
    // Clinical content about records this person may not read (a Part 2 note outside the care
    // team) is left out, as the records themselves are.
    const clinical = clinicalChart && mine.every((x) => readable.has(`${x.item_kind}\u0000${x.record_id}`));
    const written = letters.filter((l) => l.request_id === r.id);
    const decision =
      r.status === 'open' || !r.decided_on || !r.decided_as
        ? null
        : {
            outcome: r.status,
            decidedOn: r.decided_on,
            decidedBy: name(r.decided_by),
            decidedAs: r.decided_as,
            amendmentText: clinical ? r.amendment_text : null,
            basis: r.denial_basis,
            explanation: clinical ? r.denial_explanation : null,
          };
    out.push({
      id: r.id,
      clientId: r.client_id,
      receivedOn: r.received_on,
      requestText: r.request_text,
      records: mine.map((x) => ({ itemKind: x.item_kind, recordId: x.record_id, label: x.label })),
      includeIfDenied: r.include_if_denied === 1,
      includeAskedOn: r.include_asked_on,
      dueOn: r.extended_due_on ?? r.due_on,
      extension:
        r.extended_due_on && r.extension_reason && r.extension_notified_on
          ? { reason: r.extension_reason, notifiedOn: r.extension_notified_on, newDueOn: r.extended_due_on }
          : null,
      status: r.status,
      clock: clockState(r, today),
      decision,
      statement:
        r.statement_text !== null && r.statement_filed_on
          ? { text: r.statement_text, filedOn: r.statement_filed_on }
          : null,
      rebuttal:
        r.rebuttal_written_on !== null
          ? {
              text: clinical ? r.rebuttal_text : null,
              writtenOn: r.rebuttal_written_on,
              by: name(r.rebuttal_by),
            }
          : null,
      notifyAgreedOn: r.notify_agreed_on,
      notices: notices
        .filter((n) => n.request_id === r.id)
        .map((n) => ({
          id: n.id,
          name: n.recipient_name,
          address: n.recipient_address,
          source: n.source,
          letterWritten: written.some((l) => l.notice_id === n.id),
        })),
      namedByClient: parseNamed(r.id, r.notify_named),
      letters: written.map((l) => ({
        kind: l.kind,
        noticeId: l.notice_id,
        folder: l.folder,
        writtenAt: l.written_at,
        writtenBy: name(l.written_by),
      })),
      recordedBy: name(r.created_by),
      mayDecide: clinical && (await deciderRole(db, session, access, mine, available)) !== null,
    });
  }
  return out;
}
