-- schema version 1
CREATE INDEX "audit_log_action" on "audit_log" ("action", "seq");
CREATE INDEX "audit_log_actor" on "audit_log" ("actor_id", "seq");
CREATE INDEX "audit_log_at" on "audit_log" ("at");
CREATE TABLE "audit_log" ("seq" integer primary key, "at" text not null, "actor_id" text, "actor_username" text, "action" text not null, "target_type" text, "target_id" text, "detail" text not null, "prev_hash" text not null, "hash" text not null);
CREATE TABLE "practice" ("id" integer primary key check (id = 1), "name" text not null, "address_line1" text not null, "address_line2" text, "city" text not null, "region" text not null, "postal_code" text not null, "phone" text, "privacy_contact" text, "created_at" text not null, "updated_at" text not null);
CREATE TABLE "settings" ("key" text primary key, "value" text not null, "updated_at" text not null);
CREATE TABLE "users" ("id" text primary key, "username" text not null unique COLLATE NOCASE, "display_name" text not null, "role" text not null check (role IN ('owner', 'clinician', 'front_desk')), "active" integer default 1 not null, "must_change_password" integer default 0 not null, "credentials" text, "license_number" text, "created_at" text not null, "updated_at" text not null, "deactivated_at" text);
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
