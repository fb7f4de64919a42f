// Free text at the contract (issue 15): one rule, in one function, for every text field a person
// types. Invisible characters that change how text displays or prints are refused (a name with a
// right-to-left override prints as another name, in a PDF as on screen), and so are control
// characters; the message names the field and says what to do.
import { z } from 'zod';

/**
 * Refused in every text field, names and notes alike, so what prints is what was typed, in the order
 * it was typed: Unicode's bidirectional controls (the Bidi_Control property: embeddings and
 * overrides U+202A–202E, isolates U+2066–2069, and the marks LRM U+200E, RLM U+200F, ALM U+061C),
 * the deprecated format controls U+206A–206F (mirroring and shaping switches), and the invisible
 * characters that make two different texts look alike or hide text: zero-width space U+200B, word
 * joiner U+2060, BOM U+FEFF, interlinear annotations U+FFF9–FFFB. Right-to-left text itself needs
 * none of them: Unicode's bidi algorithm orders Arabic or Hebrew by itself. ZWNJ and ZWJ
 * (U+200C, U+200D) stay allowed: Persian, Indic scripts and emoji need them.
 */
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/u;
/** What breaks a line (or jumps like one) where one line is expected. */
const LINE_BREAK = /[\t\n\v\f\r\u0085\u2028\u2029]/u;
/** C0 and C1 control characters and DEL. */
const CONTROL = /\p{Cc}/u;
/** In multi-line text, line breaks (\n, after normalizing) and tabs are the only controls allowed. */
const CONTROL_BUT_NEWLINE_OR_TAB = /(?![\n\t])\p{Cc}/u;

/**
 * single: one line (names, addresses, short answers). multi: paragraphs (notes, reasons, histories);
 * line breaks and tabs allowed. secret: a password, never displayed or printed, so only control
 * characters are refused (they cannot be typed into a password box; a pasted one locks its owner out).
 */
export type TextKind = 'single' | 'multi' | 'secret';
export type TextProblem = 'invisible' | 'line-break' | 'control';

/**
 * A text stored before this rule existed, made readable under it: invisible formatting characters
 * and control characters other than line breaks and tabs removed (what prints is then what was
 * visible). Only for reading old stored rows; new input is refused, never silently changed.
 */
export const withoutInvisible = (value: string): string =>
  value
    .replace(new RegExp(INVISIBLE.source, 'gu'), '')
    .replace(new RegExp(CONTROL_BUT_NEWLINE_OR_TAB.source, 'gu'), '');

/** What is wrong with a text for a field of this kind, or null. The one rule every text field uses. */
export function textProblem(value: string, kind: TextKind): TextProblem | null {
  if (kind === 'secret') return CONTROL.test(value) ? 'control' : null;
  if (INVISIBLE.test(value)) return 'invisible';
  if (kind === 'single') {
    if (LINE_BREAK.test(value)) return 'line-break';
    return CONTROL.test(value) ? 'control' : null;
  }
  return CONTROL_BUT_NEWLINE_OR_TAB.test(value) ? 'control' : null;
}

export function textProblemMessage(label: string, problem: TextProblem): string {
  switch (problem) {
    case 'invisible':
      return `${label} contains an invisible formatting character (such as a text-direction control), which can change how it displays or prints. Type it again instead of pasting it.`;
    case 'line-break':
      return `${label} must be on one line, without line breaks or tabs.`;
    case 'control':
      return `${label} contains an invisible control character. Type it again instead of pasting it.`;
  }
}

/** The rule as a zod refinement, for string schemas that are not built by the helpers below. */
export function plainText(label: string, kind: TextKind = 'single') {
  return (value: string, ctx: z.RefinementCtx): void => {
    const problem = textProblem(value, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: textProblemMessage(label, problem) });
  };
}

/** Windows (CRLF), old Mac (CR) and Unicode line and paragraph separators all become \n. */
export const normalizeLineBreaks = (value: string): string => value.replace(/\r\n?|\u2028|\u2029/g, '\n');

const maxMessage = (label: string, max: number) => `${label} must be ${String(max)} characters or fewer.`;

/** One line of free text, trimmed. Every single-line text field is built on this. */
export const singleLineText = (label: string, max = 200, typeError?: string) =>
  z
    .string(typeError === undefined ? undefined : { error: typeError })
    .trim()
    .max(max, maxMessage(label, max))
    .superRefine(plainText(label, 'single'));

/**
 * Paragraphs of free text: line breaks normalized to \n, trimmed unless `trim: false` (a note section
 * saved as it is typed keeps its trailing space). Every multi-line text field is built on this.
 */
export const multiLineText = (
  label: string,
  max: number,
  options: { trim?: boolean; typeError?: string } = {},
) => {
  const base = z
    .string(options.typeError === undefined ? undefined : { error: options.typeError })
    .overwrite(normalizeLineBreaks);
  return (options.trim === false ? base : base.trim())
    .max(max, maxMessage(label, max))
    .superRefine(plainText(label, 'multi'));
};

const emptyToUndefined = (v: string | undefined) => (v === '' ? undefined : v);

export const requiredLongText = (label: string, max: number) =>
  multiLineText(label, max, { typeError: `${label} is required.` }).min(1, `${label} is required.`);

export const optionalLongText = (label: string, max: number) =>
  multiLineText(label, max).optional().transform(emptyToUndefined);
