// Row types for every table, as kysely sees them. Keep in step with the migrations.
import type { Insertable, Selectable } from 'kysely';

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

export interface DB {
  practice: PracticeTable;
  users: UsersTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type PracticeRow = Selectable<PracticeTable>;
