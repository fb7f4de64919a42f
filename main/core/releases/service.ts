// Records release: the request's state machine (draft → authorized → approved → exported, or
// denied, revoked, expired), enforced here; authorizations; approval with the minimum necessary
// selection; export through the crash-safe package writer; the disclosure log and accounting.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import {
  DENIAL_GROUNDS,
  RECORD_TYPE_LABELS,
  type AuthorizationInput,
  type AuthorizationRecord,
  type CreateReleaseInput,
  type DenialGround,
  type DisclosureEntry,
  type ManualDisclosureInput,
  type PackageDocument,
  type ReleaseDetails,
  type ReleaseRecord,
  type ReleaseStatus,
  type ReleaseSummary,
  type Selection,
  type VerifyResult,
} from '../../../preload/contract/releases.ts';
import { chartAccess, clinicalAccess } from '../clients/access.ts';
import { actorOf, inTransaction, nowIso, readDb, todayLocal, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { getPractice } from '../practice/queries.ts';
import type { Session } from '../sessions/session-manager.ts';
import { getUser } from '../staff/queries.ts';
import { composePackage, type ComposeInput } from './compose.ts';
import { purposeOf, selectRecords } from './document.ts';
import { denialLetter } from './denial-letter.ts';
import {
  missingPackages,
  TamperedNotes,
  warmExportWorker,
  writePackage,
  type Stage,
} from './package-writer.ts';
import {
  disclosureByManifest,
  disclosuresOfRequest,
  getAuthorization,
  getRequest,
  insertAuthorization,
  insertDisclosure,
  insertRequest,
  listAuthorizations,
  listDisclosures,
  listRequests,
  revokeAuthorization,
  updateRequest,
  type AuthorizationRow,
  type RequestRow,
} from './queries.ts';
import {
  ACCESS_DAYS,
  addDays,
  authorizationBlockers,
  authorizationState,
  selectionProblems,
  urgency,
} from './rules.ts';
import { verifyFolder } from './verify.ts';

type AuthFields = Omit<z.output<typeof AuthorizationInput>, 'requestId' | 'type' | 'attachment'>;
type Auth = Omit<AuthorizationRow, 'attachment'>;

const OPEN: ReleaseStatus[] = ['draft', 'authorized', 'approved'];

/** Asks the person at the window for a folder (a dialog in the app). */
export type FolderPicker = (windowId: string, purpose: 'export' | 'verify') => Promise<string | null>;

export class ReleasesService {
  private readonly ctx: CoreContext;
  private readonly pickFolder: FolderPicker;
  /** Test seam for crash simulation (see package-writer). */
  onExportStage: ((stage: Stage) => void) | undefined;

  constructor(ctx: CoreContext, pickFolder: FolderPicker) {
    this.ctx = ctx;
    this.pickFolder = pickFolder;
  }

  private today(): string {
    return todayLocal(this.ctx);
  }

  private async load(session: Session, requestId: string): Promise<RequestRow> {
    const db = readDb(this.ctx);
    const r = await getRequest(db, requestId);
    if (!r) throw new AppError('NOT_FOUND', 'That release request does not exist.');
    await chartAccess(db, session, r.client_id); // clinicians only for their caseload
    return r;
  }

  private authRecord(a: Auth): AuthorizationRecord {
    const f = JSON.parse(a.fields) as AuthFields;
    return {
      id: a.id,
      type: a.type,
      description: f.description,
      disclosingParty: f.disclosingParty,
      recipientName: f.recipientName,
      purpose: f.purpose,
      expiresOn: f.expiresOn ?? null,
      expiryEvent: f.expiryEvent ?? null,
      signedBy: f.signedBy,
      signedOn: f.signedOn,
      signerIsRepresentative: f.signerIsRepresentative,
      representativeAuthority: f.representativeAuthority ?? null,
      revokedOn: a.revoked_on,
      attachmentName: a.attachment_name,
      state: authorizationState(this.authState(a), this.today()),
    };
  }

  private authState(a: Auth) {
    const f = JSON.parse(a.fields) as AuthFields;
    return {
      type: a.type,
      expiresOn: a.expires_on,
      revokedOn: a.revoked_on,
      signerIsRepresentative: f.signerIsRepresentative,
    };
  }

  /**
   * A third-party release stands on its authorizations: when none is valid any more, an open or
   * exported request becomes revoked or expired (persisted and audited), and blocks export.
   */
  private async refreshStatus(session: Session, r: RequestRow): Promise<RequestRow> {
    if (r.kind !== 'third_party' || !['authorized', 'approved', 'exported'].includes(r.status)) return r;
    const auths = await listAuthorizations(readDb(this.ctx), r.id);
    const states = auths.map((a) => authorizationState(this.authState(a), this.today()));
    if (states.includes('valid')) return r;
    const status: ReleaseStatus = states.includes('revoked') ? 'revoked' : 'expired';
    await inTransaction(this.ctx, async (trx) => {
      await updateRequest(trx, r.id, { status, updated_at: nowIso(this.ctx) });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.statusChange',
        targetType: 'release',
        targetId: r.id,
        detail: { from: r.status, to: status },
      });
    });
    return { ...r, status };
  }

  private summary(
    r: RequestRow & {
      legal_first_name: string;
      legal_last_name: string;
      chart_number: string;
      assigned_name: string;
    },
  ): ReleaseSummary {
    const d = JSON.parse(r.details) as ReleaseDetails;
    return {
      id: r.id,
      clientId: r.client_id,
      clientName: `${r.legal_first_name} ${r.legal_last_name}`,
      chartNumber: r.chart_number,
      kind: r.kind,
      status: r.status,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      urgency: urgency(r.due_on, this.today(), OPEN.includes(r.status)),
      recipientName: recipientName(d, `${r.legal_first_name} ${r.legal_last_name}`),
      assignedClinician: { id: r.assigned_clinician_id, displayName: r.assigned_name },
      updatedAt: r.updated_at,
    };
  }

  async list(
    session: Session,
    filter: { clientId?: string | undefined; status?: ReleaseStatus | undefined },
  ): Promise<ReleaseSummary[]> {
    const rows = await listRequests(readDb(this.ctx), {
      ...filter,
      caseloadOf: session.role === 'clinician' ? session.userId : undefined,
    });
    return rows.map((r) => this.summary(r)).sort((a, b) => rank(a) - rank(b));
  }

  async create(session: Session, input: z.output<typeof CreateReleaseInput>): Promise<ReleaseRecord> {
    const db = readDb(this.ctx);
    const { client } = await chartAccess(db, session, input.clientId);
    const d = input.details;
    if (d.kind === 'emergency') {
      const clinician = await getUser(db, d.clinicianId);
      if (!clinician?.active || clinician.role === 'front_desk') {
        throw new AppError('INVALID_INPUT', 'Name the clinician who decided on the disclosure.', {
          fields: [{ path: 'details.clinicianId', message: 'Choose an active clinician.' }],
        });
      }
    }
    const id = randomUUID();
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await insertRequest(trx, {
        id,
        client_id: client.id,
        kind: d.kind,
        status: 'draft',
        received_on: d.receivedOn,
        // 45 CFR 164.524(b)(2): act on an access request within 30 days of receipt.
        due_on: d.kind === 'access' ? addDays(d.receivedOn, ACCESS_DAYS) : null,
        extension: null,
        details: JSON.stringify(d),
        assigned_clinician_id: d.kind === 'emergency' ? d.clinicianId : client.primary_clinician_id,
        selection: null,
        approved_by: null,
        approved_at: null,
        denial: null,
        denied_by: null,
        denied_at: null,
        created_by: session.userId,
        created_at: now,
        updated_at: now,
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.create',
        targetType: 'release',
        targetId: id,
        detail: { clientId: client.id, kind: d.kind },
      });
    });
    return this.record(session, id);
  }

  async get(session: Session, requestId: string): Promise<ReleaseRecord> {
    await inTransaction(this.ctx, (trx) =>
      this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.view',
        targetType: 'release',
        targetId: requestId,
      }),
    );
    return this.record(session, requestId);
  }

  private async record(session: Session, requestId: string): Promise<ReleaseRecord> {
    const db = readDb(this.ctx);
    const r = await this.refreshStatus(session, await this.load(session, requestId));
    const [row] = (await listRequests(db, { clientId: r.client_id })).filter((x) => x.id === r.id);
    if (!row) throw new AppError('NOT_FOUND', 'That release request does not exist.');
    const auths = await listAuthorizations(db, r.id);
    const details = JSON.parse(r.details) as ReleaseDetails;
    const denial = r.denial
      ? (JSON.parse(r.denial) as { ground: DenialGround | null; reviewable: boolean; explanation: string })
      : null;
    const names = await this.names([r.approved_by, r.denied_by]);
    const blockers =
      r.status === 'draft'
        ? authorizationBlockers(
            details,
            auths.map((a) => this.authState(a)),
            this.today(),
          )
        : [];
    const clinical = await clinicalAccess(db, session, r.client_id).then(
      (a) => a.clinical,
      () => false,
    );
    return {
      summary: this.summary(row),
      details,
      extension: r.extension ? (JSON.parse(r.extension) as ReleaseRecord['extension']) : null,
      authorizations: auths.map((a) => this.authRecord(a)),
      selection: r.selection ? (JSON.parse(r.selection) as Selection) : null,
      approvedBy: r.approved_by
        ? { id: r.approved_by, displayName: names.get(r.approved_by) ?? 'Unknown' }
        : null,
      approvedAt: r.approved_at,
      denial: denial
        ? { ...denial, deniedBy: names.get(r.denied_by ?? '') ?? 'Unknown', deniedAt: r.denied_at ?? '' }
        : null,
      exports: (await disclosuresOfRequest(db, r.id)).map((e) => ({
        disclosedOn: e.disclosed_on,
        packageName: e.package_name,
        manifestSha256: e.manifest_sha256,
      })),
      next: {
        canAuthorize: r.status === 'draft' && blockers.length === 0,
        canApprove: r.status === 'authorized' && clinical,
        canDeny: OPEN.includes(r.status) && clinical,
        canExport: r.status === 'approved' || r.status === 'exported',
        blockers,
      },
    };
  }

  private async names(ids: (string | null)[]): Promise<Map<string, string>> {
    const db = readDb(this.ctx);
    const map = new Map<string, string>();
    for (const id of ids) {
      if (!id || map.has(id)) continue;
      const u = await getUser(db, id);
      if (u) map.set(id, u.display_name);
    }
    return map;
  }

  private assertStatus(r: RequestRow, allowed: ReleaseStatus[], action: string): void {
    if (!allowed.includes(r.status)) {
      throw new AppError('CONFLICT', `A release that is ${r.status} cannot be ${action}.`);
    }
  }

  async addAuthorization(
    session: Session,
    input: z.output<typeof AuthorizationInput>,
  ): Promise<ReleaseRecord> {
    const r = await this.load(session, input.requestId);
    this.assertStatus(r, ['draft', 'authorized', 'approved'], 'given another authorization');
    if (r.kind === 'emergency') {
      throw new AppError(
        'CONFLICT',
        'An emergency disclosure stands on its documented reason, not on an authorization.',
      );
    }
    // LEGAL.md: a general description ("the complete record") never covers psychotherapy notes, and
    // a psychotherapy-notes authorization is combined only with another one (164.508(b)(3)(ii)).
    const namesPsychotherapy = /psychotherapy\s+notes?/i.test(input.description);
    if (input.type === 'psychotherapy_notes' && !namesPsychotherapy) {
      throw new AppError(
        'INVALID_INPUT',
        'A psychotherapy-notes authorization must name psychotherapy notes.',
        {
          fields: [
            { path: 'description', message: 'Name the psychotherapy notes this authorization covers.' },
          ],
        },
      );
    }
    if (input.type !== 'psychotherapy_notes' && namesPsychotherapy) {
      throw new AppError(
        'INVALID_INPUT',
        'Psychotherapy notes need an authorization of their own; they cannot be combined with other records.',
        {
          fields: [
            {
              path: 'description',
              message: 'Record psychotherapy notes on a separate psychotherapy-notes authorization.',
            },
          ],
        },
      );
    }
    const { requestId: _r, type, attachment, ...fields } = input;
    const id = randomUUID();
    await inTransaction(this.ctx, async (trx) => {
      await insertAuthorization(trx, {
        id,
        request_id: r.id,
        type,
        fields: JSON.stringify(fields),
        expires_on: input.expiresOn ?? null,
        revoked_on: null,
        revocation_note: null,
        attachment_name: attachment?.name ?? null,
        attachment_type: attachment?.type ?? null,
        attachment: attachment ? Buffer.from(attachment.base64, 'base64') : null,
        recorded_by: session.userId,
        recorded_at: nowIso(this.ctx),
      });
      await updateRequest(trx, r.id, { updated_at: nowIso(this.ctx) });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.authorization',
        targetType: 'release',
        targetId: r.id,
        detail: { authorizationId: id, type, attachment: Boolean(attachment) },
      });
    });
    return this.record(session, r.id);
  }

  async authorize(session: Session, requestId: string): Promise<ReleaseRecord> {
    const r = await this.load(session, requestId);
    this.assertStatus(r, ['draft'], 'marked authorized');
    const auths = await listAuthorizations(readDb(this.ctx), r.id);
    const blockers = authorizationBlockers(
      JSON.parse(r.details) as ReleaseDetails,
      auths.map((a) => this.authState(a)),
      this.today(),
    );
    if (blockers.length > 0) throw new AppError('CONFLICT', blockers.join(' '));
    await this.transition(session, r, 'authorized', {});
    return this.record(session, r.id);
  }

  private async transition(
    session: Session,
    r: RequestRow,
    to: ReleaseStatus,
    patch: Parameters<typeof updateRequest>[2],
    detail: Record<string, string | boolean | null> = {},
  ): Promise<void> {
    await inTransaction(this.ctx, async (trx) => {
      await updateRequest(trx, r.id, { ...patch, status: to, updated_at: nowIso(this.ctx) });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.statusChange',
        targetType: 'release',
        targetId: r.id,
        detail: { from: r.status, to, ...detail },
      });
    });
  }

  /** Checks a selection against the request's authority and builds the document it would send. */
  /** Refuses a selection the request's authority does not cover. */
  private async checkSelection(session: Session, r: RequestRow, selection: Selection): Promise<void> {
    const db = readDb(this.ctx);
    const { client } = await clinicalAccess(db, session, r.client_id);
    const details = JSON.parse(r.details) as ReleaseDetails;
    const auths = await listAuthorizations(db, r.id);
    const problems = selectionProblems(selection, {
      details,
      authorizations: auths.map((a) => this.authState(a)),
      today: this.today(),
      minorConsentedAlone: client.minor_self_consent_basis !== null,
    });
    if (problems.length > 0) {
      throw new AppError('CONFLICT', problems.join(' '), {
        fields: problems.map((message) => ({ path: 'selection', message })),
      });
    }
  }

  private async compose(
    session: Session,
    r: RequestRow,
    selection: Selection,
  ): Promise<{ document: PackageDocument; fhir: string }> {
    await this.checkSelection(session, r, selection);
    return this.composeUnchecked(readDb(this.ctx), session, r, selection);
  }

  /** What composing this release needs (the same for the preview in main and the export worker). */
  private async composeInput(
    db: Kysely<DB>,
    session: Session,
    r: RequestRow,
    selection: Selection,
  ): Promise<ComposeInput> {
    const valid = (await listAuthorizations(db, r.id)).filter(
      (a) => authorizationState(this.authState(a), this.today()) === 'valid',
    );
    return {
      clientId: r.client_id,
      details: JSON.parse(r.details) as ReleaseDetails,
      selection,
      authorizations: valid.map((a) => ({
        id: a.id,
        type: a.type,
        fields: a.fields,
        expires_on: a.expires_on,
      })),
      preparedBy: session.displayName,
      preparedOn: this.today(),
      now: nowIso(this.ctx),
    };
  }

  private async composeUnchecked(db: Kysely<DB>, session: Session, r: RequestRow, selection: Selection) {
    const composed = await composePackage(db, await this.composeInput(db, session, r, selection));
    if (composed.tampered.length > 0) await this.refuseTampered(session, r, composed.tampered);
    return composed;
  }

  /** A note changed after signing never leaves the practice: the attempt is audited and refused. */
  private async refuseTampered(session: Session, r: RequestRow, noteIds: string[]): Promise<never> {
    await inTransaction(this.ctx, async (trx) => {
      for (const noteId of noteIds) {
        await this.ctx.audit.append(trx, actorOf(session), {
          action: 'note.integrityFailed',
          targetType: 'note',
          targetId: noteId,
          detail: { clientId: r.client_id, releaseId: r.id },
        });
      }
    });
    this.ctx.logger.log('error', 'releases.integrityFailed', { count: noteIds.length });
    throw new AppError(
      'CONFLICT',
      `${String(noteIds.length)} note${noteIds.length === 1 ? '' : 's'} in this selection failed the integrity check (changed after signing). Nothing can be released until the practice owner has looked into it.`,
    );
  }

  async preview(session: Session, requestId: string, selection: Selection): Promise<PackageDocument> {
    const r = await this.refreshStatus(session, await this.load(session, requestId));
    this.assertStatus(r, ['authorized', 'approved'], 'previewed');
    const { document } = await this.compose(session, r, selection);
    await inTransaction(this.ctx, (trx) =>
      this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.preview',
        targetType: 'release',
        targetId: r.id,
      }),
    );
    return document;
  }

  async approve(session: Session, requestId: string, selection: Selection): Promise<ReleaseRecord> {
    const r = await this.refreshStatus(session, await this.load(session, requestId));
    this.assertStatus(r, ['authorized'], 'approved');
    await this.checkSelection(session, r, selection);
    // Approval needs the records' integrity, not the document: that is composed at export.
    const { tampered } = await selectRecords(readDb(this.ctx), r.client_id, selection);
    if (tampered.length > 0) await this.refuseTampered(session, r, tampered);
    await this.transition(
      session,
      r,
      'approved',
      { selection: JSON.stringify(selection), approved_by: session.userId, approved_at: nowIso(this.ctx) },
      {
        recordTypes: selection.recordTypes.join(','),
        from: selection.from,
        to: selection.to,
        part2: selection.includePart2,
      },
    );
    return this.record(session, r.id);
  }

  async deny(
    session: Session,
    input: { requestId: string; ground?: DenialGround | undefined; explanation: string },
  ): Promise<ReleaseRecord> {
    const r = await this.load(session, input.requestId);
    await clinicalAccess(readDb(this.ctx), session, r.client_id);
    this.assertStatus(r, OPEN, 'denied');
    if (r.kind === 'access' && !input.ground) {
      throw new AppError(
        'INVALID_INPUT',
        'A denial of a client’s own request states its ground (45 CFR 164.524(a)).',
        {
          fields: [{ path: 'ground', message: 'Choose the ground for the denial.' }],
        },
      );
    }
    const denial = {
      ground: input.ground ?? null,
      reviewable: input.ground ? DENIAL_GROUNDS[input.ground].reviewable : false,
      explanation: input.explanation,
    };
    await this.transition(
      session,
      r,
      'denied',
      { denial: JSON.stringify(denial), denied_by: session.userId, denied_at: nowIso(this.ctx) },
      {
        ground: denial.ground,
        reviewable: denial.reviewable,
      },
    );
    return this.record(session, r.id);
  }

  /** 164.524(b)(2)(ii): one 30-day extension, with the reason given to the client within the first 30 days. */
  async extend(
    session: Session,
    input: { requestId: string; reason: string; notifiedOn: string },
  ): Promise<ReleaseRecord> {
    const r = await this.load(session, input.requestId);
    if (r.kind !== 'access')
      throw new AppError('CONFLICT', 'Only a client’s own access request has a legal due date to extend.');
    this.assertStatus(r, OPEN, 'extended');
    if (r.extension)
      throw new AppError('CONFLICT', 'The one 30-day extension the rule allows has already been used.');
    const due = r.due_on ?? addDays(r.received_on, ACCESS_DAYS);
    if (this.today() > due || input.notifiedOn > due) {
      throw new AppError(
        'CONFLICT',
        'An extension must be given to the client in writing within the first 30 days.',
        {
          fields: [{ path: 'notifiedOn', message: 'The client must be told before the original due date.' }],
        },
      );
    }
    const newDueOn = addDays(due, ACCESS_DAYS);
    await inTransaction(this.ctx, async (trx) => {
      await updateRequest(trx, r.id, {
        due_on: newDueOn,
        extension: JSON.stringify({ reason: input.reason, notifiedOn: input.notifiedOn, newDueOn }),
        updated_at: nowIso(this.ctx),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.extend',
        targetType: 'release',
        targetId: r.id,
        detail: { newDueOn },
      });
    });
    return this.record(session, r.id);
  }

  async revokeAuthorization(
    session: Session,
    input: { authorizationId: string; revokedOn: string; note?: string | undefined },
  ): Promise<ReleaseRecord> {
    const db = readDb(this.ctx);
    const a = await getAuthorization(db, input.authorizationId);
    if (!a) throw new AppError('NOT_FOUND', 'That authorization does not exist.');
    const r = await this.load(session, a.request_id);
    if (a.revoked_on) throw new AppError('CONFLICT', 'This authorization was already revoked.');
    await inTransaction(this.ctx, async (trx) => {
      await revokeAuthorization(trx, a.id, input.revokedOn, input.note ?? null);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.revokeAuthorization',
        targetType: 'release',
        targetId: r.id,
        detail: { authorizationId: a.id, revokedOn: input.revokedOn },
      });
    });
    return this.record(session, r.id);
  }

  async export(session: Session, windowId: string, requestId: string, password: string | undefined) {
    let r = await this.load(session, requestId);
    r = await this.refreshStatus(session, r);
    if (r.status === 'revoked' || r.status === 'expired') {
      throw new AppError(
        'CONFLICT',
        `The authorization behind this release is ${r.status}: nothing more can be exported under it.`,
      );
    }
    this.assertStatus(r, ['approved', 'exported'], 'exported');
    const selection = r.selection ? (JSON.parse(r.selection) as Selection) : null;
    if (!selection) throw new AppError('CONFLICT', 'This release has no approved selection.');
    const details = JSON.parse(r.details) as ReleaseDetails;
    const db = readDb(this.ctx);
    // The thread starts while the person picks a folder.
    warmExportWorker();
    // Composed in the export worker as the approving clinician saw it (front desk may export, but not read it).
    const input = await this.composeInput(db, session, r, selection);
    const destDir = await this.pickFolder(windowId, 'export');
    if (!destDir) return null;
    const client = await db
      .selectFrom('clients')
      .select(['chart_number', 'legal_first_name', 'legal_last_name'])
      .where('id', '=', r.client_id)
      .executeTakeFirstOrThrow();
    const practice = await getPractice(db);
    const wantsFhir = details.kind !== 'access' || details.format !== 'pdf';
    const now = nowIso(this.ctx);
    // A copy of the data key for the worker's read-only connection, moved (not copied) to it.
    const copy = this.ctx.vault.copyDataKey();
    const key = new Uint8Array(copy.length);
    key.set(copy);
    copy.fill(0);
    let written;
    try {
      written = await writePackage(this.ctx, {
        requestId: r.id,
        destDir,
        baseName: `Stillwater-release-${client.chart_number}-${this.today()}`,
        job: {
          content: { kind: 'compose', dbFile: this.ctx.vault.databaseFile, key, input, withFhir: wantsFhir },
          practiceName: practice?.name ?? 'Practice',
          password,
          pdfName: 'records.pdf',
          createdAt: now,
        },
        onStage: this.onExportStage,
        commit: async (trx, res, name) => {
          // The release is marked exported, and the disclosure and audit entries appended, in one transaction.
          await updateRequest(trx, r.id, { status: 'exported', updated_at: now });
          await insertDisclosure(trx, {
            id: randomUUID(),
            client_id: r.client_id,
            request_id: r.id,
            disclosed_on: this.today(),
            recipient_name: recipientName(details, `${client.legal_first_name} ${client.legal_last_name}`),
            recipient_address: recipientAddress(details),
            description: `${selection.recordTypes.map((t) => RECORD_TYPE_LABELS[t]).join(', ')} from ${selection.from} to ${selection.to}`,
            purpose: purposeOf(details),
            basis: basisOf(details),
            manual: 0,
            manifest_sha256: res.manifestSha256,
            package_name: name,
            recorded_by: session.userId,
            recorded_at: now,
          });
          await this.ctx.audit.append(trx, actorOf(session), {
            action: 'release.export',
            targetType: 'release',
            targetId: r.id,
            detail: {
              manifestSha256: res.manifestSha256,
              packageName: name,
              encrypted: Boolean(password),
              from: r.status,
            },
          });
        },
      });
    } catch (error) {
      if (error instanceof TamperedNotes) await this.refuseTampered(session, r, error.noteIds);
      throw error;
    } finally {
      // Transferred to the worker, the buffer is detached here (length 0); if it never left, zero it.
      if (key.byteLength > 0) key.fill(0);
    }
    const { packageName, result } = written;
    return { packageName, manifestSha256: result.manifestSha256, files: result.files.map((f) => f.name) };
  }

  /** The written denial of a client's own request (45 CFR 164.524(d)(2)), as the PDF will print it. */
  private async denialDocument(session: Session, requestId: string) {
    const r = await this.load(session, requestId);
    this.assertStatus(r, ['denied'], 'sent a denial letter');
    const db = readDb(this.ctx);
    const practice = await getPractice(db);
    const client = await db
      .selectFrom('clients')
      .selectAll()
      .where('id', '=', r.client_id)
      .executeTakeFirstOrThrow();
    const denial = JSON.parse(r.denial ?? '{}') as {
      ground: DenialGround | null;
      reviewable: boolean;
      explanation: string;
    };
    const document = denialLetter({
      practice: {
        name: practice?.name ?? 'Practice',
        address: practice
          ? `${practice.address_line1}, ${practice.city}, ${practice.region} ${practice.postal_code}`
          : '',
        phone: practice?.phone ?? null,
        privacyContact: practice?.privacy_contact ?? null,
      },
      client,
      details: JSON.parse(r.details) as ReleaseDetails,
      denial,
      deniedBy: (await getUser(db, r.denied_by ?? ''))?.display_name ?? 'the practice',
      date: this.today(),
    });
    return { r, client, practice, document };
  }

  async denialLetter(session: Session, requestId: string): Promise<PackageDocument> {
    const { r, document } = await this.denialDocument(session, requestId);
    await inTransaction(this.ctx, (trx) =>
      this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.preview',
        targetType: 'release',
        targetId: r.id,
      }),
    );
    return document;
  }

  async exportDenialLetter(session: Session, windowId: string, requestId: string) {
    const { r, client, practice, document } = await this.denialDocument(session, requestId);
    const destDir = await this.pickFolder(windowId, 'export');
    if (!destDir) return null;
    const { packageName, result } = await writePackage(this.ctx, {
      requestId: r.id,
      destDir,
      baseName: `Stillwater-denial-${client.chart_number}-${this.today()}`,
      job: {
        content: { kind: 'document', document, fhir: null },
        practiceName: practice?.name ?? 'Practice',
        pdfName: 'denial-letter.pdf',
        createdAt: nowIso(this.ctx),
        layout: 'letter',
      },
      commit: async (trx, res, name) => {
        await this.ctx.audit.append(trx, actorOf(session), {
          action: 'release.denialLetter',
          targetType: 'release',
          targetId: r.id,
          detail: { manifestSha256: res.manifestSha256, packageName: name },
        });
      },
    });
    return { packageName, manifestSha256: result.manifestSha256, files: result.files.map((f) => f.name) };
  }

  async verifyPackage(session: Session, windowId: string): Promise<VerifyResult | null> {
    const dir = await this.pickFolder(windowId, 'verify');
    if (!dir) return null;
    const check = verifyFolder(dir);
    const logged = check.manifestSha256
      ? await disclosureByManifest(readDb(this.ctx), check.manifestSha256)
      : undefined;
    const problems = [...check.problems];
    if (check.manifestSha256 && !logged)
      problems.push('The disclosure log has no record of this exact package leaving the practice.');
    await inTransaction(this.ctx, (trx) =>
      this.ctx.audit.append(trx, actorOf(session), {
        action: 'release.verify',
        detail: { ok: check.ok && Boolean(logged), manifestSha256: check.manifestSha256 },
      }),
    );
    return { ...check, ok: check.ok && Boolean(logged), inDisclosureLog: Boolean(logged), problems };
  }

  /** 45 CFR 164.528: six years back; leaves out disclosures to the client and under an authorization. */
  async accounting(session: Session, clientId: string, includeAll: boolean) {
    const db = readDb(this.ctx);
    const { client } = await chartAccess(db, session, clientId);
    const to = this.today();
    const from = `${String(Number(to.slice(0, 4)) - 6)}${to.slice(4)}`;
    const rows = await listDisclosures(db, clientId, from);
    const excluded = (b: string) => b === 'access' || b === 'authorization';
    const entries: DisclosureEntry[] = rows
      .filter((d) => includeAll || !excluded(d.basis))
      .map((d) => ({
        id: d.id,
        disclosedOn: d.disclosed_on,
        recipientName: d.recipient_name,
        recipientAddress: d.recipient_address,
        description: d.description,
        purpose: d.purpose,
        basis: d.basis,
        manual: d.manual === 1,
        manifestSha256: d.manifest_sha256,
        recordedBy: d.recorded_by_name,
      }));
    await inTransaction(this.ctx, (trx) =>
      this.ctx.audit.append(trx, actorOf(session), {
        action: 'disclosure.accounting',
        targetType: 'client',
        targetId: clientId,
        detail: { includeAll, entries: entries.length },
      }),
    );
    return {
      clientName: `${client.legal_first_name} ${client.legal_last_name}`,
      chartNumber: client.chart_number,
      from,
      to,
      entries,
      excludedCount: rows.length - entries.length,
    };
  }

  /** A disclosure made outside an export (a duty-to-warn call, a mandated report), entered by hand. */
  async recordManual(
    session: Session,
    input: z.output<typeof ManualDisclosureInput>,
  ): Promise<DisclosureEntry> {
    const db = readDb(this.ctx);
    await clinicalAccess(db, session, input.clientId);
    const id = randomUUID();
    await inTransaction(this.ctx, async (trx) => {
      await insertDisclosure(trx, {
        id,
        client_id: input.clientId,
        request_id: null,
        disclosed_on: input.disclosedOn,
        recipient_name: input.recipientName,
        recipient_address: input.recipientAddress ?? null,
        description: input.description,
        purpose: input.purpose,
        basis: input.basis,
        manual: 1,
        manifest_sha256: null,
        package_name: null,
        recorded_by: session.userId,
        recorded_at: nowIso(this.ctx),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'disclosure.record',
        targetType: 'client',
        targetId: input.clientId,
        detail: { disclosureId: id, basis: input.basis },
      });
    });
    return {
      id,
      disclosedOn: input.disclosedOn,
      recipientName: input.recipientName,
      recipientAddress: input.recipientAddress ?? null,
      description: input.description,
      purpose: input.purpose,
      basis: input.basis,
      manual: true,
      manifestSha256: null,
      recordedBy: session.displayName,
    };
  }

  async pendingProblems() {
    return (await missingPackages(readDb(this.ctx))).map((m) => ({
      requestId: m.requestId,
      message: `A package recorded as sent is no longer at ${m.finalDir}. The disclosure log still records it.`,
    }));
  }
}

function recipientName(d: ReleaseDetails, clientName: string): string {
  switch (d.kind) {
    case 'access':
      return d.directedTo?.name ?? clientName;
    case 'third_party':
    case 'legal_order':
    case 'emergency':
      return d.recipient.name;
  }
}

function recipientAddress(d: ReleaseDetails): string | null {
  switch (d.kind) {
    case 'access':
      return d.directedTo?.address ?? null;
    case 'third_party':
    case 'legal_order':
    case 'emergency':
      return d.recipient.address;
  }
}

function basisOf(d: ReleaseDetails): 'access' | 'authorization' | 'legal_order' | 'emergency' {
  switch (d.kind) {
    case 'access':
      return 'access';
    case 'third_party':
      return 'authorization';
    case 'legal_order':
      return 'legal_order';
    case 'emergency':
      return 'emergency';
  }
}

/** Overdue first, then due soon, then the rest. */
const rank = (s: ReleaseSummary): number => (s.urgency === 'overdue' ? 0 : s.urgency === 'due-soon' ? 1 : 2);
