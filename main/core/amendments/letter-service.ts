// Writing the letters of an amendment request through writeLetter (the release writer's thread and
// fonts, a manifest Verify accepts): the extension, the denial, the acceptance, the copy of the
// rebuttal and one notice per agreed recipient. Each letter is recorded with its audit entry in
// the transaction that commits it; a cancelled folder picker writes nothing.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { WriteLetterInput } from '../../../preload/contract/amendments.ts';
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { letterAddress, type LetterAddress } from '../clients/index.ts';
import { actorOf, nowIso } from '../context.ts';
import { AppError } from '../errors.ts';
import { getPractice, stateNotice } from '../practice/index.ts';
import { writeLetter, type FolderPicker } from '../releases/index.ts';
import type { Session } from '../sessions/index.ts';
import {
  acceptanceLetter,
  denialLetter,
  extensionLetter,
  noticeLetter,
  rebuttalLetter,
  type LetterFacts,
} from './letters.ts';
import { insertLetter, noticesOf, recordsOf } from './queries.ts';
import type { AmendmentsService } from './service.ts';

const PDF_NAMES = {
  denial: 'amendment-denial.pdf',
  acceptance: 'amendment-accepted.pdf',
  rebuttal: 'amendment-rebuttal.pdf',
  notice: 'amendment-notice.pdf',
  extension: 'amendment-extension.pdf',
} as const;

export class AmendmentLetters {
  private readonly service: AmendmentsService;
  private readonly pickFolder: FolderPicker;
  constructor(service: AmendmentsService, pickFolder: FolderPicker) {
    this.service = service;
    this.pickFolder = pickFolder;
  }

  async write(
    session: Session,
    windowId: string,
    input: z.output<typeof WriteLetterInput>,
  ): Promise<{ folder: string } | null> {
    const { ctx, db } = this.service;
    // The extension letter says only when and why (164.526(b)(2)(ii)): whoever tracks the clock
    // writes it. Every other letter carries the decision: only someone who may decide writes it.
    const { r, access } =
      input.kind === 'extension'
        ? await this.service.load(session, input.requestId)
        : await this.service.decision(session, input.requestId);
    const client = access.client;
    const notices = await noticesOf(db, [r.id]);
    const notice = input.kind === 'notice' ? notices.find((n) => n.id === input.noticeId) : undefined;
    switch (input.kind) {
      case 'denial':
        if (r.status !== 'denied') throw new AppError('CONFLICT', 'This request was not denied.');
        break;
      case 'acceptance':
        if (r.status !== 'accepted') throw new AppError('CONFLICT', 'This request was not accepted.');
        break;
      case 'rebuttal':
        if (r.rebuttal_text === null)
          throw new AppError('CONFLICT', 'No rebuttal is on file for this request.');
        break;
      case 'extension':
        if (r.extended_due_on === null)
          throw new AppError('CONFLICT', 'No extension was given for this request.');
        break;
      case 'notice':
        if (!notice)
          throw new AppError('NOT_FOUND', 'Choose someone from the list the client agreed to.', {
            fields: [{ path: 'noticeId', message: 'Choose someone from the list the client agreed to.' }],
          });
        break;
    }
    const practice = await getPractice(db);
    const to: LetterAddress = notice
      ? {
          name: notice.recipient_name,
          lines: (notice.recipient_address ?? '')
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== ''),
          confidential: false,
        }
      : await letterAddress(db, client.id);
    const facts: LetterFacts = {
      practice: {
        name: practice?.name ?? 'Practice',
        address: practice
          ? `${practice.address_line1}, ${practice.city}, ${practice.region} ${practice.postal_code}`
          : '',
        phone: practice?.phone ?? null,
        privacyContact: practice?.privacy_contact ?? null,
      },
      clientIdentifier: `${client.legal_first_name} ${client.legal_last_name} · DOB ${client.date_of_birth} · Chart ${client.chart_number}`,
      clientName: `${client.legal_first_name} ${client.legal_last_name}`,
      to,
      stateNotice: await stateNotice(db),
      request: r,
      records: (await recordsOf(db, [r.id])).map((x) => x.label),
      signedBy: session.displayName,
      date: this.service.today(),
    };
    const document: PackageDocument =
      input.kind === 'denial'
        ? denialLetter(facts)
        : input.kind === 'acceptance'
          ? acceptanceLetter(
              facts,
              notices.map((n) => n.recipient_name),
            )
          : input.kind === 'rebuttal'
            ? rebuttalLetter(facts)
            : input.kind === 'extension'
              ? extensionLetter(facts)
              : noticeLetter(facts);
    const destDir = await this.pickFolder(windowId, 'export');
    if (!destDir) return null;
    const written = await writeLetter(ctx, {
      destDir,
      // The chart number and the kind, never a name (the folder's name is seen by anyone with the disk).
      baseName: `Stillwater-amendment-${input.kind}-${client.chart_number}-${this.service.today()}`,
      pdfName: PDF_NAMES[input.kind],
      document,
      commit: async (trx, letter) => {
        await insertLetter(trx, {
          id: randomUUID(),
          request_id: r.id,
          kind: input.kind,
          notice_id: notice?.id ?? null,
          folder: letter.folder,
          manifest_sha256: letter.manifestSha256,
          written_by: session.userId,
          written_at: nowIso(ctx),
        });
        await ctx.audit.append(trx, actorOf(session), {
          action: 'amendment.letter',
          targetType: 'client',
          targetId: client.id,
          detail: { requestId: r.id, kind: input.kind, manifestSha256: letter.manifestSha256 },
        });
      },
    });
    return { folder: written.folder };
  }
}
