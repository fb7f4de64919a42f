// Dates, times and counts read the US way on every computer: each Intl formatter and toLocale…
// call in the renderer names its locale (renderer/lib/locale.ts). One that leaves it to the
// computer (`new Intl.DateTimeFormat(undefined, …)`, `n.toLocaleString()`) shows "3 Nov 2026" on
// a computer set to UK English; this test names it by file and line. The TypeScript parser finds
// the calls, so comments and strings do not count.
import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

const LOCALE_METHOD = /^toLocale(String|DateString|TimeString)$/;

/** Whether a locale argument is missing: none at all, or `undefined`. */
const noLocale = (args: ts.NodeArray<ts.Expression>): boolean => {
  const first = args[0];
  return first === undefined || (ts.isIdentifier(first) && first.text === 'undefined');
};

/** Where one source formats for the computer's locale instead of the US one. */
export function localeLeftOpen(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const line = () => `${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    if (
      ts.isNewExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'Intl' &&
      noLocale(node.arguments ?? ts.factory.createNodeArray())
    )
      found.push(`${line()} new Intl.${node.expression.name.text} without a locale`);
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      LOCALE_METHOD.test(node.expression.name.text) &&
      noLocale(node.arguments)
    )
      found.push(`${line()} ${node.expression.name.text}() without a locale`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('US formats in the renderer', () => {
  it('every date, time and number formatter names the US locale', () => {
    const found = sources(join(root, 'renderer')).flatMap((path) =>
      localeLeftOpen(relative(root, path), readFileSync(path, 'utf8')),
    );
    expect(found).toEqual([]);
  });

  it('catches a formatter left to the computer, and lets a named locale and text through', () => {
    const planted = [
      "const d = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });",
      'const n = new Intl.NumberFormat();',
      'const s = count.toLocaleString();',
      'const t = when.toLocaleDateString(undefined, { month: "short" });',
      "const ok = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long' });",
      'const ok2 = count.toLocaleString(LOCALE);',
      "// count.toLocaleString() in a comment; 'x.toLocaleString()' in a string",
    ].join('\n');
    expect(localeLeftOpen('planted.tsx', planted)).toEqual([
      'planted.tsx:1 new Intl.DateTimeFormat without a locale',
      'planted.tsx:2 new Intl.NumberFormat without a locale',
      'planted.tsx:3 toLocaleString() without a locale',
      'planted.tsx:4 toLocaleDateString() without a locale',
    ]);
  });
});
