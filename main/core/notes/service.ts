// Session notes: drafts saved as they are typed, signing (content hash, immutable), addenda,
// co-signature, discarding a draft. Every read and change is audited in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB, NoteRow } from '../../../db/schema.ts';
import type { NoteLinkOptions } from '../../../preload/contract/note-links.ts';
import { serviceCodeMismatch, type ServiceCodeMismatch } from '../../../preload/contract/service-code.ts';
import {
  durationMinutes,
  noteLayout,
  signingIssues,
  type NoteDraftInput,
  type NoteRecord,
  type NoteSummary,
} from '../../../preload/contract/notes.ts';
import {
  canReadNote,
  chartAccessOrNull,
  clinicalAccess,
  ListReadLog,
  noteNotFound,
  ownDraft,
  progressNoteAccess,
  readableNote,
} from '../access/index.ts';
import { episodeOn, listEpisodes } from '../clients/index.ts';
import {
  actorOf,
  inTransaction,
  nowIso,
  readDb,
  recordAudit,
  todayLocal,
  type CoreContext,
} from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { getUser, staffLabel } from '../staff/index.ts';
import { addendumHash, cosignHash, noteHash, signedNoteIntact } from './content-hash.ts';
import { parseNoteLinks, parseSections } from './codecs.ts';
import type { NoteTemplateVersion } from '../../../preload/contract/note-templates.ts';
import { versionForNewNote } from '../note-templates/index.ts';
import { sectionLabels, versionOfNote } from './templates.ts';
import { draftLinks, linkOptions, signingLinks } from './links.ts';
import { searchBody } from './search-body.ts';
import {
  deleteDraft,
  deleteSearchRow,
  getNote,
  hasEarlierSession,
  insertAddendum,
  insertNote,
  listAddenda,
  listCosignQueue,
  listDraftsOf,
  markSigned,
  recordCosign,
  supervisorOf,
  updateDraft,
  writeSearchRow,
} from './queries.ts';

type Draft = z.output<typeof NoteDraftInput>;

/** What the signer saw and confirmed: the mismatch stands confirmed only for this code and length. */
export interface ConfirmedMismatch {
  serviceCode: string;
  durationMinutes: number | null;
}

type SummaryRow = Awaited<ReturnType<typeof listDraftsOf>>[number];

const toSummary = (r: SummaryRow, templateLabel: string): NoteSummary => ({
  id: r.id,
  clientId: r.client_id,
  clientName: `${r.legal_first_name} ${r.legal_last_name}${r.preferred_name ? ` (${r.preferred_name})` : ''}`,
  kind: r.kind,
  template: r.template,
  templateLabel,
  serviceDate: r.service_date,
  serviceCode: r.service_code,
  status: r.status,
  author: { id: r.author_id, displayName: r.author_name },
  updatedAt: r.updated_at,
  signedAt: r.signed_at,
});

const CHANGED_WHILE_SIGNING = 'This note changed while it was being signed. Sign it again.';

