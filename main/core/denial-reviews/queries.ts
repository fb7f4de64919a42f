// The denial_reviews table: the room's only SQL.
import type { Kysely, Selectable } from 'kysely';
import type { DB, DenialReviewsTable } from '../../../db/schema.ts';

export type ReviewRow = Selectable<DenialReviewsTable>;

export async function insertReview(db: Kysely<DB>, row: DenialReviewsTable): Promise<void> {
  await db.insertInto('denial_reviews').values(row).execute();
}

export async function getReview(db: Kysely<DB>, id: string): Promise<ReviewRow | undefined> {
  return db.selectFrom('denial_reviews').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function reviewsOfRequest(db: Kysely<DB>, requestId: string): Promise<ReviewRow[]> {
  return db
    .selectFrom('denial_reviews')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('recorded_at', 'desc')
    .execute();
}

/** Reviews whose notice to the client has not been written yet. */
export async function openReviews(db: Kysely<DB>): Promise<ReviewRow[]> {
  return db.selectFrom('denial_reviews').selectAll().where('notice_written_at', 'is', null).execute();
}

export async function recordDetermination(
  db: Kysely<DB>,
  id: string,
  d: Pick<
    DenialReviewsTable,
    'outcome' | 'reasons' | 'decided_on' | 'decision_recorded_by' | 'decision_recorded_at'
  >,
): Promise<void> {
  await db.updateTable('denial_reviews').set(d).where('id', '=', id).where('outcome', 'is', null).execute();
}

export async function recordNotice(
  db: Kysely<DB>,
  id: string,
  n: Pick<
    DenialReviewsTable,
    'notice_folder' | 'notice_manifest_sha256' | 'notice_written_at' | 'notice_written_by'
  >,
): Promise<void> {
  await db.updateTable('denial_reviews').set(n).where('id', '=', id).execute();
}
