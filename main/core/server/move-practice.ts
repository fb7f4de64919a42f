// Moving a single-computer practice onto the practice server (issue 22): every record copied in one
// transaction and proven equal table by table (db/postgres/copy-practice.ts), and the audit log
// proven whole on both sides: on this computer it must reach the head sealed in the keychain (a
// tail cut or an edit by someone holding the recovery key stops the move), and on the server it
// must verify from its first entry to that same last entry before the copy commits. The local
// database is only read: it stays where it is, kept aside.
import type pg from 'pg';
import type { SqliteHandle } from '../../../db/connection.ts';
import {
  copyPracticeToServer,
  CopyRefusedError,
  type TableCopy,
} from '../../../db/postgres/copy-practice.ts';
import { onConnection } from '../../../db/postgres/open.ts';
import type { AuditRow } from '../../../db/schema.ts';
import { ACKNOWLEDGED_ACTION, checkAgainstHead, walkChain, walkEntries, type Head } from '../audit/index.ts';
import { indexAllClients } from '../clients/index.ts';
import { AppError } from '../errors.ts';

export interface MoveReport {
  readonly tables: readonly TableCopy[];
  readonly auditEntries: number;
  readonly auditHead: string;
}

const refused = (message: string): AppError => new AppError('CONFLICT', message);

/** Rows as pg reads them (bigint as text) made the rows the chain was written from. */
const auditRow = (row: Record<string, unknown>): AuditRow => ({
  ...(row as unknown as AuditRow),
  seq: Number(row['seq']),
});

const doesNotVerify = (where: 'this computer' | 'the server', message: string): AppError =>
  refused(`The audit log on ${where} does not verify: ${message} Nothing was moved.`);

export async function movePracticeToServer(
  sqlite: SqliteHandle,
  head: Head,
  server: pg.ClientBase,
): Promise<MoveReport> {
  const atHead = checkAgainstHead(sqlite, head);
  if (atHead) throw doesNotVerify('this computer', atHead.message);
  const { walk: local, problem } = walkChain(sqlite);
  if (problem) throw doesNotVerify('this computer', problem.message);
  try {
    const tables = await copyPracticeToServer(sqlite, server, async (db) => {
      const acks = await db.query<{ detail: string }>('select detail from audit_log where action = $1', [
        ACKNOWLEDGED_ACTION,
      ]);
      const { rows } = await db.query<Record<string, unknown>>('select * from audit_log order by seq');
      const copy = walkEntries(acks.rows, rows.map(auditRow));
      if (copy.problem) throw doesNotVerify('the server', copy.problem.message);
      if (copy.walk.checked !== local.checked || copy.walk.lastHash !== local.lastHash) {
        throw refused(
          'The audit log on the server does not end where this computer’s does. Nothing was moved.',
        );
      }
      // The search index is built on the server from the records, not copied (FTS5 has no twin there).
      await indexAllClients(onConnection(db));
    });
    // The server's log ends where this computer's does (checked above).
    return { tables, auditEntries: local.checked, auditHead: local.lastHash };
  } catch (error) {
    if (error instanceof CopyRefusedError) throw refused(error.message);
    throw error;
  }
}
