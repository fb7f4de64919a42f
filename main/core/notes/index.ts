// The notes room's door: the services the handlers call, the note reads access makes, and the
// content hashes and section codec a release uses to carry a signed note out intact.
export { NotesService } from './service.ts';
export { NoteSearchService } from './search.ts';
export { SupervisionService } from './supervision.ts';
export { TimelineService } from './timeline.ts';
export { ChartPrint } from './chart-print.ts';
export { endSupervisionOf, getNote, insertNote, writeSearchRow } from './queries.ts';
export { addendumHash, noteHash, signedNoteIntact } from './content-hash.ts';
export { searchBody } from './search-body.ts';
export { parseNoteLinks, parseSections, type NoteLinks } from './codecs.ts';
/** Issue 20: the marks signed progress notes made on a client's plan goals (the plan view). */
export { progressOnPlan } from './progress.ts';
/** Issue 20: a note's section labels from its own template version; notes per template version. */
export { sectionLabels, versionOfNote } from './templates.ts';
export { notesPerTemplateVersion } from './queries.ts';
export { clientAddenda, signedNotesByIds, signedNotesPage } from './queries.ts';
export { noteIdsOfClient, noteLabels, type NoteLabel } from './labels.ts';
/** Issue 19: each chart's last visit, and the removal of a destroyed chart's notes. */
export { lastVisitOf, lastVisits, noteContents, purgeClient as purgeClientNotes } from './retention.ts';
