// Stored JSON in note rows, read through zod (STYLE.md rule 17): a note's sections are a map from
// section name to its text; what it addressed (0018) is a list of diagnosis copies and one of goal
// marks. A row edited on disk into anything else is refused (DATABASE_DAMAGED).
import { z } from 'zod';
import { AddressedDiagnosis, GoalMarkRecord } from '../../../preload/contract/note-links.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

export const NoteSections = z.record(z.string(), z.string());
export type NoteSections = z.infer<typeof NoteSections>;

export const damagedNote = (id: string | null) => () =>
  new UnreadableRecord({ type: 'note', id }, unreadableMessage('note'));

/** A note's sections column (`id`: the note's, named in the audit entry when it does not parse). */
export const parseSections = (n: { id?: string; sections: string }): NoteSections =>
  parseStored(NoteSections, n.sections, damagedNote(n.id ?? null));

const AddressedDiagnoses = z.array(AddressedDiagnosis);
const GoalMarks = z.array(GoalMarkRecord);

/** What a note addressed (migration 0018), typed; null where the note stored nothing (older notes). */
export interface NoteLinks {
  addressedDiagnoses: AddressedDiagnosis[] | null;
  goalProgress: GoalMarkRecord[] | null;
}

/**
 * A note's addressed diagnoses and goal marks as stored. On a signed note they are the copy taken
 * at signing; a release reads them here (after signedNoteIntact) rather than from today's lists.
 */
export function parseNoteLinks(n: {
  id?: string;
  addressed_diagnoses: string | null;
  goal_progress: string | null;
}): NoteLinks {
  const damaged = damagedNote(n.id ?? null);
  return {
    addressedDiagnoses:
      n.addressed_diagnoses === null ? null : parseStored(AddressedDiagnoses, n.addressed_diagnoses, damaged),
    goalProgress: n.goal_progress === null ? null : parseStored(GoalMarks, n.goal_progress, damaged),
  };
}
