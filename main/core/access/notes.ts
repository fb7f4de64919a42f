// Who may read and write which note (DESIGN.md sections 3 and 4): drafts belong to their author
// alone, psychotherapy notes to their author (and the owner as custodian once the author has left);
// signed progress notes to the client's clinical team, Part 2 notes to its care team only;
// a supervisor reads what their supervisee asks them to co-sign. notes.get, search, the timeline
// and the release preview ask mayReadNote / mayReadPsychotherapyNote.
import type { Kysely } from 'kysely';
import type { DB, NoteRow } from '../../../db/schema.ts';
import { AppError } from '../errors.ts';
import { getNote } from '../notes/index.ts';
import type { Session } from '../sessions/index.ts';
import { getUser } from '../staff/index.ts';
import { chartAccessOrNull, type ChartAccess } from './chart.ts';

export const noteNotFound = (options: { exists?: boolean } = {}): AppError =>
  // A note that exists but is not the caller's answers the same, and is audited as a refusal.
  new AppError('NOT_FOUND', 'That note does not exist or is not yours to open.', {
    refused: options.exists === true,
  });

type Reader = Pick<Session, 'userId' | 'role'>;

/**
 * The one rule for a psychotherapy note's content (45 CFR 164.501, 164.508(a)(2); DESIGN.md
 * sections 3 and 5): its author reads it; the practice owner reads it only as records custodian
 * once the author is no longer active staff.
 */
export function mayReadPsychotherapyNote(
  reader: Reader,
  note: { author_id: string },
  authorActive: boolean,
): boolean {
  if (note.author_id === reader.userId) return true;
  return reader.role === 'owner' && !authorActive;
}

export interface NoteFacts {
  author_id: string;
  kind: 'progress' | 'psychotherapy';
  status: 'draft' | 'signed';
  part2: number;
  cosign_by: string | null;
}

/**
 * The one rule for a note: `chart` is what chartAccess grants on its client (null: refused),
 * `authorActive` whether its author is still active staff (the custodian rule).
 */
export function mayReadNote(
  reader: Reader,
  note: NoteFacts,
  chart: Pick<ChartAccess, 'clinical' | 'part2' | 'cover'> | null,
  authorActive: boolean,
): boolean {
  if (note.author_id === reader.userId) return true;
  if (note.status === 'draft') return false;
  if (note.kind === 'psychotherapy') return mayReadPsychotherapyNote(reader, note, authorActive);
  if (note.cosign_by === reader.userId) return true;
  // Planned cover reads signed progress notes (not Part 2 ones: its part2 is false).
  if (!chart?.clinical && !chart?.cover) return false;
  return note.part2 !== 1 || chart.part2;
}

export async function isActiveStaff(db: Kysely<DB>, userId: string): Promise<boolean> {
  return (await getUser(db, userId))?.active === 1;
}

export async function canReadNote(db: Kysely<DB>, session: Session, note: NoteRow): Promise<boolean> {
  const chart = await chartAccessOrNull(db, session, note.client_id, { reading: true });
  return mayReadNote(session, note, chart, await isActiveStaff(db, note.author_id));
}

/**
 * Loads a note the session may read; otherwise NOT_FOUND (not FORBIDDEN), so that the existence
 * of someone's psychotherapy note or draft is not revealed.
 */
export async function readableNote(db: Kysely<DB>, session: Session, noteId: string): Promise<NoteRow> {
  const note = await getNote(db, noteId);
  if (!note) throw noteNotFound();
  if (!(await canReadNote(db, session, note))) throw noteNotFound({ exists: true });
  return note;
}

export async function ownDraft(db: Kysely<DB>, session: Session, noteId: string): Promise<NoteRow> {
  const note = await getNote(db, noteId);
  if (!note) throw noteNotFound();
  if (note.author_id !== session.userId) throw noteNotFound({ exists: true });
  if (note.status !== 'draft') {
    throw new AppError('LOCKED', 'This note is signed and can no longer be edited. Add an addendum instead.');
  }
  return note;
}
