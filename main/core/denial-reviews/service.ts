// The review of a reviewable denial of access (45 CFR 164.524(a)(4), (d)(4)): the owner designates
// the reviewing official in advance; the client's request for review is recorded and referred to
// that official at once; the official's determination is recorded (an outside official's by a
// staff member on their behalf); a reversal sends the access request back to be provided, and the
// client gets the determination in writing.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  DenialReviewRecord,
  DenialReviewSettings,
  DenialReviewSettingsInput,
} from '../../../preload/contract/denial-reviews.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import {
  actorOf,
  inTransaction,
  nowIso,
  readDb,
  recordAudit,
  todayLocal,
  type CoreContext,
} from '../context.ts';
import { addDays } from '../clock.ts';
import { AppError } from '../errors.ts';
import {
  deniedRequest,
  reopenAfterReversal,
  type DeniedRequest,
  type FolderPicker,
} from '../releases/index.ts';
import type { Session } from '../sessions/index.ts';
import { writeSetting } from '../settings-store.ts';
import { getUser, listUsers } from '../staff/index.ts';
import { writeNotice } from './notice.ts';
import { getReview, insertReview, recordDetermination, reviewsOfRequest, type ReviewRow } from './queries.ts';
import { reviewRecords } from './record.ts';
import { resolvedSettings, SETTINGS_KEY, staffOfficialProblem, storedSettings } from './settings.ts';

const conflict = (message: string) => new AppError('CONFLICT', message);
const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', message, { fields: [{ path, message }] });

export class DenialReviewsService {
  readonly ctx: CoreContext;
  private readonly pickFolder: FolderPicker;

  constructor(ctx: CoreContext, pickFolder: FolderPicker) {
    this.ctx = ctx;
    this.pickFolder = pickFolder;
  }

  /** The written notice of the determination, saved as a PDF in a folder the person picks. */
  writeNotice(session: Session, windowId: string, reviewId: string) {
    return writeNotice(this, this.pickFolder, session, windowId, reviewId);
  }

  private get db() {
    return readDb(this.ctx);
  }

  settings(): Promise<DenialReviewSettings> {
    return resolvedSettings(this.db);
  }

