// Writes the files of a release package into a folder and returns their SHA-256 hashes; runs
// inside the export worker thread. Every file is fsynced; the manifest lists them all.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { renderPdf } from './pdf.ts';

export const MANIFEST = 'manifest.json';
export const MANIFEST_FORMAT = 'stillwater-release/1';

export interface PackageJob {
  dir: string;
  document: PackageDocument;
  practiceName: string;
  /** The FHIR R4 bundle, or null when not requested. */
  fhir: string | null;
  password?: string | undefined;
  pdfName: string;
  createdAt: string;
  /** How the PDF is laid out (pdf.ts): a records package (default) or a letter. */
  layout?: 'records' | 'letter';
}

export interface PackageResult {
  files: { name: string; sha256: string; bytes: number }[];
  manifestSha256: string;
}

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

function writeDurable(file: string, data: Buffer | string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function writePackageFiles(job: PackageJob): Promise<PackageResult> {
  const fhirBytes = job.fhir === null ? null : Buffer.from(job.fhir, 'utf8');
  // With a password the JSON is as sensitive as the PDF: it travels inside the encrypted PDF.
  const pdf = await renderPdf(job.document, {
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
  writeDurable(join(job.dir, job.pdfName), pdf);
  files.push({ name: job.pdfName, sha256: sha256(pdf), bytes: pdf.length });
  if (fhirBytes && !job.password) {
    writeDurable(join(job.dir, 'records.fhir.json'), fhirBytes);
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
  writeDurable(join(job.dir, MANIFEST), manifest);
  const dirFd = process.platform === 'win32' ? null : openSync(job.dir, 'r');
  if (dirFd !== null) {
    fsyncSync(dirFd);
    closeSync(dirFd);
  }
  return { files, manifestSha256: sha256(manifest) };
}
