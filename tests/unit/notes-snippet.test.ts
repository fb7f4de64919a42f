import { describe, expect, it } from 'vitest';
import { makeSnippet, queryTokens } from '../../main/core/notes/snippet.ts';

describe('note search snippets', () => {
  it('highlights words that start with a query token, folding case and accents', () => {
    const parts = makeSnippet(
      'Client described Sleep trouble and a sleepless night; no café visits.',
      queryTokens('sleep CAFE'),
    );
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Sleep', 'sleepless', 'café']);
    expect(parts.map((p) => p.text).join('')).toBe(
      'Client described Sleep trouble and a sleepless night; no café visits',
    );
  });

  it('shows the passage with the most hits, with ellipses where text was cut', () => {
    const body = `${'filler '.repeat(40)}the garden and the garden path ${'more '.repeat(40)}`;
    const parts = makeSnippet(body, ['garden'], 10);
    expect(parts[0]?.text.startsWith('…')).toBe(true);
    expect(parts.at(-1)?.text.endsWith('…')).toBe(true);
    expect(parts.filter((p) => p.hit)).toHaveLength(2);
  });

  it('never returns HTML: text is returned as parts', () => {
    const parts = makeSnippet('<script>alert(1)</script> sleep', ['sleep']);
    expect(parts.every((p) => typeof p.text === 'string')).toBe(true);
    expect(parts.find((p) => p.hit)?.text).toBe('sleep');
  });
});
