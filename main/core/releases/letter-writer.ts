// Letters the practice writes about a client's rights (issue 19: amendment decisions and notices,
// review determinations, answers to deletion requests, destruction certificates). Set by the same
// writer as release packages: the export thread, the embedded Unicode fonts, a folder with a
// manifest that Verify checks. The letter is written to a temporary folder, recorded in one
// transaction (the caller's commit: an audit entry at least), then put in place; a failure before
// the commit removes the folder and records nothing. A letter is not a release: when it carries
// records to someone, the domain that writes it records that disclosure in its commit.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { getPractice } from '../practice/index.ts';
import { putInPlace } from './export-jobs.ts';
import { MANIFEST, sha256, TEMP_PREFIX } from './package-files.ts';
import { runWorker, uniqueName } from './package-writer.ts';

export interface LetterJob {
  /** A folder the user picked in a dialog. */
  destDir: string;
  /** The letter's folder name: a kind and the chart number, never a client's name. */
  baseName: string;
  /** The PDF's file name inside the folder ("amendment-denial.pdf"). */
  pdfName: string;
  document: PackageDocument;
  /** Records the letter, inside the transaction that commits it (an audit entry at least). */
  commit: (trx: Kysely<DB>, letter: WrittenLetter) => Promise<void>;
}

export interface WrittenLetter {
  /** The folder's name in the picked folder. */
  folder: string;
  /** SHA-256 of the manifest, which lists the PDF's own hash. */
  manifestSha256: string;
}

export async function writeLetter(ctx: CoreContext, job: LetterJob): Promise<WrittenLetter> {
  if (!existsSync(job.destDir)) {
    throw new AppError('NOT_FOUND', 'That folder is no longer there. Choose another folder.');
  }
  const practice = await getPractice(readDb(ctx));
  const tempDir = join(job.destDir, `${TEMP_PREFIX}${randomUUID()}`);
  let manifestSha256: string;
  try {
    mkdirSync(tempDir, { mode: 0o700 });
    const result = await runWorker({
      dir: tempDir,
      content: { kind: 'document', document: job.document, fhir: null },
      practiceName: practice?.name ?? 'Practice',
      pdfName: job.pdfName,
      createdAt: nowIso(ctx),
      layout: 'letter',
    });
    if (sha256(readFileSync(join(tempDir, MANIFEST))) !== result.manifestSha256)
      throw new Error('letter failed verification');
    manifestSha256 = result.manifestSha256;
  } catch (error) {
    rmSync(tempDir, { recursive: true, force: true });
    ctx.logger.log('error', 'letters.writeFailed', {
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    throw new AppError(
      'CONFLICT',
      'The letter could not be written to that folder (is the disk full or removed?). Nothing was saved.',
    );
  }
  const folder = uniqueName(job.destDir, job.baseName);
  const letter = { folder, manifestSha256 };
  try {
    await inTransaction(ctx, (trx) => job.commit(trx, letter));
  } catch (error) {
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  try {
    putInPlace({ temp_dir: tempDir, final_dir: join(job.destDir, folder) }, manifestSha256, nowIso(ctx));
  } catch (error) {
    ctx.logger.log('error', 'letters.renameFailed', {
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    throw new AppError(
      'CONFLICT',
      'The letter was recorded, but it could not be put in that folder (was the drive removed?). Write it again to get the file.',
    );
  }
  return letter;
}
