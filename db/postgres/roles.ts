// The practice server's roles and privileges (issue 22). On SQLite the append-only tables are kept so
// by triggers (migration 0006 and later); on PostgreSQL the app's role is not granted the UPDATE or
// DELETE at all, which no statement of the app's can get around, a trigger dropped or not.
//
//   stillwater_owner  NOLOGIN: owns the database, the `stillwater` schema and every table; schema
//                     changes run as it (SET ROLE), by the owner's setup or an upgrade.
//   stillwater_app    NOLOGIN: what every workstation's sign-in may do: read and write records,
//                     never UPDATE a table in NEVER_UPDATED, never DELETE from one in NEVER_DELETED,
//                     never TRUNCATE, never create or alter anything.
//   sw_<hex>          LOGIN, one per staff member, member of stillwater_app: the server's own log
//                     and pg_stat_activity tell who was connected. Its password is random and lives
//                     in that person's key slot, never in a file.
//
// Role and schema names are fixed here, never typed by anyone; passwords reach the server only as
// SCRAM verifiers, so no log of the server's holds one.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type pg from 'pg';

export const PG_SCHEMA = 'stillwater';
export const PG_OWNER_ROLE = 'stillwater_owner';
export const PG_APP_ROLE = 'stillwater_app';

/** Tables no row of which is ever changed once written (SQLite: an unconditional BEFORE UPDATE trigger). */
export const NEVER_UPDATED = [
  'amendment_letters',
  'amendment_notices',
  'amendment_records',
  'audit_log',
  'chart_tombstones',
  'consent_signatures',
  'consents',
  'cover_ends',
  'cover_grants',
  'diagnoses',
  'diagnosis_versions',
  'disclosures',
  'emergency_acknowledgements',
  'emergency_grants',
  'note_addenda',
  'note_template_versions',
  'plan_reviews',
  'release_approval_items',
  'release_approvals',
] as const;

/**
 * Tables no row of which is ever deleted (SQLite: an unconditional BEFORE DELETE trigger). The others
 * append-only in SQLite refuse a delete unless a chart is being destroyed under a purge permit
 * (retention): that condition stays a trigger on both engines.
 */
export const NEVER_DELETED = [
  'audit_log',
  'chart_tombstones',
  'cover_ends',
  'cover_grants',
  'note_template_versions',
  'note_templates',
] as const;

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** A name Stillwater made itself, checked before it is put into DDL (which takes no parameters). */
export function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error('not a Stillwater role, schema or table name');
  return `"${name}"`;
}

/** A database name as the owner typed it (ServerAddress allows letters, digits, _ and $). */
function databaseIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/.test(name)) throw new Error('not a database name');
  return `"${name}"`;
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677, as libpq's
 * PQencryptPasswordConn builds it): the server never sees the password itself.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  salted.fill(0);
  return `SCRAM-SHA-256$${String(iterations)}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * Run by the practice's PostgreSQL administrator (the owner's setup), connected to the server's
 * maintenance database: the two group roles and the practice database, which nobody else may
 * connect to. Safe to run again.
 */
export async function provisionServer(admin: pg.ClientBase, database: string): Promise<void> {
  for (const role of [PG_OWNER_ROLE, PG_APP_ROLE]) {
    const { rowCount } = await admin.query('select 1 from pg_roles where rolname = $1', [role]);
    if (rowCount === 0) await admin.query(`create role ${ident(role)} nologin noinherit`);
  }
  // The administrator changes the schema as stillwater_owner (SET ROLE); a superuser may anyway.
  await admin.query(`grant ${ident(PG_OWNER_ROLE)} to current_user`);
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (rowCount === 0) {
    await admin.query(
      `create database ${databaseIdent(database)} owner ${ident(PG_OWNER_ROLE)} encoding 'UTF8' template template0`,
    );
  }
  await admin.query(`revoke all on database ${databaseIdent(database)} from public`);
  await admin.query(`grant connect on database ${databaseIdent(database)} to ${ident(PG_APP_ROLE)}`);
}

/**
 * Run by the administrator connected to the practice database: the schema, owned by
 * stillwater_owner, with nothing in `public` for anyone to create objects in.
 */
export async function provisionSchema(admin: pg.ClientBase): Promise<void> {
  await admin.query('revoke create on schema public from public');
  await admin.query(`create schema if not exists ${ident(PG_SCHEMA)} authorization ${ident(PG_OWNER_ROLE)}`);
  await admin.query(`revoke all on schema ${ident(PG_SCHEMA)} from public`);
  await admin.query(`grant usage on schema ${ident(PG_SCHEMA)} to ${ident(PG_APP_ROLE)}`);
}

/**
 * After the schema is created or changed (as stillwater_owner): the app's privileges on every
 * table and sequence, less UPDATE and DELETE where the record is append-only.
 */
export async function grantAppPrivileges(owner: pg.ClientBase): Promise<void> {
  const schema = ident(PG_SCHEMA);
  const app = ident(PG_APP_ROLE);
  await owner.query(`revoke all on all tables in schema ${schema} from public, ${app}`);
  await owner.query(`grant select, insert, update, delete on all tables in schema ${schema} to ${app}`);
  await owner.query(`grant usage, select on all sequences in schema ${schema} to ${app}`);
  const { rows } = await owner.query<{ name: string }>(
    'select tablename as name from pg_tables where schemaname = $1',
    [PG_SCHEMA],
  );
  const present = new Set(rows.map((r) => r.name));
  for (const table of NEVER_UPDATED) {
    if (present.has(table)) await owner.query(`revoke update on ${schema}.${ident(table)} from ${app}`);
  }
  for (const table of NEVER_DELETED) {
    if (present.has(table)) await owner.query(`revoke delete on ${schema}.${ident(table)} from ${app}`);
  }
}

export interface StaffLogin {
  readonly user: string;
  readonly password: string;
}

/** A new login for one staff member, able to do what stillwater_app may and nothing more. */
export async function createStaffLogin(admin: pg.ClientBase): Promise<StaffLogin> {
  const user = `sw_${randomBytes(8).toString('hex')}`;
  const password = randomBytes(32).toString('base64url');
  // DDL takes no parameters: the verifier (not the password) is the only text put in.
  await admin.query(
    `create role ${ident(user)} login in role ${ident(PG_APP_ROLE)} password ${quoteLiteral(scramVerifier(password))}`,
  );
  await admin.query(`alter role ${ident(user)} set search_path = ${ident(PG_SCHEMA)}`);
  return { user, password };
}

/** A staff member's server login, ended at once (deactivation): it can no longer connect. */
export async function dropStaffLogin(admin: pg.ClientBase, user: string): Promise<void> {
  await admin.query(`alter role ${ident(user)} nologin`);
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where usename = $1', [user]);
}
