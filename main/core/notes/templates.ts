// Notes and the practice's own templates (issue 20): which version a note was written in, how a
// note's sections are labelled (the one place that knows: the view, print, timeline and releases
// all come here), and how many notes each version holds (a template in use is only superseded).
import type { Kysely } from 'kysely';
import type { DB, NoteRow } from '../../../db/schema.ts';
import type { NoteTemplateVersion } from '../../../preload/contract/note-templates.ts';
import { noteLayout, type NoteLayout } from '../../../preload/contract/notes.ts';
import { AppError } from '../errors.ts';
import { templateVersions } from '../note-templates/index.ts';

/** The version a note was written in; null for a built-in template. */
export async function versionOfNote(
  db: Kysely<DB>,
  note: Pick<NoteRow, 'template_version_id'>,
): Promise<NoteTemplateVersion | null> {
  const id = note.template_version_id;
  if (id === null) return null;
  const version = (await templateVersions(db, [id])).get(id);
  if (!version) throw new AppError('INTERNAL', 'The template of this note could not be found.');
  return version;
}

/**
 * Each note's section labels, in order, as the note's own template gives them: a built-in
 * template's, or the practice template version the note was written in (never today's version).
 */
export async function sectionLabels(
  db: Kysely<DB>,
  notes: readonly Pick<NoteRow, 'id' | 'template' | 'template_version_id'>[],
): Promise<Map<string, NoteLayout>> {
  const versions = await templateVersions(
    db,
    notes.flatMap((n) => (n.template_version_id ? [n.template_version_id] : [])),
  );
  return new Map(
    notes.map((n) => [
      n.id,
      noteLayout({
        template: n.template,
        templateVersion: n.template_version_id ? (versions.get(n.template_version_id) ?? null) : null,
      }),
    ]),
  );
}
