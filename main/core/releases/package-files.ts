// Writes the files of a release package into a folder and returns their SHA-256 hashes; runs
// inside the export worker thread. Every file is fsynced; the manifest lists them all. Also the
// package's completion marker, which main writes only after the export is recorded.
import { join } from 'node:path';
import { openKeyed, wrapKysely } from '../../../db/connection.ts';
import { fsyncDir, writeFileDurable } from '../durable-fs.ts';
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { composePackage, type ComposeInput } from './compose-package.ts';
import type { ItemRef } from './records.ts';
import { renderPdf } from './pdf.ts';
import { COMPLETE_FORMAT, COMPLETE_MARKER, MANIFEST, MANIFEST_FORMAT, sha256 } from './package-names.ts';

export {
  COMPLETE_FORMAT,
  COMPLETE_MARKER,
  MANIFEST,
  MANIFEST_FORMAT,
  sha256,
  TEMP_PREFIX,
} from './package-names.ts';

/**
 * What goes into the package: a finished document (a denial letter), or a release to compose from
 * the database here, over a read-only connection of the worker's own, so main's event loop never
 * carries the records, the document or the FHIR bundle of a large chart.
 */
export type PackageContent =
  | { kind: 'document'; document: PackageDocument; fhir: string | null }
  | {
      kind: 'compose';
      dbFile: string;
      /** A copy of the data key for this job only: zeroed as soon as the connection is open. */
      key: Uint8Array;
      input: ComposeInput;
      withFhir: boolean;
    };

export interface PackageJob {
  dir: string;
  content: PackageContent;
  practiceName: string;
  password?: string | undefined;
  pdfName: string;
  createdAt: string;
  /** How the PDF is laid out (pdf.ts): a records package (default) or a letter. */
  layout?: 'records' | 'letter';
}

export interface PackageResult {
  files: { name: string; sha256: string; bytes: number }[];
  manifestSha256: string;
  /** Notes that failed their integrity check: when any, nothing was written. */
  tampered: string[];
  /** Approved records changed since approval: when any, nothing was written. */
  changed: ItemRef[];
}

async function contentOf(
  content: PackageContent,
): Promise<{ document: PackageDocument; fhir: string | null; tampered: string[]; changed: ItemRef[] }> {
  if (content.kind === 'document')
    return { document: content.document, fhir: content.fhir, tampered: [], changed: [] };
  const key = Buffer.from(content.key.buffer, content.key.byteOffset, content.key.byteLength);
  let sqlite: ReturnType<typeof openKeyed>;
  try {
    sqlite = openKeyed(content.dbFile, key, { readonly: true });
  } finally {
    key.fill(0);
  }
  try {
    sqlite.pragma('busy_timeout=10000');
    const composed = await composePackage(wrapKysely(sqlite), content.input);
    return { ...composed, fhir: content.withFhir ? composed.fhir : null };
  } finally {
    sqlite.close();
  }
}

export async function writePackageFiles(job: PackageJob): Promise<PackageResult> {
  const { document, fhir, tampered, changed } = await contentOf(job.content);
  if (tampered.length > 0 || changed.length > 0) return { files: [], manifestSha256: '', tampered, changed };
  const fhirBytes = fhir === null ? null : Buffer.from(fhir, 'utf8');
  // With a password the JSON is as sensitive as the PDF: it travels inside the encrypted PDF.
  const pdf = await renderPdf(document, {
    practiceName: job.practiceName,
    password: job.password,
    layout: job.layout ?? 'records',
    attachments:
      job.password && fhirBytes
        ? [
            {
              name: 'records.fhir.json',
              data: fhirBytes,
              type: 'application/fhir+json',
              description: 'FHIR R4 bundle',
            },
          ]
        : [],
  });
  const files: PackageResult['files'] = [];
  writeFileDurable(join(job.dir, job.pdfName), pdf, 'wx');
  files.push({ name: job.pdfName, sha256: sha256(pdf), bytes: pdf.length });
  if (fhirBytes && !job.password) {
    writeFileDurable(join(job.dir, 'records.fhir.json'), fhirBytes, 'wx');
    files.push({ name: 'records.fhir.json', sha256: sha256(fhirBytes), bytes: fhirBytes.length });
  }
  const manifest = `${JSON.stringify(
    {
      format: MANIFEST_FORMAT,
      createdAt: job.createdAt,
      encrypted: Boolean(job.password),
      fhirInsidePdf: Boolean(job.password && fhirBytes),
      files,
    },
    null,
    2,
  )}\n`;
  writeFileDurable(join(job.dir, MANIFEST), manifest, 'wx');
  fsyncDir(job.dir);
  return { files, manifestSha256: sha256(manifest), tampered: [], changed: [] };
}

/** The completion marker's text: it names the manifest it completes, so it cannot be moved to another package. */
export const completionMarker = (manifestSha256: string, completedAt: string): string =>
  `${JSON.stringify(
    {
      format: COMPLETE_FORMAT,
      manifestSha256,
      completedAt,
      meaning: "This package was recorded in the practice's disclosure log before it was put in place.",
    },
    null,
    2,
  )}\n`;

/** Writes (or rewrites, when finishing after a crash) the completion marker into a package folder. */
export function writeCompletionMarker(dir: string, manifestSha256: string, completedAt: string): void {
  writeFileDurable(join(dir, COMPLETE_MARKER), completionMarker(manifestSha256, completedAt), 'w');
  fsyncDir(dir);
}
