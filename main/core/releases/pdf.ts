// Renders a release document to PDF with pdfkit: a cover sheet, the records, the notices, and on
// every page the client's identifier and "page X of Y". With a password the PDF is AES-256
// encrypted (PDF 1.7 extension level 3), and the FHIR bundle travels inside it as an attachment.
import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { PackageDocument } from '../../../preload/contract/releases.ts';

// The standard PDF fonts cover the Windows-1252 repertoire only. Text outside it is folded to the
// nearest Latin letters (Zoë stays Zoë; Łódź becomes Lodz) rather than printed as garbage.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const FOLD: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŋ: 'ng',
  '→': '->',
  '≥': '>=',
  '≤': '<=',
};

export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(ch)) {
      out += ch;
      continue;
    }
    const folded = FOLD[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += /^[\u0020-\u00ff]+$/.test(folded) ? folded : '?';
  }
  return out;
}

const INK = '#1d2a2e';
const MUTED = '#5b6b70';
const RULE = '#d5dcdd';
const ACCENT = '#14524f';
const PART2_FILL = '#fff4e0';

export interface PdfOptions {
  practiceName: string;
  password?: string | undefined;
  attachments?: { name: string; data: Buffer; type: string; description: string }[];
  /**
   * 'records' (default): the cover sheet stands alone, as a records office's transmittal page does,
   * and the records follow from page 2. 'letter': the body follows the heading block on page 1.
   */
  layout?: 'records' | 'letter';
}

/** Room a section heading needs below it, so a heading never sits alone at the foot of a page. */
const KEEP_WITH_NEXT = 150;

export function renderPdf(d: PackageDocument, options: PdfOptions): Promise<Buffer> {
  const encryption = options.password
    ? {
        userPassword: options.password,
        // The owner password only restricts editing; it is random, never stored.
        ownerPassword: randomBytes(24).toString('base64'),
        pdfVersion: '1.7ext3' as const,
        permissions: {
          printing: 'highResolution' as const,
          copying: true,
          modifying: false,
          annotating: false,
        },
      }
    : {};
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 72, bottom: 72, left: 64, right: 64 },
    bufferPages: true,
    info: { Title: 'Release of records', Author: winAnsi(options.practiceName), Creator: 'Stillwater' },
    ...encryption,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  // Cover sheet.
  doc
    .fillColor(ACCENT)
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(winAnsi(options.practiceName).toUpperCase(), { characterSpacing: 1 });
  doc.moveDown(0.6);
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(24).text(winAnsi(d.title));
  doc.moveDown(0.2);
  doc
    .fillColor(MUTED)
    .font('Helvetica')
    .fontSize(10)
    .text('Confidential health information. If you received this in error, tell the sender and destroy it.');
  doc.moveDown(1.2);
  for (const row of d.cover) {
    const y = doc.y;
    doc
      .fillColor(MUTED)
      .font('Helvetica-Bold')
      .fontSize(8.5)
      .text(winAnsi(row.label).toUpperCase(), left, y, { width: 130, characterSpacing: 0.4 });
    const labelBottom = doc.y;
    doc
      .fillColor(INK)
      .font('Helvetica')
      .fontSize(10.5)
      .text(winAnsi(row.value), left + 140, y, { width: width - 140 });
    doc.y = Math.max(doc.y, labelBottom) + 6;
    doc
      .moveTo(left, doc.y - 3)
      .lineTo(left + width, doc.y - 3)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  }
  if (d.notices.length > 0) {
    doc.moveDown(0.8);
    doc
      .fillColor(MUTED)
      .font('Helvetica-Oblique')
      .fontSize(9)
      .text(
        `This release carries ${String(d.notices.length)} notice${d.notices.length === 1 ? '' : 's'} at its end. Please read them before using the records.`,
        left,
        doc.y,
        { width },
      );
  }

  // The records, one after another (a page per note would make 300 notes 300 sheets).
  const letter = options.layout === 'letter';
  const room = () => doc.page.height - doc.page.margins.bottom - doc.y;
  d.sections.forEach((section, i) => {
    if ((i === 0 && !letter) || room() < KEEP_WITH_NEXT) doc.addPage();
    else doc.y += i === 0 ? 28 : 22;
    doc
      .fillColor(INK)
      .font('Helvetica-Bold')
      .fontSize(14)
      .text(winAnsi(section.heading), left, doc.y, { width });
    if (section.subheading) {
      doc.moveDown(0.15);
      doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text(winAnsi(section.subheading), { width });
    }
    if (section.part2) {
      doc.moveDown(0.5);
      const y = doc.y;
      doc.rect(left, y, width, 22).fill(PART2_FILL);
      doc
        .fillColor('#7a4b00')
        .font('Helvetica-Bold')
        .fontSize(8.5)
        .text(
          '42 CFR PART 2 RECORD: SUBSTANCE-USE INFORMATION. SEE THE NOTICE AT THE END.',
          left + 8,
          y + 7,
          { width: width - 16 },
        );
      doc.y = y + 26;
    }
    doc
      .moveTo(left, doc.y + 6)
      .lineTo(left + width, doc.y + 6)
      .lineWidth(1)
      .strokeColor(ACCENT)
      .stroke();
    doc.y += 14;
    for (const block of section.blocks) {
      // A label stays with the first lines of its text.
      if (room() < 60) doc.addPage();
      if (block.label) {
        doc
          .fillColor(MUTED)
          .font('Helvetica-Bold')
          .fontSize(8.5)
          .text(winAnsi(block.label).toUpperCase(), left, doc.y, { width, characterSpacing: 0.4 });
        doc.moveDown(0.15);
      }
      doc
        .fillColor(INK)
        .font('Helvetica')
        .fontSize(10.5)
        .text(winAnsi(block.text || '—'), left, doc.y, { width, lineGap: 2 });
      doc.moveDown(0.7);
    }
  });

  // The notices: in a package on a page of their own, so they are not missed.
  if (d.notices.length > 0) {
    if (!letter || room() < KEEP_WITH_NEXT) doc.addPage();
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(14).text('Notices', left, doc.y, { width });
    doc.moveDown(0.6);
    for (const n of d.notices) {
      doc
        .fillColor(ACCENT)
        .font('Helvetica-Bold')
        .fontSize(10.5)
        .text(winAnsi(n.heading), left, doc.y, { width });
      doc.moveDown(0.2);
      doc.fillColor(INK).font('Helvetica').fontSize(10.5).text(winAnsi(n.text), { width, lineGap: 2 });
      doc.moveDown(0.9);
    }
  }
  for (const a of options.attachments ?? []) {
    doc.file(a.data, { name: a.name, type: a.type, description: a.description });
  }

  // Every page: the practice, the client's identifier and "page X of Y".
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footerY = doc.page.height - 48;
    doc
      .moveTo(left, footerY - 8)
      .lineTo(left + width, footerY - 8)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc
      .fillColor(MUTED)
      .font('Helvetica')
      .fontSize(8)
      .text(winAnsi(d.clientIdentifier), left, footerY, { width: width - 110, lineBreak: false });
    doc.text(`Page ${String(i - range.start + 1)} of ${String(range.count)}`, left + width - 100, footerY, {
      width: 100,
      align: 'right',
      lineBreak: false,
    });
    doc
      .fillColor(MUTED)
      .fontSize(7.5)
      .text(`${winAnsi(options.practiceName)} · Confidential`, left, 36, {
        width,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
