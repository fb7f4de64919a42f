// 0017: treatment plans (issue 20): versions, signatures, reviews. Placeholder: filled in by the part that owns it.
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // Filled in with the tables of this part.
}
