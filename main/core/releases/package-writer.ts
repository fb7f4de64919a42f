// Writes a release package crash-safely (DESIGN.md section 5): files go to a temporary folder
// beside the destination (in a worker thread), are verified, then one transaction marks the
// release exported and appends the disclosure and audit entries, and only then is the folder
// renamed into place. At the next unlock, recovery deletes uncommitted temp folders, finishes
// committed renames, and reports committed packages whose folder is gone.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { MANIFEST, sha256, type PackageJob, type PackageResult } from './package-files.ts';
import type { ItemRef } from './records.ts';

export const TEMP_PREFIX = '.stillwater-partial-';

/** The worker's file: the TypeScript source when run from source (tests), the bundle's sibling in the app. */
function workerFile(): URL {
  const names = ['./package-worker.ts', './package-worker.js'];
  for (const name of names) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error('export worker not found');
}

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
    const worker = new Worker(workerFile());
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

export type Stage = 'files-written' | 'committed' | 'renamed';

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
  let packageName = uniqueName(o.destDir, o.baseName);
  await inTransaction(ctx, (trx) =>
    trx
      .insertInto('export_jobs')
      .values({
        id: jobId,
        request_id: o.requestId,
        temp_dir: tempDir,
        final_dir: join(o.destDir, packageName),
        state: 'writing',
        manifest_sha256: null,
        started_at: nowIso(ctx),
        finished_at: null,
      })
      .execute(),
  );
  let result: PackageResult;
  try {
    mkdirSync(tempDir, { mode: 0o700 });
    result = await runWorker({ ...o.job, dir: tempDir });
    if (result.tampered.length > 0) throw new TamperedNotes(result.tampered);
    if (result.changed.length > 0) throw new ChangedRecords(result.changed);
    // The worker verified every file from disk; the manifest it hashed must be the one there.
    if (sha256(readFileSync(join(tempDir, MANIFEST))) !== result.manifestSha256)
      throw new Error('package failed verification');
  } catch (error) {
    rmSync(tempDir, { recursive: true, force: true });
    await setJob(jobId, 'abandoned', ctx);
    if (error instanceof AppError || error instanceof TamperedNotes || error instanceof ChangedRecords)
      throw error;
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
  packageName = uniqueName(o.destDir, o.baseName);
  const finalDir = join(o.destDir, packageName);
  await inTransaction(ctx, async (trx) => {
    await o.commit(trx, result, packageName);
    await trx
      .updateTable('export_jobs')
      .set({ state: 'committed', final_dir: finalDir, manifest_sha256: result.manifestSha256 })
      .where('id', '=', jobId)
      .execute();
  });
  o.onStage?.('committed');
  renameSync(tempDir, finalDir);
  o.onStage?.('renamed');
  await setJob(jobId, 'done', ctx);
  return { packageName, result };
}

async function setJob(id: string, state: 'done' | 'abandoned', ctx: CoreContext): Promise<void> {
  await inTransaction(ctx, (trx) =>
    trx
      .updateTable('export_jobs')
      .set({ state, finished_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute(),
  );
}

/** At unlock: clean up after a crash in the middle of an export. Returns problems for the owner. */
export async function recoverExports(ctx: CoreContext): Promise<void> {
  const db = readDb(ctx);
  const open = await db
    .selectFrom('export_jobs')
    .selectAll()
    .where('state', 'in', ['writing', 'committed'])
    .execute();
  for (const job of open) {
    if (job.state === 'writing') {
      // Never committed: no disclosure was recorded, so nothing may remain on disk.
      rmSync(job.temp_dir, { recursive: true, force: true });
      await setJob(job.id, 'abandoned', ctx);
      continue;
    }
    if (!existsSync(job.final_dir) && existsSync(job.temp_dir)) renameSync(job.temp_dir, job.final_dir);
    if (existsSync(job.final_dir)) await setJob(job.id, 'done', ctx);
    // Otherwise the committed package is missing: it stays 'committed' and is reported.
  }
}

export async function missingPackages(db: Kysely<DB>): Promise<{ requestId: string; finalDir: string }[]> {
  const rows = await db
    .selectFrom('export_jobs')
    .select(['request_id', 'final_dir'])
    .where('state', '=', 'committed')
    .execute();
  return rows
    .filter((r) => !existsSync(r.final_dir))
    .map((r) => ({ requestId: r.request_id, finalDir: r.final_dir }));
}
