// The export journal (DESIGN.md section 5). An export's intent is recorded (an export_jobs row and
// a 'release.exportStarted' audit entry) before anything is written, and every intent ends exactly
// once: committed and put in place, or abandoned with its temporary folder removed. When a crash
// left a folder on a destination that cannot be reached (a drive unplugged meanwhile), the
// abandonment names the folder, the owner is told, and a later unlock removes it once it is back.
// export_jobs.finished_at stays empty on such a job: it is over in the database but not on disk.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import type { DB, ExportJobsTable } from '../../../db/schema.ts';
import { SYSTEM_ACTOR, type AuditActor } from '../audit/index.ts';
import { inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { fsyncDir } from '../durable-fs.ts';
import { writeCompletionMarker } from './package-files.ts';

export type ExportJob = Selectable<ExportJobsTable>;

/** Records an export's intent, in one transaction with its audit entry, before any file exists. */
export async function recordIntent(
  ctx: CoreContext,
  actor: AuditActor,
  job: Pick<ExportJob, 'id' | 'request_id' | 'temp_dir' | 'final_dir'>,
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await trx
      .insertInto('export_jobs')
      .values({ ...job, state: 'writing', manifest_sha256: null, started_at: nowIso(ctx), finished_at: null })
      .execute();
    await ctx.audit.append(trx, actor, {
      action: 'release.exportStarted',
      targetType: 'release',
      targetId: job.request_id,
      detail: { jobId: job.id, folder: basename(job.temp_dir), destination: dirname(job.temp_dir) },
    });
  });
}

/** What became of an abandoned export's temporary folder. */
type Leftover = 'removed' | 'nothing-written' | 'left-on-disk';

function removeLeftover(ctx: CoreContext, tempDir: string): Leftover {
  // An unplugged drive: the folder may still be on it, and nobody can tell from here.
  if (!existsSync(dirname(tempDir))) return 'left-on-disk';
  if (!existsSync(tempDir)) return 'nothing-written';
  try {
    rmSync(tempDir, { recursive: true, force: true });
  } catch (error) {
    ctx.logger.log('warn', 'releases.leftoverNotRemoved', {
      errorName: error instanceof Error ? error.name : 'unknown',
    });
  }
  return existsSync(tempDir) ? 'left-on-disk' : 'removed';
}

/**
 * Ends an intent that will not be committed (the write failed or was refused, or a crash ended
 * it). Its folder is removed, or named when that cannot be done. Only a job still 'writing' is
 * ended, with its audit entry in the same transaction, so no intent is ended twice.
 */
export async function abandonJob(
  ctx: CoreContext,
  job: Pick<ExportJob, 'id' | 'request_id' | 'temp_dir'>,
  actor: AuditActor,
  reason: 'failed' | 'refused' | 'interrupted',
): Promise<void> {
  const outcome = removeLeftover(ctx, job.temp_dir);
  await inTransaction(ctx, async (trx) => {
    const ended = await trx
      .updateTable('export_jobs')
      .set({ state: 'abandoned', finished_at: outcome === 'left-on-disk' ? null : nowIso(ctx) })
      .where('id', '=', job.id)
      .where('state', '=', 'writing')
      .executeTakeFirst();
    if (ended.numUpdatedRows === 0n) return;
    await ctx.audit.append(trx, actor, {
      action: 'release.exportAbandoned',
      targetType: 'release',
      targetId: job.request_id,
      detail: { jobId: job.id, folder: job.temp_dir, reason, outcome },
    });
  });
}

/** Puts a recorded package in place: the completion marker first, then the rename to its final name. */
export function putInPlace(
  job: Pick<ExportJob, 'temp_dir' | 'final_dir'>,
  manifestSha256: string,
  at: string,
): void {
  writeCompletionMarker(job.temp_dir, manifestSha256, at);
  renameSync(job.temp_dir, job.final_dir);
  fsyncDir(dirname(job.final_dir));
}

/** The intent was ended meanwhile (the practice was locked and opened again during the write). */
export class IntentEnded extends Error {
  constructor() {
    super('export intent already ended');
    this.name = 'IntentEnded';
  }
}

/**
 * Marks the job committed, inside the transaction that records the export. Only an intent still
 * open may commit: one that recovery has abandoned throws, and the whole transaction rolls back.
 */
