// The audit room's door: the hash-chained log (append inside the caller's transaction, verify),
// the log read in words (filtered pages, a chart's Access history, the CSV export), the integrity
// alarm, the unreadable-record entry, and the chain walk and log reads a backup reuses.
export { AuditService, SYSTEM_ACTOR, type AuditActor, type AuditEvent } from './service.ts';
export { AuditIntegrity } from './alarm.ts';
export { AuditReader } from './reader.ts';
export { describeEntry, WORDING, type AuditNames, type WordedEntry } from './wording.ts';
export { auditUnreadable, recordUnreadable } from './unreadable.ts';
export { checkAgainstHead, type Finding, type Head } from './integrity.ts';
export { walkChain, walkEntries } from './integrity.ts';
export { ACKNOWLEDGED_ACTION } from './chain-walk.ts';
export { hasEntryAfter, hasEntryNaming } from './queries.ts';
