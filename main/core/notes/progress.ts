// The marks signed progress notes made on a client's treatment-plan goals and objectives, for the
// plan view (issue 20). Goal and objective ids are stable across plan revisions, so the marks of
// every plan version are returned; the plan view places each under its goal or objective.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { NoteGoalMark } from '../../../preload/contract/note-links.ts';
import { chartAccessOrNull, isActiveStaff, mayReadNote } from '../access/index.ts';
import type { Session } from '../sessions/index.ts';
import { staffNames } from '../staff/index.ts';
import { parseNoteLinks } from './codecs.ts';
import { signedNoteIntact } from './content-hash.ts';
import { markedNotes } from './queries.ts';

/**
 * The marks of the client's signed progress notes, oldest service date first. Drafts never count;
 * a note that fails its integrity check is left out (its marks are not what was signed; notes.get
 * flags and audits it). With `reader`, only the notes that reader may open (mayReadNote: a Part 2
 * note's marks reach only the care team, 42 CFR 2.12(c)(3)); the caller has checked the chart.
 */
export async function progressOnPlan(
  db: Kysely<DB>,
  clientId: string,
  reader?: Session,
): Promise<NoteGoalMark[]> {
  const notes = (await markedNotes(db, clientId)).filter(signedNoteIntact);
  const chart = reader ? await chartAccessOrNull(db, reader, clientId) : null;
  const readable = [];
  for (const n of notes) {
    if (!reader || mayReadNote(reader, n, chart, await isActiveStaff(db, n.author_id))) readable.push(n);
  }
  const names = await staffNames(
    db,
    readable.map((n) => n.author_id),
  );
  return readable.flatMap((n) =>
    (parseNoteLinks(n).goalProgress ?? []).map((m) => ({
      noteId: n.id,
      serviceDate: n.service_date,
      authorName: names.get(n.author_id) ?? '',
      goalId: m.goalId,
      objectiveId: m.objectiveId,
      progress: m.progress,
      comment: m.comment,
    })),
  );
}
