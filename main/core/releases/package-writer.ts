// Writes a release package crash-safely (DESIGN.md section 5): the export's intent is recorded,
// files go to a temporary folder beside the destination (in a worker thread) and are verified,
// then one transaction marks the release exported and appends the disclosure and audit entries,
// and only then is the completion marker written and the folder renamed into place. At the next
// unlock, export-jobs.ts resolves whatever a crash interrupted.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { AuditActor } from '../audit/index.ts';
import { inTransaction, nowIso, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { workerFile } from '../worker-file.ts';
import { abandonJob, IntentEnded, markCommitted, markDone, putInPlace, recordIntent } from './export-jobs.ts';
import { MANIFEST, sha256, TEMP_PREFIX, type PackageJob, type PackageResult } from './package-files.ts';
import type { ItemRef } from './records.ts';

export { TEMP_PREFIX };

/**
 * One export worker thread, started on first use (or warmed when an export begins, while the person
 * picks a folder) and kept for the next export: starting a thread and loading pdfkit costs far more
 * than rendering a short package. Jobs run one at a time. The thread does not keep the app alive
 * while idle; if it dies, the next job starts a new one.
 */
class ExportWorker {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  warm(): void {
    this.thread();
  }

  run(job: PackageJob): Promise<PackageResult> {
    const next = this.queue.then(() => this.once(job));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerFile(import.meta.url, './package-worker.ts', './package-worker.js'));
    worker.unref();
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  private once(job: PackageJob): Promise<PackageResult> {
    const worker = this.thread();
    worker.ref();
    return new Promise<PackageResult>((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
      };
      const onMessage = (m: { ok: true; result: PackageResult } | { ok: false; message: string }) => {
        done();
        if (m.ok) resolve(m.result);
        else reject(new Error(`package worker failed (${m.message})`));
      };
      const onError = (error: Error) => {
        done();
        void worker.terminate();
        reject(error);
      };
      const onExit = () => {
        done();
        reject(new Error('package worker exited'));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      // The key copy moves to the worker (transferred, not copied): none is left behind here.
      worker.postMessage(job, job.content.kind === 'compose' ? [job.content.key.buffer as ArrayBuffer] : []);
    });
  }
}

const exportWorker = new ExportWorker();

/** Starts the export thread ahead of need (an export is about to be written). */
export const warmExportWorker = (): void => {
  exportWorker.warm();
};

export function runWorker(job: PackageJob): Promise<PackageResult> {
  return exportWorker.run(job);
}

/** A folder name that does not exist yet: an earlier package is never overwritten. */
export function uniqueName(destDir: string, base: string): string {
  for (let n = 1; n < 1000; n++) {
    const name = n === 1 ? base : `${base}-${String(n)}`;
    if (!existsSync(join(destDir, name))) return name;
  }
  throw new AppError('CONFLICT', 'Too many packages with this name in that folder.');
}

/**
 * Where an export is, for the crash tests: its intent recorded (nothing on disk yet), its temporary
 * folder made (the worker is about to write), its files written and verified, its export recorded
 * (not yet marked complete or renamed), and put in place.
 */
export type Stage = 'intent-recorded' | 'writing' | 'files-written' | 'committed' | 'renamed';

/** The worker found approved records changed since approval; nothing was written. */
export class ChangedRecords extends Error {
  readonly items: ItemRef[];
  constructor(items: ItemRef[]) {
    super('approved records changed');
    this.name = 'ChangedRecords';
    this.items = items;
  }
}

/** The worker found notes changed after signing; nothing was written. */
export class TamperedNotes extends Error {
  readonly noteIds: string[];
  constructor(noteIds: string[]) {
    super('notes failed their integrity check');
    this.name = 'TamperedNotes';
    this.noteIds = noteIds;
  }
}

export interface WriteOptions {
  requestId: string;
  /** Who exports: named in the intent and, if the export does not finish, in its abandonment. */
  actor: AuditActor;
  destDir: string;
  baseName: string;
  job: Omit<PackageJob, 'dir'>;
  /** The transaction that records the export; runs after the files are written and verified. */
  commit: (trx: Kysely<DB>, result: PackageResult, packageName: string) => Promise<void>;
  /** Test seam: called at each stage (a test may end the process there to simulate a crash). */
  onStage?: (stage: Stage) => void;
}

export async function writePackage(
  ctx: CoreContext,
  o: WriteOptions,
): Promise<{ packageName: string; result: PackageResult }> {
  if (!existsSync(o.destDir)) {
    throw new AppError('NOT_FOUND', 'That folder is no longer there. Choose another folder.');
  }
  const jobId = randomUUID();
  const tempDir = join(o.destDir, `${TEMP_PREFIX}${jobId}`);
  const job = { id: jobId, request_id: o.requestId, temp_dir: tempDir };
  await recordIntent(ctx, o.actor, { ...job, final_dir: join(o.destDir, uniqueName(o.destDir, o.baseName)) });
  o.onStage?.('intent-recorded');
  let result: PackageResult;
  try {
    mkdirSync(tempDir, { mode: 0o700 });
    o.onStage?.('writing');
    result = await runWorker({ ...o.job, dir: tempDir });
    if (result.tampered.length > 0) throw new TamperedNotes(result.tampered);
    if (result.changed.length > 0) throw new ChangedRecords(result.changed);
    // The worker verified every file from disk; the manifest it hashed must be the one there.
    if (sha256(readFileSync(join(tempDir, MANIFEST))) !== result.manifestSha256)
      throw new Error('package failed verification');
  } catch (error) {
    const refused =
      error instanceof AppError || error instanceof TamperedNotes || error instanceof ChangedRecords;
    await abandonJob(ctx, job, o.actor, refused ? 'refused' : 'failed');
    if (refused) throw error;
    ctx.logger.log('error', 'releases.writeFailed', {
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    throw new AppError(
      'CONFLICT',
      'The package could not be written to that folder (is the disk full or removed?). Nothing was exported.',
    );
  }
  o.onStage?.('files-written');
  // A name taken meanwhile (another export into the same folder) moves this one to the next free name.
  const packageName = uniqueName(o.destDir, o.baseName);
  const finalDir = join(o.destDir, packageName);
  try {
    await inTransaction(ctx, async (trx) => {
      await o.commit(trx, result, packageName);
      await markCommitted(trx, jobId, finalDir, result.manifestSha256);
    });
  } catch (error) {
    if (error instanceof IntentEnded)
      throw new AppError(
        'CONFLICT',
        'The export was interrupted (the practice was locked while the package was written). Nothing was exported: export it again.',
      );
    // Nothing was recorded: the written files must not stay. (With the database gone too, the next unlock ends it.)
    await abandonJob(ctx, job, o.actor, 'failed').catch((abandonError: unknown) => {
      ctx.logger.log('error', 'releases.abandonFailed', {
        errorName: abandonError instanceof Error ? abandonError.name : 'unknown',
      });
    });
    throw error;
  }
  o.onStage?.('committed');
  try {
    putInPlace({ temp_dir: tempDir, final_dir: finalDir }, result.manifestSha256, nowIso(ctx));
  } catch (error) {
    // Recorded as sent, but not in place (the drive went away): finished at the next unlock.
    ctx.logger.log('error', 'releases.renameFailed', {
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    throw new AppError(
      'CONFLICT',
      'The export was recorded in the disclosure log, but the package could not be put in place (was the drive removed?). Keep the drive connected: Stillwater finishes the package the next time the practice is opened.',
    );
  }
  o.onStage?.('renamed');
  await markDone(ctx, jobId);
  return { packageName, result };
}
