// The fonts release PDFs embed (Noto Sans, Noto Sans Arabic, Noto Sans SC; SIL OFL 1.1), so every
// name and note prints as written: where they are found, parsed once per thread, and how a string
// splits into runs by the first font that has each character, right-to-left runs in reading order.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Family = 'latin' | 'arabic' | 'cjk';
export type FontStyle = 'regular' | 'bold' | 'italic';

/** Each face, by its name in the app's fonts folder, and where npm installs it (a devDependency). */
const FACES = {
  'NotoSans-Regular': '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  'NotoSans-Bold': '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  'NotoSans-Italic': '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  'NotoSansArabic-Regular': '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  'NotoSansArabic-Bold': '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  'NotoSansSC-Regular': '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'NotoSansSC-Bold': '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
type FaceName = keyof typeof FACES;

/** Arabic and Chinese have no italic here: an italic run in those scripts prints upright. */
const FACE_OF: Record<Family, Record<FontStyle, FaceName>> = {
  latin: { regular: 'NotoSans-Regular', bold: 'NotoSans-Bold', italic: 'NotoSans-Italic' },
  arabic: {
    regular: 'NotoSansArabic-Regular',
    bold: 'NotoSansArabic-Bold',
    italic: 'NotoSansArabic-Regular',
  },
  cjk: { regular: 'NotoSansSC-Regular', bold: 'NotoSansSC-Bold', italic: 'NotoSansSC-Regular' },
};

/** What the packaged app carries in dist/electron/fonts/ (scripts/build-electron.ts copies them). */
export const BUNDLED_FONT_FILES: readonly { file: string; from: string }[] = [
  ...Object.entries(FACES).map(([name, from]) => ({ file: `${name}.ttf`, from })),
  // OFL 1.1 condition 2: the licence travels with the fonts (one per family: the copyright lines differ).
  { file: 'NotoSans-OFL.txt', from: '@expo-google-fonts/noto-sans/LICENSE_FONT' },
  { file: 'NotoSansArabic-OFL.txt', from: '@expo-google-fonts/noto-sans-arabic/LICENSE_FONT' },
  { file: 'NotoSansSC-OFL.txt', from: '@expo-google-fonts/noto-sans-sc/LICENSE_FONT' },
];

/**
 * A face's file: beside the bundle in the app (dist/electron/fonts/, as the export worker sits beside
 * main.js), from node_modules when run from source (tests, scripts).
 */
export function fontFile(name: FaceName): string {
  const folder = 'fonts';
  const bundled = fileURLToPath(new URL(folder, import.meta.url));
  if (existsSync(bundled)) return join(bundled, `${name}.ttf`);
  return createRequire(import.meta.url).resolve(FACES[name]);
}

/** The parts of fontkit (pdfkit's font engine, which ships no types) used here. */
interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}
interface GlyphRun {
  glyphs: Glyph[];
  positions: unknown[];
}
interface Subset {
  glyphs: number[];
  mapping: Record<number, number | undefined>;
  includeGlyph(glyph: number | Glyph): number;
}
interface Font {
  numGlyphs: number;
  ascent: number;
  descent: number;
  lineGap: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(
    text: string,
    features?: unknown,
    script?: string,
    language?: string,
    direction?: 'ltr' | 'rtl',
  ): GlyphRun;
  getGlyph(id: number, codePoints?: number[]): Glyph;
  createSubset(): Subset;
}
interface Fontkit {
  create(buffer: Uint8Array): Font;
}

// Strong right-to-left letters (Unicode bidi classes R and AL, less digits and marks).
const RTL_LETTER = /(?=\p{L})[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}]/u;
const DIGIT = /\p{Nd}/u;
const MARK = /\p{M}/u;
const NEUTRAL = /[\p{Z}\p{P}\p{S}\p{Cc}\p{Cf}]/u;
// Only text in these scripts can need Noto Sans SC, so nothing else loads its 10 MB.
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;

const sameCodePoints = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * fontkit reverses a whole right-to-left run; two things in it keep their place (Unicode bidi rules L1
 * and L2): spaces at the end of a line stay at its end, and a number still reads left to right.
 */
