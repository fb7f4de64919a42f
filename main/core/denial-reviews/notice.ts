// Writing the notice of a review's determination to the client (45 CFR 164.524(d)(4)) as a PDF
// letter, through the same writer as releases, into a folder the person picks; recorded (and the
// review's clock stopped) in the transaction that commits it.
import { getClient, letterAddress } from '../clients/index.ts';
import { actorOf, nowIso, readDb, todayLocal } from '../context.ts';
import { AppError } from '../errors.ts';
import { getPractice } from '../practice/index.ts';
import { writeLetter, type FolderPicker } from '../releases/index.ts';
import type { Session } from '../sessions/index.ts';
import { noticeLetter } from './notice-letter.ts';
import { recordNotice } from './queries.ts';
import type { DenialReviewsService } from './service.ts';

export async function writeNotice(
  reviews: DenialReviewsService,
  pickFolder: FolderPicker,
  session: Session,
  windowId: string,
  reviewId: string,
): Promise<{ folder: string; manifestSha256: string } | null> {
  const { ctx } = reviews;
  const db = readDb(ctx);
  const v = await reviews.load(session, reviewId);
  if (v.outcome === null || v.reasons === null || v.decided_on === null)
    throw new AppError('CONFLICT', 'Record the reviewer’s determination before writing the notice.');
  const client = await getClient(db, v.client_id);
  if (!client) throw new AppError('NOT_FOUND', 'That client does not exist.');
  const practice = await getPractice(db);
  const document = noticeLetter({
    practice: {
      name: practice?.name ?? 'Practice',
      address: practice
        ? `${practice.address_line1}, ${practice.city}, ${practice.region} ${practice.postal_code}`
        : '',
      phone: practice?.phone ?? null,
      privacyContact: practice?.privacy_contact ?? null,
    },
    to: await letterAddress(db, v.client_id),
    chartNumber: client.chart_number,
    review: { ...v, outcome: v.outcome, reasons: v.reasons, decided_on: v.decided_on },
    date: todayLocal(ctx),
  });
  const destDir = await pickFolder(windowId, 'export');
  if (!destDir) return null;
  const letter = await writeLetter(ctx, {
    destDir,
    baseName: `Stillwater-review-notice-${client.chart_number}-${todayLocal(ctx)}`,
    pdfName: 'review-determination.pdf',
    document,
    commit: async (trx, written) => {
      await recordNotice(trx, v.id, {
        notice_folder: written.folder,
        notice_manifest_sha256: written.manifestSha256,
        notice_written_at: nowIso(ctx),
        notice_written_by: session.userId,
      });
      await ctx.audit.append(trx, actorOf(session), {
        action: 'denialReview.notice',
        targetType: 'release',
        targetId: v.request_id,
        detail: {
          reviewId: v.id,
          outcome: v.outcome,
          manifestSha256: written.manifestSha256,
          folder: written.folder,
        },
      });
    },
  });
  return { folder: letter.folder, manifestSha256: letter.manifestSha256 };
}
