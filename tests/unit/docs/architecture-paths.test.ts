// The docs name files that exist. docs/ARCHITECTURE.md is a map for a newcomer and README.md
// points at scripts and config; a path that was renamed or moved away makes either one lie, so
// every path they name in backticks is looked up on disk here.
//
// The rule, for inline code (`...`) outside fenced code blocks:
// - A token is path-like when it holds no whitespace, is not a URL (no "://"), holds none of
//   < > … * ( ) % \ = ~ (placeholders, globs, calls, settings, user folders), and either contains
//   a '/' or ends with a known source extension (EXTENSIONS).
// - "Source roots" are the entries at the repository's top level that .gitignore does not list
//   (main, preload, renderer, db, scripts, tests, docs, .ci, package.json, ...): build output,
//   node_modules and user data are never roots.
// - docs/ARCHITECTURE.md: every path-like token must exist. One with a '/' is a path from the
//   repository root (a trailing '/' names a folder); a bare file name (`queries.ts`) must be the
//   name of at least one file at the root or under a source root.
// - README.md speaks of many paths that are not the repository's: the user-data folder
//   (`~/Library/...`, `%APPDATA%`), files inside a release package or backup (`records.pdf`,
//   `manifest.json`), the installed app's `fonts/`. So there, only a path-like token with a '/'
//   whose first segment is a source root is a repository path, and it must exist.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXTENSIONS = [
  '.ts',
  '.tsx',
  '.js',
  '.cjs',
  '.mjs',
  '.json',
  '.md',
  '.sql',
  '.sh',
  '.yml',
  '.yaml',
  '.css',
  '.html',
];
const NOT_A_PATH = /[\s<>…*()%\\=~]|:\/\//u;

/** The text of inline code spans, fenced code blocks left out. */
function inlineCode(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gmu, '');
  return [...prose.matchAll(/`([^`\n]+)`/gu)].map((m) => m[1] ?? '');
}

function isPathLike(token: string): boolean {
  if (token === '' || NOT_A_PATH.test(token)) return false;
  return token.includes('/') || EXTENSIONS.some((ext) => token.endsWith(ext));
}

function ignoredAtTop(root: string): Set<string> {
  const file = join(root, '.gitignore');
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  const names = lines
    .map((l) => l.trim().replace(/^\//u, '').replace(/\/$/u, ''))
    .filter((l) => l !== '' && !l.startsWith('#') && !l.includes('*') && !l.includes('/'));
  return new Set([...names, '.git']);
}

function sourceRoots(root: string): string[] {
  const ignored = ignoredAtTop(root);
  return readdirSync(root).filter((name) => !ignored.has(name));
}

/** Every file name at the root or under a source root. */
function fileNamesUnder(root: string, roots: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const top of roots) {
    const path = join(root, top);
    if (!statSync(path).isDirectory()) {
      names.add(top);
      continue;
    }
    for (const entry of readdirSync(path, { withFileTypes: true, recursive: true }))
      if (entry.isFile()) names.add(entry.name);
  }
  return names;
}

/** Paths docs/ARCHITECTURE.md names that do not exist. */
function missingInArchitecture(markdown: string, root: string): string[] {
  const roots = sourceRoots(root);
  let known: Set<string> | null = null;
  const missing: string[] = [];
  for (const token of inlineCode(markdown).filter(isPathLike)) {
    if (token.includes('/')) {
      if (!existsSync(join(root, token))) missing.push(token);
    } else {
      known ??= fileNamesUnder(root, roots);
      if (!known.has(token)) missing.push(token);
    }
  }
  return missing;
}

/** Repository paths README.md names that do not exist. */
function missingInReadme(markdown: string, root: string): string[] {
  const roots = new Set(sourceRoots(root));
  return inlineCode(markdown)
    .filter(isPathLike)
    .filter((token) => token.includes('/') && roots.has(token.split('/')[0] ?? ''))
    .filter((token) => !existsSync(join(root, token)));
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the paths the docs name exist', () => {
  it('docs/ARCHITECTURE.md names only files and folders that exist', () => {
    const doc = read('docs/ARCHITECTURE.md');
    // The map must actually name files, or this check would pass on an empty page.
    expect(inlineCode(doc).filter(isPathLike).length).toBeGreaterThan(30);
    expect(missingInArchitecture(doc, ROOT)).toEqual([]);
  });

  it('README.md names only repository paths that exist', () => {
    const readme = read('README.md');
    expect(missingInReadme(readme, ROOT)).toEqual([]);
  });

  it('reports a planted wrong path, and skips what is not a repository path', () => {
    const planted = [
      'The router is `main/core/router.ts`, the notes room `main/core/notes/`.',
      'Moved away: `main/core/notes/save-pipeline.ts`, `preload/contracts/`, `no-such-file.ts`.',
      '```',
      '`main/core/inside-a-fence.ts` is not prose',
      '```',
      'Not ours: `~/Library/Application Support/Stillwater/data`, `%APPDATA%\\Stillwater\\data`,',
      '`app://`, `records.pdf`, `npm run seed -- --dir <new folder>`, `.stillwater-partial-…`.',
    ].join('\n');
    expect(missingInArchitecture(planted, ROOT)).toEqual([
      'main/core/notes/save-pipeline.ts',
      'preload/contracts/',
      'no-such-file.ts',
    ]);
    const readme = [
      'Run `scripts/with-keyring.sh`; `scripts/with-keyring.bash` does not exist.',
      'Kept in `fonts/` beside the app and `data/`; `bench-results/bench.json`; `4/12/1990`;',
      'packages hold `manifest.json`.',
    ].join('\n');
    expect(missingInReadme(readme, ROOT)).toEqual(['scripts/with-keyring.bash']);
  });
});
