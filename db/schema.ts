// Row types for every table, as kysely sees them. Keep in step with the migrations.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface PracticeTable {
  id: number;
  name: string;
  address_line1: string;
  address_line2: string | null;
  city: string;
  region: string;
  postal_code: string;
  phone: string | null;
  privacy_contact: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: 'owner' | 'clinician' | 'front_desk';
  active: number;
  must_change_password: number;
  credentials: string | null;
  license_number: string | null;
  created_at: string;
  updated_at: string;
  deactivated_at: string | null;
}

/** 0024: an invitation's outstanding one-time code (its expiry, never the code). */
export interface StaffInvitationsTable {
  user_id: string;
  issued_at: string;
  issued_by: string;
  expires_at: string;
}

/** 0024: the professional will: who receives a clinician's caseload when they leave. */
export interface RecordsCustodiansTable {
  clinician_id: string;
  custodian_id: string;
  named_at: string;
  named_by: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** Confidential communications on the chart (0013, 164.522(b)); confidential_since is NULL while none is on file. */
export interface ClientConfidentialColumns {
  confidential_address_line1: string | null;
  confidential_address_line2: string | null;
  confidential_city: string | null;
  confidential_region: string | null;
  confidential_postal_code: string | null;
  confidential_phone: string | null;
  confidential_no_voicemail: Generated<number>;
  confidential_note: string | null;
  confidential_since: string | null;
}

export interface ClientsTable extends ClientConfidentialColumns {
  seq: Generated<number>;
  id: string;
  chart_number: string;
  legal_first_name: string;
  legal_last_name: string;
  sort_key: string;
  preferred_name: string | null;
  pronouns: string | null;
  date_of_birth: string;
  gender_identity: string | null;
  phone: string | null;
  email: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  voicemail_ok: number;
  voicemail_number: string | null;
  text_ok: number;
  text_number: string | null;
  email_ok: number;
  email_address: string | null;
  insurance_carrier: string | null;
  insurance_member_id: string | null;
  insurance_group: string | null;
  insurance_subscriber_name: string | null;
  insurance_subscriber_relation: string | null;
  emergency_name: string | null;
  emergency_relation: string | null;
  emergency_phone: string | null;
  referral_source: string | null;
  primary_clinician_id: string;
  minor_self_consent_basis: string | null;
  status: 'active' | 'inactive' | 'discharged';
  status_date: string;
  status_reason: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface ClientGuardiansTable {
  id: string;
  client_id: string;
  position: number;
  name: string;
  relation: string;
  phone: string;
  email: string | null;
  legal_authority: string;
  authority_note: string | null;
}

export interface ClientStatusHistoryTable {
  id: Generated<number>;
  client_id: string;
  status: string;
  effective_date: string;
  reason: string | null;
  changed_by: string;
  changed_at: string;
}

export interface CareTeamTable {
  client_id: string;
  user_id: string;
  added_by: string;
  added_at: string;
}

export interface IntakesTable {
  client_id: string;
  presenting_concern: string | null;
  psychiatric_history: string | null;
  medical_history: string | null;
  medications: string | null;
  pcp_name: string | null;
  pcp_phone: string | null;
  substance_use: string | null;
  substance_use_part2: number;
  risk: string;
  status: 'in_progress' | 'completed';
  completed_at: string | null;
  completed_by: string | null;
  updated_at: string;
  updated_by: string;
}

export interface ConsentsTable {
  id: string;
  client_id: string;
  kind: 'treatment' | 'privacy_notice' | 'telehealth' | 'communications';
  given_on: string;
  minor_consented_alone: number;
  legal_basis: string | null;
  /** Treatment consents: who consented to this episode of care (LEGAL.md, minors). Null on rows made before 0005. */
  basis: 'client' | 'guardian' | 'minor_alone' | 'court' | 'confidentiality_agreement' | null;
  notes: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface ConsentSignaturesTable {
  id: string;
  consent_id: string;
  position: number;
  signer_name: string;
  signer_role: string;
  authority: string | null;
  signed_on: string;
  witness_name: string | null;
}

export interface ScreeningsTable {
  id: string;
  client_id: string;
  instrument: 'phq9' | 'gad7';
  administered_on: string;
  items: string;
  total: number;
  severity: string;
  item9_positive: number;
  difficulty: number | null;
  context: 'intake' | 'follow_up';
  administered_by: string;
  created_at: string;
  /** The episode of care (treatment consent) in effect when it was given. */
  episode_id: string | null;
}

export interface DraftsTable {
  user_id: string;
  draft_key: string;
  data: string;
  updated_at: string;
}

export interface ClientsFtsTable {
  rowid: number;
  terms: string;
}

export interface NotesTable {
  seq: Generated<number>;
  id: string;
  client_id: string;
  author_id: string;
  kind: 'progress' | 'psychotherapy';
  template: 'soap' | 'dap' | 'birp' | 'free' | 'custom';
  service_date: string;
  start_time: string | null;
  end_time: string | null;
  duration_minutes: number | null;
  service_code: string | null;
  modality: string | null;
  location: string | null;
  participants: string | null;
  risk_level: string | null;
  risk_plan: string | null;
  sections: string;
  part2: number;
  status: 'draft' | 'signed';
  signed_at: string | null;
  content_hash: string | null;
  cosign_by: string | null;
  cosigned_by: string | null;
  cosigned_at: string | null;
  created_at: string;
  updated_at: string;
  /** The episode of care (treatment consent) the note belongs to, fixed when it is signed. */
  episode_id: string | null;
  /** SHA-256 over the content hash, co-signer and time of the co-signature (migration 0006). */
  cosign_hash: string | null;
  /** JSON: the client's diagnoses the note addressed, as they stood at signing (migration 0018). */
  addressed_diagnoses: string | null;
  /** JSON: the note's marks on the goals and objectives of the client's signed plan (migration 0018). */
  goal_progress: string | null;
  /** The practice template version the note was written in (note_templates, migration 0019). */
  template_version_id: string | null;
}

export interface NoteAddendaTable {
  id: string;
  note_id: string;
  author_id: string;
  text: string;
  signed_at: string;
  content_hash: string;
}

export interface SupervisionTable {
  supervisee_id: string;
  supervisor_id: string;
  set_by: string;
  set_at: string;
}

export interface ReleaseRequestsTable {
  id: string;
  client_id: string;
  kind: 'access' | 'third_party' | 'legal_order' | 'emergency';
  status: 'draft' | 'authorized' | 'approved' | 'exported' | 'denied' | 'revoked' | 'expired';
  received_on: string;
  due_on: string | null;
  extension: string | null;
  details: string;
  assigned_clinician_id: string;
  selection: string | null;
  approved_by: string | null;
  approved_at: string | null;
  denial: string | null;
  denied_by: string | null;
  denied_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** The approval in force (release_approvals.id); null before approval and after a return to review. */
  approval_id: string | null;
  denied_role: 'owner' | 'clinician' | null;
  /** Why the request went back to review, in words for the reviewer. */
  review_note: string | null;
  /** 0014: when a reviewing official reversed the denial (164.524(d)(4)); null: never. */
  review_reversed_at: string | null;
}

export interface ReleaseAuthorizationsTable {
  id: string;
  request_id: string;
  type: 'hipaa' | 'psychotherapy_notes' | 'part2';
  fields: string;
  expires_on: string | null;
  revoked_on: string | null;
  revocation_note: string | null;
  attachment_name: string | null;
  attachment_type: string | null;
  attachment: Buffer | null;
  recorded_by: string;
  recorded_at: string;
  /** When the revocation was entered (it takes effect from then) and by whom. */
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface ReleaseApprovalsTable {
  id: string;
  request_id: string;
  approved_by: string;
  approver_role: 'owner' | 'clinician';
  approved_at: string;
  selection: string;
}

export interface ReleaseApprovalItemsTable {
  approval_id: string;
  position: number;
  /** diagnosis and treatment_plan since 0020. */
  item_kind:
    | 'demographics'
    | 'intake'
    | 'substance_use'
    | 'consent'
    | 'screening'
    | 'note'
    | 'addendum'
    | 'diagnosis'
    | 'treatment_plan';
  record_id: string;
  content_hash: string;
  authorities: string;
}

export interface ExportJobsTable {
  id: string;
  request_id: string;
  temp_dir: string;
  final_dir: string;
  state: 'writing' | 'committed' | 'done' | 'abandoned';
  manifest_sha256: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface DisclosuresTable {
  id: string;
  client_id: string;
  request_id: string | null;
  disclosed_on: string;
  recipient_name: string;
  recipient_address: string | null;
  description: string;
  purpose: string;
  basis:
    | 'access'
    | 'authorization'
    | 'legal_order'
    | 'emergency'
    | 'mandated_report'
    | 'required_by_law'
    | 'other';
  manual: number;
  manifest_sha256: string | null;
  package_name: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface AmendmentRequestsTable {
  id: string;
  client_id: string;
  received_on: string;
  request_text: string;
  include_if_denied: number;
  include_asked_on: string | null;
  due_on: string;
  extended_due_on: string | null;
  extension_reason: string | null;
  extension_notified_on: string | null;
  extended_by: string | null;
  status: 'open' | 'accepted' | 'denied';
  decided_on: string | null;
  decided_by: string | null;
  decided_as: 'author' | 'primary' | 'custodian' | null;
  amendment_text: string | null;
  denial_basis: 'not_created_here' | 'not_in_record_set' | 'not_open_to_access' | 'accurate_complete' | null;
  denial_explanation: string | null;
  statement_text: string | null;
  statement_filed_on: string | null;
  statement_recorded_by: string | null;
  rebuttal_text: string | null;
  rebuttal_written_on: string | null;
  rebuttal_by: string | null;
  notify_named: Generated<string>;
  notify_agreed_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface AmendmentRecordsTable {
  request_id: string;
  position: number;
  item_kind: 'demographics' | 'intake' | 'substance_use' | 'consent' | 'screening' | 'note' | 'addendum';
  record_id: string;
  label: string;
}

export interface AmendmentNoticesTable {
  id: string;
  request_id: string;
  position: number;
  recipient_name: string;
  recipient_address: string | null;
  source: 'client' | 'disclosure_log';
  disclosure_id: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface AmendmentLettersTable {
  id: string;
  request_id: string;
  kind: 'denial' | 'acceptance' | 'notice' | 'rebuttal' | 'extension';
  notice_id: string | null;
  folder: string;
  manifest_sha256: string;
  written_by: string;
  written_at: string;
}

/** 0014: the review of a reviewable denial of access (45 CFR 164.524(a)(4)). */
export interface DenialReviewsTable {
  id: string;
  request_id: string;
  client_id: string;
  denied_at: string;
  denied_by: string;
  received_on: string;
  received_how: 'written' | 'oral';
  due_on: string;
  recorded_by: string;
  recorded_at: string;
  reviewer_kind: 'staff' | 'outside';
  reviewer_user_id: string | null;
  reviewer_name: string;
  reviewer_credentials: string | null;
  reviewer_contact: string | null;
  outcome: 'upheld' | 'reversed' | null;
  reasons: string | null;
  decided_on: string | null;
  decision_recorded_by: string | null;
  decision_recorded_at: string | null;
  notice_folder: string | null;
  notice_manifest_sha256: string | null;
  notice_written_at: string | null;
  notice_written_by: string | null;
}

/** 0014: an agency's or official's statement suspending the accounting (45 CFR 164.528(a)(2)). */
export interface AccountingSuspensionsTable {
  id: string;
  client_id: string;
  recipient_name: string;
  kind: 'written' | 'oral';
  agency: string;
  official: string;
  stated_on: string;
  ends_on: string;
  follows_id: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** 0015: a permit row exists only inside a chart's destruction (it lets the delete guards give way). */
export interface ChartPurgePermitsTable {
  client_id: string;
  granted_at: string;
}

export interface RetentionHoldsTable {
  id: string;
  client_id: string;
  reason: string;
  placed_by: string;
  placed_at: string;
  lifted_by: string | null;
  lifted_at: string | null;
  lift_reason: string | null;
}

export interface ChartTombstonesTable {
  client_id: string;
  chart_number: string;
  registered_on: string;
  last_visit_on: string | null;
  retention_until: string;
  /** JSON: the retention rule applied (retention/codecs.ts). */
  rule: string;
  reason: string;
  approved_by: string;
  approved_by_name: string;
  destroyed_at: string;
  certificate_folder: string;
  certificate_sha256: string;
}

export interface DeletionRequestsTable {
  id: string;
  client_id: string;
  received_on: string;
  due_on: string;
  request_text: string;
  recorded_by: string;
  recorded_at: string;
  answered_at: string | null;
  answered_by: string | null;
  letter_folder: string | null;
  letter_sha256: string | null;
}

/** 0012: a client's request to restrict disclosures (45 CFR 164.522(a)); JSON columns via the room's codec. */
export interface RestrictionRequestsTable {
  id: string;
  client_id: string;
  received_on: string;
  request_text: string;
  self_pay: 0 | 1;
  scope: string;
  recipient: string;
  purposes: string;
  status: 'requested' | 'agreed' | 'declined' | 'terminated';
  decided_on: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  terminated_on: string | null;
  terminated_how: 'client_written' | 'client_oral' | 'practice_notice' | null;
  termination_note: string | null;
  terminated_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** 0016: the shipped ICD-10-CM list (loaded at unlock from main/core/diagnoses/data/). */
export interface Icd10CodesTable {
  code: string;
  compact: string;
  description: string;
}

export interface Icd10CodeSetTable {
  id: number;
  version: string;
  codes: number;
  loaded_at: string;
}

/** 0016: a diagnosis as recorded; never updated (its versions carry what changes). */
export interface DiagnosesTable {
  id: string;
  client_id: string;
  code: string;
  description: string;
  in_code_set: number;
  part2: number;
  recorded_by: string;
  recorded_at: string;
}

export interface DiagnosisVersionsTable {
  diagnosis_id: string;
  version: number;
  client_id: string;
  status: 'active' | 'in_remission' | 'resolved' | 'entered_in_error';
  rank: number | null;
  onset_date: string | null;
  reason: string | null;
  by_user: string;
  at: string;
}

/** 0022: planned cover (issue 21): a colleague reads an absent clinician's caseload for a window. */
export interface CoverGrantsTable {
  id: string;
  absent_id: string;
  coverer_id: string;
  granted_by: string;
  starts_ms: number;
  ends_ms: number;
  reason: string;
  granted_at: string;
}

/** 0022: a cover ended before its end time (never changed or removed). */
export interface CoverEndsTable {
  grant_id: string;
  ended_ms: number;
  ended_by: string;
  ended_at: string;
}

/** 0023: a person's TOTP second factor (the secret is encrypted at rest with the database). */
export interface SecondFactorsTable {
  user_id: string;
  secret: string;
  last_used_step: number;
  enrolled_at: string;
}

export interface SecondFactorRecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

/** 0021: emergency access (break-glass); append-only. Its end is started_at + duration_minutes. */
export interface EmergencyGrantsTable {
  id: string;
  client_id: string;
  user_id: string;
  reason: 'danger' | 'covering' | 'medical_emergency' | 'other';
  reason_text: string | null;
  started_at: string;
  duration_minutes: number;
  recipient_name: string | null;
  recipient_facility: string | null;
  disclosure_id: string | null;
}

/** 0021: the owner's or the assigned clinician's acknowledgement of an emergency access. */
export interface EmergencyAcknowledgementsTable {
  grant_id: string;
  user_id: string;
  acknowledged_at: string;
}

export interface DB {
  emergency_grants: EmergencyGrantsTable;
  emergency_acknowledgements: EmergencyAcknowledgementsTable;
  cover_grants: CoverGrantsTable;
  cover_ends: CoverEndsTable;
  second_factors: SecondFactorsTable;
  second_factor_recovery_codes: SecondFactorRecoveryCodesTable;
  practice: PracticeTable;
  users: UsersTable;
  staff_invitations: StaffInvitationsTable;
  records_custodians: RecordsCustodiansTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  clients: ClientsTable;
  client_guardians: ClientGuardiansTable;
  client_status_history: ClientStatusHistoryTable;
  care_team: CareTeamTable;
  intakes: IntakesTable;
  consents: ConsentsTable;
  consent_signatures: ConsentSignaturesTable;
  screenings: ScreeningsTable;
  drafts: DraftsTable;
  clients_fts: ClientsFtsTable;
  notes: NotesTable;
  note_addenda: NoteAddendaTable;
  supervision: SupervisionTable;
  release_requests: ReleaseRequestsTable;
  release_authorizations: ReleaseAuthorizationsTable;
  release_approvals: ReleaseApprovalsTable;
  release_approval_items: ReleaseApprovalItemsTable;
  restriction_requests: RestrictionRequestsTable;
  treatment_plans: TreatmentPlansTable;
  plan_reviews: PlanReviewsTable;
  export_jobs: ExportJobsTable;
  disclosures: DisclosuresTable;
  amendment_requests: AmendmentRequestsTable;
  amendment_records: AmendmentRecordsTable;
  amendment_notices: AmendmentNoticesTable;
  amendment_letters: AmendmentLettersTable;
  denial_reviews: DenialReviewsTable;
  accounting_suspensions: AccountingSuspensionsTable;
  chart_purge_permits: ChartPurgePermitsTable;
  retention_holds: RetentionHoldsTable;
  chart_tombstones: ChartTombstonesTable;
  deletion_requests: DeletionRequestsTable;
  icd10_codes: Icd10CodesTable;
  icd10_code_set: Icd10CodeSetTable;
  diagnoses: DiagnosesTable;
  diagnosis_versions: DiagnosisVersionsTable;
  note_templates: NoteTemplatesTable;
  note_template_versions: NoteTemplateVersionsTable;
}

export type NoteRow = Selectable<NotesTable>;

/** 0019: a practice's own note template; retired once, never deleted. */
export interface NoteTemplatesTable {
  id: string;
  created_at: string;
  created_by: string;
  retired_at: string | null;
  retired_by: string | null;
}

/** 0019: one version of a note template, never changed; sections is JSON read via the room's codec. */
export interface NoteTemplateVersionsTable {
  id: string;
  template_id: string;
  version: number;
  name: string;
  sections: string;
  created_at: string;
  created_by: string;
}

export type ClientRow = Selectable<ClientsTable>;
export type IntakeRow = Selectable<IntakesTable>;
export type ScreeningRow = Selectable<ScreeningsTable>;

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type PracticeRow = Selectable<PracticeTable>;

/** 0017: one version of a client's treatment plan; content is PlanContent JSON, read via the plans room's codec. */
export interface TreatmentPlansTable {
  id: string;
  client_id: string;
  version: number;
  previous_id: string | null;
  status: 'draft' | 'awaiting_client' | 'signed' | 'superseded';
  content: string;
  part2: 0 | 1;
  review_due_on: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  clinician_signed_by: string | null;
  clinician_signed_at: string | null;
  content_hash: string | null;
  client_signer_name: string | null;
  client_signer: 'client' | 'representative' | null;
  client_authority: string | null;
  client_signed_on: string | null;
  client_recorded_by: string | null;
  client_recorded_at: string | null;
  signature_hash: string | null;
  superseded_at: string | null;
}

/** 0017: a review of a signed treatment plan. */
export interface PlanReviewsTable {
  id: string;
  plan_id: string;
  client_id: string;
  reviewed_on: string;
  outcome: 'continue' | 'revise';
  next_review_on: string | null;
  comment: string | null;
  reviewed_by: string;
  recorded_at: string;
}

export type TreatmentPlanRow = Selectable<TreatmentPlansTable>;
export type PlanReviewRow = Selectable<PlanReviewsTable>;
