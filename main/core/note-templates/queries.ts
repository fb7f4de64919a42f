// The note templates room's SQL: templates and their versions (migration 0019). A version row is
// only ever inserted; a template row is inserted and, once, retired.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

export type TemplateRow = Awaited<ReturnType<typeof listTemplates>>[number];
export type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];

export async function listTemplates(db: Kysely<DB>) {
  return db.selectFrom('note_templates').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function getTemplate(db: Kysely<DB>, id: string) {
  return db.selectFrom('note_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Versions of these templates (every template when `templateIds` is omitted), newest first. */
export async function versionsOf(db: Kysely<DB>, templateIds?: string[]) {
  return db
    .selectFrom('note_template_versions')
    .selectAll()
    .$if(templateIds !== undefined, (q) => q.where('template_id', 'in', templateIds ?? []))
    .orderBy('template_id')
    .orderBy('version', 'desc')
    .execute();
}

export async function versionsByIds(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('note_template_versions').selectAll().where('id', 'in', ids).execute();
}

/** Each template's latest version number and whether it is retired, for these templates. */
export async function standingOf(db: Kysely<DB>, templateIds: string[]) {
  if (templateIds.length === 0) return [];
  return db
    .selectFrom('note_templates as t')
    .innerJoin('note_template_versions as v', 'v.template_id', 't.id')
    .select((eb) => ['t.id', 't.retired_at', eb.fn.max('v.version').as('latest')])
    .where('t.id', 'in', templateIds)
    .groupBy('t.id')
    .execute();
}

export async function insertTemplate(
  db: Kysely<DB>,
  row: { id: string; created_at: string; created_by: string },
): Promise<void> {
  await db
    .insertInto('note_templates')
    .values({ ...row, retired_at: null, retired_by: null })
    .execute();
}

export async function insertVersion(db: Kysely<DB>, row: DB['note_template_versions']): Promise<void> {
  await db.insertInto('note_template_versions').values(row).execute();
}

/** Retires an active template; 0 when it was already retired. */
export async function retireTemplate(db: Kysely<DB>, id: string, at: string, by: string): Promise<number> {
  const r = await db
    .updateTable('note_templates')
    .set({ retired_at: at, retired_by: by })
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
