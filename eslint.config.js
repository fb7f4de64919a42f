// ESLint: typescript-eslint strict type-checked, and the import boundaries that keep the core
// free of Electron and the renderer free of Node (STYLE.md rules 1 and 14).
import path from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import zonesRule from './eslint-rules/zones.js';

const root = import.meta.dirname;

/** tsconfig `paths` as the zones rule's aliases ('x/*' → a folder prefix, 'x' → one file), repo-relative. */
function tsconfigAliases(file) {
  const { config, error } = ts.readConfigFile(path.join(root, file), ts.sys.readFile);
  if (error) throw new Error(`eslint.config.js: cannot read ${file}`);
  const base = path.dirname(path.join(root, file));
  const aliases = {};
  for (const [key, [target]] of Object.entries(config.compilerOptions?.paths ?? {})) {
    const to = path.relative(root, path.resolve(base, target)).split(path.sep).join('/');
    if (key.endsWith('/*')) aliases[key.slice(0, -1)] = to.replace(/\*$/, '');
    else aliases[key] = to;
  }
  return aliases;
}

// Who may import what. Each file under `from` is held to its line; files in no zone (tests,
// scripts, configs) are free. The rule resolves relative, absolute, aliased and dynamic imports
// before it looks, so a path spelled differently reaches the same verdict.
const electronFree = 'it runs without Electron (DESIGN.md section 1)';
const zones = [
  {
    name: 'main/core',
    from: ['main/core/'],
    forbidFiles: ['main/electron/', 'renderer/', 'preload/index.ts'],
    forbidPackages: ['electron'],
    reason: `${electronFree}, and knows neither the shell nor the UI`,
  },
  {
    name: 'db',
    from: ['db/'],
    forbidFiles: ['main/', 'renderer/', 'preload/index.ts'],
    forbidPackages: ['electron'],
    reason: `${electronFree}, and is the bottom layer: core uses db, never the reverse`,
  },
  {
    name: 'main/electron',
    from: ['main/electron/'],
    forbidFiles: ['renderer/', 'preload/index.ts'],
    reason: 'the shell reaches the renderer only over IPC; the renderer and the preload are separate bundles',
  },
  {
    name: 'preload',
    from: ['preload/'],
    onlyFilesUnder: ['preload/'],
    forbidBuiltins: true,
    reason: 'the preload is a sandboxed bundle of the contract and the bridge only',
  },
  {
    name: 'renderer',
    from: ['renderer/'],
    onlyFilesUnder: ['renderer/', 'preload/contract.ts', 'preload/contract/'],
    forbidPackages: ['electron', 'better-sqlite3-multiple-ciphers', 'keytar', 'kysely', '@node-rs/argon2'],
    forbidBuiltins: true,
    reason:
      'the renderer is a web page: it may import only preload/contract and reaches main through window.stillwater',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx,jsx}'],
    plugins: { stillwater: { rules: { zones: zonesRule } } },
    rules: {
      'stillwater/zones': [
        'error',
        {
          root,
          zones,
          doors: { under: 'main/core/', door: 'index.ts', appliesTo: ['main/', 'scripts/'] },
          aliases: { ...tsconfigAliases('tsconfig.json'), ...tsconfigAliases('renderer/tsconfig.json') },
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    files: ['tests/**', 'scripts/**', '*.config.ts', '*.config.js'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
