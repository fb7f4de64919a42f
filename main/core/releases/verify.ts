// Re-checks a release package on disk against its manifest (and, in the app, the manifest
// against the disclosure log). Used by "Verify package" and `npm run verify-release`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MANIFEST, MANIFEST_FORMAT, sha256 } from './package-files.ts';

const Manifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  files: z.array(
    z.object({
      name: z.string().regex(/^[\w.-]+$/),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.number(),
    }),
  ),
});

export interface FolderVerification {
  ok: boolean;
  manifestSha256: string | null;
  files: { name: string; ok: boolean }[];
  problems: string[];
  /** Files the operating system adds to a folder it shows or copies: not part of the package. */
  ignored: string[];
}

/**
 * What Finder, Explorer and their kin leave in a folder (view settings, thumbnail caches,
 * AppleDouble files on non-Mac disks). Ignored, and said so; anything else extra is reported.
 */
const OS_METADATA =
  /^(\.DS_Store|Thumbs\.db|ehthumbs\.db|desktop\.ini|Desktop\.ini|\._.+|\.Spotlight-V100|\.Trashes|\.fseventsd)$/;
export const isOsMetadata = (name: string): boolean => OS_METADATA.test(name);

export function verifyFolder(dir: string): FolderVerification {
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) {
    return {
      ok: false,
      manifestSha256: null,
      files: [],
      problems: ['There is no manifest.json in this folder: it is not a Stillwater release package.'],
      ignored: [],
    };
  }
  const raw = readFileSync(manifestPath);
  const parsed = Manifest.safeParse(
    (() => {
      try {
        return JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        return null;
      }
    })(),
  );
  if (!parsed.success) {
    return {
      ok: false,
      manifestSha256: sha256(raw),
      files: [],
      problems: ['The manifest is damaged or not a Stillwater manifest.'],
      ignored: [],
    };
  }
  const problems: string[] = [];
  const files = parsed.data.files.map((f) => {
    const path = join(dir, f.name);
    if (!existsSync(path)) {
      problems.push(`${f.name} is missing.`);
      return { name: f.name, ok: false };
    }
    const ok = sha256(readFileSync(path)) === f.sha256;
    if (!ok) problems.push(`${f.name} has changed since the package was written.`);
    return { name: f.name, ok };
  });
  const listed = new Set([MANIFEST, ...parsed.data.files.map((f) => f.name)]);
  const ignored: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (listed.has(name)) continue;
    if (isOsMetadata(name)) ignored.push(name);
    else problems.push(`${name} is in the folder but not in the manifest.`);
  }
  return { ok: problems.length === 0, manifestSha256: sha256(raw), files, problems, ignored };
}
