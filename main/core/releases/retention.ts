// What the retention room asks of the releases room (issue 19): whether a chart has a release still
// open, the latest date of its HIPAA documentation (authorizations, denials, disclosures: six years,
// 45 CFR 164.530(j)(2)), and the removal of a destroyed chart's release records. Only the
// destruction calls purgeClient, inside its transaction and under its permit.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

/** States in which a release is still being worked or has not left yet. */
const OPEN = ['draft', 'authorized', 'approved'] as const;

/** How many of the client's releases are open, or have an export not yet finished. */
export async function openReleases(db: Kysely<DB>, clientId: string): Promise<number> {
  const open = await db
    .selectFrom('release_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .where('status', 'in', OPEN)
    .executeTakeFirstOrThrow();
  const writing = await db
    .selectFrom('export_jobs')
    .innerJoin('release_requests', 'release_requests.id', 'export_jobs.request_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('release_requests.client_id', '=', clientId)
    .where('export_jobs.state', 'in', ['writing', 'committed'])
    .executeTakeFirstOrThrow();
  return open.n + writing.n;
}

const day = (iso: string | null): string | null => (iso ? iso.slice(0, 10) : null);

/**
 * Client id → the latest day a piece of its HIPAA documentation was created or last in effect: a
 * disclosure, an authorization (recorded, expiring or revoked), a denial.
 */
export async function latestDocumentation(db: Kysely<DB>, clientId?: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const keep = (clientId: string, d: string | null) => {
    if (d && (out.get(clientId) ?? '') < d) out.set(clientId, d);
  };
  let disclosures = db.selectFrom('disclosures').select(['client_id', 'disclosed_on']);
  let requests = db.selectFrom('release_requests').select(['client_id', 'denied_at', 'updated_at', 'status']);
  let authorizations = db
    .selectFrom('release_authorizations')
    .innerJoin('release_requests', 'release_requests.id', 'release_authorizations.request_id')
    .select([
      'release_requests.client_id',
      'release_authorizations.recorded_at',
      'release_authorizations.expires_on',
      'release_authorizations.revoked_on',
    ]);
  if (clientId !== undefined) {
    disclosures = disclosures.where('client_id', '=', clientId);
    requests = requests.where('client_id', '=', clientId);
    authorizations = authorizations.where('release_requests.client_id', '=', clientId);
  }
  for (const r of await disclosures.execute()) keep(r.client_id, day(r.disclosed_on));
  for (const r of await requests.execute())
    keep(r.client_id, day(r.status === 'denied' ? (r.denied_at ?? r.updated_at) : null));
  for (const a of await authorizations.execute()) {
    keep(a.client_id, day(a.recorded_at));
    keep(a.client_id, day(a.revoked_on ?? a.expires_on));
  }
  return out;
}

export async function releaseContents(db: Kysely<DB>, clientId: string): Promise<Record<string, number>> {
  const requests = await db
    .selectFrom('release_requests')
    .select('id')
    .where('client_id', '=', clientId)
    .execute();
  const disclosures = await db
    .selectFrom('disclosures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  return { releaseRequests: requests.length, disclosures: disclosures.n };
}

/**
 * Removes the client's release requests with their authorizations, approvals, approved items and
 * export jobs, and the client's disclosure-log entries. Returns the removed requests' and
 * authorizations' ids (their form drafts are keyed by them). Call only from a destruction.
 */
export async function purgeClient(trx: Kysely<DB>, clientId: string): Promise<string[]> {
  const requests = (
    await trx.selectFrom('release_requests').select('id').where('client_id', '=', clientId).execute()
  ).map((r) => r.id);
  const ids: string[] = [...requests];
  if (requests.length > 0) {
    const approvals = trx.selectFrom('release_approvals').select('id').where('request_id', 'in', requests);
    await trx.deleteFrom('release_approval_items').where('approval_id', 'in', approvals).execute();
    await trx.deleteFrom('release_approvals').where('request_id', 'in', requests).execute();
    const auths = await trx
      .selectFrom('release_authorizations')
      .select('id')
      .where('request_id', 'in', requests)
      .execute();
    ids.push(...auths.map((a) => a.id));
    await trx.deleteFrom('release_authorizations').where('request_id', 'in', requests).execute();
    await trx.deleteFrom('export_jobs').where('request_id', 'in', requests).execute();
  }
  await trx.deleteFrom('disclosures').where('client_id', '=', clientId).execute();
  if (requests.length > 0) await trx.deleteFrom('release_requests').where('id', 'in', requests).execute();
  return ids;
}
