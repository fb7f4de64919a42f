// The practice's state-law deadlines and notice (issue 19), kept in the encrypted settings table
// under the key 'state-law': a practice-wide setting like the backup and inactivity settings, read
// by every room with a legal clock through legalDeadlines and by every letter through stateNotice.
// The settings table rather than new practice columns: the value is read and written whole,
// parsed by one codec, and needs no migration when a deadline is added.
//
// A due date is computed once, from the deadlines in force when the request is recorded (or the
// extension given), and stored with the request: a later change applies to requests recorded
// afterwards and never moves a date the client was already given.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { z } from 'zod';
import {
  FEDERAL_DEADLINES,
  type LegalDeadlines,
  StateLawInput,
  type StateLaw,
} from '../../../preload/contract/state-law.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { readSetting, writeSetting } from '../settings-store.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

export type { LegalDeadlines };

const KEY = 'state-law';

const parseStateLaw = (text: string) =>
  parseStored(
    StateLawInput,
    text,
    () =>
      new UnreadableRecord(
        { type: 'settings', id: KEY },
        unreadableMessage('state-law setting', 'Nothing was changed.'),
      ),
  );

async function readStateLaw(db: Kysely<DB>): Promise<StateLaw> {
  const text = await readSetting(db, KEY);
  if (text === undefined) return { deadlines: { ...FEDERAL_DEADLINES }, stateNotice: null, federal: true };
  const stored = parseStateLaw(text);
  return { deadlines: stored.deadlines, stateNotice: stored.stateNotice ?? null, federal: false };
}

/**
 * The deadlines in days for client-rights requests: the federal ones (164.524(b)(2) access 30 + 30,
 * 164.526(b)(2) amendment 60 + 30, 164.528(c)(1) accounting 60 + 30) unless the practice set
 * shorter ones for its state. Every due date is computed from these.
 */
export async function legalDeadlines(db: Kysely<DB>): Promise<LegalDeadlines> {
  return (await readStateLaw(db)).deadlines;
}

/** The practice's state notice, printed on letters and denials; null when none is set. */
export async function stateNotice(db: Kysely<DB>): Promise<string | null> {
  return (await readStateLaw(db)).stateNotice;
}

/**
 * The one check a setting passes before it is stored: whole days from 1 to the federal maximum
 * (45 CFR 160.203(b): state law may be more stringent than HIPAA, never less). The contract's
 * schema says the same; this holds for callers inside core too.
 */
export function assertStateLaw(input: unknown): z.output<typeof StateLawInput> {
  const parsed = StateLawInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError('INVALID_INPUT', fields[0]?.message ?? 'Check the state-law settings.', { fields });
}

export class StateLawService {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  get(): Promise<StateLaw> {
    return readStateLaw(readDb(this.ctx));
  }

  async update(session: Session, input: unknown): Promise<StateLaw> {
    if (session.role !== 'owner')
      throw new AppError('FORBIDDEN', 'Only the practice owner can change the state-law settings.');
    const next = assertStateLaw(input);
    const before = await this.get();
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await writeSetting(trx, KEY, JSON.stringify(next), now);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'practice.stateLawUpdate',
        targetType: 'practice',
        targetId: KEY,
        detail: {
          before: before.deadlines,
          after: next.deadlines,
          notice: next.stateNotice === undefined ? 'none' : 'set',
        },
      });
    });
    return this.get();
  }
}
