// Addresses of notes: one note inside its client's chart, a new note, and the Notes area.
import type { NoteKind } from '../../../preload/contract.ts';
import { hrefFor } from '../../app/use-hash-path.ts';

export const noteHref = (clientId: string, noteId: string): string =>
  hrefFor(`clients/${clientId}/notes/${noteId}`);

export const newNoteHref = (clientId: string, kind: NoteKind): string =>
  hrefFor(`clients/${clientId}/notes/new/${kind}`);

export const notesAreaHref = hrefFor('notes');
