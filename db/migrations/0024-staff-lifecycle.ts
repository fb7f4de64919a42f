// 0024: the staff lifecycle (issue 21). An invitation's outstanding one-time code: only when it
// expires and who issued it (the code itself is the key slot's Argon2id secret and is never
// stored). And the professional will: the records custodian the owner names, in advance, for each
// clinician, who receives their caseload at deactivation (the owner still confirms).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_invitations')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull().check(sql`expires_at > issued_at`))
    .execute();
  await db.schema
    .createTable('records_custodians')
    .addColumn('clinician_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('custodian_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('named_at', 'text', (c) => c.notNull())
    .addColumn('named_by', 'text', (c) => c.notNull().references('users.id'))
    .addCheckConstraint('records_custodians_not_self', sql`custodian_id <> clinician_id`)
    .execute();
}
