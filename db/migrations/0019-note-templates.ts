// 0019: the practice's own note templates (issue 20), versioned. Placeholder: filled in by the part that owns it.
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // Filled in with the tables of this part.
}
