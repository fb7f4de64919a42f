// What the review of a denied access request (45 CFR 164.524(a)(4), the denial-reviews room) asks
// of a release: the denial as it stands, and the way back to providing access when the reviewer
// reverses it. The request's state stays this room's to change.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { DenialGround, ReleaseDetails } from '../../../preload/contract/releases.ts';
import { chartAccess } from '../access/index.ts';
import { actorOf, nowIso, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { parseDenial, parseDetails } from './codecs.ts';
import { getRequest, updateRequest } from './queries.ts';
import { authorizationBlockers } from './rules.ts';

export interface DeniedRequest {
  id: string;
  clientId: string;
  kind: 'access' | 'third_party' | 'legal_order' | 'emergency';
  status: string;
  details: ReleaseDetails;
  denial: {
    ground: DenialGround | null;
    reviewable: boolean;
    explanation: string;
    deniedBy: string;
    deniedAt: string;
  } | null;
}

/** A release request and its denial, if the person may see the client's chart. */
export async function deniedRequest(
  db: Kysely<DB>,
  session: Session,
  requestId: string,
): Promise<DeniedRequest> {
  const r = await getRequest(db, requestId);
  if (!r) throw new AppError('NOT_FOUND', 'That release request does not exist.');
  await chartAccess(db, session, r.client_id);
  const denial = r.denial ? parseDenial(r.denial) : null;
  return {
    id: r.id,
    clientId: r.client_id,
    kind: r.kind,
    status: r.status,
    details: parseDetails(r.details),
    denial:
      denial && r.denied_by && r.denied_at
        ? { ...denial, deniedBy: r.denied_by, deniedAt: r.denied_at }
        : null,
  };
}

/**
 * 164.524(d)(4): the practice must provide access as the reviewer determined. The smallest step
 * back: to review (where the records are chosen, approved and exported), or to a draft when the
 * request still lacks what marking it authorized needs. Run inside the caller's transaction, which
 * records the determination; refused when the request moved since the denial under review.
 */
export async function reopenAfterReversal(
  trx: Kysely<DB>,
  ctx: Pick<CoreContext, 'clock' | 'audit'>,
  session: Session,
  input: { requestId: string; deniedAt: string; reviewId: string; note: string },
): Promise<'authorized' | 'draft'> {
  const r = await getRequest(trx, input.requestId);
  if (r?.status !== 'denied' || r.denied_at !== input.deniedAt) {
    throw new AppError(
      'CONFLICT',
      'This request changed since the denial under review. Reload and try again.',
    );
  }
  const to = authorizationBlockers(parseDetails(r.details), []).length === 0 ? 'authorized' : 'draft';
  await updateRequest(trx, r.id, {
    status: to,
    approval_id: null,
    review_note: input.note,
    review_reversed_at: nowIso(ctx),
    updated_at: nowIso(ctx),
  });
  await ctx.audit.append(trx, actorOf(session), {
    action: 'release.statusChange',
    targetType: 'release',
    targetId: r.id,
    detail: { from: 'denied', to, cause: 'review-reversed', reviewId: input.reviewId },
  });
  return to;
}
