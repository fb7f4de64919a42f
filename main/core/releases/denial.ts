// The written denial of a client's own request (45 CFR 164.524(d)(2)): read on screen, and saved
// as a PDF package through the same crash-safe writer as a release.
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { actorOf, nowIso, recordAudit } from '../context.ts';
import { AppError } from '../errors.ts';
import { getPractice, stateNotice } from '../practice/index.ts';
import type { Session } from '../sessions/index.ts';
import { getUser } from '../staff/index.ts';
import { getClient, letterAddress } from '../clients/index.ts';
import { parseDenial, parseDetails } from './codecs.ts';
import { denialLetter } from './denial-letter.ts';
import type { ReleaseDesk } from './desk.ts';
import { writePackage } from './package-writer.ts';

export class DenialRoom {
  private readonly desk: ReleaseDesk;
  constructor(desk: ReleaseDesk) {
    this.desk = desk;
  }

  private async document(session: Session, requestId: string) {
    const { db } = this.desk;
    const r = await this.desk.load(session, requestId);
    this.desk.assertStatus(r, ['denied'], 'sent a denial letter');
    const practice = await getPractice(db);
    const client = await getClient(db, r.client_id);
    if (!client || !r.denial) throw new AppError('NOT_FOUND', 'That release request does not exist.');
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
      to: await letterAddress(db, client.id),
      stateNotice: await stateNotice(db),
      details: parseDetails(r.details),
      denial: parseDenial(r.denial),
      deniedBy: (await getUser(db, r.denied_by ?? ''))?.display_name ?? 'the practice',
      date: this.desk.today(),
    });
    return { r, client, practice, document };
  }

  async letter(session: Session, requestId: string): Promise<PackageDocument> {
    const { r, document } = await this.document(session, requestId);
    await recordAudit(this.desk.ctx, actorOf(session), {
      action: 'release.preview',
      targetType: 'release',
      targetId: r.id,
    });
    return document;
  }

  async exportLetter(session: Session, windowId: string, requestId: string) {
    const { ctx } = this.desk;
    const { r, client, practice, document } = await this.document(session, requestId);
    const destDir = await this.desk.pickFolder(windowId, 'export');
    if (!destDir) return null;
    const { packageName, result } = await writePackage(ctx, {
      requestId: r.id,
      actor: actorOf(session),
      destDir,
      baseName: `Stillwater-denial-${client.chart_number}-${this.desk.today()}`,
      job: {
        content: { kind: 'document', document, fhir: null },
        practiceName: practice?.name ?? 'Practice',
        pdfName: 'denial-letter.pdf',
        createdAt: nowIso(ctx),
        layout: 'letter',
      },
      commit: async (trx, res, name) => {
        await ctx.audit.append(trx, actorOf(session), {
          action: 'release.denialLetter',
          targetType: 'release',
          targetId: r.id,
          detail: { manifestSha256: res.manifestSha256, packageName: name },
        });
      },
    });
    return { packageName, manifestSha256: result.manifestSha256, files: result.files.map((f) => f.name) };
  }
}
