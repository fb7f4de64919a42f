// Release PDFs set text in embedded Noto fonts: a client's name in Polish, Vietnamese, Chinese or
// Arabic prints and copies out exactly as written, with or without a password, and a package in Latin
// letters alone stays small (the 10 MB Chinese font is not even read).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { releaseFonts } from '../../../main/core/releases/fonts.ts';
import { renderPdf } from '../../../main/core/releases/pdf.ts';
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { pdfText } from '../../helpers/releases.ts';

const NAMES = ['Łucja Żółkiewska', 'Nguyễn Thị Ánh', '王小明', 'فاطمة الزهراء'];
const PRACTICE = 'Lantern Hill Counseling (Synthetic)';

const dir = mkdtempSync(join(tmpdir(), 'stillwater-pdf-fonts-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function multilingual(): PackageDocument {
  return {
    title: 'Release of records',
    clientIdentifier: `Chart C-000123 · ${NAMES.join(' · ')}`,
    cover: [{ label: 'Client', value: NAMES.join(', ') }],
    sections: NAMES.map((name, i) => ({
      heading: `Progress note: ${name}`,
      subheading: `2026-01-${String(12 + i)}`,
      part2: i === 0,
      blocks: [
        { label: `Seen with ${name}`, text: `Synthetic: ${name} attended and spoke of Larkspurline.` },
        { label: null, text: name },
      ],
    })),
    notices: [{ heading: 'Redisclosure', text: 'Synthetic notice text.' }],
  };
}

function latinOnly(): PackageDocument {
  return {
    title: 'Release of records',
    clientIdentifier: 'Chart C-000124 · Zoë Example',
    cover: [{ label: 'Recipient', value: 'Sample Family Medicine (synthetic)' }],
    sections: [
      {
        heading: 'Progress note',
        subheading: '2026-01-12',
        part2: false,
        blocks: [{ label: 'Data', text: 'Synthetic: the client spoke of Larkspurline and a better week.' }],
      },
    ],
    notices: [],
  };
}

async function write(name: string, document: PackageDocument, password?: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await renderPdf(document, { practiceName: PRACTICE, password }));
  return file;
}

/** pdftotext marks right-to-left stretches with U+202A..U+202C; they are not part of the text. */
const text = (file: string, password?: string) => pdfText(file, password).replace(/[\u202a-\u202e]/g, '');
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** pdffonts' table: one row per font, name and whether it is embedded, subset and has a ToUnicode map. */
function fonts(file: string, password?: string): { name: string; emb: string; sub: string; uni: string }[] {
  const out = execFileSync('pdffonts', [...(password ? ['-upw', password] : []), file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      return { name: cols[0] ?? '', emb: cols.at(-5) ?? '', sub: cols.at(-4) ?? '', uni: cols.at(-3) ?? '' };
    });
}

function expectEveryName(extracted: string): void {
  const pages = extracted.match(/Page \d+ of \d+/g)?.length ?? 0;
  expect(pages).toBeGreaterThan(1);
  for (const name of NAMES) {
    // The footer of every page, the cover, a heading, a block's text and a line of its own;
    // labels print in capitals (the same letters for Chinese and Arabic).
    const label = name.toUpperCase() === name ? 1 : 0;
    expect(count(extracted, name), name).toBe(pages + 4 + label);
    expect(extracted).toContain(name.toUpperCase());
  }
}

