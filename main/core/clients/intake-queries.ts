// SQL for the clinical intake, consents with their signatures, and screenings.
import type { Kysely } from 'kysely';
import type {
  ConsentsTable,
  DB,
  IntakeRow,
  IntakesTable,
  ScreeningRow,
  ScreeningsTable,
} from '../../../db/schema.ts';
import { staffNames } from '../staff/index.ts';

export async function getIntake(db: Kysely<DB>, clientId: string): Promise<IntakeRow | undefined> {
  return db.selectFrom('intakes').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export async function upsertIntake(db: Kysely<DB>, row: IntakesTable): Promise<void> {
  const { client_id: _id, ...rest } = row;
  await db
    .insertInto('intakes')
    .values(row)
    .onConflict((oc) => oc.column('client_id').doUpdateSet(rest))
    .execute();
}

export async function markIntakeCompleted(
  db: Kysely<DB>,
  clientId: string,
  by: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('intakes')
    .set({ status: 'completed', completed_at: at, completed_by: by, updated_at: at, updated_by: by })
    .where('client_id', '=', clientId)
    .execute();
}

export async function insertConsent(
  db: Kysely<DB>,
  consent: ConsentsTable,
  signatures: {
    id: string;
    signer_name: string;
    signer_role: string;
    authority: string | null;
    signed_on: string;
    witness_name: string | null;
  }[],
): Promise<void> {
  await db.insertInto('consents').values(consent).execute();
  await db
    .insertInto('consent_signatures')
    .values(signatures.map((s, position) => ({ ...s, consent_id: consent.id, position })))
    .execute();
}

export async function listConsents(db: Kysely<DB>, clientId: string) {
  const rows = await db
    .selectFrom('consents')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('given_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
  if (rows.length === 0) return [];
  const names = await staffNames(
    db,
    rows.map((c) => c.recorded_by),
  );
  const consents = rows.map((c) => ({ ...c, recorded_by_name: names.get(c.recorded_by) ?? '' }));
  const signatures = await db
    .selectFrom('consent_signatures')
    .selectAll()
    .where(
      'consent_id',
      'in',
      consents.map((c) => c.id),
    )
    .orderBy('position')
    .execute();
  return consents.map((c) => ({ ...c, signatures: signatures.filter((s) => s.consent_id === c.id) }));
}

export async function insertScreening(db: Kysely<DB>, row: ScreeningsTable): Promise<void> {
  await db.insertInto('screenings').values(row).execute();
}

/** The client's screenings as stored, oldest first. */
export async function screeningRows(db: Kysely<DB>, clientId: string): Promise<ScreeningRow[]> {
  return db
    .selectFrom('screenings')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('administered_on')
    .orderBy('created_at')
    .execute();
}

export async function listScreenings(
  db: Kysely<DB>,
  clientId: string,
): Promise<(ScreeningRow & { administered_by_name: string })[]> {
  const rows = await screeningRows(db, clientId);
  const names = await staffNames(
    db,
    rows.map((s) => s.administered_by),
  );
  return rows.map((s) => ({ ...s, administered_by_name: names.get(s.administered_by) ?? '' }));
}
