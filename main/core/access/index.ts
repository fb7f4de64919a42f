// The access domain's door: who may open which chart, read which note, and how reads of lists
// are logged per client. Every read path (clients, notes, timeline, search, releases) uses these.
export {
  caseloadOf,
  chartAccess,
  chartAccessOrNull,
  chartRights,
  clinicalAccess,
  notOnCaseload,
  progressNoteAccess,
  readOnlyGrant,
  readsPart2Now,
  temporaryAccess,
  type ChartAccess,
  type ChartUse,
  type TemporaryGrant,
} from './chart.ts';
export {
  canReadNote,
  isActiveStaff,
  mayReadNote,
  mayReadPsychotherapyNote,
  noteNotFound,
  ownDraft,
  readableNote,
  type NoteFacts,
} from './notes.ts';
export { chartAuditAccess, mayReadChartAudit } from './chart-audit.ts';
export { ListReadLog } from './read-log.ts';
export { recordDenial } from './denied.ts';