export async function markCommitted(
  trx: Kysely<DB>,
  id: string,
  finalDir: string,
  manifestSha256: string,
): Promise<void> {
  const updated = await trx
    .updateTable('export_jobs')
    .set({ state: 'committed', final_dir: finalDir, manifest_sha256: manifestSha256 })
    .where('id', '=', id)
    .where('state', '=', 'writing')
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw new IntentEnded();
}

export async function markDone(ctx: CoreContext, id: string): Promise<void> {
  await inTransaction(ctx, (trx) =>
    trx
      .updateTable('export_jobs')
      .set({ state: 'done', finished_at: nowIso(ctx) })
      .where('id', '=', id)
      .where('state', '=', 'committed')
      .execute(),
  );
}

/**
 * At unlock, before anyone can export: resolves every export a crash interrupted. Never committed:
 * abandoned (its folder removed, or named). Committed: finished (marker and rename) when its folder
 * is there, otherwise left to be reported. A failure on one job is logged and does not stop
 * sign-in; the job is tried again at the next unlock.
 */
export async function recoverExports(ctx: CoreContext): Promise<void> {
  const open = await readDb(ctx)
    .selectFrom('export_jobs')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('state', 'in', ['writing', 'committed']),
        eb.and([eb('state', '=', 'abandoned'), eb('finished_at', 'is', null)]),
      ]),
    )
    .orderBy('started_at')
    .execute();
  for (const job of open) {
    try {
      if (job.state === 'writing') await abandonJob(ctx, job, SYSTEM_ACTOR, 'interrupted');
      else if (job.state === 'committed') await finishCommitted(ctx, job);
      else if (removeLeftover(ctx, job.temp_dir) !== 'left-on-disk') await leftoverGone(ctx, job.id);
    } catch (error) {
      ctx.logger.log('warn', 'releases.recoveryFailed', {
        state: job.state,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }
}

async function finishCommitted(ctx: CoreContext, job: ExportJob): Promise<void> {
  if (!existsSync(job.final_dir) && existsSync(job.temp_dir) && job.manifest_sha256)
    putInPlace(job, job.manifest_sha256, nowIso(ctx));
  // Otherwise the recorded package cannot be found (deleted, moved, or on a drive not connected): reported.
  if (existsSync(job.final_dir)) await markDone(ctx, job.id);
}

async function leftoverGone(ctx: CoreContext, id: string): Promise<void> {
  await inTransaction(ctx, (trx) =>
    trx
      .updateTable('export_jobs')
      .set({ finished_at: nowIso(ctx) })
      .where('id', '=', id)
      .where('state', '=', 'abandoned')
      .where('finished_at', 'is', null)
      .execute(),
  );
}

/** What the owner must know about exports: recorded packages not in place, unfinished ones left on a drive. */
export async function exportProblems(db: Kysely<DB>): Promise<{ requestId: string; message: string }[]> {
  const rows = await db
    .selectFrom('export_jobs')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('state', '=', 'committed'),
        eb.and([eb('state', '=', 'abandoned'), eb('finished_at', 'is', null)]),
      ]),
    )
    .orderBy('started_at')
    .execute();
  const problems: { requestId: string; message: string }[] = [];
  for (const r of rows) {
    const reachable = existsSync(dirname(r.temp_dir));
    if (r.state === 'abandoned') {
      // Removed by hand since: nothing left to say.
      if (reachable && !existsSync(r.temp_dir)) continue;
      problems.push({
        requestId: r.request_id,
        message: `An export that did not finish may have left a package in the hidden folder ${r.temp_dir}: Stillwater could not reach it to remove it (is the drive connected?). It was never recorded as sent, so it must not be sent. Delete that folder, or connect the drive: Stillwater removes it the next time the practice is opened.`,
      });
    } else if (!existsSync(r.final_dir)) {
      problems.push({
        requestId: r.request_id,
        message: reachable
          ? `A package recorded as sent is no longer at ${r.final_dir}. The disclosure log still records it.`
          : `A package recorded as sent is not at ${r.final_dir}: that drive or folder cannot be reached. The disclosure log records it. Connect the drive: Stillwater puts the package in place the next time the practice is opened (until then it is the hidden folder ${basename(r.temp_dir)}, which Verify refuses).`,
      });
    }
  }
  return problems;
}
