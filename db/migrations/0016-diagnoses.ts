// 0016: diagnoses (issue 20): the ICD-10-CM code list and a client's diagnoses with their history. Placeholder: filled in by the part that owns it.
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // Filled in with the tables of this part.
}
