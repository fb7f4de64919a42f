// The owner's inactivity settings (timeout, warning), kept in the encrypted settings table.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { SESSION_DEFAULTS, type SessionSettings } from '../../../preload/contract/session.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { auditUnreadable } from '../audit/index.ts';
import { readSetting, writeSetting } from '../settings-store.ts';
import { UnreadableRecord } from '../stored-json.ts';
import { parseSessionSettings } from './codecs.ts';
import type { Session } from './session-manager.ts';

const KEY = 'session';

export async function readSessionSettings(db: Kysely<DB>): Promise<SessionSettings> {
  const value = await readSetting(db, KEY);
  return value !== undefined ? parseSessionSettings(value) : { ...SESSION_DEFAULTS };
}

export class SessionSettingsService {
  private readonly ctx: CoreContext;
  /** The settings in force, loaded when the vault opens; read by the timer without the database. */
  current: SessionSettings = { ...SESSION_DEFAULTS };
  private readonly onChange: () => void;

  constructor(ctx: CoreContext, onChange: () => void) {
    this.ctx = ctx;
    this.onChange = onChange;
  }

  /** At unlock. A stored row that does not parse leaves the defaults in force, and is audited. */
  async load(): Promise<SessionSettings> {
    try {
      this.current = await readSessionSettings(readDb(this.ctx));
    } catch (error) {
      if (!(error instanceof UnreadableRecord)) throw error;
      this.current = { ...SESSION_DEFAULTS };
      await auditUnreadable(this.ctx, null, error.record, 'unlock');
    }
    return this.current;
  }

  async update(session: Session, next: SessionSettings): Promise<SessionSettings> {
    const before = this.current;
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await writeSetting(trx, KEY, JSON.stringify(next), now);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'settings.update',
        targetType: 'settings',
        targetId: KEY,
        detail: { before: { ...before }, after: { ...next } },
      });
    });
    this.current = next;
    this.onChange();
    return next;
  }
}
