// The note templates room's door (issue 20): the owner's service, and the version reads the notes
// room makes: a note's own version (any state) and the version a new note may be started in.
export { NoteTemplatesService, templateVersions, versionForNewNote, type NotesWritten } from './service.ts';