function rightToLeftFixes(text: string, run: GlyphRun): void {
  const move = (from: number, count: number, to: number, reverse: boolean) => {
    for (const list of [run.glyphs, run.positions] as unknown[][]) {
      const part = list.splice(from, count);
      list.splice(to, 0, ...(reverse ? part.reverse() : part));
    }
  };
  const trailing = /\s*$/.exec(text)?.[0].length ?? 0;
  if (trailing > 0 && trailing < text.length) move(0, trailing, run.glyphs.length - trailing, false);
  const isNumber = (g: Glyph) =>
    g.codePoints.length > 0 && g.codePoints.every((c) => DIGIT.test(String.fromCodePoint(c)));
  for (let i = 0; i < run.glyphs.length; i++) {
    let end = i;
    while (end < run.glyphs.length && isNumber(run.glyphs[end] as Glyph)) end++;
    if (end - i > 1) move(i, end - i, i, true);
    i = end;
  }
}

/**
 * The font as pdfkit gets it, with three changes.
 * - ToUnicode says what each glyph stands for. fontkit keeps one Glyph per id with the characters it
 *   was first made for, and Noto Sans Arabic draws ز as the ر shape plus a dot: without this, after a
 *   "ز" every "ر" of the document would copy out as "ز". Each glyph of a layout carries its own
 *   characters, and a glyph standing for other characters than its first use goes into the subset again
 *   under a code of its own.
 * - The direction is right to left only for text with right-to-left letters (fontkit goes by the
 *   first script, and would reverse Arabic-Indic digits on their own).
 * - Faces other than Latin take the Latin face's ascent and line height (`lines`), so runs in several
 *   scripts share one baseline and a paragraph keeps an even line spacing.
 */
function forPdfkit(font: Font, lines: Pick<Font, 'ascent' | 'descent' | 'lineGap'> | null): Font {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    return sameCodePoints(glyph.codePoints, codePoints)
      ? glyph
      : (Object.create(glyph, { codePoints: { value: codePoints } }) as Glyph);
  };
  const numGlyphs = font.numGlyphs;
  const codes = new Map<string, number>();
  const glyphOfCode: number[] = [];
  const withOwnCode = (glyph: Glyph): Glyph => {
    if (sameCodePoints(getGlyph(glyph.id).codePoints, glyph.codePoints)) return glyph;
    const key = `${String(glyph.id)}:${glyph.codePoints.join(',')}`;
    let id = codes.get(key);
    if (id === undefined) {
      id = numGlyphs + glyphOfCode.length;
      glyphOfCode.push(glyph.id);
      codes.set(key, id);
    }
    return { id, codePoints: glyph.codePoints, advanceWidth: glyph.advanceWidth };
  };
  const own: PropertyDescriptorMap = {
    layout: {
      value: (text: string, features?: unknown) => {
        const rtl = RTL_LETTER.test(text);
        const run = font.layout(text, features, undefined, undefined, rtl ? 'rtl' : 'ltr');
        if (rtl) rightToLeftFixes(text, run);
        run.glyphs = run.glyphs.map(withOwnCode);
        return run;
      },
    },
    createSubset: {
      value: () => {
        const subset = font.createSubset();
        const include = subset.includeGlyph.bind(subset);
        subset.includeGlyph = (glyph) => {
          const id = typeof glyph === 'number' ? glyph : glyph.id;
          const real = id < numGlyphs ? undefined : glyphOfCode[id - numGlyphs];
          if (real === undefined) return include(id);
          let index = subset.mapping[id];
          if (index === undefined) {
            index = subset.glyphs.push(real) - 1;
            subset.mapping[id] = index;
          }
          return index;
        };
        return subset;
      },
    },
  };
  if (lines) {
    for (const key of ['ascent', 'descent', 'lineGap'] as const) own[key] = { value: lines[key] };
  }
  return Object.create(font, own) as Font;
}

/** A face as pdfkit takes it: `doc.font(face.font, face.name)`. */
export interface Face {
  name: FaceName;
  /** A parsed fontkit font: pdfkit accepts one (since 0.17), though its types list only files and bytes. */
  font: PDFKit.Mixins.PDFFontSource;
}
export interface TextRun {
  text: string;
  face: Face;
  /** Laid out right to left: the run's glyphs are drawn in the order they are read. */
  rtl: boolean;
}
interface Loaded extends Face {
  has(codePoint: number): boolean;
}

/**
 * The fonts of one thread: each face parsed on first use and kept, as the export worker renders one
 * package after another (a parsed font holds the file's tables and glyph caches; pdfkit keeps each
 * document's subset apart). The SC faces load only when a character needs them.
 */
class ReleaseFonts {
  private readonly faces = new Map<FaceName, Loaded>();
  private readonly fontkit: Fontkit;

