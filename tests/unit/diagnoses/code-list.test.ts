// The shipped code list is data: the file keeps its source lines, parses to the 849 billable codes
// of chapter 5, and a malformed line fails loudly instead of becoming a wrong code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeListPath, parseCodeList, readCodeList } from '../../../main/core/diagnoses/code-list.ts';
import { compactCode, displayCode } from '../../../preload/contract/diagnoses.ts';

describe('the shipped ICD-10-CM list', () => {
  it('names its public-domain CMS/NCHS source and holds 849 billable F codes', () => {
    const text = readFileSync(codeListPath(), 'utf8');
    expect(text.split('\n').slice(0, 2).join('\n')).toMatch(/FY2024[\s\S]*CMS\/NCHS[\s\S]*public domain/);
    const list = readCodeList();
    expect(list.codes).toHaveLength(849);
    expect(list.codes.every((c) => /^F\d{2}(\.[0-9A-Z]{1,4})?$/.test(c.code))).toBe(true);
    expect(list.codes.find((c) => c.code === 'F41.1')?.description).toBe('Generalized anxiety disorder');
    // Headers are not in it: F32 and F32.8 are categories of longer codes.
    expect(list.codes.some((c) => c.code === 'F32' || c.code === 'F32.8')).toBe(false);
  });

  it('is versioned by its content, so a changed file is loaded again', () => {
    const a = parseCodeList('# x\nF41.1\tGeneralized anxiety disorder\n');
    const b = parseCodeList('# x\nF41.1\tGeneralized anxiety disorder, changed\n');
    expect(a.version).not.toBe(b.version);
    expect(a.version).toMatch(/^icd10cm-2024-chapter5\.tsv#[0-9a-f]{16}$/);
  });

  it.each([
    ['a missing description', 'F41.1\t\n'],
    ['no tab', 'F41.1 Generalized anxiety disorder\n'],
    ['a third column', 'F41.1\tWords\tmore\n'],
    ['a code without its dot', 'F411\tWords\n'],
    ['a lower-case code', 'f41.1\tWords\n'],
    ['the same code twice', 'F41.1\tWords\nF41.1\tWords\n'],
    ['no codes at all', '# only a header\n'],
  ])('refuses a file with %s', (_label, body) => {
    expect(() => parseCodeList(`# header\n${body}`)).toThrow(/icd10cm-2024-chapter5\.tsv/);
  });
});

describe('code forms', () => {
  it.each([
    ['f41.1', 'F411', 'F41.1'],
    [' F411 ', 'F411', 'F41.1'],
    ['z63.0', 'Z630', 'Z63.0'],
    ['F32', 'F32', 'F32'],
    ['f01.511', 'F01511', 'F01.511'],
  ])('%s is compared as %s and written %s', (typed, compact, shown) => {
    expect(compactCode(typed)).toBe(compact);
    expect(displayCode(compactCode(typed))).toBe(shown);
  });
});
