// Form drafts, per user, inside the encrypted database: what someone was typing survives a
// crash, a lock or a closed window, and only they can read it back.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import type { JsonValue } from '../stored-json.ts';
import { parseDraftData } from './codecs.ts';

async function getDraft(db: Kysely<DB>, userId: string, key: string) {
  return db
    .selectFrom('drafts')
    .select(['data', 'updated_at'])
    .where('user_id', '=', userId)
    .where('draft_key', '=', key)
    .executeTakeFirst();
}

export class DraftsService {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  async save(session: Session, key: string, data: unknown): Promise<{ savedAt: string }> {
    const savedAt = nowIso(this.ctx);
    const row = { user_id: session.userId, draft_key: key, data: JSON.stringify(data), updated_at: savedAt };
    await inTransaction(this.ctx, async (trx) => {
      await trx
        .insertInto('drafts')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['user_id', 'draft_key']).doUpdateSet({ data: row.data, updated_at: savedAt }),
        )
        .execute();
    });
    return { savedAt };
  }

  async get(session: Session, key: string): Promise<{ data: JsonValue; savedAt: string } | null> {
    const row = await getDraft(readDb(this.ctx), session.userId, key);
    return row ? { data: parseDraftData(row.data), savedAt: row.updated_at } : null;
  }

  async discard(session: Session, key: string): Promise<null> {
    await inTransaction(this.ctx, async (trx) => {
      await trx
        .deleteFrom('drafts')
        .where('user_id', '=', session.userId)
        .where('draft_key', '=', key)
        .execute();
    });
    return null;
  }
}
