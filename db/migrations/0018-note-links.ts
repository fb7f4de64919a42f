// 0018: what a signed note addressed (issue 20). At signing a note stores the client's diagnoses
// it addressed (a copy of each as it stood then: code, words, rank) and its marks on the goals and
// objectives of the client's signed treatment plan, and the version of the practice's own template
// it was written in (0019). The note's content hash covers all three (notes/content-hash.ts, v3),
// so changing them after signing is detected like any other tamper. Existing notes keep NULL and
// their v1/v2 hashes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON: [{ diagnosisId, code, description, rank, part2 }] (preload/contract/note-links.ts).
  await sql`ALTER TABLE notes ADD COLUMN addressed_diagnoses TEXT`.execute(db);
  // JSON: [{ planId, planVersion, goalId, goalText, objectiveId, objectiveText, progress, comment,
  // part2 }]: the goal's and objective's words of the plan version marked against.
  await sql`ALTER TABLE notes ADD COLUMN goal_progress TEXT`.execute(db);
  // The note_templates version (0019) a note in a practice template was written in.
  await sql`ALTER TABLE notes ADD COLUMN template_version_id TEXT`.execute(db);
}
