// The audit log read by people (issue 18): the owner's filtered pages, a chart's Access history and
// the CSV export, each entry in words (wording.ts) with names looked up through the other rooms'
// doors at read time, and a draft's autosaves grouped into one row per session (queries.ts, AUTOSAVE).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AuditRow, DB } from '../../../db/schema.ts';
import type { AccessHistoryEntry, AuditEntry, AuditFilterInput } from '../../../preload/contract/audit.ts';
import { chartAuditAccess } from '../access/index.ts';
import { clientLabels } from '../clients/index.ts';
import { actorOf, inTransaction, readDb, todayLocal, type CoreContext } from '../context.ts';
import { fsyncDir, writeFileDurable } from '../durable-fs.ts';
import { AppError } from '../errors.ts';
import { noteIdsOfClient, noteLabels } from '../notes/index.ts';
import { releaseIdsOfClient, releaseLabels, type FolderPicker } from '../releases/index.ts';
import type { Session } from '../sessions/index.ts';
import { staffNames } from '../staff/index.ts';
import { csvCell } from './service.ts';
import { autosaveRun, listEntries, type AuditFilter } from './queries.ts';
import { clientOfEntry, describeEntry, type AuditNames, type WordedEntry } from './wording.ts';

type Filter = z.output<typeof AuditFilterInput>;

const worded = (r: AuditRow): WordedEntry => ({
  action: r.action,
  at: r.at,
  actorUsername: r.actor_username,
  targetType: r.target_type,
  targetId: r.target_id,
  detail: r.detail,
});

