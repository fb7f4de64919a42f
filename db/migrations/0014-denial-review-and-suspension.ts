// Issue 19 (denial-review-and-suspension): a placeholder while this migration is written; it lands with its tables.
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // Tables come with the issue-19 work on denial-review-and-suspension.
}
