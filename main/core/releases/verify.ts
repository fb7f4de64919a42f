// Re-checks a release package on disk against its manifest (and, in the app, the manifest
// against the disclosure log). Used by "Verify package" and `npm run verify-release`. A package
// whose export never finished (a temporary name, no completion marker) is refused: it was never
// recorded as disclosed, even when every file in it is whole.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import {
  COMPLETE_FORMAT,
  COMPLETE_MARKER,
  MANIFEST,
  MANIFEST_FORMAT,
  sha256,
  TEMP_PREFIX,
} from './package-names.ts';

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

const Marker = z.object({ format: z.literal(COMPLETE_FORMAT), manifestSha256: z.string() });

export const UNFINISHED_NAME = `This folder's name starts with ${TEMP_PREFIX}: its export did not finish and was never recorded as disclosed. Do not send it; delete the folder.`;
export const UNFINISHED_MARKER = `There is no ${COMPLETE_MARKER} in this folder: its export did not finish and was never recorded as disclosed. Do not send it; delete the folder.`;

const parseJson = (raw: Buffer): unknown => {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
};

/** Whether the export that wrote this folder finished: a final name and a marker naming this manifest. */
function completionProblem(dir: string, manifestSha256: string): string | null {
  if (basename(dir).startsWith(TEMP_PREFIX)) return UNFINISHED_NAME;
  const path = join(dir, COMPLETE_MARKER);
  if (!existsSync(path)) return UNFINISHED_MARKER;
  const marker = Marker.safeParse(parseJson(readFileSync(path)));
  if (!marker.success || marker.data.manifestSha256 !== manifestSha256)
    return `${COMPLETE_MARKER} does not belong to this package's manifest: the package is not the one whose export finished.`;
  return null;
}

/**
 * Checks a package folder. `beforeCommit`: the export worker's own check of what it has just
 * written into its temporary folder, before the export is recorded (no name or marker yet).
 */
export function verifyFolder(dir: string, options: { beforeCommit?: boolean } = {}): FolderVerification {
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) {
    const unfinished = !options.beforeCommit && basename(dir).startsWith(TEMP_PREFIX);
    return {
      ok: false,
      manifestSha256: null,
      files: [],
      problems: [
        unfinished
          ? UNFINISHED_NAME
          : 'There is no manifest.json in this folder: it is not a Stillwater release package.',
      ],
      ignored: [],
    };
  }
  const raw = readFileSync(manifestPath);
  const parsed = Manifest.safeParse(parseJson(raw));
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
  const unfinished = options.beforeCommit ? null : completionProblem(dir, sha256(raw));
  if (unfinished) problems.push(unfinished);
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
  const listed = new Set([MANIFEST, COMPLETE_MARKER, ...parsed.data.files.map((f) => f.name)]);
  const ignored: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (listed.has(name)) continue;
    if (isOsMetadata(name)) ignored.push(name);
    else problems.push(`${name} is in the folder but not in the manifest.`);
  }
  return { ok: problems.length === 0, manifestSha256: sha256(raw), files, problems, ignored };
}
