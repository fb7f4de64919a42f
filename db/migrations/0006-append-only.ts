// 0006: append-only means every write form (issue 15). UPDATE and DELETE triggers alone let
// `INSERT OR REPLACE` / `REPLACE INTO` delete and re-insert a row without firing the delete
// trigger (SQLite fires it only with recursive_triggers on), so every append-only table gets a
// BEFORE INSERT trigger that refuses a row whose key already exists: BEFORE INSERT triggers run
// before conflict resolution, so REPLACE, upsert (DO UPDATE / DO NOTHING) and INSERT OR IGNORE
// are refused too. Consents and their signatures, and a recorded authorization (save its one
// revocation), become append-only here. A note's co-signature becomes write-once and is covered
// by its own hash (cosign_hash), backfilled here for notes co-signed before this version.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

interface AppendOnly {
  table: string;
  /** Each unique key of the table: a new row may not share any of them with an existing row. */
  keys: readonly (readonly string[])[];
  message: string;
}

const TABLES: readonly AppendOnly[] = [
  { table: 'audit_log', keys: [['seq']], message: 'audit log is append-only' },
  { table: 'notes', keys: [['seq'], ['id']], message: 'a note cannot be replaced' },
  { table: 'note_addenda', keys: [['id']], message: 'an addendum cannot be changed' },
  { table: 'disclosures', keys: [['id']], message: 'the disclosure log is append-only' },
  { table: 'release_approvals', keys: [['id']], message: 'an approval cannot be changed' },
  {
    table: 'release_approval_items',
    keys: [['approval_id', 'position']],
    message: 'an approval cannot be changed',
  },
  { table: 'release_authorizations', keys: [['id']], message: 'an authorization cannot be changed' },
  { table: 'consents', keys: [['id']], message: 'a consent cannot be changed' },
  { table: 'consent_signatures', keys: [['id']], message: 'a consent cannot be changed' },
];

const raise = (message: string) => sql.raw(`SELECT RAISE(ABORT, '${message}');`);

/**
 * The co-signature hash as version 1 defines it, frozen here: a migration is history and must
 * compute exactly what the app's cosignHash (main/core/notes/content-hash.ts) verifies as v1
 * (canonical JSON: sorted keys, no whitespace, UTF-8; SHA-256 hex).
 */
function cosignHashV1(n: { id: string; content_hash: string; cosigned_by: string; cosigned_at: string }) {
  const canonical = JSON.stringify({
    contentHash: n.content_hash,
    cosignedAt: n.cosigned_at,
    cosignedBy: n.cosigned_by,
    noteId: n.id,
    v: 1,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) {
    const clash = t.keys
      .map(
        (cols) =>
          `EXISTS (SELECT 1 FROM ${t.table} WHERE ${cols.map((c) => `${c} = NEW.${c}`).join(' AND ')})`,
      )
      .join(' OR ');
    await sql`CREATE TRIGGER ${sql.raw(`${t.table}_no_replace`)} BEFORE INSERT ON ${sql.table(t.table)}
      WHEN ${sql.raw(clash)}
      BEGIN ${raise(t.message)} END`.execute(db);
  }

  // Consents and their signatures are records as signed: corrections are new consents.
  for (const table of ['consents', 'consent_signatures']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE ON ${sql.table(table)}
      BEGIN ${raise('a consent cannot be changed')} END`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${sql.table(table)}
      BEGIN ${raise('a consent cannot be changed')} END`.execute(db);
  }

  // An authorization is recorded as signed; afterwards only its revocation is written, once,
  // whole (date, when it was entered and by whom). 45 CFR 164.508(b)(5): a revocation is added,
  // the authorization itself stays as it was.
  await sql`CREATE TRIGGER release_authorizations_fixed
    BEFORE UPDATE OF id, request_id, type, fields, expires_on, attachment_name, attachment_type,
      attachment, recorded_by, recorded_at ON release_authorizations
    BEGIN ${raise('an authorization cannot be changed')} END`.execute(db);
  await sql`CREATE TRIGGER release_authorizations_revoked_once
    BEFORE UPDATE OF revoked_on, revocation_note, revoked_at, revoked_by ON release_authorizations
    WHEN OLD.revoked_on IS NOT NULL OR OLD.revoked_at IS NOT NULL OR OLD.revoked_by IS NOT NULL
      OR OLD.revocation_note IS NOT NULL
      OR NEW.revoked_on IS NULL OR NEW.revoked_at IS NULL OR NEW.revoked_by IS NULL
    BEGIN ${raise('a revocation is recorded once')} END`.execute(db);
  await sql`CREATE TRIGGER release_authorizations_no_delete BEFORE DELETE ON release_authorizations
    BEGIN ${raise('an authorization cannot be changed')} END`.execute(db);

  // A signed note's remaining columns (0003's trigger lists the content columns).
  await sql`CREATE TRIGGER notes_signed_row_fixed BEFORE UPDATE OF seq, created_at, updated_at ON notes
    WHEN OLD.status = 'signed'
    BEGIN ${raise('a signed note cannot be changed')} END`.execute(db);

  // The co-signature: written once, whole, on a signed note, by the co-signer it asked for.
  await db.schema.alterTable('notes').addColumn('cosign_hash', 'text').execute();
  const cosigned = await sql<{ id: string; content_hash: string; cosigned_by: string; cosigned_at: string }>`
    SELECT id, content_hash, cosigned_by, cosigned_at FROM notes
    WHERE cosigned_by IS NOT NULL AND cosigned_at IS NOT NULL AND content_hash IS NOT NULL`.execute(db);
  for (const n of cosigned.rows) {
    await sql`UPDATE notes SET cosign_hash = ${cosignHashV1(n)} WHERE id = ${n.id}`.execute(db);
  }
  await sql`CREATE TRIGGER notes_cosign_write_once
    BEFORE UPDATE OF cosigned_by, cosigned_at, cosign_hash ON notes
    WHEN OLD.cosigned_by IS NOT NULL OR OLD.cosigned_at IS NOT NULL OR OLD.cosign_hash IS NOT NULL
      OR OLD.status IS NOT 'signed' OR NEW.status IS NOT 'signed'
      OR NEW.cosigned_by IS NULL OR NEW.cosigned_at IS NULL OR NEW.cosign_hash IS NULL
      OR NEW.cosigned_by IS NOT OLD.cosign_by
    BEGIN ${raise('a co-signature is written once and never changed')} END`.execute(db);
  await sql`CREATE TRIGGER notes_cosign_after_signing BEFORE INSERT ON notes
    WHEN NEW.cosigned_by IS NOT NULL OR NEW.cosigned_at IS NOT NULL OR NEW.cosign_hash IS NOT NULL
    BEGIN ${raise('a co-signature is written once and never changed')} END`.execute(db);
}