  constructor(fontkit: Fontkit) {
    this.fontkit = fontkit;
  }

  private face(name: FaceName): Loaded {
    let face = this.faces.get(name);
    if (face) return face;
    const parsed = this.fontkit.create(readFileSync(fontFile(name)));
    const latin = name.startsWith('NotoSans-')
      ? null
      : (this.face('NotoSans-Regular').font as unknown as Font);
    const font = forPdfkit(parsed, latin);
    const coverage = new Map<number, boolean>();
    face = {
      name,
      font: font as unknown as PDFKit.Mixins.PDFFontSource,
      has: (codePoint) => {
        let has = coverage.get(codePoint);
        if (has === undefined) {
          has = font.hasGlyphForCodePoint(codePoint);
          coverage.set(codePoint, has);
        }
        return has;
      },
    };
    this.faces.set(name, face);
    return face;
  }

  /** The first face with a glyph for the character (Arabic first inside right-to-left text), if any. */
  private faceFor(ch: string, style: FontStyle, rtl: boolean): Loaded | null {
    const codePoint = ch.codePointAt(0) ?? 0;
    const families: Family[] = rtl ? ['arabic', 'latin'] : ['latin', 'arabic'];
    if (CJK.test(ch)) families.push('cjk');
    for (const family of families) {
      const face = this.face(FACE_OF[family][style]);
      if (face.has(codePoint)) return face;
    }
    return null;
  }

  /**
   * Splits one paragraph (no line breaks) into runs of one face and direction each, a simplified
   * Unicode bidi algorithm for a left-to-right page: right-to-left letters, numbers after them, and
   * spaces and punctuation between them form right-to-left runs (a paragraph with no left-to-right
   * letter is right to left throughout). Marks stay with their letter; a character no face has stays
   * in the run it falls in (pdfkit draws the font's empty box, and its ToUnicode entry keeps the text).
   */
  runs(paragraph: string, style: FontStyle): TextRun[] {
    const primary = this.face(FACE_OF.latin[style]);
    // Latin text, the common case, is one run without a look at each character.
    if (/^[\p{Cc}\u0020-\u024f\u2000-\u206f]*$/u.test(paragraph))
      return [{ text: paragraph, face: primary, rtl: false }];
    const chars = Array.from(paragraph); // code points, as a font's character map has them
    const kind = chars.map((ch) =>
      MARK.test(ch) ? 'm' : RTL_LETTER.test(ch) ? 'r' : DIGIT.test(ch) ? 'd' : NEUTRAL.test(ch) ? 'n' : 'l',
    );
    const allRtl = kind.includes('r') && !kind.includes('l');
    // Each letter's and digit's direction; then each neutral's, from the nearest on either side.
    const dir: (boolean | null)[] = [];
    let before = allRtl;
    kind.forEach((k, i) => {
      if (k === 'r' || k === 'l') before = k === 'r';
      dir[i] = k === 'r' || k === 'l' || k === 'd' ? before : null;
    });
    const after: boolean[] = [];
    for (let i = chars.length - 1, next = allRtl; i >= 0; i--) {
      after[i] = next;
      next = dir[i] ?? next;
    }
    const runs: (TextRun & { face: Loaded })[] = [];
    let previous = allRtl;
    chars.forEach((ch, i) => {
      const last = runs.at(-1);
      if (last && kind[i] === 'm') {
        last.text += ch;
        return;
      }
      const rtl = dir[i] ?? (previous && after[i] === true);
      previous = dir[i] ?? previous;
      // Inside a right-to-left run a space or a stop keeps the run's face, so the run stays whole.
      const face =
        rtl && kind[i] === 'n' && last?.rtl && last.face.has(ch.codePointAt(0) ?? 0)
          ? last.face
          : (this.faceFor(ch, style, rtl) ?? last?.face ?? primary);
      if (last?.face === face && last.rtl === rtl) last.text += ch;
      else runs.push({ text: ch, face, rtl });
    });
    return runs.length > 0 ? runs : [{ text: '', face: primary, rtl: false }];
  }
}
export type { ReleaseFonts };

let loaded: Promise<ReleaseFonts> | undefined;

/** This thread's fonts. fontkit is pdfkit's own dependency; imported by name, it is the same copy. */
export function releaseFonts(): Promise<ReleaseFonts> {
  const fontkit = 'fontkit';
  loaded ??= (import(/* @vite-ignore */ fontkit) as Promise<Fontkit>).then(
    (module) => new ReleaseFonts(module),
  );
  return loaded;
}
