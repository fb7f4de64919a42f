// The import zones (core ↛ electron, db ↛ core, shell ↛ renderer, renderer ↛ node, preload ↛ the
// rest) and the rooms' doors (a main/core domain is imported only through its index.ts) hold
// however an import is spelled. Each planted file in tests/fixtures/lint-zones is linted
// with the repo's own eslint.config.js as if it stood at its mirrored path in the repository
// (`main/core/electron.ts.txt` as `main/core/electron.ts`), so its relative imports reach the real
// folders. A line ending in `// reported` must be reported by stillwater/zones (`// reported: computed`
// or `: unresolved` for those messages), a line ending in `// allowed` must not; the `.txt` ending
// keeps the planted files out of tsc, Prettier and the normal lint run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const fixtures = path.join(root, 'tests/fixtures/lint-zones');

// Every planted file, what it plants, and how many of its imports must be reported: a fixture
// that loses its markers, or is deleted, fails here instead of passing with nothing to check.
const planted = [
  {
    file: 'main/core/electron.ts',
    what: 'core → electron by name, subpath, node_modules path, require, const import(), import type',
    reported: 6,
  },
  {
    file: 'main/core/shell.ts',
    what: 'core → main/electron, renderer, preload bridge; relative, export-from, import()',
    reported: 8,
  },
  { file: 'db/core.ts', what: 'db → main/core, main/electron, renderer, electron', reported: 7 },
  { file: 'main/electron/renderer.ts', what: 'shell → renderer and the preload bundle', reported: 4 },
  {
    file: 'renderer/features/node.ts',
    what: 'renderer → node built-ins, main, db, electron, native packages, aliases',
    reported: 10,
  },
  { file: 'preload/bridge.ts', what: 'preload → main, renderer, node built-ins', reported: 3 },
  {
    file: 'main/core/releases/doors.ts',
    what: "a room → another room's private files: relative, re-spelled, export-from, import(), import type",
    reported: 8,
  },
  { file: 'main/electron/doors.ts', what: "the shell → a room's private files", reported: 2 },
  { file: 'scripts/doors.ts', what: "a script → a room's private files, also by import()", reported: 2 },
];

let eslint: ESLint;

beforeAll(() => {
  // The repo's config as it is, minus type information: the planted files are linted at paths
  // that do not exist, which the TypeScript project service refuses; the zones rule needs no types.
  eslint = new ESLint({
    cwd: root,
    overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
  });
});

async function lintPlanted(file: string): Promise<{ source: string[]; messages: Linter.LintMessage[] }> {
  const text = readFileSync(path.join(fixtures, `${file}.txt`), 'utf8');
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  if (!result) throw new Error(`ESLint returned no result for ${file}`);
  return { source: text.split('\n'), messages: result.messages };
}

/** What each marked line expects: 'forbidden' | 'computed' | 'unresolved' | 'allowed', by line number. */
function markers(source: string[]): Map<number, string> {
  const marked = new Map<number, string>();
  source.forEach((line, index) => {
    const mark = /\/\/ (reported(?:: (\w+))?|allowed)$/.exec(line);
    if (mark) marked.set(index + 1, mark[1] === 'allowed' ? 'allowed' : (mark[2] ?? 'forbidden'));
  });
  return marked;
}

describe('lint zones', () => {
  it.each(planted)(
    'reports every planted import in $file ($what) and nothing else',
    async ({ file, reported }) => {
      const { source, messages } = await lintPlanted(file);
      expect(messages.filter((m) => m.fatal)).toEqual([]);
      const zoneMessages = messages.filter((m) => m.ruleId === 'stillwater/zones');

      const expected = markers(source);
      const expectedReports = [...expected].filter(([, kind]) => kind !== 'allowed');
      expect(expectedReports).toHaveLength(reported);
      expect([...expected.values()]).toContain('allowed');

      const got = zoneMessages.map((m) => [m.line, m.messageId]).sort((a, b) => Number(a[0]) - Number(b[0]));
      expect(got).toEqual(expectedReports);
    },
  );

  it('resolves absolute paths, file: URLs and aliases to the same zone', async () => {
    const shellFile = path.join(root, 'main/electron/window.ts');
    const text = [
      `import '${shellFile}';`,
      `import '${pathToFileURL(shellFile).href}';`,
      `import '@shell/window.ts';`,
      `import '${path.join(root, 'main/core/errors.ts')}';`,
    ].join('\n');
    const filePath = path.join(root, 'main/core/planted.ts');
    const lint = async (linter: ESLint) => {
      const [result] = await linter.lintText(text, { filePath });
      return result?.messages
        .filter((m) => m.ruleId === 'stillwater/zones')
        .map((m) => [m.line, m.messageId]);
    };
    // Without an alias for '@shell/', the rule cannot tell where it leads, and says so.
    expect(await lint(eslint)).toEqual([
      [1, 'forbidden'],
      [2, 'forbidden'],
      [3, 'unresolved'],
    ]);
    // With one (as a tsconfig `paths` entry would add), it follows it to main/electron.
    const config = (await eslint.calculateConfigForFile(filePath)) as Linter.Config;
    const [, options] = config.rules?.['stillwater/zones'] as [number, { aliases: Record<string, string> }];
    const withAlias = new ESLint({
      cwd: root,
      overrideConfig: [
        { files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked },
        {
          rules: {
            'stillwater/zones': [
              'error',
              { ...options, aliases: { ...options.aliases, '@shell/': 'main/electron/' } },
            ],
          },
        },
      ],
    });
    expect(await lint(withAlias)).toEqual([
      [1, 'forbidden'],
      [2, 'forbidden'],
      [3, 'forbidden'],
    ]);
  });

  it('names the zone, the target and the reason in the message', async () => {
    const { messages } = await lintPlanted('main/core/shell.ts');
    const first = messages.find((m) => m.ruleId === 'stillwater/zones' && m.line === 2);
    expect(first?.message).toBe(
      'main/core may not import main/electron/ipc.ts: it runs without Electron (DESIGN.md section 1), and knows neither the shell nor the UI',
    );
    const doors = await lintPlanted('main/core/releases/doors.ts');
    expect(doors.messages.find((m) => m.line === 2)?.message).toBe(
      "main/core/releases/doors.ts may import the room 'notes' only through its door main/core/notes/index.ts, not main/core/notes/queries.ts: a room's other files, its queries and its tables are private to it",
    );
    const renderer = await lintPlanted('renderer/features/node.ts');
    expect(renderer.messages.find((m) => m.line === 2)?.message).toMatch(
      /^renderer may not import the Node built-in 'node:fs': /,
    );
  });

  it('applies to files in every zone folder, and the normal lint run does not skip them', async () => {
    for (const file of [
      'main/core/index.ts',
      'db/schema.ts',
      'main/electron/index.ts',
      'preload/index.ts',
      'renderer/api.ts',
    ]) {
      const config = (await eslint.calculateConfigForFile(path.join(root, file))) as Linter.Config;
      const entry = config.rules?.['stillwater/zones'];
      expect(Array.isArray(entry) ? entry[0] : entry, file).toBe(2); // 2: error
      expect(await eslint.isPathIgnored(path.join(root, file)), file).toBe(false);
    }
  });
});
