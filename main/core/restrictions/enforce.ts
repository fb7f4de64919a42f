// Enforcement of agreed restrictions in main (45 CFR 164.522(a)): the one function every release
// path calls (preview, approval, export), and the audit entry for a restriction the law sets aside.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { ReleaseDetails } from '../../../preload/contract/releases.ts';
import type { AuditActor, AuditService } from '../audit/index.ts';
import { bindingRestrictions, parseRestriction } from './queries.ts';
import { restrictionCheck, type RestrictableRecord, type RestrictionCheck } from './rules.ts';

/**
 * Which of these records the client's agreed restrictions keep from this release, and which
 * restrictions the release is not bound by (emergency treatment, 164.512). Read from the register
 * as it is at the moment of the call, so a restriction agreed after approval stops the export.
 */
export async function restrictedRecords(
  db: Kysely<DB>,
  clientId: string,
  release: ReleaseDetails,
  records: readonly RestrictableRecord[],
): Promise<RestrictionCheck> {
  const rows = await bindingRestrictions(db, clientId);
  return restrictionCheck(rows.map(parseRestriction), release, records);
}

/**
 * 164.522(a)(1)(iii)-(v): a release that goes ahead despite a restriction (emergency treatment, a
 * disclosure the law requires) is recorded, one entry per restriction, in the caller's transaction.
 */
export async function recordOverrides(
  trx: Kysely<DB>,
  audit: AuditService,
  actor: AuditActor,
  release: { id: string; clientId: string; stage: 'approval' | 'export' },
  overridden: readonly { restrictionId: string; keys: ReadonlySet<string> }[],
): Promise<void> {
  for (const o of overridden)
    await audit.append(trx, actor, {
      action: 'restriction.override',
      targetType: 'release',
      targetId: release.id,
      detail: {
        clientId: release.clientId,
        restrictionId: o.restrictionId,
        records: o.keys.size,
        stage: release.stage,
      },
    });
}
