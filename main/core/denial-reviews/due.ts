// Open reviews in the due list (issue 19): received, due on the practice's target (the rule sets
// no day count, 164.524(d)(4) asks for promptness), open until the client has the written notice.
import { DUE_KIND_LABELS, type DueRequest } from '../../../preload/contract/due.ts';
import { chartAccessOrNull } from '../access/index.ts';
import { clientLabels } from '../clients/index.ts';
import { readDb, type CoreContext } from '../context.ts';
import type { DueSource } from '../due/index.ts';
import { openReviews } from './queries.ts';
import { reviewUrgency } from './record.ts';

export function denialReviewDue(ctx: CoreContext): DueSource {
  return async (session, today) => {
    const db = readDb(ctx);
    const rows = await openReviews(db);
    const labels = await clientLabels(
      db,
      rows.map((r) => r.client_id),
    );
    const out: DueRequest[] = [];
    for (const r of rows) {
      // Only the reviews of charts the person may open (a clinician: their caseload).
      if (!(await chartAccessOrNull(db, session, r.client_id))) continue;
      const label = labels.get(r.client_id);
      out.push({
        kind: 'denial-review',
        id: r.id,
        clientId: r.client_id,
        clientName: label ? `${label.legal_first_name} ${label.legal_last_name}` : 'A client',
        summary:
          r.outcome === null
            ? `${DUE_KIND_LABELS['denial-review']}: with ${r.reviewer_name}`
            : `${DUE_KIND_LABELS['denial-review']}: send the notice`,
        receivedOn: r.received_on,
        dueOn: r.due_on,
        urgency: reviewUrgency(r, today),
        href: `#/releases/${r.request_id}`,
      });
    }
    return out;
  };
}
