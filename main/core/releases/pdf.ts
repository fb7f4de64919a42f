// Renders a release document to PDF with pdfkit: a cover sheet, the records, the notices, and on
// every page the client's identifier and "page X of Y". With a password the PDF is AES-256
// encrypted (PDF 1.7 extension level 3), and the FHIR bundle travels inside it as an attachment.
// Text is set in embedded, subsetted Noto fonts (fonts.ts), so any name prints as it is written.
import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { releaseFonts, type FontStyle, type ReleaseFonts } from './fonts.ts';

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

type TextOptions = PDFKit.Mixins.TextOptions;

/**
 * Writes text in the runs of its fonts, chained with `continued` so pdfkit wraps across them. Text of
 * several runs goes a paragraph at a time (pdfkit loses a line break at the edge of a run). When a
 * paragraph has right-to-left words, each run is shaped a line at a time (`features` turns off pdfkit's
 * word-by-word layout), so fontkit can put each line of a right-to-left run in reading order.
 */
function write(
  doc: PDFKit.PDFDocument,
  fonts: ReleaseFonts,
  text: string,
  style: FontStyle,
  options: TextOptions,
  at?: { x: number; y: number },
): void {
  const single = fonts.runs(text, style);
  const paragraphs = single.length === 1 ? [single] : text.split('\n').map((p) => fonts.runs(p, style));
  let place = at;
  for (const runs of paragraphs) {
    let opts: TextOptions = runs.some((r) => r.rtl) ? { ...options, features: [] } : options;
    // pdfkit aligns each run of a chain on its own: a right-aligned line of several runs is placed here.
    if (options.align === 'right' && runs.length > 1 && place && options.width !== undefined) {
      let total = 0;
      for (const run of runs) total += doc.font(run.face.font, run.face.name).widthOfString(run.text, opts);
      place = { x: place.x + Math.max(0, options.width - total), y: place.y };
      opts = { ...opts, align: 'left', width: Math.min(total + 1, options.width) };
    }
    runs.forEach((run, i) => {
      doc.font(run.face.font, run.face.name);
      // Arabic letters join: spacing them apart would break the word.
      const spacing = run.rtl && opts.characterSpacing ? { characterSpacing: 0 } : {};
      const o = { ...opts, ...spacing, continued: i < runs.length - 1 };
      // An empty paragraph still takes its line.
      const line = run.text === '' && runs.length === 1 && paragraphs.length > 1 ? ' ' : run.text;
      if (i === 0 && place) doc.text(line, place.x, place.y, o);
      else doc.text(line, o);
    });
    place = undefined;
  }
}

export async function renderPdf(d: PackageDocument, options: PdfOptions): Promise<Buffer> {
  const fonts = await releaseFonts();
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
    // No default font: every text names its own, so pdfkit never opens (or writes) Helvetica.
    font: '',
    info: { Title: 'Release of records', Author: options.practiceName, Creator: 'Stillwater' },
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
  const put = (text: string, style: FontStyle, opts: TextOptions, at?: { x: number; y: number }) => {
    write(doc, fonts, text, style, opts, at);
  };
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  // Cover sheet.
  doc.fillColor(ACCENT).fontSize(10);
  put(options.practiceName.toUpperCase(), 'bold', { characterSpacing: 1 });
  doc.moveDown(0.6);
  doc.fillColor(INK).fontSize(24);
  put(d.title, 'bold', {});
  doc.moveDown(0.2);
  doc.fillColor(MUTED).fontSize(10);
  put(
    'Confidential health information. If you received this in error, tell the sender and destroy it.',
    'regular',
    {},
  );
  doc.moveDown(1.2);
  for (const row of d.cover) {
    const y = doc.y;
    doc.fillColor(MUTED).fontSize(8.5);
    put(row.label.toUpperCase(), 'bold', { width: 130, characterSpacing: 0.4 }, { x: left, y });
    const labelBottom = doc.y;
    doc.fillColor(INK).fontSize(10.5);
    put(row.value, 'regular', { width: width - 140 }, { x: left + 140, y });
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
    doc.fillColor(MUTED).fontSize(9);
    put(
      `This release carries ${String(d.notices.length)} notice${d.notices.length === 1 ? '' : 's'} at its end. Please read them before using the records.`,
      'italic',
      { width },
      { x: left, y: doc.y },
    );
  }

  // The records, one after another (a page per note would make 300 notes 300 sheets).
  const letter = options.layout === 'letter';
  const room = () => doc.page.height - doc.page.margins.bottom - doc.y;
  d.sections.forEach((section, i) => {
    if ((i === 0 && !letter) || room() < KEEP_WITH_NEXT) doc.addPage();
    else doc.y += i === 0 ? 28 : 22;
    doc.fillColor(INK).fontSize(14);
    put(section.heading, 'bold', { width }, { x: left, y: doc.y });
    if (section.subheading) {
      doc.moveDown(0.15);
      doc.fillColor(MUTED).fontSize(8.5);
      put(section.subheading, 'regular', { width });
    }
    if (section.part2) {
      doc.moveDown(0.5);
      const y = doc.y;
      doc.rect(left, y, width, 22).fill(PART2_FILL);
      doc.fillColor('#7a4b00').fontSize(8.5);
      put(
        '42 CFR PART 2 RECORD: SUBSTANCE-USE INFORMATION. SEE THE NOTICE AT THE END.',
        'bold',
        { width: width - 16 },
        { x: left + 8, y: y + 7 },
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
        doc.fillColor(MUTED).fontSize(8.5);
        put(block.label.toUpperCase(), 'bold', { width, characterSpacing: 0.4 }, { x: left, y: doc.y });
        doc.moveDown(0.15);
      }
      doc.fillColor(INK).fontSize(10.5);
      put(block.text || '—', 'regular', { width, lineGap: 2 }, { x: left, y: doc.y });
      doc.moveDown(0.7);
    }
  });

  // The notices: in a package on a page of their own, so they are not missed.
  if (d.notices.length > 0) {
    if (!letter || room() < KEEP_WITH_NEXT) doc.addPage();
    doc.fillColor(INK).fontSize(14);
    put('Notices', 'bold', { width }, { x: left, y: doc.y });
    doc.moveDown(0.6);
    for (const n of d.notices) {
      doc.fillColor(ACCENT).fontSize(10.5);
      put(n.heading, 'bold', { width }, { x: left, y: doc.y });
      doc.moveDown(0.2);
      doc.fillColor(INK).fontSize(10.5);
      put(n.text, 'regular', { width, lineGap: 2 });
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
    doc.fillColor(MUTED).fontSize(8);
    put(d.clientIdentifier, 'regular', { width: width - 110, lineBreak: false }, { x: left, y: footerY });
    put(
      `Page ${String(i - range.start + 1)} of ${String(range.count)}`,
      'regular',
      {
        width: 100,
        align: 'right',
        lineBreak: false,
      },
      { x: left + width - 100, y: footerY },
    );
    doc.fillColor(MUTED).fontSize(7.5);
    put(
      `${options.practiceName} · Confidential`,
      'regular',
      { width, align: 'right', lineBreak: false },
      {
        x: left,
        y: 36,
      },
    );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