export class NotesService {
  private readonly ctx: CoreContext;
  private readonly listLog: ListReadLog;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
    this.listLog = new ListReadLog(ctx, 'note.list');
  }

  private today(): string {
    return todayLocal(this.ctx);
  }

  private columns(input: Draft, now: string, version: NoteTemplateVersion | null) {
    // Only the chosen template's sections are kept; a switched template drops the others.
    const keys = noteLayout({ template: input.template, templateVersion: version }).sections.map(
      (s) => s.key,
    );
    const sections = Object.fromEntries(keys.map((k) => [k, input.sections[k] ?? '']));
    return {
      kind: input.kind,
      template: input.template,
      template_version_id: version?.id ?? null,
      service_date: input.serviceDate,
      start_time: input.startTime ?? null,
      end_time: input.endTime ?? null,
      duration_minutes: durationMinutes(input.startTime, input.endTime),
      service_code: input.serviceCode ?? null,
      modality: input.modality ?? null,
      location: input.location ?? null,
      participants: input.participants ?? null,
      risk_level: input.riskLevel ?? null,
      risk_plan: input.riskPlan ?? null,
      sections: JSON.stringify(sections),
      part2: input.part2 ? 1 : 0,
      updated_at: now,
    };
  }

  /** Creates or updates a draft: called as the clinician types. */
  async saveDraft(session: Session, input: Draft): Promise<{ noteId: string; savedAt: string }> {
    const db = readDb(this.ctx);
    const now = nowIso(this.ctx);
    const noteId = input.noteId ?? randomUUID();
    let part2: boolean;
    let heldVersion: string | null = null;
    if (input.noteId) {
      const existing = await ownDraft(db, session, input.noteId);
      heldVersion = existing.template_version_id;
      if (existing.client_id !== input.clientId) {
        throw new AppError('INVALID_INPUT', 'A draft cannot move to another client.', {
          fields: [{ path: 'clientId', message: 'A draft cannot move to another client.' }],
        });
      }
      part2 = (await chartAccessOrNull(db, session, input.clientId))?.part2 ?? false;
    } else {
      // Planned cover opens progress notes only, and no Part 2 records (access/chart.ts).
      const access =
        input.kind === 'progress'
          ? await progressNoteAccess(db, session, input.clientId)
          : await clinicalAccess(db, session, input.clientId);
      if (access.cover && input.part2)
        throw new AppError(
          'FORBIDDEN',
          'Part 2 records are not part of cover. Ask the client’s care team to write this note.',
        );
      part2 = access.part2;
    }
    // Marked with the episode of care of its service date (LEGAL.md, minors); fixed at signing.
    const episode = episodeOn(await listEpisodes(db, input.clientId), input.serviceDate);
    const links = await draftLinks(db, input.clientId, part2, input);
    const version = await this.draftVersion(db, input, heldVersion);
    await inTransaction(this.ctx, async (trx) => {
      const values = { ...this.columns(input, now, version), ...links, episode_id: episode?.id ?? null };
      let seq: number;
      if (input.noteId) {
        if ((await updateDraft(trx, noteId, values)) === 0) {
          throw new AppError(
            'LOCKED',
            'This note is signed and can no longer be edited. Add an addendum instead.',
          );
        }
        seq = (await getNote(trx, noteId))?.seq ?? 0;
      } else {
        seq = await insertNote(trx, {
          id: noteId,
          client_id: input.clientId,
          author_id: session.userId,
          ...values,
          status: 'draft',
          signed_at: null,
          content_hash: null,
          cosign_by: null,
          cosigned_by: null,
          cosigned_at: null,
          created_at: now,
        });
      }
      await writeSearchRow(trx, {
        seq,
        client_id: input.clientId,
        author_id: session.userId,
        kind: input.kind,
        status: 'draft',
        body: searchBody(values, []),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'note.draftSave',
        targetType: 'note',
        targetId: noteId,
        detail: { clientId: input.clientId, created: !input.noteId },
      });
    });
    return { noteId, savedAt: now };
  }

  /**
   * The practice template version a draft is written in: the one it already holds, even when the
   * owner has superseded or retired the template since; otherwise the latest version of an active
   * template (a new draft, or one switched to another template).
   */
  private async draftVersion(
    db: Kysely<DB>,
    input: Draft,
    held: string | null,
  ): Promise<NoteTemplateVersion | null> {
    if (input.template !== 'custom') return null;
    if (!input.templateVersionId) {
      throw new AppError('INVALID_INPUT', 'Choose a template.', {
        fields: [{ path: 'template', message: 'Choose a template.' }],
      });
    }
    if (input.templateVersionId === held) return versionOfNote(db, { template_version_id: held });
    return versionForNewNote(db, input.templateVersionId);
  }

  async sign(session: Session, noteId: string, confirmed?: ConfirmedMismatch): Promise<NoteRecord> {
    const db = readDb(this.ctx);
    const note = await ownDraft(db, session, noteId);
    const issues = signingIssues(
      {
        kind: note.kind,
        template: note.template,
        serviceDate: note.service_date,
        startTime: note.start_time ?? undefined,
        endTime: note.end_time ?? undefined,
        serviceCode: (note.service_code ?? undefined) as Draft['serviceCode'],
        modality: (note.modality ?? undefined) as Draft['modality'],
        location: note.location ?? undefined,
        participants: note.participants ?? undefined,
        riskLevel: (note.risk_level ?? undefined) as Draft['riskLevel'],
        riskPlan: note.risk_plan ?? undefined,
        sections: parseSections(note),
        part2: note.part2 === 1,
        // The required sections are those of the version the note was written in.
        templateVersion: await versionOfNote(db, note),
      },
      this.today(),
    );
    if (issues.length > 0) {
      throw new AppError('INVALID_INPUT', 'This note is not ready to be signed.', { fields: issues });
    }
    const mismatch = await this.serviceCodeCheck(db, note, confirmed);
    const signedAt = nowIso(this.ctx);
    const episode = episodeOn(await listEpisodes(db, note.client_id), note.service_date);
    const part2 = (await chartAccessOrNull(db, session, note.client_id))?.part2 ?? false;
    // A supervised clinician's progress notes wait for their supervisor's co-signature.
    const cosignBy = note.kind === 'progress' ? await supervisorOf(db, session.userId) : null;
    await inTransaction(this.ctx, async (trx) => {
      if ((await getNote(trx, noteId))?.updated_at !== note.updated_at) {
        throw new AppError('CONFLICT', CHANGED_WHILE_SIGNING);
      }
      // What it addressed is copied as it stands now, read here in the signing transaction.
      const links = await signingLinks(trx, note, part2, signedAt);
      if (links.issues.length > 0) {
        throw new AppError('INVALID_INPUT', 'This note is not ready to be signed.', { fields: links.issues });
      }
      const signed = { ...note, episode_id: episode?.id ?? null, ...links.columns };
      const hash = noteHash(signed, signedAt);
      const stored = parseNoteLinks(signed);
      const won = await markSigned(trx, noteId, note.updated_at, {
        ...links.columns,
        episode_id: signed.episode_id,
        signed_at: signedAt,
        content_hash: hash,
        cosign_by: cosignBy,
        updated_at: signedAt,
      });
      if (!won) throw new AppError('CONFLICT', CHANGED_WHILE_SIGNING);
      await writeSearchRow(trx, {
        seq: note.seq,
        client_id: note.client_id,
        author_id: note.author_id,
        kind: note.kind,
        status: 'signed',
        body: searchBody(note, []),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'note.sign',
        targetType: 'note',
        targetId: noteId,
        detail: {
          clientId: note.client_id,
          contentHash: hash,
          cosignRequired: cosignBy !== null,
          // How many, never which: the audit detail holds no diagnosis or goal.
          addressedDiagnoses: stored.addressedDiagnoses?.length ?? 0,
          goalMarks: stored.goalProgress?.length ?? 0,
          // The signer was shown this mismatch and signed anyway.
          ...(mismatch && {
            serviceCodeMismatchConfirmed: {
              reason: mismatch.reason,
              serviceCode: note.service_code,
              durationMinutes: note.duration_minutes,
            },
          }),
        },
      });
    });
    return this.get(session, noteId, { audit: false });
  }

  /**
   * The service-code check at signing (serviceCodeMismatch, the editor's rule too): a mismatch
   * signs only when the request confirms this very code and length; returned to be recorded.
   */
  private async serviceCodeCheck(
    db: Kysely<DB>,
    note: NoteRow,
    confirmed: ConfirmedMismatch | undefined,
  ): Promise<ServiceCodeMismatch | null> {
    const mismatch = serviceCodeMismatch({
      kind: note.kind,
      serviceCode: note.service_code,
      durationMinutes: note.duration_minutes,
      laterSession: note.kind === 'progress' ? await hasEarlierSession(db, note) : null,
    });
    if (!mismatch) return null;
    const seen =
      confirmed?.serviceCode === note.service_code && confirmed.durationMinutes === note.duration_minutes;
    if (!seen) {
      throw new AppError(
        'CONFLICT',
        'The service code does not fit this session. Confirm it to sign anyway.',
        {
          fields: [{ path: 'serviceCode', message: mismatch.message }],
        },
      );
    }
    return mismatch;
  }

  async discardDraft(session: Session, noteId: string): Promise<null> {
    const db = readDb(this.ctx);
    const note = await ownDraft(db, session, noteId);
    await inTransaction(this.ctx, async (trx) => {
      if ((await deleteDraft(trx, noteId)) === 0)
        throw new AppError('LOCKED', 'This note was signed meanwhile.');
      await deleteSearchRow(trx, note.seq);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'note.discard',
        targetType: 'note',
        targetId: noteId,
        detail: { clientId: note.client_id },
      });
    });
    return null;
  }

  /**
   * A paper copy of a note (supervision, a court-ordered copy): exactly what notes.get gives this
   * reader, by the same access rule, audited as a print.
   */
  print(session: Session, noteId: string): Promise<NoteRecord> {
    return this.get(session, noteId, { action: 'note.print' });
  }

  /** Opens a note; the signed content's hash is recomputed and a mismatch is flagged and audited. */
  async get(
    session: Session,
    noteId: string,
    options: { audit?: boolean; action?: 'note.view' | 'note.print' } = {},
  ): Promise<NoteRecord> {
    const db = readDb(this.ctx);
    const note = await readableNote(db, session, noteId);
    const chart = await chartAccessOrNull(db, session, note.client_id, { reading: true });
    const cover = chart?.cover;
    const emergency = chart?.grant;
    const addenda = await listAddenda(db, noteId);
    const integrity =
      note.status === 'draft' ? 'unsigned' : signedNoteIntact(note) ? ('ok' as const) : ('tampered' as const);
    const addendaOut = addenda.map((a) => ({
      id: a.id,
      author: { id: a.author_id, displayName: a.display_name },
      text: a.text,
      signedAt: a.signed_at,
      integrity: addendumHash(a) === a.content_hash ? ('ok' as const) : ('tampered' as const),
    }));
    const tampered = integrity === 'tampered' || addendaOut.some((a) => a.integrity === 'tampered');
    if (options.audit !== false || tampered) {
      await inTransaction(this.ctx, async (trx) => {
        if (options.audit !== false) {
          await this.ctx.audit.append(trx, actorOf(session), {
            action: options.action ?? 'note.view',
            targetType: 'note',
            targetId: noteId,
            // A read under planned cover names its grant (issue 21).
            detail: {
              clientId: note.client_id,
              ...(cover ? { coverGrantId: cover.grantId } : {}),
              // A read under emergency access names its grant (issue 21).
              ...(emergency ? { emergencyGrantId: emergency.grantId } : {}),
            },
          });
        }
        if (tampered) {
          await this.ctx.audit.append(trx, actorOf(session), {
            action: 'note.integrityFailed',
            targetType: 'note',
            targetId: noteId,
            detail: { clientId: note.client_id },
          });
        }
      });
      if (tampered) this.ctx.logger.log('error', 'notes.integrityFailed');
    }
    const names = await this.names([note.author_id, note.cosign_by, note.cosigned_by]);
    const ref = (id: string | null) => (id ? { id, displayName: names.get(id) ?? 'Unknown' } : null);
    const canAmend =
      note.status === 'signed' &&
      (note.author_id === session.userId || (await this.hasClinicalTeamAccess(db, session, note)));
    return {
      id: note.id,
      clientId: note.client_id,
      author: { id: note.author_id, displayName: names.get(note.author_id) ?? 'Unknown' },
      kind: note.kind,
      template: note.template,
      templateVersion: await versionOfNote(db, note),
      serviceDate: note.service_date,
      startTime: note.start_time,
      endTime: note.end_time,
      durationMinutes: note.duration_minutes,
      serviceCode: note.service_code,
      modality: note.modality,
      location: note.location,
      participants: note.participants,
      riskLevel: note.risk_level,
      riskPlan: note.risk_plan,
      sections: parseSections(note),
      part2: note.part2 === 1,
      ...parseNoteLinks(note),
      status: note.status,
      signedAt: note.signed_at,
      contentHash: note.content_hash,
      integrity,
      cosign: {
        requiredFrom: ref(note.cosign_by),
        cosignedBy: ref(note.cosigned_by),
        cosignedAt: note.cosigned_at,
      },
      addenda: addendaOut,
      updatedAt: note.updated_at,
      canEdit: note.status === 'draft' && note.author_id === session.userId,
      canAmend,
    };
  }

  private async hasClinicalTeamAccess(db: Kysely<DB>, session: Session, note: NoteRow): Promise<boolean> {
    if (note.kind === 'psychotherapy') return false;
    try {
      return (await clinicalAccess(db, session, note.client_id)).clinical;
    } catch {
      return false;
    }
  }

  private async names(ids: (string | null)[]): Promise<Map<string, string>> {
    const db = readDb(this.ctx);
    const map = new Map<string, string>();
    for (const id of new Set(ids)) {
      if (!id) continue;
      const u = await getUser(db, id);
      if (u) map.set(id, staffLabel(u.display_name, u.active));
    }
    return map;
  }

  /** Corrections to a signed note: an addendum, signed (hashed) as it is saved, never edited. */
  async addAddendum(session: Session, noteId: string, text: string): Promise<NoteRecord> {
    const db = readDb(this.ctx);
    const note = await readableNote(db, session, noteId);
    if (note.status !== 'signed') {
      throw new AppError('CONFLICT', 'This note is still a draft: edit it directly.');
    }
    if (note.author_id !== session.userId && !(await this.hasClinicalTeamAccess(db, session, note))) {
      throw new AppError('FORBIDDEN', 'Only the author or the client’s clinicians can add an addendum.');
    }
    const row = {
      id: randomUUID(),
      note_id: noteId,
      author_id: session.userId,
      text,
      signed_at: nowIso(this.ctx),
    };
    const hash = addendumHash(row);
    await inTransaction(this.ctx, async (trx) => {
      await insertAddendum(trx, { ...row, content_hash: hash });
      const addenda = (await listAddenda(trx, noteId)).map((a) => a.text);
      await writeSearchRow(trx, {
        seq: note.seq,
        client_id: note.client_id,
        author_id: note.author_id,
        kind: note.kind,
        status: note.status,
        body: searchBody(note, addenda),
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'note.addendum',
        targetType: 'note',
        targetId: noteId,
        detail: { clientId: note.client_id, addendumId: row.id, contentHash: hash },
      });
    });
    return this.get(session, noteId, { audit: false });
  }

  /**
   * The editor's choices of what a progress note addresses: the client's current diagnoses and
   * signed plan, to the clinical team (Part 2 ones only with the Part 2 right). Audited as a read.
   */
  async linkOptions(session: Session, clientId: string): Promise<NoteLinkOptions> {
    const db = readDb(this.ctx);
    const access = await progressNoteAccess(db, session, clientId);
    const all = await linkOptions(db, clientId, access.part2);
    // Under planned cover the editor gets the active diagnoses it must address, not the plan.
    const options = access.cover ? { ...all, plan: null, planPending: false } : all;
    await recordAudit(this.ctx, actorOf(session), {
      action: 'note.linkOptions',
      targetType: 'client',
      targetId: clientId,
      detail: {
        diagnoses: options.diagnoses.length,
        plan: options.plan !== null,
        ...(access.cover ? { coverGrantId: access.cover.grantId } : {}),
      },
    });
    return options;
  }

  async myDrafts(session: Session): Promise<NoteSummary[]> {
    const rows = await listDraftsOf(readDb(this.ctx), session.userId);
    await this.listLog.record(
      session,
      rows.map((r) => r.client_id),
      { targetType: 'list', targetId: 'drafts' },
    );
    return this.summaries(rows);
  }

  async cosignQueue(session: Session): Promise<NoteSummary[]> {
    const rows = await listCosignQueue(readDb(this.ctx), session.userId);
    await this.listLog.record(
      session,
      rows.map((r) => r.client_id),
      { targetType: 'list', targetId: 'cosign' },
    );
    return this.summaries(rows);
  }

  /** Summaries labelled with each note's own template ("SOAP", or its practice template version's name). */
  private async summaries(rows: SummaryRow[]): Promise<NoteSummary[]> {
    const layouts = await sectionLabels(readDb(this.ctx), rows);
    return rows.map((r) => toSummary(r, layouts.get(r.id)?.label ?? ''));
  }

  async cosign(session: Session, noteId: string): Promise<NoteRecord> {
    const db = readDb(this.ctx);
    const note = await getNote(db, noteId);
    if (!note) throw noteNotFound();
    if (note.cosign_by !== session.userId || !(await canReadNote(db, session, note)))
      throw noteNotFound({ exists: true });
    if (note.cosigned_by) throw new AppError('CONFLICT', 'This note is already co-signed.');
    if (!signedNoteIntact(note)) {
      throw new AppError(
        'CONFLICT',
        'This note failed its integrity check and cannot be co-signed. Tell the practice owner.',
      );
    }
    const at = nowIso(this.ctx);
    const hash = cosignHash({
      id: note.id,
      content_hash: note.content_hash ?? '',
      cosigned_by: session.userId,
      cosigned_at: at,
    });
    await inTransaction(this.ctx, async (trx) => {
      if ((await recordCosign(trx, noteId, { by: session.userId, at, hash })) === 0) {
        throw new AppError('CONFLICT', 'This note is already co-signed.');
      }
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'note.cosign',
        targetType: 'note',
        targetId: noteId,
        detail: { clientId: note.client_id, cosignHash: hash },
      });
    });
    return this.get(session, noteId, { audit: false });
  }
}
