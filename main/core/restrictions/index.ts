// The restrictions room's door (45 CFR 164.522(a), issue 19): a chart's register of restriction
// requests, and the one rule every release path calls to keep restricted records from leaving
// (restrictedRecords), with the audit entry for a restriction the law sets aside.
export { RestrictionsService } from './service.ts';
export { recordOverrides, restrictedRecords } from './enforce.ts';
export { NO_RESTRICTIONS, type RestrictableRecord, type RestrictionCheck } from './rules.ts';
/** Issue 19: what retention reads of a chart's restriction register, and its removal with a destroyed chart. */
export {
  latestRestrictionDocumentation,
  openRestrictions,
  purgeClient as purgeClientRestrictions,
} from './retention.ts';
