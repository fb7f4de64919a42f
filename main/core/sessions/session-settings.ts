// The owner's inactivity settings (timeout, warning), kept in the encrypted settings table.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { SESSION_DEFAULTS, SessionSettings } from '../../../preload/contract/session.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import type { Session } from './session-manager.ts';

const KEY = 'session';

export async function readSessionSettings(db: Kysely<DB>): Promise<SessionSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { ...SESSION_DEFAULTS };
  const parsed = SessionSettings.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : { ...SESSION_DEFAULTS };
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

  async load(): Promise<SessionSettings> {
    this.current = await readSessionSettings(readDb(this.ctx));
    return this.current;
  }

  async update(session: Session, next: SessionSettings): Promise<SessionSettings> {
    const before = this.current;
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: KEY, value: JSON.stringify(next), updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next), updated_at: now }))
        .execute();
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
