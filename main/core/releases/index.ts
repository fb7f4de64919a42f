// The releases room's door: the service the handlers call, the export recovery run at unlock,
// the offline folder check `npm run verify-release` uses and the fonts the build copies.
export { ReleasesService, type FolderPicker } from './service.ts';
export { recoverExports } from './export-jobs.ts';
export { verifyFolder } from './verify.ts';
export { releaseIdsOfClient, releaseLabels, type ReleaseLabel } from './labels.ts';
export { BUNDLED_FONT_FILES } from './fonts.ts';
/** Letters about a client's rights, set by the same writer as release packages (issue 19). */
export { writeLetter, type LetterJob, type WrittenLetter } from './letter-writer.ts';
/** The stages of a release export, for createCore's test seam. */
export type { Stage as ExportStage } from './package-writer.ts';
