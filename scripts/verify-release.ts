// npm run verify-release -- <folder>: re-checks a release package written by Stillwater against its
// manifest (every file present, its SHA-256 unchanged, nothing added but the operating system's own
// .DS_Store, Thumbs.db or desktop.ini, which are named and ignored), without the app and without
// the practice's database. A folder whose export did not finish (still named .stillwater-partial-…,
// or without the export-complete.json written once the export was recorded) is refused, however
// whole its files are: it never left the practice on the record. It reads only the package; it
// prints no record content. Exit code 0: the package is intact; 1: it is not; 2: no folder given. Whether the disclosure log records this
// manifest is checked in the app ("Verify package"), which holds the log.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyFolder } from '../main/core/releases/index.ts';

const folder = process.argv[2];
if (!folder || process.argv.length > 3) {
  console.error('Usage: npm run verify-release -- <package folder>');
  process.exit(2);
}
const dir = resolve(folder);
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  console.error(`${dir} is not a folder.`);
  process.exit(2);
}

const result = verifyFolder(dir);
console.log(`Package: ${dir}`);
if (result.manifestSha256) console.log(`Manifest SHA-256: ${result.manifestSha256}`);
for (const file of result.files) console.log(`  ${file.ok ? 'ok     ' : 'CHANGED'}  ${file.name}`);
for (const name of result.ignored)
  console.log(`  ignored  ${name} (added by the operating system, not part of the package)`);
if (result.ok) {
  console.log('Verified: every file matches the manifest and nothing was added.');
  console.log('Compare the manifest SHA-256 with the practice’s disclosure log to confirm its origin.');
} else {
  console.log('NOT VERIFIED:');
  for (const problem of result.problems) console.log(`  - ${problem}`);
}
process.exit(result.ok ? 0 : 1);
