// SQL for release requests, their authorizations and the disclosure log.
import type { Kysely, Selectable } from 'kysely';
import type {
  DB,
  DisclosuresTable,
  ReleaseApprovalItemsTable,
  ReleaseApprovalsTable,
  ReleaseAuthorizationsTable,
  ReleaseRequestsTable,
} from '../../../db/schema.ts';
import { clientLabels, onCaseloadOf } from '../clients/index.ts';
import { staffNames } from '../staff/index.ts';

export type RequestRow = Selectable<ReleaseRequestsTable>;
export type AuthorizationRow = Selectable<ReleaseAuthorizationsTable>;

export async function getRequest(db: Kysely<DB>, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('release_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRequest(db: Kysely<DB>, row: ReleaseRequestsTable): Promise<void> {
  await db.insertInto('release_requests').values(row).execute();
}

export async function updateRequest(
  db: Kysely<DB>,
  id: string,
  patch: Partial<Omit<ReleaseRequestsTable, 'id' | 'client_id' | 'kind' | 'created_by' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('release_requests').set(patch).where('id', '=', id).execute();
}

export async function listAuthorizations(
  db: Kysely<DB>,
  requestId: string,
): Promise<Omit<AuthorizationRow, 'attachment'>[]> {
  return db
    .selectFrom('release_authorizations')
    .select([
      'id',
      'request_id',
      'type',
      'fields',
      'expires_on',
      'revoked_on',
      'revocation_note',
      'attachment_name',
      'attachment_type',
      'recorded_by',
      'recorded_at',
      'revoked_at',
      'revoked_by',
    ])
    .where('request_id', '=', requestId)
    .orderBy('recorded_at')
    .execute();
}

export async function getAuthorization(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('release_authorizations')
    .select(['id', 'request_id', 'type', 'fields', 'revoked_on'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAuthorization(db: Kysely<DB>, row: ReleaseAuthorizationsTable): Promise<void> {
  await db.insertInto('release_authorizations').values(row).execute();
}

export async function revokeAuthorization(
  db: Kysely<DB>,
  id: string,
  r: { on: string; note: string | null; at: string; by: string },
): Promise<void> {
  await db
    .updateTable('release_authorizations')
    .set({ revoked_on: r.on, revocation_note: r.note, revoked_at: r.at, revoked_by: r.by })
    .where('id', '=', id)
    .where('revoked_on', 'is', null)
    .execute();
}

export async function insertApproval(
  db: Kysely<DB>,
  approval: ReleaseApprovalsTable,
  items: Omit<ReleaseApprovalItemsTable, 'approval_id' | 'position'>[],
): Promise<void> {
  await db.insertInto('release_approvals').values(approval).execute();
  for (let i = 0; i < items.length; i += 200) {
    await db
      .insertInto('release_approval_items')
      .values(
        items.slice(i, i + 200).map((item, j) => ({ ...item, approval_id: approval.id, position: i + j })),
      )
      .execute();
  }
}

export async function getApproval(db: Kysely<DB>, id: string) {
  const row = await db.selectFrom('release_approvals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const names = await staffNames(db, [row.approved_by]);
  return { ...row, approver_name: names.get(row.approved_by) ?? '' };
}

export async function approvalItems(db: Kysely<DB>, approvalId: string) {
  return db
    .selectFrom('release_approval_items')
    .select(['item_kind', 'record_id', 'content_hash', 'authorities'])
    .where('approval_id', '=', approvalId)
    .orderBy('position')
    .execute();
}

/** The last day anything left under this request (a revocation cannot be dated before it). */
export async function lastDisclosureOn(db: Kysely<DB>, requestId: string): Promise<string | null> {
  const row = await db
    .selectFrom('disclosures')
    .select((eb) => eb.fn.max('disclosed_on').as('last'))
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return row?.last ?? null;
}

export interface RequestListFilter {
  clientId?: string | undefined;
  status?: string | undefined;
  /** Clinicians: requests for clients on their caseload, or assigned to them. */
  caseloadOf?: string | undefined;
}

export async function listRequests(db: Kysely<DB>, f: RequestListFilter) {
  let q = db.selectFrom('release_requests as r').selectAll('r');
  if (f.clientId) q = q.where('r.client_id', '=', f.clientId);
  if (f.status) q = q.where('r.status', '=', f.status as RequestRow['status']);
  if (f.caseloadOf) {
    const me = f.caseloadOf;
    q = q.where((eb) => eb.or([eb('r.assigned_clinician_id', '=', me), onCaseloadOf('r.client_id', me)]));
  }
  const rows = await q.orderBy('r.updated_at', 'desc').limit(1000).execute();
  // The client's name and chart number and the assigned clinician's name: one query each for the list.
  const clients = await clientLabels(
    db,
    rows.map((r) => r.client_id),
  );
  const names = await staffNames(
    db,
    rows.map((r) => r.assigned_clinician_id),
  );
  return rows.map((r) => {
    const c = clients.get(r.client_id);
    return {
      ...r,
      legal_first_name: c?.legal_first_name ?? '',
      legal_last_name: c?.legal_last_name ?? '',
      chart_number: c?.chart_number ?? '',
      assigned_name: names.get(r.assigned_clinician_id) ?? '',
    };
  });
}

export async function insertDisclosure(db: Kysely<DB>, row: DisclosuresTable): Promise<void> {
  await db.insertInto('disclosures').values(row).execute();
}

export async function listDisclosures(db: Kysely<DB>, clientId: string, from: string) {
  const rows = await db
    .selectFrom('disclosures')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('disclosed_on', '>=', from)
    .orderBy('disclosed_on')
    .orderBy('recorded_at')
    .execute();
  const names = await staffNames(
    db,
    rows.map((d) => d.recorded_by),
  );
  return rows.map((d) => ({ ...d, recorded_by_name: names.get(d.recorded_by) ?? '' }));
}

export async function disclosuresOfRequest(db: Kysely<DB>, requestId: string) {
  return db
    .selectFrom('disclosures')
    .select(['disclosed_on', 'package_name', 'manifest_sha256'])
    .where('request_id', '=', requestId)
    .orderBy('recorded_at')
    .execute();
}

export async function disclosureByManifest(db: Kysely<DB>, sha: string) {
  return db
    .selectFrom('disclosures')
    .select(['id', 'client_id'])
    .where('manifest_sha256', '=', sha)
    .executeTakeFirst();
}

/** The recipients in a client's disclosure log, each exactly as stored (a suspension matches one of them). */
export async function disclosureRecipients(db: Kysely<DB>, clientId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('disclosures')
    .select('recipient_name')
    .distinct()
    .where('client_id', '=', clientId)
    .orderBy('recipient_name')
    .execute();
  return rows.map((r) => r.recipient_name);
}
