// 0023: a second factor at sign-in (issue 21): each person's TOTP secret (RFC 6238) and the last
// time step a code was accepted for (a code is never accepted twice), and their one-time recovery
// codes, kept only as hashes. The secret sits in the SQLCipher database, encrypted at rest under
// the data key like every record, never in the keyring file. The practice's policy (who must have a
// factor) is the settings row 'secondFactor'.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('second_factors')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    // Base32 (RFC 4648), 32 characters: 160 random bits, as RFC 4226 recommends for SHA-1.
    .addColumn('secret', 'text', (c) => c.notNull().check(sql`length(secret) BETWEEN 16 AND 128`))
    // The 30-second step of the last accepted code; a code for this step or an earlier one is refused.
    .addColumn('last_used_step', 'integer', (c) => c.notNull().check(sql`last_used_step >= 0`))
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('second_factor_recovery_codes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // SHA-256 of the user id and the normalized code (the code holds 50 random bits).
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('second_factor_recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();
  // A used code stays used.
  await sql`CREATE TRIGGER second_factor_recovery_codes_used_once BEFORE UPDATE OF used_at ON second_factor_recovery_codes WHEN OLD.used_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a recovery code works once'); END`.execute(
    db,
  );
}
