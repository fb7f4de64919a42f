// Who may read and write which note (DESIGN.md sections 3 and 4): drafts belong to their author
// alone, psychotherapy notes to their author (and the owner as custodian once the author has left);
// signed progress notes to the client's clinical team;
// a supervisor reads what their supervisee asks them to co-sign.
import type { Kysely } from 'kysely';
import type { DB, NoteRow } from '../../../db/schema.ts';
import { chartAccess } from '../clients/access.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/session-manager.ts';
import { getUser } from '../staff/queries.ts';
import { getNote } from './queries.ts';

export const noteNotFound = (): AppError =>
  new AppError('NOT_FOUND', 'That note does not exist or is not yours to open.');

/**
 * The one rule for a psychotherapy note's content (45 CFR 164.501, 164.508(a)(2); DESIGN.md
 * sections 3 and 5): its author reads it; the practice owner reads it only as records custodian
 * once the author is no longer active staff. Notes, search, timelines, release previews,
 * approvals and exports all ask this function.
 */
export function mayReadPsychotherapyNote(
  reader: Pick<Session, 'userId' | 'role'>,
  note: { author_id: string },
  authorActive: boolean,
): boolean {
  if (note.author_id === reader.userId) return true;
  return reader.role === 'owner' && !authorActive;
}

export async function isActiveStaff(db: Kysely<DB>, userId: string): Promise<boolean> {
  return (await getUser(db, userId))?.active === 1;
}

export async function canReadNote(db: Kysely<DB>, session: Session, note: NoteRow): Promise<boolean> {
  if (note.author_id === session.userId) return true;
  if (note.status === 'draft') return false;
  if (note.kind === 'psychotherapy')
    return mayReadPsychotherapyNote(session, note, await isActiveStaff(db, note.author_id));
  if (note.cosign_by === session.userId) return true;
  try {
    return (await chartAccess(db, session, note.client_id)).clinical;
  } catch {
    return false;
  }
}

/**
 * Loads a note the session may read; otherwise NOT_FOUND (not FORBIDDEN), so that the existence
 * of someone's psychotherapy note or draft is not revealed.
 */
export async function readableNote(db: Kysely<DB>, session: Session, noteId: string): Promise<NoteRow> {
  const note = await getNote(db, noteId);
  if (!note || !(await canReadNote(db, session, note))) throw noteNotFound();
  return note;
}

export async function ownDraft(db: Kysely<DB>, session: Session, noteId: string): Promise<NoteRow> {
  const note = await getNote(db, noteId);
  if (!note || note.author_id !== session.userId) throw noteNotFound();
  if (note.status !== 'draft') {
    throw new AppError('LOCKED', 'This note is signed and can no longer be edited. Add an addendum instead.');
  }
  return note;
}
