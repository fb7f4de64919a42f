// Form drafts, per user, inside the encrypted database: what someone was typing survives a
// crash, a lock or a closed window, and only they can read it back.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/session-manager.ts';

async function getDraft(db: Kysely<DB>, userId: string, key: string) {
  return db
    .selectFrom('drafts')
    .select(['data', 'updated_at'])
    .where('user_id', '=', userId)
    .where('draft_key', '=', key)
    .executeTakeFirst();
}

type Json = z.infer<ReturnType<typeof z.json>>;

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

  async get(session: Session, key: string): Promise<{ data: Json; savedAt: string } | null> {
    const row = await getDraft(readDb(this.ctx), session.userId, key);
    return row ? { data: JSON.parse(row.data) as Json, savedAt: row.updated_at } : null;
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
