// The open amendment requests for the due list (issue 19), as the signed-in person may see them:
// a clinician their caseload, the owner and front desk every open one (front desk tracks the clocks).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { DueRequest } from '../../../preload/contract/due.ts';
import { clientLabels, onCaseloadOf } from '../clients/index.ts';
import type { DueSource } from '../due/index.ts';
import { dueOf, urgency } from './clock.ts';
import { openRequests, recordsOf } from './queries.ts';

export function amendmentDueSource(db: () => Kysely<DB>): DueSource {
  return async (session, today) => {
    const rows = await openRequests(
      db(),
      session.role === 'clinician' ? onCaseloadOf('client_id', session.userId) : null,
    );
    const [labels, records] = await Promise.all([
      clientLabels(
        db(),
        rows.map((r) => r.client_id),
      ),
      recordsOf(
        db(),
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((r): DueRequest => {
      const c = labels.get(r.client_id);
      const n = records.filter((x) => x.request_id === r.id).length;
      return {
        kind: 'amendment',
        id: r.id,
        clientId: r.client_id,
        clientName: c ? `${c.preferred_name ?? c.legal_first_name} ${c.legal_last_name}` : 'Client',
        summary: `Amend ${String(n)} record${n === 1 ? '' : 's'}${r.extended_due_on ? ' (extended)' : ''}`,
        receivedOn: r.received_on,
        dueOn: dueOf(r),
        urgency: urgency(r, today),
        href: `#/clients/${r.client_id}/rights`,
      };
    });
  };
}
