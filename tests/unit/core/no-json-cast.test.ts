// Stored JSON is parsed, not cast (issue 16, STYLE.md rule 17): nothing in main may write
// `JSON.parse(...) as T`. Read a JSON column through a zod codec in its domain instead
// (main/core/stored-json.ts, e.g. main/core/notes/codecs.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Each `JSON.parse(…)` whose closing parenthesis is followed by `as` (across lines too). */
function jsonCasts(source: string): string[] {
  const found: string[] = [];
  let from = 0;
  for (;;) {
    const start = source.indexOf('JSON.parse(', from);
    if (start < 0) return found;
    let depth = 0;
    let i = start + 'JSON.parse'.length;
    for (; i < source.length; i++) {
      if (source[i] === '(') depth++;
      else if (source[i] === ')' && --depth === 0) break;
    }
    if (/^\s*as\s/.test(source.slice(i + 1, i + 40))) found.push(source.slice(start, i + 1));
    from = start + 1;
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) ? [path] : [];
  });
}

describe('no stored JSON is cast in main', () => {
  it('finds a cast however it is written, and not a parse through a schema', () => {
    expect(jsonCasts('const a = JSON.parse(row.data) as Json;')).toHaveLength(1);
    expect(jsonCasts("x = JSON.parse(\n  readFileSync(f, 'utf8'),\n)\n  as Settings;")).toHaveLength(1);
    expect(jsonCasts('f(JSON.parse(g(h(t))) as { a?: unknown })')).toHaveLength(1);
    expect(jsonCasts('const a = Schema.parse(JSON.parse(text));')).toEqual([]);
    expect(jsonCasts('return JSON.parse(raw.toString("utf8"));')).toEqual([]);
    expect(jsonCasts('const assets = JSON.parse(t); const b = a as B;')).toEqual([]);
  });

  it('main holds no `JSON.parse(...) as`', () => {
    const casts = sourceFiles(join(ROOT, 'main')).flatMap((file) =>
      jsonCasts(readFileSync(file, 'utf8')).map((c) => `${relative(ROOT, file)}: ${c}`),
    );
    expect(casts).toEqual([]);
  });
});
