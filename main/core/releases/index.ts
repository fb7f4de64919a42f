// The releases room's door: the service the handlers call, the export recovery run at unlock,
// the offline folder check `npm run verify-release` uses and the fonts the build copies.
export { ReleasesService, type FolderPicker } from './service.ts';
export { recoverExports } from './export-jobs.ts';
export { verifyFolder } from './verify.ts';
export { releaseIdsOfClient, releaseLabels, type ReleaseLabel } from './labels.ts';
export { BUNDLED_FONT_FILES } from './fonts.ts';
/** Letters about a client's rights, set by the same writer as release packages (issue 19). */
export { writeLetter, type LetterJob, type WrittenLetter } from './letter-writer.ts';
/** The review of a reviewable denial (issue 19): the denial as it stands, and access again after a reversal. */
export { deniedRequest, reopenAfterReversal, type DeniedRequest } from './reviewed-denial.ts';
/** A suspension of the accounting names a recipient exactly as the disclosure log stores it (issue 19). */
export { disclosureRecipients, insertDisclosure } from './queries.ts';
/** The stages of a release export, for createCore's test seam. */
export type { Stage as ExportStage } from './package-writer.ts';
/** Issue 19: open releases and HIPAA documentation dates of a chart, and the removal of a destroyed chart's release records. */
export {
  latestDocumentation,
  openReleases,
  releaseContents,
  purgeClient as purgeClientReleases,
} from './retention.ts';
/** Who received given records, from the disclosure log (amendment notices, issue 19). */
export { recipientsOfRecords, type RecordRecipient } from './recipients.ts';
