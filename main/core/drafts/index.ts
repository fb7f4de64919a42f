// The drafts room's door: encrypted form drafts, per person.
export { DraftsService } from './service.ts';
/** Issue 19: a destroyed chart's form drafts go with it. */
export { purgeClient as purgeClientDrafts } from './retention.ts';