describe('release PDF fonts', () => {
  it('prints Polish, Vietnamese, Chinese and Arabic names exactly as written', async () => {
    const file = await write('multilingual.pdf', multilingual());
    // Noto Sans Arabic draws ز as the ر shape with a dot: both letters of "الزهراء" must copy out as written.
    expectEveryName(text(file));
  });

  it('prints them exactly in an encrypted PDF too', async () => {
    const file = await write('multilingual-encrypted.pdf', multilingual(), 'correct horse battery');
    expect(() => execFileSync('pdftotext', [file, '-'], { stdio: 'pipe' })).toThrow();
    expectEveryName(text(file, 'correct horse battery'));
    expect(fonts(file, 'correct horse battery').map((f) => f.name)).toContainEqual(
      expect.stringMatching(/^[A-Z]{6}\+NotoSansArabic-Regular$/),
    );
  });

  it('embeds subsets of the Noto fonts with a ToUnicode map, and no Helvetica', async () => {
    const file = await write('fonts.pdf', multilingual());
    const list = fonts(file);
    expect(list.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSans-Bold',
      'NotoSans-Italic',
      'NotoSans-Regular',
      'NotoSansArabic-Bold',
      'NotoSansArabic-Regular',
      'NotoSansSC-Bold',
      'NotoSansSC-Regular',
    ]);
    for (const font of list) {
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSans/);
      expect(font).toMatchObject({ emb: 'yes', sub: 'yes', uni: 'yes' });
    }
  });

  it('keeps a Latin-only package small: no Arabic or Chinese font in it', async () => {
    const file = await write('latin.pdf', latinOnly());
    const names = fonts(file).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names.sort()).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
    expect(text(file)).toContain('Zoë Example');
    // Measured at 11 kB (3 kB with the standard Helvetica, which is not embedded); with the Chinese
    // font's subset a package of a few names measures 27 kB.
    expect(statSync(file).size).toBeLessThan(25_000);
  });

  it('lays out a letter with a non-Latin name: the body follows the heading on page 1', async () => {
    const file = join(dir, 'letter.pdf');
    const letter: PackageDocument = {
      ...latinOnly(),
      clientIdentifier: 'Request R-7 · فاطمة الزهراء',
      sections: [
        {
          heading: 'Dear فاطمة الزهراء,',
          subheading: null,
          part2: false,
          blocks: [{ label: null, text: 'Synthetic letter.' }],
        },
      ],
    };
    writeFileSync(file, await renderPdf(letter, { practiceName: PRACTICE, layout: 'letter' }));
    const extracted = text(file);
    expect(extracted).toContain('Page 1 of 1');
    expect(count(extracted, 'فاطمة الزهراء')).toBe(2);
  });

  it('renders a document the same before and after others (fonts are parsed once per thread)', async () => {
    const first = await renderPdf(latinOnly(), { practiceName: PRACTICE });
    await renderPdf(multilingual(), { practiceName: PRACTICE });
    const again = await renderPdf(latinOnly(), { practiceName: PRACTICE });
    expect(again.length).toBe(first.length);
    writeFileSync(join(dir, 'first.pdf'), first);
    writeFileSync(join(dir, 'again.pdf'), again);
    expect(text(join(dir, 'again.pdf'))).toBe(text(join(dir, 'first.pdf')));
  });
});

describe('text runs', () => {
  it('keeps an Arabic name of several words in one right-to-left run between Latin words', async () => {
    const runs = (await releaseFonts()).runs('Name: فاطمة الزهراء (client)', 'regular');
    expect(runs.map((r) => [r.text, r.face.name, r.rtl])).toEqual([
      ['Name: ', 'NotoSans-Regular', false],
      ['فاطمة الزهراء', 'NotoSansArabic-Regular', true],
      [' (client)', 'NotoSans-Regular', false],
    ]);
  });

  it('keeps a number inside Arabic text in its run, and takes bold and italic faces per script', async () => {
    const fonts = await releaseFonts();
    expect(fonts.runs('فاطمة 12 سنة', 'bold').map((r) => [r.text, r.face.name, r.rtl])).toEqual([
      ['فاطمة 12 سنة', 'NotoSansArabic-Bold', true],
    ]);
    expect(fonts.runs('Ánh 王小明', 'italic').map((r) => [r.text, r.face.name])).toEqual([
      ['Ánh ', 'NotoSans-Italic'],
      ['王小明', 'NotoSansSC-Regular'],
    ]);
  });
});
