// The audit log by the record an entry is about (issue 18): a chart's Access history and the
// client filter find a client's entries, and the autosave grouping finds a draft's next save,
// without walking the whole log. An index only: no entry is touched (DESIGN.md section 7).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_id', 'seq']).execute();
}
