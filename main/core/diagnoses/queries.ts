// The diagnoses room's SQL: a client's diagnoses with their versions, and the shipped code list
// with its full-text index (raw SQL only for FTS5 MATCH and its rebuild).
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, DiagnosesTable, DiagnosisVersionsTable } from '../../../db/schema.ts';

export type DiagnosisRow = Selectable<DiagnosesTable>;
export type DiagnosisVersionRow = Selectable<DiagnosisVersionsTable>;
export interface CodeRow {
  code: string;
  description: string;
}

export async function insertDiagnosis(db: Kysely<DB>, row: DiagnosisRow): Promise<void> {
  await db.insertInto('diagnoses').values(row).execute();
}

export async function insertVersion(db: Kysely<DB>, row: DiagnosisVersionRow): Promise<void> {
  await db.insertInto('diagnosis_versions').values(row).execute();
}

export async function getDiagnosis(db: Kysely<DB>, id: string): Promise<DiagnosisRow | undefined> {
  return db.selectFrom('diagnoses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A client's diagnoses recorded at or before `at` (ISO time). */
export async function diagnosesOf(db: Kysely<DB>, clientId: string, at: string): Promise<DiagnosisRow[]> {
  return db
    .selectFrom('diagnoses')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('recorded_at', '<=', at)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

/**
 * The version of each of a client's diagnoses in force at `at`: the highest written by then. A
 * client has a handful of versions, so they are read in one indexed scan and the highest kept here
 * (a correlated NOT EXISTS cost more to build and run than the rows it saves; the plan view asks
 * twice per open).
 */
export async function versionsInForce(
  db: Kysely<DB>,
  clientId: string,
  at: string,
): Promise<DiagnosisVersionRow[]> {
  const rows = await db
    .selectFrom('diagnosis_versions')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('at', '<=', at)
    .execute();
  const highest = new Map<string, DiagnosisVersionRow>();
  for (const row of rows) {
    const kept = highest.get(row.diagnosis_id);
    if (!kept || row.version > kept.version) highest.set(row.diagnosis_id, row);
  }
  return [...highest.values()];
}

export async function versionsOf(db: Kysely<DB>, diagnosisId: string): Promise<DiagnosisVersionRow[]> {
  return db
    .selectFrom('diagnosis_versions')
    .selectAll()
    .where('diagnosis_id', '=', diagnosisId)
    .orderBy('version')
    .execute();
}

/** The chart's destruction (retention): its diagnoses go with it, under the purge permit. */
export async function purgeClient(db: Kysely<DB>, clientId: string): Promise<void> {
  await db.deleteFrom('diagnosis_versions').where('client_id', '=', clientId).execute();
  await db.deleteFrom('diagnoses').where('client_id', '=', clientId).execute();
}

// The code list.

export async function codeSetVersion(db: Kysely<DB>): Promise<string | null> {
  const row = await db.selectFrom('icd10_code_set').select('version').where('id', '=', 1).executeTakeFirst();
  return row?.version ?? null;
}

/** Replaces the whole list and its index with `codes` (inside the caller's transaction). */
export async function replaceCodeSet(
  db: Kysely<DB>,
  version: string,
  codes: readonly CodeRow[],
  at: string,
): Promise<void> {
  await db.deleteFrom('icd10_codes').execute();
  for (let i = 0; i < codes.length; i += 200) {
    await db
      .insertInto('icd10_codes')
      .values(
        codes
          .slice(i, i + 200)
          .map((c) => ({ code: c.code, compact: c.code.replace('.', ''), description: c.description })),
      )
      .execute();
  }
  await sql`INSERT INTO icd10_codes_fts (icd10_codes_fts) VALUES ('rebuild')`.execute(db);
  await db
    .insertInto('icd10_code_set')
    .values({ id: 1, version, codes: codes.length, loaded_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ version, codes: codes.length, loaded_at: at }))
    .execute();
}

export async function getCode(db: Kysely<DB>, code: string): Promise<CodeRow | undefined> {
  return db
    .selectFrom('icd10_codes')
    .select(['code', 'description'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Listed codes that start with `compact` (upper case, no dot): by the unique index's range. */
export async function codesByPrefix(db: Kysely<DB>, compact: string, limit: number): Promise<CodeRow[]> {
  return db
    .selectFrom('icd10_codes')
    .select(['code', 'description'])
    .where('compact', '>=', compact)
    .where('compact', '<', `${compact}\u{10FFFF}`)
    .orderBy('compact')
    .limit(limit)
    .execute();
}

/**
 * Codes whose words match an FTS5 query (already built from safe tokens), best first: those whose
 * description starts with `lead` (the first word typed: "panic" finds "Panic disorder" before
 * "Agoraphobia with panic disorder"), then by FTS5's rank.
 */
export async function codesByWords(
  db: Kysely<DB>,
  match: string,
  lead: string,
  limit: number,
): Promise<CodeRow[]> {
  const result = await sql<CodeRow>`
    SELECT c.code, c.description FROM icd10_codes_fts f JOIN icd10_codes c ON c.rowid = f.rowid
    WHERE icd10_codes_fts MATCH ${match}
    ORDER BY CASE WHEN c.description LIKE ${`${lead}%`} THEN 0 ELSE 1 END, f.rank, c.code
    LIMIT ${limit}`.execute(db);
  return result.rows;
}
