// Highlighted snippets for note search, made here rather than by FTS5's snippet(): for prefix
// queries FTS5 rebuilds every matching term's position list, which took seconds on 200,000 notes.
// Words are matched the way the index matches them: case- and accent-folded, by prefix.

export interface SnippetPart {
  text: string;
  hit: boolean;
}

const fold = (text: string): string => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
const WORD = /[\p{L}\p{N}]+/gu;

/** Up to `width` words around the densest run of hits, as plain and highlighted parts. */
export function makeSnippet(body: string, queryTokens: string[], width = 18): SnippetPart[] {
  const words = [...body.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
  if (words.length === 0) return [];
  const isHit = words.map((w) => {
    const f = fold(w.text);
    return queryTokens.some((t) => f.startsWith(t));
  });
  // The window start with the most hits (first such window on ties).
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    if (isHit[i]) count += 1;
    if (i >= width && isHit[i - width]) count -= 1;
    const start = Math.max(0, i - width + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  const first = words[best];
  const last = words[Math.min(words.length - 1, best + width - 1)];
  if (!first || !last) return [];
  const parts: SnippetPart[] = [];
  if (best > 0) parts.push({ text: '…', hit: false });
  let cursor = first.start;
  for (let i = best; i < words.length && i < best + width; i++) {
    const w = words[i];
    if (!w) break;
    if (isHit[i]) {
      if (w.start > cursor) parts.push({ text: body.slice(cursor, w.start), hit: false });
      parts.push({ text: w.text, hit: true });
      cursor = w.end;
    }
  }
  if (last.end > cursor) parts.push({ text: body.slice(cursor, last.end), hit: false });
  if (last !== words.at(-1)) parts.push({ text: '…', hit: false });
  // Whitespace inside a snippet reads as one space (notes have line breaks between sections).
  return mergePlain(parts.map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ') })));
}

function mergePlain(parts: SnippetPart[]): SnippetPart[] {
  const out: SnippetPart[] = [];
  for (const p of parts) {
    const prev = out.at(-1);
    if (prev && !prev.hit && !p.hit) prev.text += p.text;
    else out.push({ ...p });
  }
  return out.filter((p) => p.text.length > 0);
}

/** The folded prefix tokens of a typed query, as the FTS query built from it uses them. */
export function queryTokens(typed: string): string[] {
  return fold(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}
