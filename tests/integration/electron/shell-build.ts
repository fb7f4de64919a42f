// Builds the Electron shell for the tests that read dist/electron, when it is missing or older than
// its sources (`npm test` builds everything first, so this matters only for a direct vitest run).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..', '..');
export const distElectron = join(root, 'dist', 'electron');
export const distRenderer = join(root, 'dist', 'renderer');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureShellBuilt(): void {
  const built = join(distElectron, 'main.js');
  const sources = Math.max(...['main', 'preload', 'db'].map((d) => newestSource(join(root, d))));
  const fresh =
    existsSync(built) &&
    existsSync(join(distElectron, 'preload.cjs')) &&
    existsSync(join(distElectron, 'package-worker.js')) &&
    existsSync(join(distElectron, 'backup-worker.js')) &&
    existsSync(join(distElectron, 'checkpoint-worker.js')) &&
    existsSync(join(distElectron, 'search-worker.js')) &&
    statSync(built).mtimeMs >= sources;
  if (fresh) return;
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.ts')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`npm run build:electron failed:\n${build.stderr}`);
}
