// PostgreSQL schema 3: change notices for the workstations (issue 22). A write to a table makes the
// server send NOTIFY stillwater_changes with the table's name when its transaction commits (never
// for one rolled back; one notice per table per transaction), so a workstation refreshes what
// another changed (main/core/server/changes.ts). The name of a table is all a notice carries: no
// id, no value, nothing of a record. Not the audit log, which every read writes to. Server only:
// the SQLite file has one writer. Forward-only: never edit.
import type pg from 'pg';

export const CHANNEL = 'stillwater_changes';

/** The tables whose changes are announced: every table of schema 1 but the audit log. */
export const ANNOUNCED: readonly string[] = [
  'accounting_suspensions',
  'amendment_letters',
  'amendment_notices',
  'amendment_records',
  'amendment_requests',
  'care_team',
  'chart_purge_permits',
  'chart_tombstones',
  'client_guardians',
  'client_status_history',
  'clients',
  'consent_signatures',
  'consents',
  'cover_ends',
  'cover_grants',
  'deletion_requests',
  'denial_reviews',
  'diagnoses',
  'diagnosis_versions',
  'disclosures',
  'drafts',
  'emergency_acknowledgements',
  'emergency_grants',
  'export_jobs',
  'icd10_code_set',
  'icd10_codes',
  'intakes',
  'note_addenda',
  'note_template_versions',
  'note_templates',
  'notes',
  'plan_reviews',
  'practice',
  'records_custodians',
  'release_approval_items',
  'release_approvals',
  'release_authorizations',
  'release_requests',
  'restriction_requests',
  'retention_holds',
  'screenings',
  'second_factor_recovery_codes',
  'second_factors',
  'settings',
  'staff_invitations',
  'supervision',
  'treatment_plans',
  'users',
];

export async function up(owner: pg.ClientBase): Promise<void> {
  await owner.query(
    `create function "notify_change"() returns trigger language plpgsql set search_path = stillwater as $fn$ begin perform pg_notify('${CHANNEL}', TG_TABLE_NAME); return null; end $fn$`,
  );
  for (const table of ANNOUNCED) {
    await owner.query(
      `create trigger "${table}_changed" after insert or update or delete on "${table}" for each statement execute function "notify_change"()`,
    );
  }
}
