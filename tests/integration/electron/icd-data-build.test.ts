// The packaged app carries the ICD-10-CM code list: the build copies it beside main.js (dist/ is what
// electron-builder packs), where the bundled code looks for it, unchanged, with its source note.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { codeListPath } from '../../../main/core/diagnoses/index.ts';
import { parseCodeList } from '../../../main/core/diagnoses/code-list.ts';
import { distElectron, ensureShellBuilt, root } from './shell-build.ts';

beforeAll(() => {
  ensureShellBuilt();
});

it('dist/electron/data/ holds the code list as shipped, and main.js reads it from there', () => {
  const shipped = readFileSync(join(distElectron, 'data', 'icd10cm-2024-chapter5.tsv'), 'utf8');
  expect(shipped).toBe(readFileSync(codeListPath(), 'utf8'));
  expect(shipped).toMatch(/^# ICD-10-CM FY2024.*\n# Source: the CMS\/NCHS/);
  expect(parseCodeList(shipped).codes).toHaveLength(849);
  expect(readFileSync(join(distElectron, 'data', 'README.md'), 'utf8')).toMatch(/public domain/);
  const main = readFileSync(join(distElectron, 'main.js'), 'utf8');
  expect(main).toContain('icd10cm-2024-chapter5.tsv');
  expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).toMatch(/files:\n\s+- dist\/\*\*/);
});
