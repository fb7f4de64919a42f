// What the audit log says about a release request when it is read (issue 18): its client and
// who receives it, looked up by id at read time, and which requests belong to a client (for the
// audit's client filter).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { ReleaseDetails } from '../../../preload/contract/releases.ts';
import { parseDetails } from './codecs.ts';
import { recipientName } from './document.ts';

export interface ReleaseLabel {
  client_id: string;
  /** Who the package goes to, as the release's cover sheet names them; null when the row is unreadable. */
  recipient: (clientName: string) => string | null;
}

export async function releaseLabels(
  db: Kysely<DB>,
  ids: Iterable<string>,
): Promise<Map<string, ReleaseLabel>> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, ReleaseLabel>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('release_requests')
      .select(['id', 'client_id', 'details'])
      .where('id', 'in', wanted.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      let details: ReleaseDetails | null = null;
      try {
        details = parseDetails(r.details);
      } catch {
        // A damaged row still names its client; the audit log is not the place that refuses it.
      }
      out.set(r.id, {
        client_id: r.client_id,
        recipient: (clientName) => (details ? recipientName(details, clientName) : null),
      });
    }
  }
  return out;
}

export async function releaseIdsOfClient(db: Kysely<DB>, clientId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('release_requests')
    .select('id')
    .where('client_id', '=', clientId)
    .execute();
  return rows.map((r) => r.id);
}
