// Bundles the Electron shell with Vite: main/electron/index.ts -> dist/electron/main.js (ESM for Node
// 24, every dependency left to node_modules), the export, backup, audit-check and note-search
// worker threads beside it (package-worker.js, backup-worker.js, checkpoint-worker.js, audit-verify-worker.js,
// search-worker.js; Electron loads workers from inside the asar since v18), and
// preload/index.ts -> dist/electron/preload.cjs (one CommonJS file with only 'electron' external, because a sandboxed preload cannot require anything
// else), and the release PDFs' fonts with their licences -> dist/electron/fonts/ (main/core/releases/fonts.ts
// looks for them beside the bundle), and the ICD-10-CM code list with its source note -> dist/electron/data/
// (main/core/diagnoses/code-list.ts). The renderer is built separately (`vite build` -> dist/renderer).
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build, type InlineConfig, type Plugin } from 'vite';
import { BUNDLED_DATA_FILES, codeListPath } from '../main/core/diagnoses/index.ts';
import { BUNDLED_FONT_FILES } from '../main/core/releases/index.ts';
import { channelNames, eventNames, IPC_EVENT_PREFIX, IPC_INVOKE } from '../preload/contract.ts';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'dist', 'electron');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
};
/** Native modules and the rest of "dependencies" load from node_modules (asarUnpack for .node files). */
const runtimePackages = new Set([
  'electron',
  'better-sqlite3-multiple-ciphers',
  'keytar',
  '@node-rs/argon2',
  ...Object.keys(pkg.dependencies ?? {}),
]);
const builtins = new Set(builtinModules);

const packageName = (id: string): string => {
  const parts = id.split('/');
  return id.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? id);
};

const isMainExternal = (id: string): boolean =>
  id.startsWith('node:') || builtins.has(id) || runtimePackages.has(packageName(id));

/**
 * The preload needs only the contract's names, not its zod schemas: it gets them as literal arrays taken
 * from the real contract at build time, so preload.cjs stays a few kB a reviewer can read whole (and
 * carries no zod, whose JIT uses `new Function`). An import of anything else from the contract fails
 * the build.
 */
function contractNamesOnly(): Plugin {
  const contractFile = join(root, 'preload', 'contract.ts');
  const names = { channelNames, eventNames, IPC_INVOKE, IPC_EVENT_PREFIX };
  return {
    name: 'stillwater-contract-names',
    enforce: 'pre',
    load(id) {
      if (id.split('?')[0] !== contractFile) return null;
      return Object.entries(names)
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n');
    },
  };
}

function bundle(
  entry: string,
  fileName: string,
  format: 'es' | 'cjs',
  target: string,
  external: (id: string) => boolean,
  plugins: Plugin[] = [],
): InlineConfig {
  return {
    plugins,
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    // Externals are decided by `external` alone, not by Vite's SSR defaults.
    ssr: { noExternal: true },
    build: {
      ssr: join(root, entry),
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target,
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      rolldownOptions: {
        external,
        output: { format, entryFileNames: fileName, codeSplitting: false },
      },
    },
  };
}

await build(bundle('main/electron/index.ts', 'main.js', 'es', 'node24', isMainExternal));
// The worker threads (releases/package-writer.ts, backup/writer.ts, audit/full-check.ts and
// notes/search-thread.ts look for them beside main.js).
for (const [entry, file] of [
  ['main/core/releases/package-worker.ts', 'package-worker.js'],
  ['main/core/backup/backup-worker.ts', 'backup-worker.js'],
  ['main/core/backup/checkpoint-worker.ts', 'checkpoint-worker.js'],
  ['main/core/audit/verify-worker.ts', 'audit-verify-worker.js'],
  ['main/core/notes/search-worker.ts', 'search-worker.js'],
] as const) {
  await build(bundle(entry, file, 'es', 'node24', isMainExternal));
}
await build(
  bundle('preload/index.ts', 'preload.cjs', 'cjs', 'chrome140', (id) => id === 'electron', [
    contractNamesOnly(),
  ]),
);
// The fonts are devDependencies: electron-builder packs them from dist/ (files: dist/**), exactly these.
const fontsDir = join(outDir, 'fonts');
rmSync(fontsDir, { recursive: true, force: true });
mkdirSync(fontsDir, { recursive: true });
const fromRoot = createRequire(join(root, 'package.json'));
for (const { file, from } of BUNDLED_FONT_FILES) copyFileSync(fromRoot.resolve(from), join(fontsDir, file));
// The ICD-10-CM code list and its source note (main/core/diagnoses/code-list.ts reads data/ beside the bundle).
const dataDir = join(outDir, 'data');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const dataSource = dirname(codeListPath());
for (const file of BUNDLED_DATA_FILES) copyFileSync(join(dataSource, file), join(dataDir, file));
console.log(
  `Built ${['main.js', 'package-worker.js', 'backup-worker.js', 'checkpoint-worker.js', 'audit-verify-worker.js', 'search-worker.js', 'preload.cjs', 'fonts/', 'data/'].map((f) => join('dist', 'electron', f)).join(', ')}`,
);
