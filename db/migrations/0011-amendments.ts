// Issue 19 (amendments): a placeholder while this migration is written; it lands with its tables.
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // Tables come with the issue-19 work on amendments.
}
