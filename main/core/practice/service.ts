// First-run setup and the practice profile (and, beside it, the state-law settings).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { PracticeRow } from '../../../db/schema.ts';
import type { SetupInput } from '../../../preload/contract/auth.ts';
import type { PracticeProfile, PracticeProfileInput } from '../../../preload/contract/practice.ts';
import { SYSTEM_ACTOR } from '../audit/index.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertStrongPassword } from '../password-policy.ts';
import type { Session } from '../sessions/index.ts';
import { insertUser } from '../staff/index.ts';
import { getPractice, insertPractice, updatePractice } from './queries.ts';
import { StateLawService } from './state-law.ts';

type ProfileInput = z.output<typeof PracticeProfileInput>;

const toProfile = (row: PracticeRow): PracticeProfile => ({
  name: row.name,
  addressLine1: row.address_line1,
  addressLine2: row.address_line2,
  city: row.city,
  region: row.region,
  postalCode: row.postal_code,
  phone: row.phone,
  privacyContact: row.privacy_contact,
  updatedAt: row.updated_at,
});

const profileColumns = (p: ProfileInput) => ({
  name: p.name,
  address_line1: p.addressLine1,
  address_line2: p.addressLine2 ?? null,
  city: p.city,
  region: p.region,
  postal_code: p.postalCode,
  phone: p.phone ? p.phone : null,
  privacy_contact: p.privacyContact ?? null,
});

export class PracticeService {
  private readonly ctx: CoreContext;
  /** The state-law deadlines and notice (state-law.ts). */
  readonly stateLaw: StateLawService;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
    this.stateLaw = new StateLawService(ctx);
  }

  /** Creates the practice, the owner's account and the vault. Returns the owner's id and the recovery key. */
  async setup(input: z.output<typeof SetupInput>): Promise<{ ownerId: string; recoveryKey: string }> {
    if (this.ctx.vault.status() !== 'not-set-up') {
      throw new AppError('ALREADY_SET_UP', 'A practice is already set up on this computer. Sign in instead.');
    }
    const { owner, practice } = input;
    assertStrongPassword(owner.password, [owner.username, owner.displayName, practice.name]);
    const ownerId = randomUUID();
    const now = nowIso(this.ctx);
    const { recoveryKey } = await this.ctx.vault.create(
      practice.name,
      { userId: ownerId, username: owner.username, password: owner.password },
      async (vdb) =>
        vdb.db.transaction().execute(async (trx) => {
          await insertPractice(trx, { id: 1, ...profileColumns(practice), created_at: now, updated_at: now });
          await insertUser(trx, {
            id: ownerId,
            username: owner.username,
            display_name: owner.displayName,
            role: 'owner',
            active: 1,
            must_change_password: 0,
            credentials: null,
            license_number: null,
            created_at: now,
            updated_at: now,
            deactivated_at: null,
          });
          const first = await this.ctx.audit.append(trx, SYSTEM_ACTOR, {
            action: 'practice.setup',
            targetType: 'user',
            targetId: ownerId,
            detail: { owner: owner.username },
          });
          return { count: first.seq, hash: first.hash };
        }),
    );
    this.ctx.checkpointer.noteWrite();
    return { ownerId, recoveryKey };
  }

  async get(): Promise<PracticeProfile> {
    const row = await getPractice(readDb(this.ctx));
    if (!row) throw new AppError('NOT_FOUND', 'The practice profile is missing.');
    return toProfile(row);
  }

  async update(session: Session, input: ProfileInput): Promise<PracticeProfile> {
    const before = await this.get();
    const columns = profileColumns(input);
    const changed = Object.entries(columns)
      .filter(([key, value]) => {
        const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) as keyof PracticeProfile;
        return before[camel] !== value;
      })
      .map(([key]) => key);
    if (changed.length === 0) return before;
    await inTransaction(this.ctx, async (trx) => {
      await updatePractice(trx, { ...columns, updated_at: nowIso(this.ctx) });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'practice.update',
        targetType: 'practice',
        detail: { fields: changed },
      });
    });
    this.ctx.vault.setPracticeName(input.name);
    return this.get();
  }
}
