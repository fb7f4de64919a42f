// The drafts room's door: encrypted form drafts, per person.
export { DraftsService } from './service.ts';
