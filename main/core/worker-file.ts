// Where a worker thread's file is: beside the module that starts it. From source (tests, the
// harness) that is the TypeScript file; in the app it is the bundle scripts/build-electron.ts
// writes beside main.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `from` is the caller's import.meta.url; `source` and `bundled` are names relative to it. */
export function workerFile(from: string, source: string, bundled: string): URL {
  for (const name of [source, bundled]) {
    const url = new URL(name, from);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error(`worker not found: ${bundled}`);
}
