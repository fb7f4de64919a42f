// Test seams are construction options, not members of shipped classes (issue 16): a test steers or
// watches the core only through createCore's `testSeams` (main/core/index.ts), which the app never
// passes. This fails on a member named for tests (`keyBufferForTest`, `simulateCrash`), on a hook or a
// seam that can be set after construction (a public `onStage` field or `set onExportStage`, a public
// mutable `clock`), and on the Electron shell passing any test seam.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Names that say a member exists for tests. */
const TEST_NAME = /ForTest(s|ing)?$|^(simulate|testOnly|__)[A-Za-z_]/;
/** What createCore takes at construction: settable later, it would be a seam on a shipped object. */
const SEAM_NAMES = new Set(['clock', 'now', 'keychain', 'logger', 'dataDir', 'idle', 'io', 'testSeams']);
/** A hook: `onStage`, `onExportStage`. A method (`onOpened(hook)`) is a call main makes, not a field. */
const HOOK_NAME = /^on[A-Z]/;

const hidden = ts.ModifierFlags.Private | ts.ModifierFlags.Protected;

/** Each test-only member or settable seam in one file's source, as `Class.member: why`. */
function testHooksIn(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const nameOf = (name: ts.PropertyName | ts.BindingName | undefined): string | null =>
    name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : null;
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      const owner = node.name?.text ?? '(class)';
      for (const member of node.members) {
        const name = nameOf(member.name);
        if (name === null || ts.isConstructorDeclaration(member)) continue;
        const flags = ts.getCombinedModifierFlags(member);
        if (flags & hidden) continue;
        if (TEST_NAME.test(name)) found.push(`${owner}.${name}: named for tests`);
        const settable =
          ts.isSetAccessor(member) ||
          (ts.isPropertyDeclaration(member) && !(flags & ts.ModifierFlags.Readonly));
        if (settable && (HOOK_NAME.test(name) || SEAM_NAMES.has(name)))
          found.push(`${owner}.${name}: settable after construction (make it a construction option)`);
      }
    } else if (
      (ts.isFunctionDeclaration(node) || ts.isVariableDeclaration(node)) &&
      TEST_NAME.test(nameOf(node.name) ?? '')
    ) {
      found.push(`${nameOf(node.name) ?? ''}: named for tests`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) ? [path] : [];
  });
}

/** The keys of createCore's TestSeams, read from main/core/index.ts (so a new seam is covered too). */
function seamKeys(): string[] {
  const file = join(ROOT, 'main', 'core', 'index.ts');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const seams = sf.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'TestSeams',
  );
  return (seams?.members ?? []).flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : []));
}

/** Every identifier in a file (a property passed, a name read), to find a seam the shell names. */
function identifiersIn(file: string): Set<string> {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

describe('test seams are construction options, not members of shipped classes', () => {
  it('finds a planted test-only member or settable hook, however it is written', () => {
    const planted = `
      export class Vault {
        private dataKey: Buffer | null = null;
        keyBufferForTest(): Buffer | null { return this.dataKey; }
        get stateForTesting() { return 1; }
        simulateCrash(): void {}
      }
      export class ExportRoom {
        onExportStage: ((stage: string) => void) | undefined;
        set onProgress(fn: () => void) {}
        clock = systemClock;
      }
      export const resetForTests = () => undefined;
      export function __resetCache(): void {}
      const Room = class { public onTick: (() => void) | null = null; };`;
    expect(testHooksIn('planted.ts', planted)).toEqual([
      'Vault.keyBufferForTest: named for tests',
      'Vault.stateForTesting: named for tests',
      'Vault.simulateCrash: named for tests',
      'ExportRoom.onExportStage: settable after construction (make it a construction option)',
      'ExportRoom.onProgress: settable after construction (make it a construction option)',
      'ExportRoom.clock: settable after construction (make it a construction option)',
      'resetForTests: named for tests',
      '__resetCache: named for tests',
      '(class).onTick: settable after construction (make it a construction option)',
    ]);
  });

  it('leaves alone what main uses: private or readonly seams, methods that register a hook, getters', () => {
    const fine = `
      export class Vault {
        private readonly onDataKeyHeld: ((key: Buffer) => void) | undefined;
        readonly clock: Clock;
        private clockSkew = 0;
        #onStage?: () => void;
        onOpened(hook: OpenedHook): void { this.opened = hook; }
        get settings(): Settings { return this.current; }
        protected onClose: (() => void) | null = null;
        constructor(deps: VaultDeps) { this.clock = deps.clock; this.onDataKeyHeld = deps.onDataKeyHeld; }
      }
      export function onLastSessionEnding(): void {}`;
    expect(testHooksIn('fine.ts', fine)).toEqual([]);
  });

  it('main has no member named for tests and no hook or seam settable after construction', () => {
    const hooks = sourceFiles(join(ROOT, 'main')).flatMap((file) =>
      testHooksIn(file, readFileSync(file, 'utf8')).map((h) => `${relative(ROOT, file)}: ${h}`),
    );
    expect(hooks).toEqual([]);
  });

  it('the Electron shell passes no test seam to the core', () => {
    const keys = seamKeys();
    expect(keys).toEqual(expect.arrayContaining(['backupIo', 'onExportStage', 'onDataKeyHeld']));
    const named = sourceFiles(join(ROOT, 'main', 'electron')).flatMap((file) => {
      const ids = identifiersIn(file);
      return ['testSeams', ...keys].filter((k) => ids.has(k)).map((k) => `${relative(ROOT, file)}: ${k}`);
    });
    expect(named).toEqual([]);
  });
});