/** The ids a detail names under `key` (a string or a list), or under `key` in its `filter` (an export's). */
function detailIds(detail: string, key: string): string[] {
  const pick = (o: unknown): string[] => {
    if (typeof o !== 'object' || o === null) return [];
    const v = (o as Record<string, unknown>)[key];
    if (typeof v === 'string') return [v];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  try {
    const value: unknown = JSON.parse(detail);
    return [
      ...pick(value),
      ...(typeof value === 'object' && value !== null ? pick((value as Record<string, unknown>).filter) : []),
    ];
  } catch {
    return [];
  }
}

/** Every name these rows' words need, looked up in a few queries through the rooms' doors. */
async function namesFor(
  db: Kysely<DB>,
  rows: readonly AuditRow[],
  focusClientId?: string,
): Promise<AuditNames> {
  const targets = (type: string) =>
    rows.flatMap((r) => (r.target_type === type && r.target_id ? [r.target_id] : []));
  const notes = await noteLabels(db, targets('note'));
  const releases = await releaseLabels(db, targets('release'));
  const clientIds = new Set<string>([
    ...targets('client'),
    ...rows.flatMap((r) => detailIds(r.detail, 'clientId')),
    ...[...notes.values()].map((n) => n.client_id),
    ...[...releases.values()].map((n) => n.client_id),
    ...(focusClientId ? [focusClientId] : []),
  ]);
  const clients = await clientLabels(db, clientIds);
  const staff = await staffNames(db, [
    ...targets('user'),
    ...rows.flatMap((r) => detailIds(r.detail, 'userId')),
    ...rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
  ]);
  return {
    client: (id) => {
      const c = clients.get(id);
      return c ? `${c.legal_first_name} ${c.legal_last_name}` : null;
    },
    staff: (id) => staff.get(id) ?? null,
    note: (id) => notes.get(id) ?? null,
    release: (id) => releases.get(id) ?? null,
  };
}

/** Entries read and worded at a time by the CSV export, between turns of the event loop. */
export const CSV_CHUNK = 2000;
/** The most entries one CSV holds (as before: narrow the dates for more). */
const CSV_MAX_ROWS = 1_000_000;

const whoDid = (r: AuditRow, names: AuditNames): string =>
  r.actor_id === null
    ? 'Stillwater (system)'
    : (names.staff(r.actor_id) ?? r.actor_username ?? 'A former staff member');

export class AuditReader {
  private readonly ctx: CoreContext;
  private readonly pickFolder: FolderPicker;

  constructor(ctx: CoreContext, pickFolder: FolderPicker) {
    this.ctx = ctx;
    this.pickFolder = pickFolder;
  }

  private async query(
    filter: Filter,
    extra: { beforeSeq?: number | undefined; limit: number; groupAutosaves: boolean },
  ): Promise<AuditRow[]> {
    const db = readDb(this.ctx);
    const { clientId, ...rest } = filter;
    const client = clientId
      ? {
          id: clientId,
          recordIds: [...(await noteIdsOfClient(db, clientId)), ...(await releaseIdsOfClient(db, clientId))],
        }
      : undefined;
    const f: AuditFilter = { ...rest, client, ...extra };
    return listEntries(db, f);
  }

  /**
   * One page of the log, newest first, a draft's autosaves in one session as one row: each row with
   * how many saves it stands for and the first one's time, the names its words need, and the cursor.
   */
  private async page(filter: Filter, beforeSeq: number | undefined, limit: number) {
    const db = readDb(this.ctx);
    const rows = await this.query(filter, { beforeSeq, limit, groupAutosaves: true });
    const names = await namesFor(db, rows, filter.clientId);
    const runs = await Promise.all(
      rows.map(async (r) => {
        if (r.action !== 'note.draftSave') return { r, count: 1, firstAt: r.at };
        const run = await autosaveRun(db, r, filter.from);
        return { r, count: run.count, firstAt: run.firstAt ?? r.at };
      }),
    );
    const last = rows.at(-1);
    return { runs, names, nextBeforeSeq: rows.length === limit && last ? last.seq : null };
  }

  /** The owner's audit log: filtered, newest first, one row per draft per session. */
  async list(
    filter: Filter,
    beforeSeq: number | undefined,
    limit: number,
  ): Promise<{ entries: AuditEntry[]; nextBeforeSeq: number | null }> {
    const { runs, names, nextBeforeSeq } = await this.page(filter, beforeSeq, limit);
    const entries = runs.map(({ r, count, firstAt }) => ({
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      actorUsername: r.actor_username,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      detail: r.detail,
      ...describeEntry(worded(r), names, { count, focusClientId: filter.clientId }),
      count,
      firstAt,
    }));
    return { entries, nextBeforeSeq };
  }

  /**
   * A chart's Access history: who opened, changed, listed or released this client's records. For
   * whoever may read it (access/chart-audit.ts); it carries words, never the stored detail (a list
   * read's detail names other clients).
   */
  async clientHistory(
    session: Session,
    clientId: string,
    beforeSeq: number | undefined,
    limit: number,
  ): Promise<{ entries: AccessHistoryEntry[]; nextBeforeSeq: number | null }> {
    const db = readDb(this.ctx);
    await chartAuditAccess(db, session, clientId);
    // Opening the tab is itself a read of who treats this client; paging on is the same look.
    if (beforeSeq === undefined)
      await inTransaction(this.ctx, (trx) =>
        this.ctx.audit.append(trx, actorOf(session), {
          action: 'client.accessHistoryView',
          targetType: 'client',
          targetId: clientId,
        }),
      );
    const { runs, names, nextBeforeSeq } = await this.page({ clientId }, beforeSeq, limit);
    const entries = runs.map(({ r, count, firstAt }) => ({
      seq: r.seq,
      at: r.at,
      who: whoDid(r, names),
      action: r.action,
      summary: describeEntry(worded(r), names, { count, focusClientId: clientId }).summary,
      count,
      firstAt,
    }));
    return { entries, nextBeforeSeq };
  }

  /**
   * The filtered log as CSV, written by main into a folder the owner picks, and audited. Every entry
   * is a row (no grouping: the file is the record), with its words beside the stored fields and
   * hashes so the file can be checked against the chain. Cells a spreadsheet would run as a formula
   * are defused (csvCell).
   */
  async exportCsv(
    session: Session,
    windowId: string,
    filter: Filter,
  ): Promise<{ saved: true; filename: string; rows: number } | { saved: false }> {
    const db = readDb(this.ctx);
    // Read and worded CSV_CHUNK entries at a time, newest first from the moment the export began
    // (entries appended meanwhile have higher numbers and are not in it), with a turn of the event
    // loop between chunks: a practice's whole log (200,000 entries took 2.5 s in one piece) never
    // holds up another IPC call for longer than one chunk. The file lists them oldest first.
    const chunks: string[][] = [];
    let rows = 0;
    let beforeSeq: number | undefined;
    for (;;) {
      const chunk = await this.query(filter, { beforeSeq, limit: CSV_CHUNK, groupAutosaves: false });
      const names = await namesFor(db, chunk, filter.clientId);
      const lines: string[] = [];
      for (const r of chunk.toReversed()) {
        const words = describeEntry(worded(r), names, { focusClientId: filter.clientId });
        const clientId = clientOfEntry(worded(r), names);
        const cells = [
          r.seq,
          r.at,
          whoDid(r, names),
          words.summary,
          words.target,
          clientId ? names.client(clientId) : null,
          r.actor_id,
          r.actor_username,
          r.action,
          r.target_type,
          r.target_id,
          r.detail,
          r.prev_hash,
          r.hash,
        ];
        lines.push(cells.map(csvCell).join(','));
      }
      chunks.push(lines);
      rows += chunk.length;
      const last = chunk.at(-1);
      if (chunk.length < CSV_CHUNK || !last) break;
      if (rows >= CSV_MAX_ROWS) throw new AppError('CONFLICT', 'The export is too large; narrow the dates.');
      beforeSeq = last.seq;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // The words first (for a person), then every stored field and both hashes (to check the chain).
    const header = [
      'seq',
      'at',
      'who',
      'description',
      'record',
      'client',
      'actor_id',
      'actor_username',
      'action',
      'target_type',
      'target_id',
      'detail',
      'prev_hash',
      'hash',
    ];
    const lines = [header.join(','), ...chunks.toReversed().flat()];
    const csv = `${lines.join('\r\n')}\r\n`;
    if (csv.length > 256 * 1024 * 1024)
      throw new AppError('CONFLICT', 'The export is too large; narrow the dates.');

    const folder = await this.pickFolder(windowId, 'audit-export');
    if (folder === null) return { saved: false };
    const stamp = todayLocal(this.ctx);
    let filename = `stillwater-audit-${stamp}.csv`;
    for (let n = 2; existsSync(join(folder, filename)); n++)
      filename = `stillwater-audit-${stamp} (${String(n)}).csv`;
    const partial = join(folder, `.${filename}.partial`);
    try {
      writeFileDurable(partial, csv, 'wx');
    } catch {
      throw new AppError('CONFLICT', 'The file could not be written to that folder. Choose another folder.');
    }
    try {
      await inTransaction(this.ctx, (trx) =>
        this.ctx.audit.append(trx, actorOf(session), {
          action: 'audit.export',
          detail: {
            rows,
            filename,
            filter: { ...filter },
          },
        }),
      );
    } catch (error) {
      // Not audited, not kept: no copy of the log leaves without its entry.
      rmSync(partial, { force: true });
      throw error;
    }
    renameSync(partial, join(folder, filename));
    fsyncDir(folder);
    return { saved: true, filename, rows };
  }
}
