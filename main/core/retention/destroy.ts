// The destruction of a chart past its retention date (issue 19). The owner confirms by typing the
// chart number; the chart's rows leave every room in one transaction (each room purges its own
// through its door, under a permit that exists only inside that transaction); a tombstone and a
// certificate stay; the audit log is appended to, never rewritten. Afterwards the write-ahead log
// is checkpointed and truncated, so no copy of a freed page stays beside the database (secure_delete
// is on for every connection, db/connection.ts: freed cells and pages are overwritten with zeros).
// A register outside the database (register.ts) makes the destruction happen again after a restore.
// No VACUUM: with secure_delete the freed cells and pages are already zeros, and a VACUUM rewrites
// the whole file through the log on main's connection (measured: 7 s for a 411 MB database on a
// busy two-core machine, with every IPC call waiting behind it).
import { statSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { DestroyChartInput, Tombstone } from '../../../preload/contract/retention.ts';
import { purgeClientSuspensions } from '../accounting-suspensions/index.ts';
import { purgeClientAmendments } from '../amendments/index.ts';
import { SYSTEM_ACTOR } from '../audit/index.ts';
import { truncateLogAside } from '../backup/index.ts';
import { chartContents, chartFactsOf, purgeClientChart } from '../clients/index.ts';
import { purgeClientDiagnoses } from '../diagnoses/index.ts';
import { purgeClientEmergencyAccess } from '../emergency-access/index.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { purgeClientDrafts } from '../drafts/index.ts';
import { AppError } from '../errors.ts';
import { purgeClientReviews } from '../denial-reviews/index.ts';
import { noteContents, purgeClientNotes } from '../notes/index.ts';
import { getPractice } from '../practice/index.ts';
import { purgeClientReleases, releaseContents, writeLetter, type FolderPicker } from '../releases/index.ts';
import { purgePlansOfClient } from '../plans/index.ts';
import { purgeClientRestrictions } from '../restrictions/index.ts';
import type { Session } from '../sessions/index.ts';
import { destructionCertificate } from './documents.ts';
import {
  endPermits,
  getTombstone,
  grantPermit,
  insertTombstone,
  listTombstones,
  purgeOwnRows,
  type TombstoneRow,
} from './queries.ts';
import { readRegister, setAsideRegister, writeRegister } from './register.ts';
import { ruleInWords } from './rules.ts';
import { assertOwner, readRetentionSetting, toTombstone, type RetentionService } from './service.ts';

/**
 * Removes every row of the chart from every room, in the caller's transaction. A room whose rows
 * still point at the client and that cannot purge them makes the delete of the client's row fail
 * (foreign keys are on), and the whole destruction is undone.
 */
async function purgeChart(trx: Kysely<DB>, clientId: string, at: string): Promise<void> {
  await grantPermit(trx, clientId, at);
  // Rows that name another room's rows go first: amendments name notes, reviews name releases.
  const amendmentIds = await purgeClientAmendments(trx, clientId);
  await purgeClientRestrictions(trx, clientId);
  await purgeClientEmergencyAccess(trx, clientId);
  await purgeClientReviews(trx, clientId);
  await purgeClientSuspensions(trx, clientId);
  await purgeClientDiagnoses(trx, clientId);
  await purgePlansOfClient(trx, clientId);
  const noteIds = await purgeClientNotes(trx, clientId);
  const releaseIds = await purgeClientReleases(trx, clientId);
  await purgeClientDrafts(trx, clientId, [...noteIds, ...releaseIds, ...amendmentIds]);
  await purgeOwnRows(trx, clientId);
  await purgeClientChart(trx, clientId);
  await endPermits(trx);
}

/** How often, and how far apart, the log's truncation is tried while a reader holds it. */
const SCRUB_TRIES = 30;
const SCRUB_PAUSE_MS = 2_000;

function walBytes(databaseFile: string): number {
  try {
    return statSync(`${databaseFile}-wal`).size;
  } catch {
    return 0;
  }
}

const isForeignKeyFailure = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';

export class Destruction {
  private readonly ctx: CoreContext;
  private readonly desk: RetentionService;
  private readonly pickFolder: FolderPicker;
  private readonly registerChanged: () => void;

  constructor(
    ctx: CoreContext,
    desk: RetentionService,
    pickFolder: FolderPicker,
    registerChanged: () => void = () => undefined,
  ) {
    this.ctx = ctx;
    this.desk = desk;
    this.pickFolder = pickFolder;
    this.registerChanged = registerChanged;
  }

  async destroy(session: Session, windowId: string, input: DestroyChartInput): Promise<Tombstone | null> {
    // 45 CFR 164.530(j): the owner, as custodian, decides; the router's role list says so too.
    assertOwner(session);
    const db = readDb(this.ctx);
    const first = await this.desk.assess(db, input.clientId);
    if (input.confirmChartNumber.trim() !== first.facts.chartNumber)
      throw new AppError(
        'INVALID_INPUT',
        'The chart number you typed does not match this chart. Nothing was destroyed.',
      );
    if (first.blockers.length > 0) throw new AppError('CONFLICT', first.blockers.join(' '));
    const destDir = await this.pickFolder(windowId, 'export');
    if (!destDir) return null;
    const rule = await readRetentionSetting(db);
    const contents = {
      ...(await chartContents(db, input.clientId)),
      ...(await noteContents(db, input.clientId)),
      ...(await releaseContents(db, input.clientId)),
    };
    const practice = await getPractice(db);
    const destroyedAt = nowIso(this.ctx);
    const ruleText = ruleInWords(rule, first);
    const today = this.desk.today();
    const done: { row?: TombstoneRow } = {};
    try {
      await writeLetter(this.ctx, {
        destDir,
        baseName: `Stillwater-destruction-${first.facts.chartNumber}-${today}`,
        pdfName: 'destruction-certificate.pdf',
        document: destructionCertificate({
          practice: {
            name: practice?.name ?? 'Practice',
            address: practice
              ? `${practice.address_line1}, ${practice.city}, ${practice.region} ${practice.postal_code}`
              : '',
            privacyContact: practice?.privacy_contact ?? null,
          },
          chartNumber: first.facts.chartNumber,
          registeredOn: first.facts.registeredAt.slice(0, 10),
          lastVisitOn: first.lastVisitOn,
          retainUntil: first.retainUntil,
          ruleText,
          reason: input.reason,
          approvedBy: session.displayName,
          destroyedAt,
          contents,
        }),
        commit: async (trx, letter) => {
          // Checked again where it is decided: a hold or a release placed since the first check wins.
          const now = await this.desk.assess(trx, input.clientId);
          if (now.blockers.length > 0) throw new AppError('CONFLICT', now.blockers.join(' '));
          const row: TombstoneRow = {
            client_id: input.clientId,
            chart_number: now.facts.chartNumber,
            registered_on: now.facts.registeredAt.slice(0, 10),
            last_visit_on: now.lastVisitOn,
            retention_until: now.retainUntil,
            rule: JSON.stringify({ ...rule, basis: now.basis, text: ruleText }),
            reason: input.reason,
            approved_by: session.userId,
            approved_by_name: session.displayName,
            destroyed_at: destroyedAt,
            certificate_folder: letter.folder,
            certificate_sha256: letter.manifestSha256,
          };
          done.row = row;
          await purgeChart(trx, input.clientId, destroyedAt);
          await insertTombstone(trx, row);
          await this.ctx.audit.append(trx, actorOf(session), {
            action: 'chart.destroy',
            targetType: 'client',
            targetId: input.clientId,
            detail: {
              chartNumber: row.chart_number,
              retainUntil: row.retention_until,
              basis: now.basis,
              certificateSha256: letter.manifestSha256,
            },
          });
        },
      });
    } catch (error) {
      if (isForeignKeyFailure(error))
        throw new AppError(
          'CONFLICT',
          'This chart has records that Stillwater cannot remove yet (another part of the record still points to it). Nothing was destroyed.',
        );
      throw error;
    }
    const row = done.row;
    if (!row) throw new AppError('INTERNAL', 'The destruction was not recorded.');
    try {
      await this.remember();
      this.registerChanged();
    } catch (error) {
      // The chart is destroyed; the register catches up from the tombstones at the next unlock.
      this.ctx.logger.log('error', 'retention.registerWriteFailed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
    await this.scrub();
    return toTombstone(row);
  }

  /** reapply, for the unlock: a failure is logged and never keeps anyone from signing in. */
  async reapplyAtUnlock(): Promise<void> {
    try {
      await this.reapply();
    } catch (error) {
      this.ctx.logger.log('error', 'retention.reapplyFailed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  /**
   * At every unlock: each chart in the register that is back in the database (an older backup was
   * restored) is destroyed again, its tombstone put back, and the register brought up to date with
   * the database's tombstones. A register this practice's key does not open orders nothing: it is
   * set aside under another name (kept, logged) and a new one is started from the tombstones.
   */
  async reapply(): Promise<number> {
    const key = this.ctx.vault.copyDataKey();
    try {
      let entries = readRegister(this.ctx.vault.dataDir, key);
      if (entries === 'unreadable') {
        this.ctx.logger.log('error', 'retention.registerUnreadable', {});
        setAsideRegister(this.ctx.vault.dataDir, this.ctx.clock.now());
        entries = [];
      }
      let again = 0;
      for (const e of entries) {
        const db = readDb(this.ctx);
        const present = await chartFactsOf(db, e.client_id);
        const tomb = await getTombstone(db, e.client_id);
        if (!present && tomb) continue;
        await inTransaction(this.ctx, async (trx) => {
          await purgeChart(trx, e.client_id, nowIso(this.ctx));
          if (!(await getTombstone(trx, e.client_id))) await insertTombstone(trx, e);
          await this.ctx.audit.append(trx, SYSTEM_ACTOR, {
            action: 'chart.destroyReapplied',
            targetType: 'client',
            targetId: e.client_id,
            detail: { chartNumber: e.chart_number, destroyedAt: e.destroyed_at },
          });
        });
        again++;
      }
      const inDb = await listTombstones(readDb(this.ctx));
      const known = new Set(entries.map((e) => e.client_id));
      const missing = inDb.filter((t) => !known.has(t.client_id));
      if (missing.length > 0) writeRegister(this.ctx.vault.dataDir, key, [...entries, ...missing]);
      if (again > 0) await this.scrub();
      return again;
    } finally {
      key.fill(0);
    }
  }

  /** Adds the database's tombstones to the register (after a destruction). */
  private async remember(): Promise<void> {
    const key = this.ctx.vault.copyDataKey();
    try {
      const entries = readRegister(this.ctx.vault.dataDir, key);
      if (entries === 'unreadable') throw new Error('register unreadable');
      const known = new Set(entries.map((e) => e.client_id));
      const inDb = await listTombstones(readDb(this.ctx));
      writeRegister(this.ctx.vault.dataDir, key, [
        ...entries,
        ...inDb.filter((t) => !known.has(t.client_id)),
      ]);
    } finally {
      key.fill(0);
    }
  }

  /**
   * Moves every page into the database file and truncates the write-ahead log, on a worker thread,
   * so that neither the file's pages nor the log keep an earlier image of a page that held the
   * chart. A reader (a backup, the audit check after an unlock) can hold the log for a while: the
   * truncation is tried again every few seconds until it succeeds, and a failure is logged.
   */
  private async scrub(tries = SCRUB_TRIES): Promise<void> {
    if (!this.ctx.vault.isOpen) return;
    const file = this.ctx.vault.databaseFile;
    try {
      await truncateLogAside(file, this.ctx.vault.copyDataKey());
    } catch (error) {
      this.ctx.logger.log('warn', 'retention.scrubFailed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
    const left = walBytes(file);
    if (left === 0) return;
    if (tries <= 1) {
      this.ctx.logger.log('error', 'retention.walNotTruncated', { bytes: left });
      return;
    }
    this.ctx.clock.setTimeout(() => {
      void this.scrub(tries - 1);
    }, SCRUB_PAUSE_MS);
  }
}
