// Stored JSON in note rows, read through zod (STYLE.md rule 17): a note's sections are a map from
// section name to its text. A row edited on disk into anything else is refused (DATABASE_DAMAGED).
import { z } from 'zod';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

export const NoteSections = z.record(z.string(), z.string());
export type NoteSections = z.infer<typeof NoteSections>;

export const damagedNote = (id: string | null) => () =>
  new UnreadableRecord({ type: 'note', id }, unreadableMessage('note'));

/** A note's sections column (`id`: the note's, named in the audit entry when it does not parse). */
export const parseSections = (n: { id?: string; sections: string }): NoteSections =>
  parseStored(NoteSections, n.sections, damagedNote(n.id ?? null));
