// Suspensions of a client's accounting of disclosures (45 CFR 164.528(a)(2)): a health oversight
// agency's or law enforcement official's statement, recorded against one recipient of the client's
// disclosure log, written (for the period it specifies) or oral (documented with the agency and the
// official, 30 days at most unless a written statement follows within them).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import type { FieldIssue } from '../../../preload/contract/common.ts';
import type { SuspensionInput, SuspensionRecord } from '../../../preload/contract/suspensions.ts';
import { chartAccess } from '../access/index.ts';
import {
  actorOf,
  inTransaction,
  nowIso,
  readDb,
  recordAudit,
  todayLocal,
  type CoreContext,
} from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { staffNames } from '../staff/index.ts';
import { insertSuspension, suspensionsOfClient, type SuspensionRow } from './queries.ts';
import { inForce, oralLastDay } from './rules.ts';

/** The recipients in a client's disclosure log, exactly as stored (the releases room's door gives it). */
export type RecipientsOf = (db: Kysely<DB>, clientId: string) => Promise<string[]>;

const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', message, { fields: [{ path, message } satisfies FieldIssue] });

export class SuspensionsService {
  private readonly ctx: CoreContext;
  private readonly recipientsOf: RecipientsOf;

  constructor(ctx: CoreContext, recipientsOf: RecipientsOf) {
    this.ctx = ctx;
    this.recipientsOf = recipientsOf;
  }

  private async records(clientId: string): Promise<SuspensionRecord[]> {
    const db = readDb(this.ctx);
    const rows = await suspensionsOfClient(db, clientId);
    const names = await staffNames(
      db,
      rows.map((r) => r.recorded_by),
    );
    const today = todayLocal(this.ctx);
    return rows.map((r) => ({
      id: r.id,
      recipientName: r.recipient_name,
      kind: r.kind,
      agency: r.agency,
      official: r.official,
      statedOn: r.stated_on,
      endsOn: r.ends_on,
      followedBy: rows.find((s) => s.follows_id === r.id)?.id ?? null,
      followsId: r.follows_id,
      note: r.note,
      inForce: inForce(r, rows, today),
      recordedBy: names.get(r.recorded_by) ?? 'Unknown',
      recordedAt: r.recorded_at,
    }));
  }

  async list(session: Session, clientId: string) {
    const db = readDb(this.ctx);
    await chartAccess(db, session, clientId);
    const result = {
      suspensions: await this.records(clientId),
      recipients: await this.recipientsOf(db, clientId),
    };
    await recordAudit(this.ctx, actorOf(session), {
      action: 'suspension.list',
      targetType: 'client',
      targetId: clientId,
      detail: { count: result.suspensions.length },
    });
    return result;
  }

  async record(session: Session, input: z.output<typeof SuspensionInput>): Promise<SuspensionRecord> {
    const db = readDb(this.ctx);
    await chartAccess(db, session, input.clientId);
    const today = todayLocal(this.ctx);
    if (input.statedOn > today)
      throw invalid('statedOn', 'The date of the statement cannot be in the future.');
    // Only disclosures to the agency or official that made the statement are left out: the
    // recipient is one of the log's, matched exactly (164.528(a)(2)).
    if (!(await this.recipientsOf(db, input.clientId)).includes(input.recipientName)) {
      throw invalid('recipientName', 'Choose a recipient from this client’s disclosure log.');
    }
    let endsOn: string;
    if (input.kind === 'oral') {
      if (input.until !== undefined)
        throw invalid(
          'until',
          'An oral statement suspends for 30 days at most; a written one states its period.',
        );
      if (input.followsId !== undefined)
        throw invalid('followsId', 'Only a written statement can follow an oral one.');
      // 164.528(a)(2)(ii): documented, and no longer than 30 days from the oral statement.
      endsOn = oralLastDay(input.statedOn);
    } else {
      if (input.until === undefined)
        throw invalid('until', 'Enter the last day of the period the written statement specifies.');
      if (input.until < input.statedOn)
        throw invalid('until', 'The period cannot end before the date of the statement.');
      endsOn = input.until;
      if (input.followsId !== undefined) await this.assertFollows(input, input.followsId);
    }
    const row = {
      id: randomUUID(),
      client_id: input.clientId,
      recipient_name: input.recipientName,
      kind: input.kind,
      agency: input.agency,
      official: input.official,
      stated_on: input.statedOn,
      ends_on: endsOn,
      follows_id: input.followsId ?? null,
      note: input.note ?? null,
      recorded_by: session.userId,
      recorded_at: nowIso(this.ctx),
    };
    await inTransaction(this.ctx, async (trx) => {
      await insertSuspension(trx, row);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'suspension.record',
        targetType: 'client',
        targetId: input.clientId,
        detail: {
          suspensionId: row.id,
          kind: row.kind,
          statedOn: row.stated_on,
          endsOn,
          followsId: row.follows_id,
        },
      });
    });
    const saved = (await this.records(input.clientId)).find((s) => s.id === row.id);
    if (!saved) throw new AppError('INTERNAL', 'The statement could not be read back.');
    return saved;
  }

  /** 164.528(a)(2)(ii): a written statement continues an oral one only when made within its 30 days. */
  private async assertFollows(input: z.output<typeof SuspensionInput>, followsId: string): Promise<void> {
    const all = await suspensionsOfClient(readDb(this.ctx), input.clientId);
    const oral: SuspensionRow | undefined = all.find((s) => s.id === followsId);
    if (oral?.kind !== 'oral')
      throw invalid('followsId', 'Choose an oral statement recorded for this client.');
    if (oral.recipient_name !== input.recipientName)
      throw invalid(
        'followsId',
        'The written statement must be from the same agency or official as the oral one.',
      );
    if (all.some((s) => s.follows_id === oral.id))
      throw invalid('followsId', 'A written statement already follows that oral statement.');
    if (input.statedOn < oral.stated_on || input.statedOn > oral.ends_on)
      throw invalid(
        'statedOn',
        'The oral statement had lapsed: a written statement continues it only when made within its 30 days. Record it as a new written statement.',
      );
  }
}
