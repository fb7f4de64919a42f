// Records release (release of information), DESIGN.md section 5 and LEGAL.md: the request's
// state machine (draft → authorized → approved → exported, or denied, revoked, expired) is enforced
// in the rooms this service joins — requests and clocks (requests.ts), authorizations
// (authorizations.ts), review and approval (review.ts), export (export.ts), the accounting
// (accounting.ts) and denials (denial.ts). What leaves is decided record by record in plan.ts.
import { actorOf, readDb, recordAudit, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import type { VerifyResult } from '../../../preload/contract/releases.ts';
import { AccountingRoom } from './accounting.ts';
import { AuthorizationsRoom } from './authorizations.ts';
import { DenialRoom } from './denial.ts';
import { ReleaseDesk, type FolderPicker } from './desk.ts';
import { ExportRoom } from './export.ts';
import { exportProblems } from './export-jobs.ts';
import type { Stage } from './package-writer.ts';
import { disclosureByManifest } from './queries.ts';
import { RequestsRoom } from './requests.ts';
import { ReviewRoom } from './review.ts';
import { verifyFolder } from './verify.ts';

export type { FolderPicker };

export class ReleasesService {
  private readonly desk: ReleaseDesk;
  private readonly requests: RequestsRoom;
  private readonly authorizationsRoom: AuthorizationsRoom;
  private readonly review: ReviewRoom;
  private readonly exports: ExportRoom;
  private readonly accountingRoom: AccountingRoom;
  private readonly denials: DenialRoom;

  /** `seams.onExportStage`: a test seam (createCore's testSeams), called at each stage of an export. */
  constructor(
    ctx: CoreContext,
    pickFolder: FolderPicker,
    seams: { onExportStage?: ((stage: Stage) => void) | undefined } = {},
  ) {
    this.desk = new ReleaseDesk(ctx, pickFolder);
    this.requests = new RequestsRoom(this.desk);
    this.authorizationsRoom = new AuthorizationsRoom(this.desk);
    this.review = new ReviewRoom(this.desk);
    this.exports = new ExportRoom(this.desk, seams.onExportStage);
    this.accountingRoom = new AccountingRoom(this.desk);
    this.denials = new DenialRoom(this.desk);
  }

  list: RequestsRoom['list'] = (session, filter) => this.requests.list(session, filter);
  reviewQueue: RequestsRoom['reviewQueue'] = (session) => this.requests.reviewQueue(session);
  create: RequestsRoom['create'] = (session, input) => this.requests.create(session, input);
  get: RequestsRoom['get'] = (session, id) => this.requests.get(session, id);
  extend: RequestsRoom['extend'] = (session, input) => this.requests.extend(session, input);
  addAuthorization: AuthorizationsRoom['add'] = (session, input) =>
    this.authorizationsRoom.add(session, input);
  authorize: AuthorizationsRoom['authorize'] = (session, id) =>
    this.authorizationsRoom.authorize(session, id);
  revokeAuthorization: AuthorizationsRoom['revoke'] = (session, input) =>
    this.authorizationsRoom.revoke(session, input);
  preview: ReviewRoom['preview'] = (session, id, selection) => this.review.preview(session, id, selection);
  approve: ReviewRoom['approve'] = (session, id, selection) => this.review.approve(session, id, selection);
  deny: ReviewRoom['deny'] = (session, input) => this.review.deny(session, input);
  export: ExportRoom['export'] = (session, windowId, id, password) =>
    this.exports.export(session, windowId, id, password);
  denialLetter: DenialRoom['letter'] = (session, id) => this.denials.letter(session, id);
  exportDenialLetter: DenialRoom['exportLetter'] = (session, windowId, id) =>
    this.denials.exportLetter(session, windowId, id);
  accounting: AccountingRoom['accounting'] = (session, clientId, includeAll) =>
    this.accountingRoom.accounting(session, clientId, includeAll);
  recordManual: AccountingRoom['recordManual'] = (session, input) =>
    this.accountingRoom.recordManual(session, input);

  async verifyPackage(session: Session, windowId: string): Promise<VerifyResult | null> {
    const ctx = this.desk.ctx;
    const dir = await this.desk.pickFolder(windowId, 'verify');
    if (!dir) return null;
    const check = verifyFolder(dir);
    const logged = check.manifestSha256
      ? await disclosureByManifest(readDb(ctx), check.manifestSha256)
      : undefined;
    const problems = [...check.problems];
    if (check.manifestSha256 && !logged)
      problems.push('The disclosure log has no record of this exact package leaving the practice.');
    await recordAudit(ctx, actorOf(session), {
      action: 'release.verify',
      detail: { ok: check.ok && Boolean(logged), manifestSha256: check.manifestSha256 },
    });
    return { ...check, ok: check.ok && Boolean(logged), inDisclosureLog: Boolean(logged), problems };
  }

  /** Recorded packages not in place, and unfinished exports left on a drive that could not be reached. */
  pendingProblems() {
    return exportProblems(readDb(this.desk.ctx));
  }
}
