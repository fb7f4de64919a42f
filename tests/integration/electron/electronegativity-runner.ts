// Runs Electronegativity's programmatic API in a child process for electronegativity.test.ts and
// writes what it saw (files listed, parse results, findings with severities) to a JSON file; the SARIF
// report goes to its own file. Usage: node electronegativity-runner.ts <input dir> <sarif> <summary>
//
// Two adjustments, both for an offline, deterministic run:
// - Electronegativity fetches translations from the network at start (and crashes on got's retry
//   timer when there is no network). `got` is answered "offline" at once; it then uses its bundled
//   en-US strings, which is all the test reads.
// - AvailableSecurityFixesGlobalCheck is excluded by the caller: it downloads Electron's release list.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join, relative } from 'node:path';

interface Severity {
  value: number;
  name: string;
}
interface EngIssue {
  id: string;
  file: string;
  location?: { line?: number; column?: number };
  sample?: string;
  description: string;
  severity: Severity;
  confidence: Severity;
  manualReview: boolean;
}
interface EngResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: EngIssue[];
}
type Run = (options: Record<string, unknown>) => Promise<EngResult>;
interface LoaderDirectory {
  load(dir: string): Promise<void>;
  readonly list_files: Set<string>;
}
interface Parser {
  parse(file: string, content: string): [number, unknown, string, unknown];
}

const [input, sarifPath, summaryPath, excluded = ''] = process.argv.slice(2);
if (!input || !sarifPath || !summaryPath) throw new Error('usage: <input dir> <sarif> <summary>');

const require = createRequire(import.meta.url);
const engRoot = dirname(require.resolve('@doyensec/electronegativity/package.json'));

const gotPath = require.resolve('got', { paths: [join(engRoot, 'dist', 'locales')] });
const offline = new Module(gotPath);
offline.filename = gotPath;
offline.loaded = true;
offline.exports = () => Promise.reject(new Error('offline: no network in this test'));
require.cache[gotPath] = offline;

const runModule = require(join(engRoot, 'dist', 'runner.js')) as Run | { default: Run };
const run = typeof runModule === 'function' ? runModule : runModule.default;
const { LoaderDirectory } = require(join(engRoot, 'dist', 'loader', 'index.js')) as {
  LoaderDirectory: new () => LoaderDirectory;
};
const { Parser } = require(join(engRoot, 'dist', 'parser', 'index.js')) as {
  Parser: new (babelFirst: boolean, typescriptBabelFirst: boolean) => Parser;
};

// The same loader and parser settings as the runner: which files it will scan, and whether each one
// yields a syntax tree (a file that fails to parse would otherwise just contribute zero findings).
const loader = new LoaderDirectory();
await loader.load(input);
const parser = new Parser(false, true);
const files = [...loader.list_files].map((file) => {
  let parsed = false;
  let topLevelNodes = 0;
  let error: string | undefined;
  try {
    const [, data] = parser.parse(file, readFileSync(file, 'utf8'));
    parsed = data !== null && data !== undefined;
    const body = (data as { body?: unknown[] } | null)?.body;
    if (Array.isArray(body)) topLevelNodes = body.length;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  return { file: relative(input, file), parsed, topLevelNodes, error };
});

const result = await run({
  input,
  output: sarifPath,
  isSarif: true,
  isRelative: true,
  excludeFromScan: excluded ? excluded.split(',') : [],
});

writeFileSync(
  summaryPath,
  JSON.stringify({
    checks: { global: result.globalChecks, atomic: result.atomicChecks },
    files,
    errors: result.errors.map((e) => ({ ...e, file: relative(input, e.file) })),
    issues: result.issues.map((i) => ({
      id: i.id,
      file: i.file,
      line: i.location?.line ?? 0,
      sample: i.sample ?? '',
      description: i.description,
      severity: i.severity.name,
      severityValue: i.severity.value,
      confidence: i.confidence.name,
      manualReview: i.manualReview,
    })),
  }),
);
