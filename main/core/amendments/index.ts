// The amendments room's door (45 CFR 164.526, issue 19): a client's requests to amend their record,
// their clock, the decision and its letters, the due-list source, and the one rule for which
// amendments travel with a later disclosure (amendmentsForRelease), which every release path calls.
export {
  amendmentsForRelease,
  DENIAL_BASIS_WORDS,
  type AmendedRecord,
  type AmendmentAttachment,
  type DenialBasis,
} from './for-release.ts';
export { AmendmentsService } from './service.ts';
export { AmendmentLetters } from './letter-service.ts';
export { amendmentDueSource } from './due.ts';
/** Issue 19: what retention reads of a chart's amendment requests, and their removal with a destroyed chart. */
export {
  latestAmendmentDocumentation,
  openAmendments,
  purgeClient as purgeClientAmendments,
} from './retention.ts';