  async saveSettings(
    session: Session,
    input: z.output<typeof DenialReviewSettingsInput>,
  ): Promise<DenialReviewSettings> {
    const db = this.db;
    if (input.official.kind === 'staff') {
      const user = await getUser(db, input.official.userId);
      const problem = staffOfficialProblem(user);
      if (problem) throw invalid('official.userId', problem.replace(' Designate another in Settings.', ''));
      // 164.524(a)(4): the reviewer took no part in the denial. A practice with one licensed
      // professional cannot meet that from its own staff: it names an outside reviewer.
      const licensed = (await listUsers(db)).filter(
        (u) => u.active === 1 && (u.role === 'owner' || u.role === 'clinician'),
      );
      if (licensed.length < 2)
        throw invalid(
          'official.userId',
          'A practice with one licensed professional names an outside reviewer: the reviewer must not be the person who denied access.',
        );
    }
    const before = await storedSettings(db);
    await inTransaction(this.ctx, async (trx) => {
      await writeSetting(trx, SETTINGS_KEY, JSON.stringify(input), nowIso(this.ctx));
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'denialReview.settings',
        targetType: 'settings',
        targetId: SETTINGS_KEY,
        detail: {
          beforeKind: before.official?.kind ?? null,
          afterKind: input.official.kind,
          userId: input.official.kind === 'staff' ? input.official.userId : null,
          targetDays: input.targetDays,
        },
      });
    });
    return this.settings();
  }

  /** Why the client cannot ask for review of this release's denial now; null when they can. */
  private async requestBlocker(r: DeniedRequest, reviews: readonly ReviewRow[]): Promise<string | null> {
    if (r.kind !== 'access' || r.status !== 'denied' || !r.denial)
      return 'Only a denied access request can be reviewed.';
    if (!r.denial.reviewable)
      return 'The law provides no review of a denial on this ground (45 CFR 164.524(a)(1)–(2)).';
    if (reviews.some((v) => v.denied_at === r.denial?.deniedAt))
      return 'A review of this denial was already asked for.';
    const { official } = await this.settings();
    if (!official)
      return 'No reviewing official is designated. The practice owner names one in Settings before a review can be referred.';
    if (official.problem) return official.problem;
    // 164.524(a)(4): reviewed by a licensed professional who did not participate in the denial.
    if (official.kind === 'staff' && official.userId === r.denial.deniedBy)
      return `The designated reviewing official, ${official.name}, denied this request and cannot review it. The practice owner must designate another reviewing official in Settings.`;
    return null;
  }

  async ofRelease(session: Session, requestId: string) {
    const r = await deniedRequest(this.db, session, requestId);
    const rows = await reviewsOfRequest(this.db, requestId);
    const reviewable = r.kind === 'access' && r.status === 'denied' && r.denial?.reviewable === true;
    const blocker = reviewable ? await this.requestBlocker(r, rows) : null;
    const open = rows.find((v) => v.outcome === null);
    await recordAudit(this.ctx, actorOf(session), {
      action: 'denialReview.view',
      targetType: 'release',
      targetId: requestId,
      detail: { reviews: rows.length },
    });
    return {
      reviews: await reviewRecords(this.db, rows, todayLocal(this.ctx)),
      canRequest: reviewable && blocker === null,
      blocker: rows.some((v) => v.denied_at === r.denial?.deniedAt) ? null : blocker,
      canDecide: open ? this.mayDecide(session, open) === null : false,
    };
  }

  /** The client asked for review: recorded, and referred at once to the designated official. */
  async request(
    session: Session,
    input: { requestId: string; receivedOn: string; receivedHow: 'written' | 'oral' },
  ): Promise<DenialReviewRecord> {
    const r = await deniedRequest(this.db, session, input.requestId);
    const blocker = await this.requestBlocker(r, await reviewsOfRequest(this.db, r.id));
    if (blocker || !r.denial) throw conflict(blocker ?? 'Only a denied access request can be reviewed.');
    const today = todayLocal(this.ctx);
    if (input.receivedOn > today) throw invalid('receivedOn', 'The date cannot be in the future.');
    if (input.receivedOn < r.denial.deniedAt.slice(0, 10))
      throw invalid('receivedOn', 'The review cannot have been asked for before the denial.');
    const settings = await this.settings();
    const official = settings.official;
    if (!official) throw conflict('No reviewing official is designated.');
    const row = {
      id: randomUUID(),
      request_id: r.id,
      client_id: r.clientId,
      denied_at: r.denial.deniedAt,
      denied_by: r.denial.deniedBy,
      received_on: input.receivedOn,
      received_how: input.receivedHow,
      due_on: addDays(input.receivedOn, settings.targetDays),
      recorded_by: session.userId,
      recorded_at: nowIso(this.ctx),
      reviewer_kind: official.kind,
      reviewer_user_id: official.userId,
      reviewer_name: official.name,
      reviewer_credentials: official.credentials,
      reviewer_contact: official.contact,
      outcome: null,
      reasons: null,
      decided_on: null,
      decision_recorded_by: null,
      decision_recorded_at: null,
      notice_folder: null,
      notice_manifest_sha256: null,
      notice_written_at: null,
      notice_written_by: null,
    };
    await inTransaction(this.ctx, async (trx) => {
      await insertReview(trx, row);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'denialReview.request',
        targetType: 'release',
        targetId: r.id,
        detail: {
          reviewId: row.id,
          reviewerKind: official.kind,
          reviewerId: official.userId,
          dueOn: row.due_on,
        },
      });
    });
    return this.one(row.id);
  }

  /**
   * Who may record the determination: the staff official themselves (never the person who denied,
   * 164.524(a)(4)); an outside official's, any owner or clinician on their behalf. A reason, or null.
   */
  private mayDecide(session: Session, v: ReviewRow): string | null {
    if (v.reviewer_kind === 'staff') {
      if (v.reviewer_user_id === v.denied_by)
        return 'The person who denied access cannot review the denial. The practice owner must designate another reviewing official.';
      if (session.userId !== v.reviewer_user_id)
        return `Only the designated reviewing official, ${v.reviewer_name}, can record this determination.`;
      return null;
    }
    return session.role === 'owner' || session.role === 'clinician'
      ? null
      : 'An owner or clinician records an outside reviewer’s determination.';
  }

  async decide(
    session: Session,
    input: { reviewId: string; outcome: 'upheld' | 'reversed'; reasons: string; decidedOn: string },
  ): Promise<DenialReviewRecord> {
    const v = await this.load(session, input.reviewId);
    if (v.outcome !== null)
      throw conflict('The determination of this review is already recorded. It cannot be changed.');
    const refusal = this.mayDecide(session, v);
    if (refusal) throw new AppError('FORBIDDEN', refusal);
    const today = todayLocal(this.ctx);
    if (input.decidedOn > today) throw invalid('decidedOn', 'The date cannot be in the future.');
    if (input.decidedOn < v.received_on)
      throw invalid('decidedOn', 'The determination cannot come before the request for review.');
    await inTransaction(this.ctx, async (trx) => {
      await recordDetermination(trx, v.id, {
        outcome: input.outcome,
        reasons: input.reasons,
        decided_on: input.decidedOn,
        decision_recorded_by: session.userId,
        decision_recorded_at: nowIso(this.ctx),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'denialReview.decide',
        targetType: 'release',
        targetId: v.request_id,
        detail: {
          reviewId: v.id,
          outcome: input.outcome,
          reviewerKind: v.reviewer_kind,
          onBehalfOfOutsideReviewer: v.reviewer_kind === 'outside',
        },
      });
      // 164.524(d)(4): the practice must provide access as the reviewer determined.
      if (input.outcome === 'reversed')
        await reopenAfterReversal(trx, this.ctx, session, {
          requestId: v.request_id,
          deniedAt: v.denied_at,
          reviewId: v.id,
          note: `On ${usDate(input.decidedOn)} ${v.reviewer_name} reversed the denial on review (45 CFR 164.524(d)(4)): the practice must provide access. Choose and approve the records, then export them.`,
        });
    });
    return this.one(v.id);
  }

  /** The review, if the person may see its client's chart. */
  async load(session: Session, reviewId: string): Promise<ReviewRow> {
    const v = await getReview(this.db, reviewId);
    if (!v) throw new AppError('NOT_FOUND', 'That review does not exist.');
    await deniedRequest(this.db, session, v.request_id);
    return v;
  }

  async one(reviewId: string): Promise<DenialReviewRecord> {
    const v = await getReview(this.db, reviewId);
    if (!v) throw new AppError('NOT_FOUND', 'That review does not exist.');
    const [record] = await reviewRecords(this.db, [v], todayLocal(this.ctx));
    if (!record) throw new AppError('NOT_FOUND', 'That review does not exist.');
    return record;
  }
}
